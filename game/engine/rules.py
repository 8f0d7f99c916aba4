"""The rules: start a game, list what may be done, apply a move.

Pure functions over immutable ``State`` values: no I/O, no global state, and
every chance element comes from the seed given to ``new_game``.

A game is played in rounds (turns). Each round, the events due fire first (a seat may
have to choose how to answer one), then every seat at the table (the scenario's
negotiators and its mediator, in the scenario's order) makes one move; after each move
the other seats' scripted reactions to it run; at the end of the round the meters drift
and the deadline is checked. A question waits for the answer of the seat it is put to
(``answer honest|vague|posture|decline``) before the round goes on: answering is not that
seat's move for the round, and whoever plays the seat chooses how (the rules do not know
who). A deal closes when every negotiator has accepted the same full package: a
negotiator's own proposal counts as its acceptance, a new proposal clears the
acceptances of the old one, and a mediator's acceptance is never needed.
Who plays a seat does not change the rules; it only decides whether the seat's scripted
lines are spoken (``voiced``: the seats the scenario's AI plays).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from types import MappingProxyType

import numpy as np

from game.engine.moves import MANNERS, IllegalMoveError, Move
from game.engine.ratify import ratify
from game.engine.state import Hidden, LogEntry, Offer, Result, State
from game.engine.talk import Question, answer_as, describe_package, manners
from game.scenario.model import OPEN, Scenario
from game.scenario.public import PublicScenario
from game.scenario.schema import Event

SIGNAL_VERBS = {"threaten": "warns of consequences", "promise": "makes a promise",
                "reassure": "offers reassurance", "statement": "makes a public statement",
                "press": "presses", "pass": "waits"}


def new_game(scenario: Scenario, seed: int, *, voiced: Iterable[str] = ()) -> State:
    """A new game. `voiced`: the seats the scenario's AI plays, whose scripted lines are spoken."""
    voiced = frozenset(voiced)
    unknown = voiced - set(scenario.seats)
    if unknown:
        raise ValueError(f"'{sorted(unknown)[0]}' is not a seat of this scenario (seats: {', '.join(scenario.seats)})")
    sc = scenario
    # every uniform number the game needs, drawn at once: the same numbers as drawing them one by one (the
    # generator's stream), taken in this order
    uniform = iter(np.random.default_rng(seed).random(_chances(sc)).tolist())
    draw = uniform.__next__
    reservations = {}
    firm = set()
    for actor, val in sc.valuations.items():
        if val.reservation is not None:
            low, high = val.reservation
            reservations[actor] = low + (high - low) * draw()
        for line in val.red_lines:
            if draw() < line.firm_chance:
                firm.add(line.key)
    meters = []
    for meter in sc.spec.meters.values():
        low, high = meter.start if isinstance(meter.start, list) else (meter.start, meter.start)
        meters.append(float(low + (high - low) * draw()))
    draws = tuple(islice(uniform, len(sc.seats) * (sc.deadline + 2)))
    # drawn last, so that a scenario without ranges of weights or values draws what it always drew
    valuations = sc.draw_valuations(draw) if sc.varies else sc.valuations
    hidden = Hidden(reservations, frozenset(firm), draws, MappingProxyType(dict(valuations)))
    state = State(scenario, seed, hidden, voiced, turn=1, phase="move", to_move=scenario.seats[0],
                  meters=tuple(meters), pressure=(0.0,) * len(scenario.seats), timeline=(tuple(meters),))
    return _start_turn(state)


def _chances(sc: Scenario) -> int:
    """How many uniform numbers `new_game` draws for a game of this scenario (counted once)."""
    found: int | None = sc.cache.get("chances")
    if found is None:
        found = sc.cache["chances"] = (
            sum(val.reservation is not None for val in sc.valuations.values())  # each reservation
            + sum(len(val.red_lines) for val in sc.valuations.values())  # whether each red line is firm
            + len(sc.meters) + len(sc.seats) * (sc.deadline + 2)  # the meters' start, chance events
            + sc.ranges)  # priorities given as ranges
    return found


def legal_kinds(state: State, seat: str | None = None) -> tuple[str, ...]:
    """The kinds of move `seat` (by default the seat to move) may make now: none when it is not its turn."""
    actor = state.to_move
    if state.phase == "over" or actor is None or (seat is not None and seat != actor):
        return ()
    if state.phase == "choice":
        return ("choose",)
    if state.phase == "answer":
        return ("answer",)
    table = state.scenario.legal_kinds_by_table[actor]
    offer = state.offer
    if offer is None or offer.by == actor or actor in state.accepted:
        return table[0]
    return table[2 if offer.full else 1]


def addressees(sc: Scenario | PublicScenario, actor: str, kind: str) -> tuple[str, ...]:
    """The seats a threat, a press or a question of `actor` may be aimed at."""
    if kind == "press" or actor not in sc.negotiators:
        return sc.negotiators
    return sc.others(actor)


def legal_moves(state: State, seat: str | None = None) -> list[Move]:
    """Every legal move except proposals (there can be billions of packages: see `legal_kinds`)."""
    return list(moves_now(state, seat))


def moves_now(state: State, seat: str | None = None, kinds: tuple[str, ...] | None = None) -> tuple[Move, ...]:
    """`legal_moves` as a tuple, shared between states where the same seat may make the same kinds of move.
    `kinds`: `legal_kinds(state, seat)`, when the caller has them."""
    sc = state.scenario
    actor = state.to_move or ""
    if kinds is None:
        kinds = legal_kinds(state, seat)
    if "choose" in kinds:
        event = sc.event(state.pending[0]).spec
        return tuple(Move("choose", target=event.id, choice=c.id) for c in event.choices)
    if "answer" in kinds:
        answers = sc.cache.get("answers")
        if answers is None:
            answers = sc.cache["answers"] = tuple(Move("answer", choice=m) for m in manners(sc))
        return answers  # type: ignore[no-any-return]
    cache = sc.cache.setdefault("moves", {})
    found = cache.get((actor, kinds))
    if found is None:
        moves: list[Move] = []
        for kind in kinds:
            if kind in ("question", "threaten", "press"):
                aims = addressees(sc, actor, kind)
                seats: tuple[str | None, ...] = (None,) if len(aims) == 1 and kind != "press" else aims
                issues = sc.issues if kind == "question" else (None,)
                moves.extend(Move(kind, target=issue, seat=aim) for aim in seats for issue in issues)
            elif kind == "consult":
                moves.extend(Move("consult", target=s) for s in sc.consultable(actor))
            elif kind != "propose":
                moves.append(Move(kind))
        found = cache[(actor, kinds)] = tuple(moves)
    return found


def check(state: State, move: Move) -> None:
    """Raise IllegalMoveError when `move` may not be made now by the seat to move."""
    sc = state.scenario
    event = sc.event(state.pending[0]).spec if state.phase == "choice" else None
    check_move(sc, state.to_move or "", state.phase, legal_kinds(state), event, move)


def check_move(sc: Scenario | PublicScenario, actor: str, phase: str, kinds: tuple[str, ...], event: Event | None,
               move: Move) -> None:
    """The legality of a move from what the seat to move knows (its kinds of move, the event it must answer):
    the rules use it on the state, and a front end on its seat's view, before sending a move."""
    if move.kind not in kinds:
        if phase == "over":
            raise IllegalMoveError("the game is over")
        if phase == "choice" and event is not None:
            raise IllegalMoveError(f"first choose how to answer the event '{event.id}'")
        if phase == "answer":
            raise IllegalMoveError(f"first answer the question put to you: {', '.join(manners(sc))}")
        raise IllegalMoveError(f"'{move.kind}' is not possible now (possible: {', '.join(kinds) or 'none'})")
    if move.kind == "propose":
        package = move.package
        if package is None or len(package) != len(sc.issues):
            raise IllegalMoveError(f"a proposal gives one entry per issue ({len(sc.issues)})")
        if not sc.space.holds(package):
            if any(x != OPEN and not 0 <= x < len(opts) for x, opts in zip(package, sc.options)):
                raise IllegalMoveError("a proposal names an option that does not exist")
            raise IllegalMoveError("a proposal sets at least one issue")
    elif move.kind in ("question", "threaten", "press"):
        aims = addressees(sc, actor, move.kind)
        if move.seat is None and len(aims) != 1:
            raise IllegalMoveError(f"say which side: {', '.join(aims)}")
        if move.seat is not None and move.seat not in aims:
            raise IllegalMoveError(f"'{move.seat}' is not a side you can address (sides: {', '.join(aims)})")
        if move.kind == "question" and move.target not in sc.issue_index:
            raise IllegalMoveError(f"there is no issue '{move.target}'")
    elif move.kind == "consult" and move.target not in sc.consultable(actor):
        raise IllegalMoveError(f"'{move.target}' is not someone your side can consult "
                               f"({', '.join(sc.consultable(actor))})")
    elif move.kind == "answer" and move.choice not in manners(sc):
        raise IllegalMoveError(f"answer one of: {', '.join(manners(sc))}"
                               + (" (a vague answer compares two issues: this scenario has one)"
                                  if move.choice in MANNERS else ""))
    elif move.kind == "choose" and event is not None and (
            move.target != event.id or move.choice not in {c.id for c in event.choices}):
        raise IllegalMoveError(f"choose one of: {', '.join(c.id for c in event.choices)} for '{event.id}'")


def apply(state: State, move: Move) -> State:
    """The state after the seat to move makes `move`."""
    check(state, move)
    actor = state.to_move
    assert actor is not None
    if move.kind == "choose":
        return _choose(state, move)
    if move.kind == "answer":
        return _answer(state, move)
    sc = state.scenario
    speaker = sc.speaker(actor)
    meters = _shift(state.meters, sc.move_effects[(move.kind, actor)])
    entries: list[LogEntry] = []
    changes: dict[str, object] = {"meters": meters, "moves_made": state.moves_made + 1}
    kind = move.kind
    if kind == "propose":
        assert move.package is not None
        offer = Offer(actor, move.package, state.turn)
        same = state.offer is not None and state.offer.package == move.package  # the same package again:
        accepted = state.accepted if same else frozenset()  # not a new proposal, its acceptances stand
        if offer.full and actor in sc.negotiators:
            accepted = accepted | {actor}
        changes.update(offer=offer, offers=(*state.offers, offer), accepted=accepted)
        entries.append(LogEntry(state.turn, speaker, actor, "move",
                                f"proposes {describe_package(sc, move.package)}", move.reason))
        if same and offer.full and accepted.issuperset(sc.negotiators):  # the last side proposes what every other
            result = ratify(state.evolve(meters=meters), move.package, actor)  # side has accepted: a deal, as if
            return _finish(state.evolve(**changes, log=(*state.log, *entries)), result)  # it had accepted
    elif kind == "accept":
        assert state.offer is not None
        accepted = state.accepted | {actor}
        entries.append(LogEntry(state.turn, speaker, actor, "move", "accepts the offer on the table", move.reason))
        if accepted.issuperset(sc.negotiators):
            result = ratify(state.evolve(meters=meters), state.offer.package, actor)
            return _finish(state.evolve(**changes, accepted=accepted, log=(*state.log, *entries)), result)
        changes["accepted"] = accepted
    elif kind == "reject":
        changes.update(offer=None, accepted=frozenset())
        entries.append(LogEntry(state.turn, speaker, actor, "move", "rejects the offer on the table", move.reason))
    elif kind == "walkout":
        entries.append(LogEntry(state.turn, speaker, actor, "move", "walks out of the talks", move.reason))
        return _finish(state.evolve(**changes, log=(*state.log, *entries)),
                       Result("walkout", state.turn, by=actor))
    elif kind == "question":  # the seat asked answers before the round goes on (see _answer)
        other = _addressee(sc, actor, move)
        title = sc.spec.issues[sc.issue_index[move.target or ""]].title
        entries.append(LogEntry(state.turn, speaker, actor, "move",
                                f"asks {_whom(sc, other)} how much {title} matters to them", move.reason))
        changes["asked"] = (actor, other, move.target or "")
    elif kind == "consult":
        target = sc.actors[move.target or ""]
        changes["meters"] = _shift(meters, sc.effects(target.consult.effects) if target.consult else ())
        changes["consulted"] = state.consulted | {target.id}
        entries.append(LogEntry(state.turn, speaker, actor, "move", f"consults {target.name}", move.reason))
        if target.consult and target.consult.line and (target.role == "stakeholder" or target.id in state.voiced):
            # a stakeholder's answer is the scenario's; a mediator's only when the AI plays it
            entries.append(LogEntry(state.turn, sc.speaker(target.id), target.id, "consult", target.consult.line,
                                    audience=frozenset((actor, target.id))))
        if target.role == "stakeholder" and target.id in sc.valuations:
            changes["revealed"] = (*state.revealed, *((actor, target.id, f"red_line:{r.key}")
                                                      for r in sc.valuations[target.id].red_lines))
    else:  # a signal, a press or a pass
        text = SIGNAL_VERBS[kind]
        if kind in ("threaten", "press"):
            other = _addressee(sc, actor, move)
            changes["pressure"] = _pressure(state, actor, other, kind)
            if kind == "press" or len(sc.negotiators) > 2:
                text += f" {_whom(sc, other)}" if kind == "press" else f" ({_whom(sc, other)})"
        entries.append(LogEntry(state.turn, speaker, actor, "move", text, move.reason))
    position = state.position + 1
    if position < len(sc.seats) and kind != "question":  # the next seat of the round (reactions and red lines
        changes.update(position=position, to_move=sc.seats[position])  # do not change it)
    state = state.evolve(**changes, log=(*state.log, *entries))
    aimed = _addressee(sc, actor, move) if kind in ("question", "threaten", "press") else None
    state = _soften(_react(state, kind, actor, aimed))
    escalated = _escalation(state)
    if escalated:
        return _finish(state.evolve(asked=None), escalated)
    if kind == "question":  # the seat asked answers first; the round goes on after its answer
        return state.evolve(phase="answer", to_move=aimed)
    return state if position < len(sc.seats) else _end_turn(state)


def question_of(state: State) -> Question | None:
    """The question the seat to move must answer now, with the chance the seed drew for it."""
    if state.phase != "answer" or state.asked is None:
        return None
    asker, answerer, issue = state.asked
    sc = state.scenario
    draws = state.hidden.draws
    # the answerer's own draw (its index is the answerer's seat, modulo the seats) for this turn and asker
    draw = draws[(len(sc.seats) * (len(sc.seats) * state.turn + sc.seat_index[asker]) + sc.seat_index[answerer])
                 % len(draws)]
    return Question(asker, issue, draw)


def _answer(state: State, move: Move) -> State:
    """The seat asked answers, in the manner it chose; the asker learns the fact, and the round goes on with the
    seat after the asker."""
    sc = state.scenario
    question = question_of(state)
    assert question is not None and state.asked is not None
    answerer = state.asked[1]
    text, fact = answer_as(sc.public, state.valuations[answerer].weights, question.issue, move.choice or "",
                           question.chance)
    entry = LogEntry(state.turn, sc.speaker(answerer), answerer, "answer", text,
                     audience=frozenset((question.asker, answerer)))
    state = state.evolve(asked=None, phase="move", log=(*state.log, entry),
                         revealed=(*state.revealed, (question.asker, answerer, fact)))
    position = state.position + 1
    if position < len(sc.seats):
        return state.evolve(position=position, to_move=sc.seats[position])
    return _end_turn(state)


def _addressee(sc: Scenario, actor: str, move: Move) -> str:
    return move.seat or addressees(sc, actor, move.kind)[0]


def _whom(sc: Scenario, seat: str) -> str:
    return sc.actors[seat].name


def _pressure(state: State, actor: str, target: str, kind: str) -> tuple[float, ...]:
    sc = state.scenario
    spec = sc.move_spec(kind)
    if spec is None or spec.pressure == 0:
        return state.pressure
    unity = sc.actors[actor].unity
    credibility = state.meter(unity) if unity else 1.0
    values = list(state.pressure)
    values[sc.seat_index[target]] += spec.pressure * credibility * sc.deadline
    return tuple(values)


def _shift(meters: tuple[float, ...], effects: tuple[tuple[int, float], ...]) -> tuple[float, ...]:
    if not effects:
        return meters
    values = list(meters)
    for index, delta in effects:
        value = values[index] + delta
        values[index] = 0.0 if value < 0.0 else 1.0 if value > 1.0 else value
    return tuple(values)


def _choose(state: State, move: Move) -> State:
    """A seat answers an event: it reads what it did; the others read what it chose."""
    sc = state.scenario
    rule = sc.event(move.target or "")
    choice = next(c for c in rule.spec.choices if c.id == move.choice)
    actor = state.to_move or ""
    speaker = sc.speaker(actor)
    mine = LogEntry(state.turn, "", actor, "choice", choice.text or choice.label, move.reason,
                    audience=frozenset((actor,)))  # narration for the chooser ("You ...")
    told = choice.public or f"{speaker} chooses: {choice.label}."
    theirs = LogEntry(state.turn, "", actor, "choice", told, audience=frozenset(s for s in sc.seats if s != actor))
    state = state.evolve(meters=_shift(state.meters, rule.choice_effects[choice.id]),
                         chosen=(*state.chosen, (rule.spec.id, choice.id)), pending=state.pending[1:],
                         log=(*state.log, mine, theirs))
    return _ready(state)


def _ready(state: State) -> State:
    """After events and choices: ask the next chooser, or open the round to the first seat."""
    escalated = _escalation(state)
    if escalated:
        return _finish(state, escalated)
    if state.pending:
        chooser = state.scenario.event(state.pending[0]).spec.chooser
        return state.evolve(phase="choice", to_move=chooser)
    first = state.scenario.seats[0]
    if state.phase == "move" and state.position == 0 and state.to_move == first:
        return state  # already open to the first seat
    return state.evolve(phase="move", position=0, to_move=first)


def inject(state: State, event: str) -> State:
    """The instructor fires one of the scenario's events at this table: it happens at the start of the next round,
    whatever its own turn or condition (an event happens once: IllegalMoveError if it has, or is on its way)."""
    sc = state.scenario
    if state.over:
        raise IllegalMoveError("the game is over")
    if event not in {rule.spec.id for rule in sc.events}:
        raise IllegalMoveError(f"there is no event '{event}' in this scenario")
    if state.turn >= sc.deadline:
        raise IllegalMoveError("this is the last round: there is no next round for the event to happen in")
    if event in state.fired or event in state.injected:
        raise IllegalMoveError(f"the event '{event}' has already happened at this table")
    return state.evolve(injected=(*state.injected, event))


def _start_turn(state: State) -> State:
    sc = state.scenario
    for rule in sc.events if state.injected else sc.events_at.get(state.turn, ()):
        event = rule.spec
        if event.id in state.fired:
            continue
        due = event.at_turn is None or event.at_turn == state.turn
        if event.id in state.injected:  # the instructor's: now, whatever its turn or condition
            state = state.evolve(injected=tuple(e for e in state.injected if e != event.id))
        elif not due or (rule.when is not None and not rule.when(state.env())):
            continue
        entries = [LogEntry(state.turn, event.speaker or "", None, "event", f"{event.title}: {event.text}")]
        changes: dict[str, object] = {}
        if rule.tables is not None and sc.mediator is not None:
            offer = Offer(sc.mediator, rule.tables, state.turn)
            changes.update(offer=offer, offers=(*state.offers, offer), accepted=frozenset())
            entries.append(LogEntry(state.turn, sc.speaker(sc.mediator), sc.mediator, "move",
                                    f"tables {describe_package(sc, rule.tables)}"))
        state = state.evolve(meters=_shift(state.meters, rule.effects), fired=state.fired | {event.id},
                             log=(*state.log, *entries), **changes,
                             pending=(*state.pending, event.id) if event.choices else state.pending)
        state = _react(state, f"event:{event.id}")
    state = _react(state, "turn")
    return _ready(_soften(state))


def _react(state: State, trigger: str, mover: str | None = None, aimed: str | None = None) -> State:
    """The seats' scripted reactions to another seat's move kind, an event or the turn. A question, a threat
    or a press is answered only by the seat it is aimed at. Their effects apply whoever plays the seat;
    their lines are spoken only for the seats the scenario's AI plays. Each reaction's condition reads the
    meters as the reactions before it left them."""
    rules = state.scenario.reactions_to.get(trigger)
    if not rules:
        return state
    meters, log, used = state.meters, state.log, state.used_reactions
    env: dict[str, float] | None = None
    for rule in rules:
        if rule.actor == mover or (aimed is not None and rule.actor != aimed) or rule.index in used:
            continue
        if rule.when is not None:
            if env is None:
                env = state.env() if meters is state.meters else state.env_with(meters)
            if not rule.when(env):
                continue
        spec = rule.spec
        if rule.actor in state.voiced:
            log = (*log, LogEntry(state.turn, spec.speaker, rule.actor, "reaction", spec.line))
        if spec.once:
            used = used | {rule.index}
        if rule.effects:
            meters = _shift(meters, rule.effects)
            env = None
    if meters is state.meters and log is state.log and used is state.used_reactions:
        return state  # nothing heard, nothing changed (a silent seat's reaction without effects)
    return state.evolve(meters=meters, log=log, used_reactions=used)


def _soften(state: State) -> State:
    """Bluffed red lines give way once their condition holds."""
    firm, softened = state.hidden.firm, state.softened
    gave: set[str] = set()
    env: dict[str, float] | None = None
    for key, softens_when in state.scenario.softening:
        if key in firm or key in softened:
            continue
        if env is None:
            env = state.env()
        if softens_when(env):
            gave.add(key)
    return state.evolve(softened=softened | gave) if gave else state


def _escalation(state: State) -> Result | None:
    return _escalation_of(state.scenario, state.meters, state.turn)


def _escalation_of(sc: Scenario, meters: tuple[float, ...], turn: int) -> Result | None:
    for index, limit in sc.escalations:
        if meters[index] >= limit:
            return Result("escalation", turn, by=sc.meters[index])
    return None


def _end_turn(state: State) -> State:
    sc = state.scenario
    if sc.drift_rules:
        state = _drift(state)
    meters = _shift(state.meters, sc.drifts)
    timeline = (*state.timeline, meters)
    ended = _escalation_of(sc, meters, state.turn) or (
        Result("deadline", state.turn) if state.turn >= sc.deadline else None)
    if ended:
        return _finish(state.evolve(meters=meters, timeline=timeline), ended)
    return _start_turn(state.evolve(meters=meters, timeline=timeline, turn=state.turn + 1))


def _drift(state: State) -> State:
    """The scenario's `drifts`: at the end of the round, each one whose condition holds (all read the round as
    it ended) changes the meters, whoever plays; a note is added to the record only where the author wrote one."""
    sc = state.scenario
    env = state.env()
    meters = state.meters
    notes = []
    for rule in sc.drift_rules:
        if rule.when is not None and rule.when(env):
            meters = _shift(meters, rule.effects)
            if rule.spec.text:
                notes.append(LogEntry(state.turn, "", None, "note", rule.spec.text))
    if meters is state.meters and not notes:
        return state
    return state.evolve(meters=meters, log=(*state.log, *notes))


def _finish(state: State, result: Result) -> State:
    sc = state.scenario
    outcome = getattr(sc.spec.outcomes, result.kind)
    entry = LogEntry(result.turn, "", None, "outcome", outcome.title)
    timeline = state.timeline if state.timeline[-1] == state.meters else (*state.timeline, state.meters)
    return state.evolve(phase="over", to_move=None, result=result, log=(*state.log, entry), timeline=timeline)
