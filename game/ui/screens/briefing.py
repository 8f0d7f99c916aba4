"""The briefing: a seat's role card (game.analysis.card), the same card the terminal and the printed
cards show, laid out in two columns."""

from __future__ import annotations

import pygame
import pygame_gui

from game.analysis.card import RoleCard, role_card, stakeholder_groups
from game.scenario.public import verb
from game.ui import nav
from game.ui.app import App, Screen
from game.ui.session import Session
from game.ui.text import esc

HEAD = "<font color='#f0e442'><b>{}</b></font>"



SOURCES_SHOWN = 6  # a long list of sources slows the briefing down; the printed card has them all

def card_html(card: RoleCard) -> tuple[str, str]:
    """The card as two HTML columns: you and your interests; the others, stakeholders and the deadline."""
    left = [f"<b>You are {esc(card.you)}</b>, for {esc(card.side)}."]
    if card.principal:
        left.append(f"Your principal: <b>{esc(card.principal)}</b>.")
    if card.briefing:
        left.append(esc(card.briefing))
    if card.role == "mediator":
        left.append("<i>You are the mediator: you table texts, press the sides and can be consulted; a deal "
                    "needs the negotiators' acceptance, not yours.</i>")
    if card.priorities:
        left.append("<br>" + HEAD.format("Your priorities") + " (hidden from the others; each option's value "
                    "from 0 to 1)")
        if card.priorities_note:
            left.append(f"<i>{esc(card.priorities_note)}</i>")
    for priority in card.priorities:
        options = ", ".join(f"{esc(label)} {value:.2f}" for label, value in priority.options)
        left.append(f"- <b>{esc(priority.issue)}</b> (weight {priority.weight:.2f}): best for you is "
                    f"{esc(priority.best)}<br>&nbsp;&nbsp;<font color='#b9c4d6'>{options}</font>")
    if card.role == "negotiator":
        left.append(f"<br><b>Your reservation value: {card.reservation_text}</b>. That is what no deal is worth "
                    "to you: a package worth less is worse than walking away."
                    + (f" <i>{esc(card.reservation_note)}</i>" if card.reservation_note else ""))
    if card.own_demands:
        left.append("<br>" + HEAD.format("What you have said in public"))
        left += [f"- {esc(demand)}" for demand in card.own_demands]
    right = [HEAD.format("Your red lines")]
    right += [f"- {esc(line.stated or line.text)} <i>({esc(line.firmness)})</i>" for line in card.red_lines]
    if not card.red_lines:
        right.append("- none")
    for other in card.others:
        role = ", the mediator" if other.role == "mediator" else ""
        right.append("<br>" + HEAD.format(f"What you know of {esc(other.name)}") + f" ({esc(other.speaker)}{role})")
        if other.public_position:
            right.append(esc(other.public_position))
        right += [f"- {esc(demand)}" for demand in other.demands]
        right += [f"- States a red line: {esc(stated)}" for stated in other.stated_lines]
    for heading, group in stakeholder_groups(card):  # as the terminal lists them: a heading only over someone
        right.append("<br>" + HEAD.format(esc(heading)))
        for s in group:
            consults = f"; {verb('expects', s.plural)} to be consulted" if s.requires_consultation else ""
            who = f" ({esc(s.leader)})" if s.leader else ""
            right.append(f"- <b>{esc(s.name)}</b>{who} {verb('backs', s.plural)} {esc(' and '.join(s.backs))}; "
                         f"{esc(s.verdict)}{consults}")
    right.append("<br>" + HEAD.format("Deadline") + f"<br>{esc(card.deadline_label)} ({card.deadline} turns). "
                 f"{esc(card.order)}")
    right += [f"- Turn {n}: {esc(label)}" for n, label in enumerate(card.turn_labels, 1)]
    if card.simulated:
        right.append(f"<br><i>{esc(card.simulated)}</i>")
    if card.sources:
        right.append("<br>" + HEAD.format("Sources"))
        right += [f"- {esc(cite)}" for cite in card.sources[:SOURCES_SHOWN]]
        if len(card.sources) > SOURCES_SHOWN:  # all of them are on the printed role card (detente cards)
            right.append(f"- and {len(card.sources) - SOURCES_SHOWN} more, listed on the printed role card "
                         "(<i>detente cards</i>)")
    return "<br>".join(left), "<br>".join(right)


@nav.screen("briefing")
class BriefingScreen(Screen):
    name = "briefing"

    def __init__(self, app: App, session: Session, seat: str):
        super().__init__(app)
        self.session = session
        self.seat = seat
        view = session.view(seat)
        self.card = role_card(view.scenario, view.own)

    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        m, row = 24, round(44 * s)
        heading = f"Your briefing: {self.card.title}"
        self.label((m, 14, w - 2 * m, round(36 * s)),
                   self.fit([heading, f"Your briefing: {self.card.you}", "Your briefing"], w - 2 * m, "#heading"),
                   "#heading")
        top = 14 + round(42 * s)
        bottom = h - m - row - 12
        left, right = card_html(self.card)
        half = (w - 3 * m) // 2
        self.textbox((m, top, half, bottom - top), left, name="card_you")
        self.textbox((2 * m + half, top, w - 3 * m - half, bottom - top), right, name="card_them")
        self.button("to_table", (w - m - 300, h - m - row, 300, row), "Go to the table", self.to_table,
                    object_id="#primary")
        self.label((m, h - m - row, w - 2 * m - 320, row),
                   self.fit(["You can read this again from the table (B, or the Briefing button).",
                             "Read it again from the table: B."], w - 2 * m - 320, "#muted"), "#muted")
        # Tab: the button, then each column (the arrow keys, Page Up/Down, Home and End scroll it)
        self.order = ["to_table", "card_you", "card_them"]

    def shortcut(self, event: pygame.event.Event) -> bool:
        return False

    def main_text(self) -> pygame_gui.elements.UITextBox | None:
        return self.widgets.get("card_you")

    def enter_default(self) -> bool:
        self.to_table()
        return True

    def on_escape(self) -> None:
        self.to_table()

    def to_table(self) -> None:
        self.session.briefed.add(self.seat)
        nav.game_on(self.app, self.session)
