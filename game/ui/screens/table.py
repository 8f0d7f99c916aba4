"""The negotiation table, as one seat sees it: offer builder, the offer on the table and who has
accepted it, meters, what was said, moves.

The screen renders the View of the seat whose person has the screen (``session.viewer``); in a
hot-seat game a hand-over screen comes between two people, and the next person gets a new
table built from their own view. The widgets are built once (and again only on a resize or a new
text size). After a move the screen updates in place only what changed: the offer on the table,
the meters' picture, which moves are enabled, and the log, to which it appends the new lines.
The AI answers on the frame after a person's move, so no frame holds two moves and two autosaves.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from functools import partial

import pygame
import pygame_gui

from game.analysis.hints import accept_warning, hints
from game.engine import IllegalMoveError, Move, View
from game.engine.talk import answer_options
from game.scenario.model import MEDIATOR_KINDS
from game.scenario.space import OPEN
from game.ui import nav, richtext, theme
from game.ui.app import App, Screen
from game.ui.meters import LEGEND, draw_meters, draw_value_bar, has_marks, meters_height
from game.ui.screens.menu import open_menu
from game.ui.session import SAVER, Session
from game.ui.table_text import log_html, offer_html, turn_heading_html, turn_texts, verdict, worth_texts
from game.ui.text import crossed_lines, crosses_on, esc, option_label, seat_title

FRAME_BUDGET = 0.003  # seconds of queued widget updates per frame
LOG_START = 60  # entries a reopened game's log starts with; the exported transcript keeps them all
LOG_KEEP = 150  # past this many entries the log view drops all but the latest LOG_START (a long game)
MOVES = (  # kind, button text (and shorter ones for a narrow window), shortcut key, tooltip
    ("accept", ("Accept the offer (A)", "Accept (A)"), pygame.K_a,
     "Accept the full package on the table: a deal when every side has accepted it."),
    ("reject", ("Reject the offer (R)", "Reject (R)"), pygame.K_r, "Take another side's offer off the table."),
    ("threaten", ("Threaten (T)",), pygame.K_t, "Warn of consequences: presses a side, raises tension."),
    ("press", ("Press a side (E)", "Press (E)"), pygame.K_e, "As the mediator, press a side that holds out."),
    ("promise", ("Promise (M)",), pygame.K_m, "Make a promise: builds trust."),
    ("reassure", ("Reassure (S)",), pygame.K_s, "Offer reassurance: lowers tension, may cost your allies' cohesion."),
    ("statement", ("Public statement (U)", "Statement (U)"), pygame.K_u,
     "Speak to the press: plays to your audience at home."),
    ("question", ("Ask a question (Q)", "Question (Q)"), pygame.K_q,
     "Ask how much an issue matters to a side."),
    ("consult", ("Consult (C)",), pygame.K_c, "Talk to an ally or the mediator: spends your move."),
    ("pass", ("Pass (N)",), pygame.K_n, "Let the others move: you wait this round."),
    ("walkout", ("Walk out (W)",), pygame.K_w, "Leave the table: the talks end without a deal."),
)
Dialog = tuple[str, str, Sequence[tuple[str, Callable[[], None]]], bool]
CANCEL = ("Cancel (Esc)", lambda: None)  # the last button of a dialog that asks what a move is aimed at


def seat_kinds(view: View) -> tuple[str, ...]:
    """The kinds of move this seat can ever make at this table, in the order of MOVES: a button each."""
    sc = view.scenario
    mediator = view.seat == sc.mediator
    out = []
    for kind, *_ in MOVES:
        if kind not in sc.enabled:
            continue
        if mediator and kind not in MEDIATOR_KINDS:
            continue
        if not mediator and kind == "press":
            continue
        if kind == "consult" and not sc.consultable(view.seat):
            continue
        out.append(kind)
    return tuple(out)


@nav.screen("table")
class TableScreen(Screen):
    name = "table"

    def __init__(self, app: App, session: Session):
        super().__init__(app)
        self.session = session
        seat = session.viewer
        if seat is None:
            raise ValueError("the table is shown to a person at a seat")
        self.seat = seat
        view = self.view
        mine = [o for o in view.offers if o.by == seat]
        self.package = list(mine[-1].package if mine else [OPEN] * len(view.scenario.issues))
        self.kinds = seat_kinds(view)
        self.error = ""
        self.ai_after = -1  # the frame of the person's last move: the AI answers on a later frame
        self.pending: list[str] = []  # widget updates still to do (see refresh)
        # what each kind of update took last time, in seconds (a guess at first)
        self.costs: dict[str, float] = {"table": 0.002, "log": 0.001}
        self.reset_cache()

    def reset_cache(self) -> None:
        self.log_count = 0  # log entries shown so far
        self.headings = 0  # headings of rounds shown before anything was said in them (an entry each)
        self.log_turn = 0
        self.meters_key: object = None
        self.bar_key: object = None
        self.styles: dict[str, str | None] = {}
        self.markup: dict[str, str] = {}  # what each rich-text box shows now
        self.log_view: richtext.LogView | None = None
        self.table_view = richtext.LogView((1, 1), 15)

    @property
    def view(self) -> View:
        return self.session.view(self.seat)

    # layout ------------------------------------------------------------------------------
    def build(self) -> None:
        self.reset_cache()
        self.preload_fonts()
        sc = self.view.scenario
        w, h = self.size
        s = self.app.settings.text_scale
        m, gap = 12, 10
        row = round(34 * s)
        top = round(48 * s)
        # top bar: the title, the turn, two buttons
        buttons_w = round(140 * s)
        title = self.fit([sc.title, sc.title.split(":")[0]], round(w * 0.42), "#heading", shorten=True)
        self.label((m, 6, round(w * 0.42), top - 10), title, "#heading", name="title")
        turn_x = m + round(w * 0.42) + 10
        self.label((turn_x, 6, w - m - 2 * buttons_w - 20 - turn_x, top - 10), "", "#value", name="turn")
        self.button("briefing", (w - m - 2 * buttons_w - 10, 8, buttons_w, top - 16), "Briefing (B)", self.briefing)
        self.button("menu", (w - m - buttons_w, 8, buttons_w, top - 16), "Menu (Esc)", self.on_escape)
        col1 = round(w * 0.33)
        col3 = round(w * 0.31)
        col2 = w - 2 * m - 2 * gap - col1 - col3
        x1, x2, x3 = m, m + col1 + gap, m + col1 + col2 + 2 * gap
        bottom = h - m
        self.panel((x1, top, col1, bottom - top))
        self.panel((x2, top, col2, bottom - top))
        end = self.build_builder(x1 + 10, top + 8, col1 - 20, bottom - top - 16, row, s)
        # the hint goes under the offer builder when there is room for a few lines of it (a short window),
        # else under the moves
        under = pygame.Rect(x1 + 10, end + 10, col1 - 20, bottom - 8 - end - 10)
        self.build_moves(x2 + 10, top + 8, col2 - 20, bottom - top - 16, row, s,
                         under if under.height >= self.hint_least() else None)
        self.build_right(x3, top, col3, bottom - top, s)
        self.order = [n for n in self.order if n not in ("briefing", "menu")] + ["briefing", "menu"]
        self.refresh(open_dialogs=False, now=True)
        self.build_blocker()  # the layer under dialogs, made now: no frame of play waits for it
        if self.dialog is None:
            self.dialog = self.prompt()
            if self.dialog is not None:
                self.focus = 0

    def preload_fonts(self) -> None:
        """Open now every font the live text, the meters and the dialogs use (opening one takes a
        millisecond or more), so no frame during play opens one."""
        s = self.app.settings.text_scale
        for size in (round(14 * s), round(15 * s)):
            for bold in (False, True):
                for italic in (False, True):
                    theme.font(size, bold, italic)
        theme.font(round(12 * s))
        theme.font(round(20 * s), True)

    def hint_least(self) -> int:
        """The least height of a useful hint box: three lines of its smallest text."""
        return richtext.lines_height(3, self.hint_sizes()[-1])

    def hint_sizes(self) -> list[int]:
        """The hint's font sizes, largest first: a long hint is drawn smaller rather than cut off."""
        s = self.app.settings.text_scale
        return [round(n * s) for n in (15, 14, 13, 12)]

    def build_builder(self, x: int, y: int, width: int, height: int, row: int, s: float) -> int:
        """The offer builder; returns where it ends."""
        sc = self.view.scenario
        heading = ["Your offer: choose one option per issue", "Your offer: one option per issue", "Your offer"]
        if self.seat == sc.mediator:
            heading = ["Your text: choose one option per issue", "Your text: one option per issue", "Your text"]
        self.label((x, y, width, round(26 * s)), self.fit(heading, width, "#heading"), "#heading")
        y += round(30 * s)
        n = max(1, len(sc.issues))
        footer = round(82 * s) + row + 16  # worth, value bar, verdict, the propose button
        room = height - round(30 * s) - footer
        # each issue: its title over "<  option  >"; in a small window, smaller titles, then lower rows,
        # then no titles (the option buttons' tooltips still name the issue)
        layouts = [(row, "#issue", 14, 6), (round(28 * s), "#issue", 14, 4), (round(26 * s), "#issue_small", 11, 2)]
        button_h, style, title_h, gap = row, None, 0, 6
        for height_b, object_id, pt, space in layouts:
            line = theme.font(max(8, round(pt * s)), True).get_linesize()
            if n * (height_b + line + space) <= room:
                button_h, style, title_h, gap = height_b, object_id, line, space
                break
        else:
            button_h = max(round(26 * s), min(row, room // n - 6))
        per = button_h + title_h + gap
        small = 38
        for i, issue in enumerate(sc.issue_specs):
            if style is not None:
                self.label((x, y, width, title_h), self.fit([issue.title], width, style, shorten=True), style)
            tip = issue.title + (f": {issue.description}" if getattr(issue, "description", None) else "")
            top = y + title_h
            self.button(f"issue_{i}_prev", (x, top, small, button_h), "<", partial(self.cycle, i, -1))
            self.button(f"issue_{i}", (x + small + 4, top, width - 2 * small - 8, button_h), "",
                        partial(self.cycle, i, 1), tooltip=tip)
            self.button(f"issue_{i}_next", (x + width - small, top, small, button_h), ">",
                        partial(self.cycle, i, 1))
            y += per
        y += 6
        self.label((x, y, width, round(24 * s)), "", "#value", name="worth")
        y += round(26 * s)
        bar_h = round(30 * s)
        self.widgets["value_bar"] = pygame_gui.elements.UIImage(pygame.Rect(x, y, width, bar_h),
                                                                pygame.Surface((width, bar_h), pygame.SRCALPHA),
                                                                self.manager)
        y += bar_h + 2
        self.label((x, y, width, round(22 * s)), "", "#muted", name="verdict")
        self.styles["verdict"] = "#muted"
        y += round(26 * s)
        words = "text" if self.seat == sc.mediator else "package"
        self.button("propose", (x, y, width, row + 4),
                    self.fit([f"Propose this {words} (P)", "Propose (P)"], width, "#primary", "button"),
                    self.propose, object_id="#primary")
        return y + row + 4

    def build_moves(self, x: int, y: int, width: int, height: int, row: int, s: float,
                    hint_at: pygame.Rect | None = None) -> None:
        """The offer on the table, the moves' buttons and (unless `hint_at` places it elsewhere) the hint.

        In a short window the moves' buttons are lower, so that the offer on the table shows its worth
        and several of its issues, and the hint keeps a few lines."""
        sc = self.view.scenario
        self.label((x, y, width, round(26 * s)), "On the table", "#heading")
        y += round(28 * s)
        lines = (len(self.kinds) + 1) // 2
        compact = self.size[1] < 700
        move_h, move_gap = (max(round(28 * s), theme.font(round(15 * s)).get_linesize() + 6), 4) if compact \
            else (row, 6)
        moves_h = lines * (move_h + move_gap)
        room = height - round(28 * s) * 2 - 8 - moves_h - 4  # what the headings and the moves leave
        extra = 1.2 if len(sc.seats) > 2 else 0  # the line of who has accepted
        table_h = round((len(sc.issues) * 1.8 + 3 + extra) * 23 * s)
        hint_h = 0 if hint_at is not None else self.hint_least()
        table_h = max(min(table_h, room - hint_h), min(room, round(160 * s)))
        if room - table_h < self.hint_least():  # no room for a useful hint below the moves
            table_h = room
        rect = pygame.Rect(x, y, width, table_h)
        self.table_view = richtext.LogView(rect.size, round((14 if compact else 15) * s))
        self.widgets["on_table"] = pygame_gui.elements.UIImage(rect, pygame.Surface(rect.size, pygame.SRCALPHA),
                                                               self.manager)
        y += table_h + 8
        self.label((x, y, width, round(26 * s)), "Your move", "#heading")
        y += round(28 * s)
        half = (width - 8) // 2
        for n, kind in enumerate(self.kinds):
            texts, tip = next((t, tip) for k, t, _key, tip in MOVES if k == kind)
            spec = sc.moves.get(kind)
            if spec is not None and spec.description:
                tip = spec.description
            col, line = n % 2, n // 2
            alone = n == len(self.kinds) - 1 and col == 0  # the last of an odd number: the whole width
            place = (x, y + line * (move_h + move_gap), width, move_h) if alone else \
                (x + col * (half + 8), y + line * (move_h + move_gap), half, move_h)
            danger = "#danger" if kind == "walkout" else None
            text = self.fit(list(texts), place[2], danger, "button", shorten=True)
            self.button(kind, place, text, partial(self.move_kind, kind), enabled=False, tooltip=tip,
                        object_id=danger)
        y += moves_h + 4
        if hint_at is not None:
            self.text_image("hint", (hint_at.x, hint_at.y, hint_at.width, hint_at.height)).hide()
        elif self.size[1] - 20 - y >= self.hint_least():
            self.text_image("hint", (x, y, width, self.size[1] - 20 - y)).hide()

    def build_right(self, x: int, y: int, width: int, height: int, s: float) -> None:
        sc = self.view.scenario
        meters_h = meters_height(sc, s)
        self.panel((x, y, width, meters_h + round(44 * s)))
        self.label((x + 10, y + 6, width - 20, round(26 * s)), "Meters", "#heading")
        self.widgets["meters"] = pygame_gui.elements.UIImage(
            pygame.Rect(x + 10, y + round(36 * s), width - 20, meters_h),
            pygame.Surface((width - 20, meters_h), pygame.SRCALPHA), self.manager, starting_height=2)
        top = y + meters_h + round(44 * s) + 8
        self.label((x, top, width, round(26 * s)), "What was said", "#heading")
        top += round(28 * s)
        rect = pygame.Rect(x, top, width, y + height - top)
        self.log_view = richtext.LogView(rect.size, round(14 * s))
        self.widgets["log"] = pygame_gui.elements.UIImage(rect, pygame.Surface(rect.size, pygame.SRCALPHA),
                                                          self.manager)
        self.refresh_log()

    def text_image(self, name: str, rect: tuple[int, int, int, int]) -> pygame_gui.elements.UIImage:
        """A box of rich text drawn by game.ui.richtext (cheap to change, unlike a UITextBox)."""
        element = pygame_gui.elements.UIImage(pygame.Rect(rect), pygame.Surface(rect[2:], pygame.SRCALPHA),
                                              self.manager)
        self.widgets[name] = element
        self.markup[name] = "\0"  # nothing drawn yet
        return element

    # updating in place ------------------------------------------------------------------
    def refresh(self, open_dialogs: bool = True, now: bool = False) -> None:
        """Bring the widgets up to date with the view; each one changes only if its content did.

        The moves' buttons change at once (no click reaches a move that is not legal); the rest is
        queued and done a few pieces a frame (see update), so no frame does it all. `now` does all
        of it at once: when the screen is built anyway."""
        view = self.view
        kinds = view.kinds if view.my_turn and view.phase == "move" else ()
        for kind in self.kinds:
            self.set_enabled(kind, kind in kinds)
        for name in ("turn", "builder", "table", "meters", "log", "hint") + (("prompt",) if open_dialogs else ()):
            if name not in self.pending:
                self.pending.append(name)
        if now:
            self.run_pending(None)

    def run_pending(self, budget: float | None) -> None:
        """Do queued updates that fit in `budget` seconds by what each took last time (at least one),
        or all of them."""
        start = time.perf_counter()
        done = 0
        while self.pending:
            name = self.pending[0]
            now = time.perf_counter()
            if budget is not None and done and (name == "prompt"  # a dialog to open: a frame to itself
                                                or now - start + self.costs.get(name, 0.001) > budget):
                break
            self.pending.pop(0)
            if getattr(self, f"update_{name}")():  # True: more of it to do
                self.pending.insert(0, name)
            self.costs[name] = time.perf_counter() - now
            done += 1

    def update_turn(self) -> bool:
        self.set_text("turn", self.fit(turn_texts(self.view), self.widgets["turn"].rect.width, "#value",
                                       shorten=True))
        return False

    def update_builder(self) -> bool:
        self.refresh_builder()
        return False

    def update_table(self) -> bool:
        self.show_table()
        return False

    def update_meters(self) -> bool:
        self.refresh_meters()
        return False

    def update_log(self) -> bool:
        return self.refresh_log(one=True)

    def update_hint(self) -> bool:
        hint = self.widgets.get("hint")
        if hint is not None:
            note = self.note()
            self.set_text("hint", note)
            if note and not hint.visible:
                hint.show()
            elif not note and hint.visible:
                hint.hide()
        return False

    def update_prompt(self) -> bool:
        if self.dialog is None:
            dialog = self.prompt()
            if dialog is not None:
                self.open_dialog(*dialog)
        return False

    def set_text(self, name: str, text: str) -> None:
        element = self.widgets.get(name)
        if isinstance(element, pygame_gui.elements.UIImage):
            if self.markup.get(name) != text:
                self.markup[name] = text
                self.texts[name] = text
                sizes = self.hint_sizes() if name == "hint" else [round(15 * self.app.settings.text_scale)]
                element.set_image(richtext.box(text, element.rect.size, richtext.fitting_size(
                    text, element.rect.size, sizes)))
        elif element is not None and element.text != text:
            element.set_text(text)

    def set_enabled(self, name: str, enabled: bool) -> None:
        element = self.widgets[name]
        if enabled and not element.is_enabled:
            element.enable()
        elif not enabled and element.is_enabled:
            element.disable()

    def set_style(self, name: str, object_id: str | None) -> None:
        if self.styles.get(name) != object_id:
            self.styles[name] = object_id
            self.widgets[name].change_object_id(pygame_gui.core.ObjectID(object_id=object_id))

    def refresh_builder(self, issues: range | list[int] | None = None) -> None:
        view = self.view
        sc = view.scenario
        legal = "propose" in view.kinds and view.my_turn
        for i in issues if issues is not None else range(len(sc.issues)):
            choice = self.package[i]
            marks = crosses_on(view, i, choice)  # as the terminal's builder marks it
            crosses = bool(marks)
            self.set_style(f"issue_{i}", "#redline_option" if crosses else None)
            option = option_label(sc, i, choice, building=True)
            button = self.widgets[f"issue_{i}"]
            mark = "your red line" if marks and marks[0] == "crosses your red line" else "rejected at home"
            variants = [f"{option}  (!) {mark}", f"(!) {option}"] if crosses else [option]
            text = self.fit(variants, button.rect.width, "#redline_option" if crosses else None, "button", shorten=True)
            if text != button.text:
                issue = sc.issue_specs[i]
                about = getattr(issue, "description", None)
                tip = (f"{issue.title}: {option}" + (f" ({'; '.join(marks)})" if crosses else "")
                       + (f"<br>{about}" if about else ""))
                button.set_tooltip(tip)
            self.set_text(f"issue_{i}", text)
            for name in (f"issue_{i}_prev", f"issue_{i}", f"issue_{i}_next"):
                self.set_enabled(name, legal)
        package = tuple(self.package)
        own = view.own
        worth = view.utility(package)
        crossed = bool(crossed_lines(view, package, allies=True))
        if own.best > 0:
            worth_text = self.fit(worth_texts(view, package), self.widgets["worth"].rect.width, "#value")
        else:
            worth_text = self.fit(["No stake of your own: find what the sides accept", "No stake of your own"],
                                  self.widgets["worth"].rect.width, "#value", shorten=True)
        self.set_text("worth", worth_text)
        bar = self.widgets["value_bar"]
        key = (round(worth, 6), own.reservation, crossed, bar.rect.size)
        if key != self.bar_key:
            self.bar_key = key
            bar.set_image(draw_value_bar(worth, own.reservation, own.best, bar.rect.width,
                                         self.app.settings.text_scale, crossed, theme.PANEL),
                          image_is_alpha_premultiplied=True)  # opaque: no premultiplying needed
            self.texts["value_bar"] = "" if own.reservation is None else f"reservation {own.reservation:.2f}"
        verdicts, style = verdict(view, package)
        self.set_style("verdict", style)
        self.set_text("verdict", self.fit(verdicts, self.widgets["verdict"].rect.width, style))
        self.set_enabled("propose", legal and any(c != OPEN for c in package))

    def refresh_meters(self) -> None:
        view = self.view
        image = self.widgets["meters"]
        previous = self.session.previous(self.seat)
        key = (view.meters, previous, image.rect.size)
        if key == self.meters_key:  # the picture is cached until a meter moves
            return
        self.meters_key = key
        image.set_image(draw_meters(view.scenario, view.meters, previous, image.rect.width,
                                    self.app.settings.text_scale, theme.PANEL, seat=self.seat),
                        image_is_alpha_premultiplied=True)
        self.texts["meters"] = " ".join(f"{spec.label} {value:.2f}" for spec, value
                                        in zip(view.scenario.meter_specs.values(), view.meters)) + (
            "\n" + LEGEND if has_marks(view.scenario) else "")

    def refresh_log(self, one: bool = False) -> bool:
        """Lay out only the new lines of the log (with `one`, only the next; True: more are waiting)
        and add them to the view, scrolled to the latest."""
        view = self.view
        log = view.log
        shown = self.log_view
        if shown is None:
            return False
        new_round = view.turn > self.log_turn and not view.over
        if self.log_count == len(log) and not new_round:
            return False
        if self.log_count == 0 and len(log) > LOG_START:  # a long game reopened: start from the latest
            self.log_count = len(log) - LOG_START
            shown.append(f"<i>({self.log_count} earlier lines are in the exported transcript)</i>")
        for item in log[self.log_count:self.log_count + 1] if one else log[self.log_count:]:
            text, self.log_turn = log_html(view, [item], self.log_turn, self.session.practice)
            shown.append(text)
            self.texts["log"] = self.texts.get("log", "") + "\n" + text
            self.log_count += 1
        if len(shown.entries) > LOG_KEEP:  # keep the view small; the export has every line
            del shown.entries[: len(shown.entries) - LOG_START]
            shown.height = sum(e.get_height() for e in shown.entries)
        if self.log_count < len(log):
            return True
        if view.turn > self.log_turn and not view.over:  # a round that has said nothing yet: its heading all the
            text = turn_heading_html(view.scenario, view.turn)  # same, so the log never reads as the round before
            shown.append(text)
            self.texts["log"] = self.texts.get("log", "") + "\n" + text
            self.log_turn = view.turn
            self.headings += 1
        self.draw_log()
        return False

    def show_table(self) -> None:
        """The offer on the table: laid out again only when it changes; it scrolls if it does not fit."""
        text = offer_html(self.view)
        if self.markup.get("on_table") == text:
            return
        self.markup["on_table"] = self.texts["on_table"] = text
        self.table_view.entries.clear()
        self.table_view.height = 0
        self.table_view.append(text)
        self.table_view.scroll_to_top()
        self.widgets["on_table"].set_image(self.table_view.draw(), image_is_alpha_premultiplied=True)

    def draw_log(self) -> None:
        if self.log_view is not None:
            self.widgets["log"].set_image(self.log_view.draw(), image_is_alpha_premultiplied=True)

    def event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEWHEEL and self.log_view is not None and self.dialog is None:
            if self.widgets["log"].rect.collidepoint(pygame.mouse.get_pos()):
                self.log_view.scroll_by(event.y * 40)
                self.draw_log()
            elif self.widgets["on_table"].rect.collidepoint(pygame.mouse.get_pos()):
                self.table_view.scroll_by(event.y * 40)
                self.widgets["on_table"].set_image(self.table_view.draw(), image_is_alpha_premultiplied=True)

    def note(self) -> str:
        if self.error:
            return self.error
        if SAVER.failure:
            return f"<font color='#ffb36b'><b>Not saved:</b> {esc(SAVER.failure)}</font>"
        return self.hint() if self.session.practice else ""

    def hint(self) -> str:
        """The most pressing practice-mode hint: the same advice the terminal gives (game.analysis.hints)."""
        view = self.view
        if not view.my_turn:
            return ""
        advice = hints(view)
        return f"<b>Hint:</b> {esc(advice[0])}" if advice else ""

    # moves --------------------------------------------------------------------------------
    def cycle(self, issue: int, step: int) -> None:
        count = len(self.view.scenario.options[issue])
        values = [OPEN, *range(count)]
        index = values.index(self.package[issue])
        self.package[issue] = values[(index + step) % len(values)]
        self.refresh_builder([issue])

    def set_package(self, package: tuple[int, ...]) -> None:
        self.package = list(package)
        self.refresh_builder()

    def propose(self) -> None:
        self.play(Move("propose", package=tuple(self.package)))

    def move_kind(self, kind: str) -> None:
        """A move's button: played at once, or after a dialog asks whom (or what) it is aimed at."""
        view = self.view
        sc = view.scenario
        aimed = [m for m in view.moves if m.kind == kind]
        if kind == "question":
            seats = list(dict.fromkeys(m.seat for m in aimed))
            if len(seats) > 1:
                self.open_dialog("Ask a question", "Which side do you want to ask?",
                                 [(seat_title(sc, s or ""), partial(self.ask_about, s)) for s in seats] + [CANCEL])
            else:
                self.ask_about(seats[0] if seats else None)
            return
        if kind == "consult":
            choices = []
            for move in aimed:
                target = move.target or ""
                role = " (the mediator)" if target == sc.mediator else ""
                done = " (consulted)" if target in view.consulted else ""
                choices.append((f"{sc.actors[target].name}{role}{done}", partial(self.play, move)))
            self.open_dialog("Consult", "Consulting spends your move for this turn.", choices + [CANCEL])
            return
        if kind == "walkout":
            # the focus starts on "No, stay": W then Enter does not end the game by mistake
            self.open_dialog("Walk out?", "Leaving the table ends the talks without a deal.",
                             [("Yes, walk out", lambda: self.play(Move("walkout"))), ("No, stay", lambda: None)],
                             focus=1)
            return
        if kind == "accept":
            warning = accept_warning(view)
            if warning is not None:  # across your own firm red line: ask, the focus on "No" (A then Enter is safe)
                self.open_dialog("Accept across your red line?", esc(warning),
                                 [("Yes, accept it anyway", lambda: self.play(Move("accept"))),
                                  ("No, do not accept", lambda: None)], focus=1)
                return
        if len(aimed) > 1:  # a threat or a press, with several sides to aim it at
            verb = "Press" if kind == "press" else "Threaten"
            self.open_dialog(f"{verb} which side?", f"{verb} one side at the table.",
                             [(seat_title(sc, m.seat or ""), partial(self.play, m)) for m in aimed] + [CANCEL])
            return
        self.play(aimed[0] if aimed else Move(kind))

    def ask_about(self, seat: str | None) -> None:
        sc = self.view.scenario
        whom = f" {sc.actors[seat].name}" if seat and len(sc.seats) > 2 else " the other side"
        self.open_dialog("Ask a question", f"Which issue do you want to ask{whom} about?",
                         [(issue.title, partial(self.play, Move("question", target=issue.id, seat=seat)))
                          for issue in sc.issue_specs] + [CANCEL])

    def play(self, move: Move) -> None:
        """The person's move, saved; the AI answers on the next frame (see update)."""
        try:
            self.session.play(move)
            self.error = ""
        except IllegalMoveError as exc:
            self.error = f"<font color='#ffb36b'>{esc(str(exc))}</font>"
        self.ai_after = self.app.frames
        self.refresh()

    def prompt(self) -> Dialog | None:
        """An event that asks this seat for a choice, a question put to it, and the end of the talks, come up as
        dialogs."""
        view = self.view
        if view.over and not self.session.hot_seat:
            title = view.log[-1].text if view.log and view.log[-1].kind == "outcome" else "The end"
            return ("The talks are over", esc(title), [("See the debrief", self.to_debrief)], False)
        if view.question is not None:
            return self.question_prompt(view)
        event = view.choice
        if event is None:
            return None
        choices = [(c.label, partial(self.play, Move("choose", target=event.id, choice=c.id)))
                   for c in event.choices]
        # who reports the event, first, as its source (after the text it read as the speaker of the question)
        source = f"<i>Source: {esc(event.speaker)}</i><br>" if event.speaker else ""
        options = "".join(f"<br>{n}. <b>{esc(c.label)}</b>: {esc(c.text)}" for n, c in enumerate(event.choices, 1)
                          if c.text)
        ask = esc(event.ask or "How do you respond?")
        text = source + esc(event.text) + f"<br><br><b>{ask}</b>"
        if not self.dialog_fits(event.title, text + options, len(choices)):  # a small window: the choices'
            options = ""  # explanations give way to the event's own text
        return (event.title, text + options, choices, False)

    def question_prompt(self, view: View) -> Dialog:
        """A question put to this seat: one button per way to answer, each explained by what it says and what it
        tells the asker (the terminal offers the same). It cannot be dismissed: the talks wait for the answer."""
        question = view.question
        assert question is not None
        sc = view.scenario
        options = answer_options(view)
        title = sc.issue_specs[sc.issue_index[question.issue]].title
        text = (f"<b>{esc(seat_title(sc, question.asker))}</b> asks how much <b>{esc(title)}</b> matters to you. "
                "How you answer is up to you; answering does not use your move.")
        choices = [(o.label, partial(self.play, Move("answer", choice=o.manner))) for o in options]
        details = "".join(f"<br><br>{n}. <b>{esc(o.label)}</b>: \u201c{esc(o.says)}\u201d<br><i>{esc(o.reveals)}</i>"
                          for n, o in enumerate(options, 1))
        if not self.dialog_fits("A question for you", text + details, len(choices)):  # a small window: what each
            details = "".join(f"<br>{n}. <b>{esc(o.label)}</b>: <i>{esc(o.reveals)}</i>"  # answer tells, without
                              for n, o in enumerate(options, 1))  # its words
        return ("A question for you", text + details, choices, False)

    def busy(self) -> bool:
        return self.session.ai_to_move or bool(self.pending) or self.session.handover_due is not None

    def update(self, dt: float) -> None:
        """A frame: queued updates first (a few milliseconds' worth), then the AI's answer, if due;
        in a hot-seat game, the hand-over when another person must move."""
        later = self.app.frames > self.ai_after
        if SAVER.copy_failure and self.dialog is None:  # "Save a copy" failed on the autosave thread: say so
            reason, SAVER.copy_failure = SAVER.copy_failure, None
            self.open_dialog("The copy was not saved", esc(reason[0].upper() + reason[1:]) + ".<br><br>The game "
                             "itself goes on and still saves after every move.", [("OK", lambda: None)])
            return
        if later and self.session.handover_due is not None:
            nav.game_on(self.app, self.session)  # this table is left: no need to finish its updates
        elif self.pending:
            self.run_pending(FRAME_BUDGET)
        elif later and self.session.ai_to_move:
            self.session.ai_step()
            self.refresh()

    # keys and menu -------------------------------------------------------------------------
    def shortcut(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_p and self.widgets["propose"].is_enabled:
            self.propose()
            return True
        if event.key == pygame.K_b:
            self.briefing()
            return True
        for kind, _texts, key, _tip in MOVES:
            if event.key == key and kind in self.widgets and self.widgets[kind].is_enabled:
                self.move_kind(kind)
                return True
        if event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN) and self.log_view is not None:
            self.log_view.scroll_by(self.log_view.view_height * (1 if event.key == pygame.K_PAGEUP else -1) // 2)
            self.draw_log()
            return True
        name = self.focused_name()
        if name and name.startswith("issue_") and event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.cycle(int(name.split("_")[1]), 1 if event.key == pygame.K_RIGHT else -1)
            self.set_focus(name)
            return True
        return False

    def briefing(self) -> None:
        nav.briefing(self.app, self.session, self.seat)

    def to_debrief(self) -> None:
        nav.debrief(self.app, self.session)

    def on_escape(self) -> None:
        open_menu(self)

    def release(self) -> None:
        super().release()
        self.pending = []  # built again (and brought up to date at once) if the table is shown again
        self.reset_cache()  # the log's and the table's laid-out lines
