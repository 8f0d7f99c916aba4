"""The negotiation table: offer builder, the offer on the table, meters, dialogue log, moves.

The widgets are built once (and again only on a resize or a new text size). After a move the
screen updates in place only what changed: the offer on the table, the meters' picture, which
moves are enabled, and the log, to which it appends the new lines. The AI answers on the frame
after the player's move, so no frame holds two moves and two autosaves.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from functools import partial

import pygame
import pygame_gui

from game.analysis.hints import hints
from game.engine import IllegalMoveError, Move, legal_kinds
from game.engine.state import State
from game.scenario.model import OPEN
from game.ui import richtext, theme
from game.ui.app import Screen
from game.ui.meters import draw_meters, draw_value_bar
from game.ui.session import SAVER, Session
from game.ui.text import crossed_lines, esc, option_label, side_hex, speaker_name

FRAME_BUDGET = 0.003  # seconds of queued widget updates per frame
LOG_START = 60  # entries a reopened game's log starts with; the exported transcript keeps them all
LOG_KEEP = 150  # past this many entries the log view drops all but the latest LOG_START (a long game)
MOVES = (  # kind, button text (and a shorter one for a narrow window), shortcut key, tooltip
    ("accept", ("Accept the offer (A)", "Accept (A)"), pygame.K_a,
     "Agree to the full package on the table: the talks end in a deal."),
    ("reject", ("Reject the offer (R)", "Reject (R)"), pygame.K_r, "Take the other side's offer off the table."),
    ("threaten", ("Threaten (T)",), pygame.K_t, "Warn of consequences: presses the other side, raises tension."),
    ("promise", ("Promise (M)",), pygame.K_m, "Make a promise: builds trust."),
    ("reassure", ("Reassure (S)",), pygame.K_s, "Offer reassurance: lowers tension, may cost your allies' cohesion."),
    ("statement", ("Public statement (U)", "Statement (U)"), pygame.K_u,
     "Speak to the press: plays to your audience at home."),
    ("question", ("Ask a question (Q)", "Question (Q)"), pygame.K_q,
     "Ask how much an issue matters to the other side."),
    ("consult", ("Consult a stakeholder (C)", "Consult (C)"), pygame.K_c,
     "Talk to an ally: restores support, spends your move."),
    ("walkout", ("Walk out (W)",), pygame.K_w, "Leave the table: the talks end without a deal."),
)


class TableScreen(Screen):
    name = "table"

    def __init__(self, app, session: Session):  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.session = session
        state = session.state
        mine = [o for o in state.offers if o.by == state.player]
        self.package = list(mine[-1].package if mine else [OPEN] * len(session.scenario.issues))
        self.error = ""
        self.ai_after = -1  # the frame of the player's last move: the AI answers on a later frame
        self.pending: list[str] = []  # widget updates still to do (see refresh)
        # what each kind of update took last time, in seconds (a guess at first)
        self.costs: dict[str, float] = {"table": 0.002, "log": 0.001}
        self.reset_cache()

    def reset_cache(self) -> None:
        self.log_count = 0  # log entries shown so far
        self.log_turn = 0
        self.meters_key: object = None
        self.bar_key: object = None
        self.styles: dict[str, str | None] = {}
        self.markup: dict[str, str] = {}  # what each rich-text box shows now
        self.log_view: richtext.LogView | None = None
        self.table_view = richtext.LogView((1, 1), 15)

    @property
    def state(self) -> State:
        return self.session.state

    # layout ------------------------------------------------------------------------------
    def build(self) -> None:
        self.reset_cache()
        self.preload_fonts()
        sc = self.session.scenario
        w, h = self.size
        s = self.app.settings.text_scale
        m, gap = 12, 10
        row = round(34 * s)
        top = round(48 * s)
        # top bar: the title, the turn, two buttons
        buttons_w = round(140 * s)
        title = self.fit([sc.title, sc.title.split(":")[0]], round(w * 0.42), "#heading")
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
        self.build_builder(x1 + 10, top + 8, col1 - 20, bottom - top - 16, row, s)
        self.build_moves(x2 + 10, top + 8, col2 - 20, bottom - top - 16, row, s)
        self.build_right(x3, top, col3, bottom - top, s)
        self.order = [n for n in self.order if n not in ("briefing", "menu")] + ["briefing", "menu"]
        self.refresh(open_dialogs=False, now=True)
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

    def build_builder(self, x: int, y: int, width: int, height: int, row: int, s: float) -> None:
        sc = self.session.scenario
        self.label((x, y, width, round(26 * s)),
                   self.fit(["Your offer: choose one option per issue", "Your offer: one option per issue",
                             "Your offer"], width, "#heading"), "#heading")
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
        for i, issue in enumerate(sc.spec.issues):
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
        self.button("propose", (x, y, width, row + 4), "Propose this package (P)", self.propose,
                    object_id="#primary")

    def build_moves(self, x: int, y: int, width: int, height: int, row: int, s: float) -> None:
        sc = self.session.scenario
        self.label((x, y, width, round(26 * s)), "On the table", "#heading")
        y += round(28 * s)
        moves_h = ((len(MOVES) + 1) // 2) * (row + 6)
        room = height - round(28 * s) * 2 - 8 - moves_h - 4  # what the headings and the moves leave
        table_h = round((len(sc.issues) * 1.8 + 3) * 23 * s)
        if room - table_h < round(90 * s):  # no room for a useful hint: the offer takes it all
            table_h = room
        rect = pygame.Rect(x, y, width, table_h)
        self.table_view = richtext.LogView(rect.size, round(15 * s))
        self.widgets["on_table"] = pygame_gui.elements.UIImage(rect, pygame.Surface(rect.size, pygame.SRCALPHA),
                                                               self.manager)
        y += table_h + 8
        self.label((x, y, width, round(26 * s)), "Your move", "#heading")
        y += round(28 * s)
        half = (width - 8) // 2
        for n, (kind, texts, _key, tip) in enumerate(MOVES):
            col, line = n % 2, n // 2
            if kind == "walkout":
                place = (x, y + line * (row + 6), width, row)
            else:
                place = (x + col * (half + 8), y + line * (row + 6), half, row)
            rect = pygame.Rect(place)
            text = self.fit(list(texts), rect[2], "#danger" if kind == "walkout" else None, "button", shorten=True)
            self.button(kind, rect, text, partial(self.move_kind, kind), enabled=False,
                        tooltip=tip, object_id="#danger" if kind == "walkout" else None)
        y += ((len(MOVES) + 1) // 2) * (row + 6) + 4
        if self.size[1] - 20 - y > 40:
            self.text_image("hint", (x, y, width, self.size[1] - 20 - y)).hide()

    def build_right(self, x: int, y: int, width: int, height: int, s: float) -> None:
        sc = self.session.scenario
        row = round(40 * s)
        meters_h = row * len(sc.meters) + 4
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
        """Bring the widgets up to date with the state; each one changes only if its content did.

        The moves' buttons change at once (no click reaches a move that is not legal); the rest is
        queued and done a few pieces a frame (see update), so no frame does it all. `now` does all
        of it at once: when the screen is built anyway."""
        state = self.state
        kinds = legal_kinds(state) if self.session.player_to_move and state.phase == "move" else ()
        for kind, *_ in MOVES:
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
        sc = self.session.scenario
        state = self.state
        width = self.widgets["turn"].rect.width
        if state.over:
            text = self.fit(["The talks are over", "Over"], width, "#value")
        else:
            text = self.fit([f"Turn {state.turn} of {sc.deadline}   ({state.turns_left} after this)",
                             f"Turn {state.turn} of {sc.deadline}"], width, "#value")
        self.set_text("turn", text)
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
                element.set_image(richtext.box(text, element.rect.size, round(15 * self.app.settings.text_scale)))
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
        sc = self.session.scenario
        player = self.state.player
        legal = "propose" in legal_kinds(self.state) and self.session.player_to_move
        for i in issues if issues is not None else range(len(sc.issues)):
            choice = self.package[i]
            crosses = any(line.issue == i and choice in line.forbid for line in sc.valuations[player].red_lines)
            self.set_style(f"issue_{i}", "#redline_option" if crosses else None)
            option = option_label(sc, i, choice)
            button = self.widgets[f"issue_{i}"]
            variants = [f"{option}  (!) your red line", f"(!) {option}"] if crosses else [option]
            text = self.fit(variants, button.rect.width, "#redline_option" if crosses else None, "button", shorten=True)
            if text != button.text:
                issue = sc.spec.issues[i]
                about = getattr(issue, "description", None)
                tip = (f"{issue.title}: {option}" + (" (crosses your red line)" if crosses else "")
                       + (f"<br>{about}" if about else ""))
                button.set_tooltip(tip)
            self.set_text(f"issue_{i}", text)
            for name in (f"issue_{i}_prev", f"issue_{i}", f"issue_{i}_next"):
                self.set_enabled(name, legal)
        package = tuple(self.package)
        val = sc.valuations[player]
        worth = val.utility(package)
        reservation = self.state.hidden.reservations[player]
        crossed = crossed_lines(self.state, player, package)
        self.set_text("worth", self.fit([f"Worth to you: {worth:.2f}   (your best: {val.best:.2f})",
                                         f"Worth to you: {worth:.2f}", f"Worth: {worth:.2f}"],
                                        self.widgets["worth"].rect.width, "#value"))
        bar = self.widgets["value_bar"]
        key = (round(worth, 6), reservation, bool(crossed), bar.rect.size)
        if key != self.bar_key:
            self.bar_key = key
            bar.set_image(draw_value_bar(worth, reservation, val.best, bar.rect.width,
                                         self.app.settings.text_scale, bool(crossed), theme.PANEL),
                          image_is_alpha_premultiplied=True)  # opaque: no premultiplying needed
        verdicts, style = self.verdict(package, worth, reservation, crossed)
        self.set_style("verdict", style)
        self.set_text("verdict", self.fit(verdicts, self.widgets["verdict"].rect.width, style))
        self.set_enabled("propose", legal and any(c != OPEN for c in package))

    def refresh_meters(self) -> None:
        image = self.widgets["meters"]
        key = (self.state.meters, self.session.previous, image.rect.size)
        if key == self.meters_key:  # the picture is cached until a meter moves
            return
        self.meters_key = key
        image.set_image(draw_meters(self.state, self.session.previous, image.rect.width,
                                    self.app.settings.text_scale, theme.PANEL), image_is_alpha_premultiplied=True)

    def refresh_log(self, one: bool = False) -> bool:
        """Lay out only the new lines of the log (with `one`, only the next; True: more are waiting)
        and add them to the view, scrolled to the latest."""
        log = self.state.log
        view = self.log_view
        if view is None or self.log_count == len(log):
            return False
        if self.log_count == 0 and len(log) > LOG_START:  # a long game reopened: start from the latest
            self.log_count = len(log) - LOG_START
            view.append(f"<i>({self.log_count} earlier lines are in the exported transcript)</i>")
        for item in log[self.log_count:self.log_count + 1] if one else log[self.log_count:]:
            text, self.log_turn = self.log_html([item], self.log_turn)
            view.append(text)
            self.log_count += 1
        if len(view.entries) > LOG_KEEP:  # keep the view small; the export has every line
            del view.entries[: len(view.entries) - LOG_START]
            view.height = sum(e.get_height() for e in view.entries)
        if self.log_count < len(log):
            return True
        self.draw_log()
        return False

    def show_table(self) -> None:
        """The offer on the table: laid out again only when it changes; it scrolls if it does not fit."""
        text = self.table_html()
        if self.markup.get("on_table") == text:
            return
        self.markup["on_table"] = text
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

    # the record ---------------------------------------------------------------------------
    def table_html(self) -> str:
        sc = self.session.scenario
        state = self.state
        player = state.player
        offer = state.offer
        if offer is None:
            return "<i>Nothing yet. Propose a package, or wait for the other side's.</i>"
        who = "Your offer" if offer.by == player else f"{esc(sc.actors[offer.by].name)}'s offer"
        colour = side_hex(sc, offer.by)
        lines = [f"<font color='{colour}'><b>{who}</b></font> (turn {offer.turn})"]
        for i, choice in enumerate(offer.package):
            lines.append(f"{esc(sc.spec.issues[i].title)}: <b>{esc(option_label(sc, i, choice))}</b>")
        worth = sc.valuations[player].utility(offer.package)
        reservation = state.hidden.reservations[player]
        crossed = crossed_lines(state, player, offer.package)
        judge = "better than no deal" if worth >= reservation else "worse than no deal"
        lines.append(f"Worth to you: <b>{worth:.2f}</b> ({judge}; reservation {reservation:.2f})")
        if crossed:
            lines.append(f"<font color='#ffb36b'>(!) crosses your red line on {esc(', '.join(crossed))}</font>")
        if not offer.full:
            lines.append("<i>Partial: it cannot be accepted until every issue is settled.</i>")
        return "<br>".join(lines)

    def note(self) -> str:
        if self.error:
            return self.error
        if SAVER.failure:
            return f"<font color='#ffb36b'><b>Not saved:</b> {esc(SAVER.failure)}</font>"
        return self.hint() if self.session.practice else ""

    def log_html(self, items, turn: int) -> tuple[str, int]:  # type: ignore[no-untyped-def]
        """The HTML for some log entries, with a heading where a new turn starts; and the last turn."""
        sc = self.session.scenario
        practice = self.session.practice
        out = []
        for item in items:
            if item.turn != turn and item.kind != "outcome":
                turn = item.turn
                out.append(f"<font color='#f0e442'><b>Turn {turn} of {sc.deadline}</b></font>")
            if item.kind == "event":
                who = f" ({esc(item.speaker)})" if item.speaker else ""
                out.append(f"<font color='#CC79A7'><b>Event:</b></font> <i>{esc(item.text)}</i>{who}")
            elif item.kind == "outcome":
                out.append(f"<font color='#f0e442'><b>== {esc(item.text)} ==</b></font>")
            else:
                name = speaker_name(sc, item.actor, item.speaker)
                mine = item.actor == self.state.player
                label = f"{name} (you)" if mine else name
                text = f"<font color='{side_hex(sc, item.actor)}'><b>{esc(label)}:</b></font> {esc(item.text)}" \
                    if name else esc(item.text)
                if practice and item.reason and not mine:
                    text += f"<br><font color='#b9c4d6'><i>Why: {esc(item.reason)}</i></font>"
                out.append(text)
        return "<br>".join(out), turn

    def hint(self) -> str:
        """The most pressing practice-mode hint: the same advice the terminal gives (game.analysis.hints)."""
        state = self.state
        if state.over or not self.session.player_to_move:
            return ""
        advice = hints(state, state.player)
        return f"<b>Hint:</b> {esc(advice[0])}" if advice else ""

    # moves --------------------------------------------------------------------------------
    def cycle(self, issue: int, step: int) -> None:
        count = len(self.session.scenario.options[issue])
        values = [OPEN, *range(count)]
        index = values.index(self.package[issue])
        self.package[issue] = values[(index + step) % len(values)]
        self.refresh_builder([issue])

    def verdict(self, package: tuple[int, ...], worth: float, reservation: float,
                crossed: list[str]) -> tuple[list[str], str]:
        """What the package means for the player, longest wording first, and its style."""
        if crossed:
            return [f"(!) Crosses your red line on {', '.join(crossed)}", "(!) Crosses your red line",
                    "(!) Your red line"], "#warning"
        if OPEN in package:
            left = package.count(OPEN)
            return [f"Partial: {left} issue{'s' * (left != 1)} still open", f"{left} open"], "#muted"
        if worth >= reservation:
            return ["OK: better for you than no deal", "OK: better than no deal", "OK"], "#good"
        return ["(!) Below your reservation: worse than no deal", "(!) Worse than no deal",
                "(!) Below reservation"], "#warning"

    def set_package(self, package: tuple[int, ...]) -> None:
        self.package = list(package)
        self.refresh_builder()

    def propose(self) -> None:
        self.play(Move("propose", package=tuple(self.package)))

    def move_kind(self, kind: str) -> None:
        sc = self.session.scenario
        if kind == "question":
            self.open_dialog("Ask a question", "Which issue do you want to ask the other side about?",
                             [(issue.title, partial(self.play, Move("question", target=issue.id)))
                              for issue in sc.spec.issues])
            return
        if kind == "consult":
            backers = sc.backers(self.state.player)
            choices = []
            for b in backers:
                actor = sc.actors[b]
                done = " (consulted)" if b in self.state.consulted else ""
                choices.append((f"{actor.name}{done}", partial(self.play, Move("consult", target=b))))
            self.open_dialog("Consult a stakeholder", "Consulting spends your move for this turn.", choices)
            return
        if kind == "walkout":
            self.open_dialog("Walk out?", "Leaving the table ends the talks without a deal.",
                             [("Yes, walk out", lambda: self.play(Move("walkout"))), ("No, stay", lambda: None)])
            return
        self.play(Move(kind))

    def play(self, move: Move) -> None:
        """The player's move, saved; the AI answers on the next frame (see update)."""
        try:
            self.session.play_player(move)
            self.error = ""
        except IllegalMoveError as exc:
            self.error = f"<font color='#ffb36b'>{esc(str(exc))}</font>"
        self.ai_after = self.app.frames
        self.refresh()

    def prompt(self) -> tuple[str, str, Sequence[tuple[str, Callable[[], None]]], bool] | None:
        """Events that ask the player for a choice, and the end of the talks, come up as dialogs."""
        state = self.state
        sc = self.session.scenario
        if state.over:
            outcome = getattr(sc.spec.outcomes, state.result.kind if state.result else "deadline")
            return ("The talks are over", esc(outcome.title), [("See the debrief", self.to_debrief)], False)
        if state.phase == "choice" and state.to_move == state.player:
            event = next(e.spec for e in sc.events if e.spec.id == state.pending[0])
            choices = [(c.label, partial(self.play, Move("choose", target=event.id, choice=c.id)))
                       for c in event.choices]
            speaker = f"<br><i>{esc(event.speaker)}</i>" if event.speaker else ""
            return (event.title, esc(event.text) + speaker + "<br><br><b>How do you respond?</b>", choices, False)
        return None

    def busy(self) -> bool:
        return self.session.ai_to_move or bool(self.pending)

    def update(self, dt: float) -> None:
        """A frame: queued updates first (a few milliseconds' worth), then the AI's answer, if due."""
        if self.pending:
            self.run_pending(FRAME_BUDGET)
        elif self.session.ai_to_move and self.app.frames > self.ai_after:
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
            if event.key == key and self.widgets[kind].is_enabled:
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
        from game.ui.screens.briefing import BriefingScreen

        self.app.go(BriefingScreen(self.app, self.session))

    def to_debrief(self) -> None:
        from game.ui.screens.debrief import DebriefScreen

        self.app.go(DebriefScreen(self.app, self.session))

    def on_escape(self) -> None:
        from game.ui.screens.menu import open_menu

        open_menu(self)
