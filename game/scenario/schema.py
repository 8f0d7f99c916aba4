"""The scenario format, version 1 (``format: detente/1``), as typed models.

These models check the shape of a scenario: field names, types and bounds.
Cross-references between parts (an issue id used in a red line, a meter used in
an effect) are checked afterwards by ``game.scenario.check``. Field docs here are
the reference; ``docs/scenario-format.md`` explains them with examples.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

FORMAT = "detente/1"

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", min_length=1, max_length=40)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=120)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
ConditionText = Annotated[str, StringConstraints(min_length=1, max_length=1000)]
Unit = Annotated[float, Field(ge=0.0, le=1.0)]
Delta = Annotated[float, Field(ge=-1.0, le=1.0)]
Range = Annotated[list[Unit], Field(min_length=2, max_length=2, description="[low, high], drawn from the seed")]
Weight = Annotated[float, Field(ge=0.0, le=100.0)]
WeightRange = Annotated[list[Weight], Field(min_length=2, max_length=2,
                                            description="[low, high], drawn from the seed for each game")]
ScenarioId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", min_length=1, max_length=60)]
Effects = dict[Id, Delta]

MoveKind = Literal["propose", "accept", "reject", "threaten", "promise", "reassure",
                   "question", "consult", "statement", "walkout", "press", "pass"]
SIGNALS: tuple[str, ...] = ("threaten", "promise", "reassure", "statement")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Source(Model):
    id: Id
    cite: Text = Field(description="Where the fact comes from: outlet, date, passage.")
    url: Name | None = None


class Demand(Model):
    """A public position: what this side says it wants on one issue."""

    issue: Id
    wants: Id = Field(description="The option this side publicly asks for.")
    text: Text
    source: Id


class Consult(Model):
    """What happens when a negotiator consults this stakeholder."""

    effects: Effects = {}
    line: Text | None = Field(None, description="What the stakeholder says when consulted.")


class Actor(Model):
    id: Id
    name: Name
    role: Literal["negotiator", "stakeholder", "mediator"] = Field(
        description="negotiator: a side at the table, whose acceptance a deal needs; mediator: proposes and "
                    "presses but does not accept; stakeholder: judges the deal from outside the room.")
    negotiator: Name | None = Field(None, description="Who speaks at the table (negotiators and the mediator).")
    principal: Name | None = Field(None, description="Who they answer to, e.g. the president.")
    spokesman: Name | None = None
    leader: Name | None = Field(None, description="A stakeholder's leader.")
    backs: Id | list[Id] | None = Field(None, description="Stakeholders: the seat (a negotiator or the mediator), "
                                                         "or a list of seats, whose side relies on them.")
    unity: Id | None = Field(None, description="The meter measuring this side's coalition cohesion; "
                                                "it scales how credible this side's threats are.")
    briefing: Text | None = Field(None, description="The role card: who you are and what you face.")
    public_position: Text | None = Field(None, description="What every other seat knows of this actor.")
    demands: list[Demand] = []
    must_ratify: bool = Field(False, description="An agreement this stakeholder rejects fails. Without it, a rejection "
                                                 "does not sink the deal but costs 0.25 of the score of each side "
                                                 "it backs.")
    requires_consultation: bool = Field(False, description="Rejects any agreement made without "
                                                           "being consulted first.")
    consult: Consult | None = None
    plural: bool = Field(False, description="The name is plural ('The Arab states'): the game writes "
                                            "'The Arab states reject', not 'rejects'.")
    principal_plural: bool | None = Field(None, description="The principal is plural ('Begin and the cabinet'); "
                                                            "if absent, a principal that joins names with 'and' "
                                                            "counts as plural.")


class Option(Model):
    id: Id
    label: Name
    description: Text | None = None


class Issue(Model):
    id: Id
    title: Name
    description: Text | None = None
    options: list[Option] = Field(min_length=2, max_length=12)


class RedLine(Model):
    issue: Id
    forbid: list[Id] = Field(min_length=1, description="Options this actor will not accept.")
    firm: bool | Unit = Field(True, description="true: always firm; false: a bluff; a number: the "
                                                "chance it is firm, drawn from the game's seed.")
    softens_when: ConditionText | None = Field(None, description="When a bluff gives way.")
    stated: Text | None = Field(None, description="How the red line is stated in public.")
    public: bool = Field(True, description="Whether the other seats know the red line exists.")
    source: Id


class Preferences(Model):
    weights: dict[Id, Weight | WeightRange] | None = Field(
        None, description="How much each issue matters; a [low, high] range is drawn for each game.")
    values: dict[Id, dict[Id, Unit | Range]] | None = Field(
        None, description="Each option's value, 0 to 1; a [low, high] range is drawn for each game.")
    reservation: Unit | Range | None = Field(None, description="The utility of no deal (BATNA).")
    red_lines: list[RedLine] = []


class Meter(Model):
    label: Name
    description: Text | None = None
    start: Unit | Range
    drift: Delta = Field(0.0, description="Change applied at the end of every turn.")
    escalate_at: Unit | None = Field(None, description="Reaching this value ends the game in escalation.")
    warn_at: Unit | None = Field(None, description="A front end highlights the meter from this value.")


class MoveSpec(Model):
    label: Name | None = None
    description: Text | None = None
    enabled: bool = True
    effects: Effects = {}
    pressure: Unit = Field(0.0, description="How far a credible use advances the addressed side's "
                                            "concession clock (fraction of the deadline).")
    honesty: Id | None = Field(None, description="Questions: the meter whose value is the chance that a seat the AI "
                                                 "or a bot plays answers honestly (a person chooses how to answer).")
    by: dict[Id, Effects] = Field({}, description="Per-actor meter effects replacing `effects`.")


class Choice(Model):
    id: Id
    label: Name
    text: Text | None = Field(None, description="What happens, as the chooser reads it (second person).")
    public: Text | None = Field(None, description="What the other seats read (third person); without it they "
                                                  "read who chose and the label.")
    effects: Effects = {}


class Event(Model):
    id: Id
    title: Name
    text: Text
    speaker: Name | None = None
    at_turn: Annotated[int, Field(ge=1, le=200)] | None = None
    when: ConditionText | None = None
    effects: Effects = {}
    ask: Text | None = Field(None, description="The question put to the chooser; only the chooser reads it.")
    tables: dict[Id, Id] = Field({}, description="A package (issue: option) the mediator puts on the table "
                                                 "when the event fires.")
    chooser: Id | None = Field(None, description="The seat that must choose, when there are choices.")
    choices: list[Choice] = []
    default_choice: Id | None = Field(None, description="What the AI (and the careful bots built on it) picks; "
                                                        "the first choice if absent.")
    source: Id


class Difficulty(Model):
    label: Name
    description: Text | None = None
    concession: Literal["boulware", "linear", "conceder"] | Annotated[float, Field(gt=0.0, le=20.0)]
    start: Unit = Field(1.0, description="Opening aspiration, as a share of the way from reservation to best.")
    reservation_margin: Delta = Field(0.0, description="Added to the AI's reservation value.")
    opponent_model: bool = Field(False, description="Learns the other sides' priorities from their offers "
                                                    "and proposes trades across issues.")
    reasons: bool = Field(True, description="Whether practice mode may show the AI's reasons.")
    walkout_when: ConditionText | None = None
    reciprocity: Unit | None = Field(None, description=(
        "How much the AI's concessions wait for the other side's (0: not at all; 1: it does not move while "
        "they do not). From 0.6 it also answers pressure with pressure. Default: from the concession curve."))


class Modifier(Model):
    actor: Id
    when: ConditionText
    speed: Annotated[float, Field(ge=0.0, le=10.0)] = Field(1.0, description="Concession speed factor.")
    reservation: Delta = 0.0
    note: Text


class Reaction(Model):
    actor: Id = Field(description="The seat that reacts. Its line is spoken only when the AI plays it; "
                                  "its effects apply whoever plays it.")
    trigger: Name = Field(description="Another seat's move kind (e.g. threaten), 'event:<id>', or 'turn'.")
    when: ConditionText | None = None
    speaker: Name
    line: Text
    effects: Effects = {}
    once: bool = False
    source: Id | None = None


class Walkout(Model):
    """When the AI playing a negotiator walks out: one seat's own rule, replacing its difficulty's
    `walkout_when`."""

    actor: Id
    when: ConditionText
    levels: list[Id] = Field([], description="The difficulty levels it applies at; every level if empty.")
    note: Text = Field(description="The reason, shown in practice mode.")


class Tactic(Model):
    actor: Id
    when: ConditionText
    move: Literal["threaten", "promise", "reassure", "statement"]
    once: bool = True
    note: Text


class AI(Model):
    default_difficulty: Id
    difficulties: dict[Id, Difficulty]
    modifiers: list[Modifier] = []
    reactions: list[Reaction] = []
    tactics: list[Tactic] = []
    walkouts: list[Walkout] = Field([], description="Per-seat walkout rules: a seat with a rule for the level "
                                                    "played ignores the level's `walkout_when`.")


class Outcome(Model):
    title: Name
    debrief: Text
    by_side: dict[Id, Text] = Field({}, description="A text for one side only (a negotiator or the mediator), "
                                                    "shown after `debrief` to whoever played it.")


class Outcomes(Model):
    agreement: Outcome
    ratification_failed: Outcome
    walkout: Outcome
    escalation: Outcome
    deadline: Outcome


class Deadline(Model):
    turns: Annotated[int, Field(ge=2, le=200)]
    label: Text
    turn_labels: list[Name] = Field([], max_length=200, description="A label per turn, in order (\"Day 3: Thursday "
                                                                    "7 September\"); turns without one show the "
                                                                    "turn number only.")


class Drift(Model):
    """A change to the meters at the end of every round while a condition holds, whoever plays."""

    when: ConditionText
    effects: Effects
    text: Text | None = Field(None, description="A short note for the record when it applies; without it the "
                                                "meters change silently.")
    source: Id | None = None


class SideDebrief(Model):
    text: Text | None = Field(None, description="Shown in this side's debrief, whatever the outcome.")
    questions: list[Text] = Field([], max_length=40, description="Discussion questions for this side.")


class DebriefSpec(Model):
    """What the author wants discussed after the game."""

    questions: list[Text] = Field([], max_length=40, description="Discussion questions for everyone.")
    by_side: dict[Id, SideDebrief] = Field({}, description="Texts and questions for one side only.")


class History(Model):
    summary: Text
    sources: list[Id] = []


class ScenarioSpec(Model):
    format: Literal["detente/1"]
    id: ScenarioId
    title: Name
    summary: Text
    setting: Name | None = None
    minutes: Annotated[int, Field(ge=1, le=600)] | None = Field(None, description="Typical playing time.")
    simulated: Text = Field(description="What in this scenario is simulated rather than historical.")
    sources: list[Source] = Field(min_length=1)
    actors: list[Actor] = Field(min_length=2)
    issues: list[Issue] = Field(min_length=1, max_length=16)
    preferences: dict[Id, Preferences]
    meters: dict[Id, Meter] = {}
    moves: dict[MoveKind, MoveSpec] = {}
    events: list[Event] = []
    drifts: list[Drift] = Field([], description="Meter changes at the end of every round while a condition holds.")
    ai: AI
    deadline: Deadline
    outcomes: Outcomes
    debrief: DebriefSpec | None = None
    history: History
