"""The rules: start a game, list what may be done, apply a move.

Pure functions over immutable ``State`` values: no I/O, no global state, and
every chance element comes from the seed given to ``new_game``.
"""

from __future__ import annotations

import numpy as np

from game.engine.moves import IllegalMoveError, Move
from game.engine.ratify import ratify
from game.engine.state import Hidden, LogEntry, Offer, Result, State
from game.engine.talk import answer_question, describe_package
from game.scenario.model import OPEN, Scenario

SIGNAL_VERBS = {"threaten": "warns of consequences", "promise": "makes a promise",
                "reassure": "offers reassurance", "statement": "makes a public statement"}


def new_game(scenario: Scenario, seed: int, player: str, difficulty: str | None = None) -> State:
    """A new game in which `player` moves first each turn and the other negotiator is the AI's."""
    if player not in scenario.negotiators:
        raise ValueError(f"'{player}' is not a side of this scenario (sides: {', '.join(scenario.negotiators)})")
    level = difficulty or scenario.spec.ai.default_difficulty
    if level not in scenario.spec.ai.difficulties:
        raise ValueError(f"unknown difficulty '{level}' (known: {', '.join(scenario.spec.ai.difficulties)})")
    rng = np.random.default_rng(seed)
    reservations = {}
    firm = set()
    for actor, val in scenario.valuations.items():
        if val.reservation is not None:
            low, high = val.reservation
            reservations[actor] = float(low + (high - low) * rng.random())
        for line in val.red_lines:
            if rng.random() < line.firm_chance:
                firm.add(line.key)
    meters = []
    for meter in scenario.spec.meters.values():
        low, high = meter.start if isinstance(meter.start, list) else (meter.start, meter.start)
        meters.append(float(low + (high - low) * rng.random()))
    draws = tuple(float(x) for x in rng.random(2 * (scenario.deadline + 2)))
    hidden = Hidden(reservations, frozenset(firm), draws)
    state = State(scenario, seed, player, scenario.other(player), level, hidden, turn=1, phase="move",
                  to_move=player, meters=tuple(meters), timeline=(tuple(meters),))
    return _start_turn(state)


def legal_kinds(state: State) -> tuple[str, ...]:
    """The kinds of move the actor to move may make now."""
    if state.phase == "over" or state.to_move is None:
        return ()
    if state.phase == "choice":
        return ("choose",)
    sc = state.scenario
    actor = state.to_move
    offer = state.offer
    if offer is None or offer.by == actor:
        return sc.legal_kinds_by_table[actor][0]
    return sc.legal_kinds_by_table[actor][2 if offer.full else 1]


def legal_moves(state: State) -> list[Move]:
    """Every legal move except proposals (there can be billions of packages: see `legal_kinds`)."""
    sc = state.scenario
    moves: list[Move] = []
    for kind in legal_kinds(state):
        if kind == "choose":
            event = sc.events[_event_index(sc, state.pending[0])].spec
            moves.extend(Move("choose", target=event.id, choice=c.id) for c in event.choices)
        elif kind == "question":
            moves.extend(Move("question", target=issue) for issue in sc.issues)
        elif kind == "consult":
            moves.extend(Move("consult", target=s) for s in sc.backers(state.to_move or ""))
        elif kind != "propose":
            moves.append(Move(kind))
    return moves


def check(state: State, move: Move) -> None:
    """Raise IllegalMoveError when `move` may not be made now."""
    kinds = legal_kinds(state)
    if move.kind not in kinds:
        if state.phase == "over":
            raise IllegalMoveError("the game is over")
        if state.phase == "choice":
            raise IllegalMoveError(f"first choose how to answer the event '{state.pending[0]}'")
        raise IllegalMoveError(f"'{move.kind}' is not possible now (possible: {', '.join(kinds)})")
    sc = state.scenario
    if move.kind == "propose":
        package = move.package
        if package is None or len(package) != len(sc.issues):
            raise IllegalMoveError(f"a proposal gives one entry per issue ({len(sc.issues)})")
        if any(x != OPEN and not 0 <= x < len(opts) for x, opts in zip(package, sc.options)):
            raise IllegalMoveError("a proposal names an option that does not exist")
        if all(x == OPEN for x in package):
            raise IllegalMoveError("a proposal sets at least one issue")
    elif move.kind == "question" and move.target not in sc.issue_index:
        raise IllegalMoveError(f"there is no issue '{move.target}'")
    elif move.kind == "consult" and move.target not in sc.backers(state.to_move or ""):
        raise IllegalMoveError(f"'{move.target}' is not a stakeholder of your side")
    elif move.kind == "choose":
        event = sc.events[_event_index(sc, state.pending[0])].spec
        if move.target != event.id or move.choice not in {c.id for c in event.choices}:
            raise IllegalMoveError(f"choose one of: {', '.join(c.id for c in event.choices)} for '{event.id}'")


def apply(state: State, move: Move) -> State:
    """The state after the actor to move makes `move`."""
    check(state, move)
    actor = state.to_move
    assert actor is not None
    sc = state.scenario
    if move.kind == "choose":
        return _choose(state, move)
    speaker = sc.speaker(actor)
    state = state.evolve(moves_made=state.moves_made + 1)
    meters = _shift(state.meters, sc.move_effects.get((move.kind, actor), ()))
    entries: list[LogEntry] = []
    changes: dict[str, object] = {"meters": meters}
    if move.kind == "propose":
        assert move.package is not None
        offer = Offer(actor, move.package, state.turn)
        changes.update(offer=offer, offers=(*state.offers, offer))
        entries.append(LogEntry(state.turn, speaker, actor, "move",
                                f"proposes {describe_package(sc, move.package)}", move.reason))
    elif move.kind == "accept":
        assert state.offer is not None
        entries.append(LogEntry(state.turn, speaker, actor, "move", "accepts the offer on the table", move.reason))
        result = ratify(state.evolve(meters=meters), state.offer.package, actor)
        return _finish(state.evolve(**changes, log=(*state.log, *entries)), result)
    elif move.kind == "reject":
        changes["offer"] = None
        entries.append(LogEntry(state.turn, speaker, actor, "move", "rejects the offer on the table", move.reason))
    elif move.kind == "walkout":
        entries.append(LogEntry(state.turn, speaker, actor, "move", "walks out of the talks", move.reason))
        return _finish(state.evolve(**changes, log=(*state.log, *entries)),
                       Result("walkout", state.turn, by=actor))
    elif move.kind == "question":
        other = sc.other(actor)
        draw = state.hidden.draws[(2 * state.turn + sc.negotiators.index(actor)) % len(state.hidden.draws)]
        text, fact = answer_question(state, other, move.target or "", draw)
        entries.append(LogEntry(state.turn, speaker, actor, "move",
                                f"asks how much {sc.spec.issues[sc.issue_index[move.target or '']].title} "
                                "matters to the other side", move.reason))
        entries.append(LogEntry(state.turn, sc.speaker(other), other, "answer", text))
        changes["revealed"] = (*state.revealed, (actor, other, fact))
    elif move.kind == "consult":
        stakeholder = sc.actors[move.target or ""]
        changes["meters"] = _shift(meters, sc.effects(stakeholder.consult.effects) if stakeholder.consult else ())
        changes["consulted"] = state.consulted | {stakeholder.id}
        entries.append(LogEntry(state.turn, speaker, actor, "move", f"consults {stakeholder.name}", move.reason))
        if stakeholder.consult and stakeholder.consult.line:
            entries.append(LogEntry(state.turn, stakeholder.leader or stakeholder.name, stakeholder.id,
                                    "consult", stakeholder.consult.line))
        lines = tuple((actor, stakeholder.id, f"red_line:{r.key}")
                      for r in sc.valuations[stakeholder.id].red_lines) if stakeholder.id in sc.valuations else ()
        changes["revealed"] = (*state.revealed, *lines)
    else:  # a signal
        if move.kind == "threaten":
            changes["pressure"] = _pressure(state, actor)
        entries.append(LogEntry(state.turn, speaker, actor, "move", SIGNAL_VERBS[move.kind], move.reason))
    state = state.evolve(**changes, log=(*state.log, *entries))
    if actor == state.player:
        state = _react(state, move.kind)
        state = _soften(state)
        escalated = _escalation(state)
        if escalated:
            return _finish(state, escalated)
        return state.evolve(to_move=state.ai)
    state = _soften(state)
    escalated = _escalation(state)
    if escalated:
        return _finish(state, escalated)
    return _end_turn(state)


def _pressure(state: State, actor: str) -> tuple[float, float]:
    sc = state.scenario
    spec = sc.spec.moves.get("threaten")
    if spec is None or spec.pressure == 0:
        return state.pressure
    unity = sc.actors[actor].unity
    credibility = state.meter(unity) if unity else 1.0
    target = sc.negotiators.index(sc.other(actor))
    values = list(state.pressure)
    values[target] += spec.pressure * credibility * sc.deadline
    return (values[0], values[1])


def _shift(meters: tuple[float, ...], effects: tuple[tuple[int, float], ...]) -> tuple[float, ...]:
    if not effects:
        return meters
    values = list(meters)
    for index, delta in effects:
        value = values[index] + delta
        values[index] = 0.0 if value < 0.0 else 1.0 if value > 1.0 else value
    return tuple(values)


def _event_index(sc: Scenario, event_id: str) -> int:
    return next(e.index for e in sc.events if e.spec.id == event_id)


def _choose(state: State, move: Move) -> State:
    sc = state.scenario
    rule = sc.events[_event_index(sc, move.target or "")]
    choice = next(c for c in rule.spec.choices if c.id == move.choice)
    actor = state.to_move or ""
    entry = LogEntry(state.turn, sc.speaker(actor), actor, "choice", choice.text or choice.label, move.reason)
    state = state.evolve(meters=_shift(state.meters, rule.choice_effects[choice.id]),
                    chosen=(*state.chosen, (rule.spec.id, choice.id)), pending=state.pending[1:],
                    log=(*state.log, entry))
    return _ready(state)


def _ready(state: State) -> State:
    """After events and choices: ask the next chooser, or hand the turn to the player."""
    escalated = _escalation(state)
    if escalated:
        return _finish(state, escalated)
    if state.pending:
        chooser = state.scenario.events[_event_index(state.scenario, state.pending[0])].spec.chooser
        return state.evolve(phase="choice", to_move=chooser)
    return state.evolve(phase="move", to_move=state.player)


def _start_turn(state: State) -> State:
    sc = state.scenario
    for rule in sc.events:
        event = rule.spec
        if event.id in state.fired:
            continue
        if event.at_turn is not None and event.at_turn != state.turn:
            continue
        if rule.when is not None and not rule.when(state.env()):
            continue
        entry = LogEntry(state.turn, event.speaker or "", None, "event", f"{event.title}: {event.text}")
        state = state.evolve(meters=_shift(state.meters, rule.effects), fired=state.fired | {event.id},
                        log=(*state.log, entry),
                        pending=(*state.pending, event.id) if event.choices else state.pending)
        state = _react(state, f"event:{event.id}")
    state = _react(state, "turn")
    return _ready(_soften(state))


def _react(state: State, trigger: str) -> State:
    """The AI side's scripted reactions to a move kind, an event or the turn."""
    sc = state.scenario
    env: dict[str, float] | None = None
    for rule in sc.reactions:
        spec = rule.spec
        if rule.actor != state.ai or spec.trigger != trigger or rule.index in state.used_reactions:
            continue
        if rule.when is not None:
            env = env or state.env()
            if not rule.when(env):
                continue
        entry = LogEntry(state.turn, spec.speaker, rule.actor, "reaction", spec.line)
        used = state.used_reactions | {rule.index} if spec.once else state.used_reactions
        state = state.evolve(meters=_shift(state.meters, rule.effects), log=(*state.log, entry),
                        used_reactions=used)
        env = None
    return state


def _soften(state: State) -> State:
    """Bluffed red lines give way once their condition holds."""
    softened = set()
    env: dict[str, float] | None = None
    for val in state.scenario.valuations.values():
        for line in val.red_lines:
            if line.softens_when is None or line.key in state.hidden.firm or line.key in state.softened:
                continue
            env = env or state.env()
            if line.softens_when(env):
                softened.add(line.key)
    return state.evolve(softened=state.softened | softened) if softened else state


def _escalation(state: State) -> Result | None:
    for name, value, limit in zip(state.scenario.meters, state.meters, state.scenario.escalate_at):
        if limit is not None and value >= limit:
            return Result("escalation", state.turn, by=name)
    return None


def _end_turn(state: State) -> State:
    sc = state.scenario
    meters = _shift(state.meters, tuple((i, d) for i, d in enumerate(sc.drift) if d))
    state = state.evolve(meters=meters, timeline=(*state.timeline, meters))
    escalated = _escalation(state)
    if escalated:
        return _finish(state, escalated)
    if state.turn >= sc.deadline:
        return _finish(state, Result("deadline", state.turn))
    return _start_turn(state.evolve(turn=state.turn + 1, offer=state.offer))


def _finish(state: State, result: Result) -> State:
    sc = state.scenario
    outcome = getattr(sc.spec.outcomes, result.kind)
    entry = LogEntry(result.turn, "", None, "outcome", outcome.title)
    timeline = state.timeline if state.timeline[-1] == state.meters else (*state.timeline, state.meters)
    return state.evolve(phase="over", to_move=None, result=result, log=(*state.log, entry), timeline=timeline)
