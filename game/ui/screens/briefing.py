"""The briefing: the player's role card, from the scenario's own words."""

from __future__ import annotations

import pygame

from game.ui.app import Screen
from game.ui.session import Session
from game.ui.text import esc


def role_card(session: Session) -> tuple[str, str]:
    """The card as two HTML columns: you and your interests; the other side, stakeholders, deadline."""
    state = session.state
    sc = session.scenario
    spec = sc.spec
    actor = state.player
    me = sc.actors[actor]
    other = sc.actors[sc.other(actor)]
    val = sc.valuations[actor]
    left = [f"<b>You are {esc(me.negotiator or me.name)}</b>, for {esc(me.name)}."]
    if me.principal:
        left.append(f"Your principal: <b>{esc(me.principal)}</b>.")
    if me.briefing:
        left.append(esc(me.briefing))
    left.append("<br><font color='#f0e442'><b>Your priorities</b></font> (hidden from the other side)")
    ranked = sorted(range(len(sc.issues)), key=lambda i: -val.weights[i])
    for i in ranked:
        issue = spec.issues[i]
        best = max(range(len(issue.options)), key=lambda k: val.table[i][k])
        left.append(f"- <b>{esc(issue.title)}</b> (weight {val.weights[i]:.2f}): best for you is "
                    f"{esc(issue.options[best].label)}")
    left.append(f"<br><b>Your reservation value: {state.hidden.reservations[actor]:.2f}</b>. "
                "That is what no deal is worth to you: a package worth less is worse than walking away.")
    right = ["<font color='#f0e442'><b>Your red lines</b></font>"]
    for line in val.red_lines:
        kind = "firm" if line.key in state.hidden.firm else "a bluff you may drop"
        right.append(f"- {esc(line.stated or spec.issues[line.issue].title)} <i>({kind})</i>")
    if not val.red_lines:
        right.append("- none")
    right.append(f"<br><font color='#f0e442'><b>What you know of {esc(other.name)}</b></font> "
                 f"({esc(other.negotiator or other.name)})")
    if other.public_position:
        right.append(esc(other.public_position))
    for demand in other.demands:
        right.append(f"- {esc(demand.text)}")
    for line in sc.valuations[other.id].red_lines:
        if line.public and line.stated:
            right.append(f"- States a red line: {esc(line.stated)}")
    if sc.stakeholders:
        right.append("<br><font color='#f0e442'><b>Stakeholders</b></font>")
        for sid in sc.stakeholders:
            s = sc.actors[sid]
            needs = "; must ratify any deal" if s.must_ratify else ""
            needs += "; expects to be consulted" if s.requires_consultation else ""
            who = f" ({esc(s.leader)})" if s.leader else ""
            right.append(f"- <b>{esc(s.name)}</b>{who}, backs {esc(sc.actors[s.backs or ''].name)}{needs}")
    right.append(f"<br><font color='#f0e442'><b>Deadline</b></font><br>{esc(spec.deadline.label)} "
                 f"({sc.deadline} turns).")
    if spec.simulated:
        right.append(f"<br><i>{esc(spec.simulated)}</i>")
    return "<br>".join(left), "<br>".join(right)


class BriefingScreen(Screen):
    name = "briefing"

    def __init__(self, app, session: Session):  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.session = session

    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        m, row = 24, round(44 * s)
        sc = self.session.scenario
        self.label((m, 14, w - 2 * m, round(36 * s)), f"Your briefing: {sc.title}", "#heading")
        top = 14 + round(42 * s)
        bottom = h - m - row - 12
        left, right = role_card(self.session)
        half = (w - 3 * m) // 2
        self.textbox((m, top, half, bottom - top), left, name="card_you")
        self.textbox((2 * m + half, top, w - 3 * m - half, bottom - top), right, name="card_them")
        self.button("to_table", (w - m - 300, h - m - row, 300, row), "Go to the table", self.to_table,
                    object_id="#primary")
        self.label((m, h - m - row, w - 2 * m - 320, row),
                   "You can read this again from the table (B, or the Briefing button).", "#muted")

    def shortcut(self, event: pygame.event.Event) -> bool:
        return False

    def on_escape(self) -> None:
        self.to_table()

    def enter_in(self, name: str) -> bool:
        return False

    def to_table(self) -> None:
        from game.ui.screens.table import TableScreen

        self.app.go(TableScreen(self.app, self.session))
