"""Outcome and debrief: what happened and why, the outcome space of one pair of sides at a time, what each
side got against its reservation, the meters, red lines and history.

After the game everything is revealed (every person at the window sees the debrief), so this screen
reads the session's debrief of the final state and the scenario's preferences for the chart.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import combinations

import pygame
import pygame_gui

from game.analysis.debrief import Debrief
from game.saves import data_dir
from game.scenario.public import verb
from game.text import render
from game.ui import nav, richtext, theme
from game.ui.app import App, Screen
from game.ui.chart import OFFER_MARKERS, Plane, meters_chart, outcome_chart, results_chart
from game.ui.screens.menu import open_menu
from game.ui.session import SAVER, Session
from game.ui.text import capital, esc, short_name, side_rgb, speaker_name, the_name

HEAD = "<font color='#f0e442'><b>{}</b></font>"
CLOUD_POINTS = 20000


@nav.screen("debrief")
class DebriefScreen(Screen):
    name = "debrief"

    def __init__(self, app: App, session: Session):
        super().__init__(app)
        self.session = session
        self.public = session.scenario.public
        self.debrief: Debrief = session.debrief()
        people = session.people
        self.you = people[0] if len(people) == 1 else None
        pairs = list(combinations(self.debrief.negotiators, 2))
        pairs.sort(key=lambda p: self.you not in p)  # yours first
        self.pairs = pairs
        self.pair_index = 0
        self.exported: str | None = None
        self.steps: list[Callable[[], None]] = []  # the export's pieces still to make, one a frame
        self.asked = -1
        self.charts: dict[tuple[str, int, tuple[int, int], float], pygame.Surface] = {}  # outcome charts, by pair

    def short(self, seat: str) -> str:
        """A short name for the charts, '(you)' after yours."""
        return short_name(self.public.actors[seat].name) + (" (you)" if seat == self.you else "")

    def label_of(self, seat: str) -> str:
        name = self.public.actors[seat].name
        if seat == self.you:
            return f"{name} (you)"
        return f"{name} (played here)" if seat in self.session.people else name

    def report(self) -> str:
        d = self.debrief
        sc = self.public
        out = [HEAD.format("What happened"), esc(self.what_happened())]
        readers = self.readers()
        for seat in readers:  # the author's texts for the sides played here
            whose = "" if self.you is not None else f"<b>For {esc(sc.actors[seat].name)}:</b> "
            out += [whose + esc(text) for text in d.notes(seat).texts]
        if d.package is not None:
            out.append("<br>" + HEAD.format("The deal") + f"<br>{esc(sc.describe(d.package))}")
        for verdict in d.ratifications:
            plural = sc.plural(verdict.actor)
            yes = verb("approves", plural) if verdict.approves else verb("rejects", plural).upper()
            out.append(f"- {esc(sc.actors[verdict.actor].name)} {yes}: {esc(verdict.why)}")
        out.append("<br>" + HEAD.format("Results") + " (utility 0 to 1; the reservation is what no deal was worth; "
                   f"{render.SCORE_MEANS}, below 0 worse than no deal)")
        for side in d.sides:
            out.append(f"- <b>{esc(self.label_of(side.actor))}</b>: got {side.utility:.2f}, reservation "
                       f"{side.reservation:.2f}, best case {side.best:.2f}, score {side.score:+.2f}")
            if side.rejected_by:
                out.append(f"&nbsp;&nbsp;(score reduced: {esc(', '.join(sc.actors[s].name for s in side.rejected_by))}"
                           " rejected the deal)")
        every = "both sides" if len(d.negotiators) == 2 else "every side"
        if d.zone_size is not None:
            out.append(f"- Zone of possible agreement: {d.zone_size} of {d.package_count} packages gave {every} "
                       "more than no deal.")
        if d.nash is not None:
            worth = ", ".join(f"{u:.2f} for {esc(sc.actors[s].name)}" for s, u in zip(d.negotiators, d.nash.utilities))
            out.append(f"- Nash bargaining point: {esc(sc.describe(d.nash.package))} ({worth}).")
        else:
            out.append(f"- No package gave {every} more than no deal in this game.")
        if d.left_on_table is not None:
            note = "the deal was efficient" if d.left_on_table < 1e-6 else "value was left on the table"
            out.append(f"- Distance from the deal to the Pareto frontier: {d.left_on_table:.3f} ({note}).")
        if d.drawn:
            out.append("<br>" + HEAD.format("Priorities in this game") + " (drawn from the scenario's ranges: another "
                       "game draws others)")
            for actor, weights in d.drawn:
                shares = ", ".join(f"{esc(issue)} {w:.2f}" for issue, w in weights)
                out.append(f"- {esc(self.label_of(actor))}: {shares}")
        out.append("<br>" + HEAD.format("Red lines: firm or bluff?"))
        for line in d.red_lines:
            owner = sc.actors[line.owner].name
            out.append(f"- {esc(owner)}, {esc(line.issue)}: {esc(line.stated)} <b>({esc(line.verdict(owner))})</b>")
        out.append("<br>" + HEAD.format("What happened in history") + f"<br>{esc(d.history)}")
        questions = [esc(q) for q in d.questions]
        questions += [esc(q) if self.you is not None else f"<b>{esc(sc.actors[seat].name)}:</b> {esc(q)}"
                      for seat in readers for q in d.notes(seat).questions]
        if questions:
            out.append("<br>" + HEAD.format("Questions for discussion"))
            out += [f"- {q}" for q in questions]
        return "<br>".join(out)

    def readers(self) -> list[str]:
        """Whose own debrief texts and questions to show: yours; at a shared screen (or with nobody's seat
        played here), every side's, each with its name, as the terminal's debrief does."""
        return [self.you] if self.you is not None else list(self.public.seats)

    def what_happened(self) -> str:
        """The outcome's text, saying who left when someone walked out ('You left the table' when it was you:
        the author's text is written for every seat and may only say 'Someone left the table')."""
        d = self.debrief
        text = d.text
        if d.outcome != "walkout" or d.by not in self.public.actors:
            return text
        if d.by == self.you:
            who = "You left the table."
        else:
            name = self.public.actors[d.by].name
            who = f"{capital(the_name(short_name(name)))} ({speaker_name(self.public.speaker(d.by))}) left the table."
        for vague in ("Someone left the table.", "One side left the table.", "A side left the table."):
            if text.startswith(vague):
                return who + text[len(vague):]
        return f"{who} {text}"

    # layout ------------------------------------------------------------------------------------
    def build(self) -> None:
        w, h = self.size
        s = self.app.settings.text_scale
        m, row = 12, round(40 * s)
        title = f"Debrief: {self.debrief.title}"
        self.label((m, 6, w - 2 * m, round(36 * s)), self.fit([title], w - 2 * m, "#heading", shorten=True),
                   "#heading")
        top = 6 + round(40 * s)
        bottom = h - m - row - 8
        chart_w = min(round(w * 0.5), bottom - top + 80)
        # left: the outcome chart of a pair of sides (and the button that changes the pair)
        switch_h = row + 6 if len(self.pairs) > 1 else 0
        chart_h = bottom - top - switch_h
        rect = pygame.Rect(m, top, chart_w, chart_h)
        self.widgets["outcome"] = pygame_gui.elements.UIImage(rect, self.chart("outcome", rect.size, s), self.manager,
                                                              image_is_alpha_premultiplied=True)  # opaque
        if switch_h:
            y = top + chart_h + 6
            bw = min(chart_w // 2, round(230 * s))
            self.button("pair_next", (m, y, bw, row),
                        self.fit(["Next pair of sides (N)", "Next pair (N)"], bw, None, "button"), self.next_pair)
            self.label((m + bw + 10, y, chart_w - bw - 10, row), "", "#muted", name="pair")
            self.show_pair_label()
        # right: what happened, what each side got, the meters
        x = m + chart_w + 10
        rw = w - x - m
        meters_h = min(round(200 * s), (bottom - top) // 3)
        results_h = round(24 * s) + len(self.debrief.sides) * max(round(22 * s), min(round(30 * s),
                                                                                     (bottom - top) // 14))
        report_h = bottom - top - meters_h - results_h - 16
        self.textbox((x, top, rw, report_h), self.report(), name="report")
        rect = pygame.Rect(x, top + report_h + 8, rw, results_h)
        pygame_gui.elements.UIImage(rect, self.chart("results", rect.size, s), self.manager,
                                    image_is_alpha_premultiplied=True)
        meters = self.chart("meters", (rw, meters_h), s)
        pygame_gui.elements.UIImage(pygame.Rect(x, bottom - meters_h, rw, meters_h), meters, self.manager,
                                    image_is_alpha_premultiplied=True)
        self.button("export", (m, h - m - row, 300, row), "Export the transcript (E)", self.export,
                    object_id="#primary")
        self.button("title", (w - m - 240, h - m - row, 240, row), "Back to the title screen",
                    lambda: nav.title(self.app))
        self.order.insert(0, "report")  # Tab reaches the report; the arrow keys and Page Up/Down scroll it
        note = pygame.Rect(m + 320, h - m - row, w - 2 * m - 580, row)
        self.widgets["exported"] = pygame_gui.elements.UIImage(note, pygame.Surface(note.size, pygame.SRCALPHA),
                                                               self.manager)
        self.show_exported()

    def chart(self, kind: str, size: tuple[int, int], scale: float) -> pygame.Surface:
        """A chart; the outcome charts of several pairs are kept, to flip between them (N). pygame_gui shows
        a copy of each chart, so the others are not kept: that would hold each picture twice."""
        key = (kind, self.pair_index if kind == "outcome" else 0, size, scale)
        surface = self.charts.get(key)
        if surface is None:
            surface = self.draw(kind, size, scale)
            if kind == "outcome" and len(self.pairs) > 1:
                self.charts[key] = surface
        return surface

    def draw(self, kind: str, size: tuple[int, int], scale: float) -> pygame.Surface:
        d = self.debrief
        if kind == "meters":
            return meters_chart(self.public, d.timeline, size, scale)
        if kind == "results":
            return results_chart(d.sides, [self.short(s.actor) for s in d.sides],
                                 [side_rgb(self.public, s.actor) for s in d.sides], size, scale)
        first, second = self.pairs[self.pair_index]
        return outcome_chart(d.pair(first, second), self.plane(first, second), size, scale)

    def plane(self, first: str, second: str) -> Plane:
        pair = self.debrief.pair(first, second)
        cloud, blocked = pair.cloud, pair.blocked  # empty when there are too many packages to list
        if len(cloud) > CLOUD_POINTS:
            step = len(cloud) // CLOUD_POINTS + 1
            cloud, blocked = cloud[::step], blocked[::step]
        seats = self.public.seats
        offerers = tuple((seat, short_name(self.public.actors[seat].name), side_rgb(self.public, seat),
                          OFFER_MARKERS[n % len(OFFER_MARKERS)])
                         for n, seat in enumerate(seats) if any(o.by == seat for o in self.debrief.offers))
        d = self.debrief
        return Plane((self.short(first), self.short(second)),
                     (side_rgb(self.public, first), side_rgb(self.public, second)),
                     (d.side(first).best, d.side(second).best), cloud, offerers, len(d.negotiators) - 2, blocked)

    # the pair of sides on the chart -----------------------------------------------------------
    def next_pair(self) -> None:
        self.pair_index = (self.pair_index + 1) % len(self.pairs)
        image = self.widgets["outcome"]
        image.set_image(self.chart("outcome", image.rect.size, self.app.settings.text_scale),
                        image_is_alpha_premultiplied=True)
        self.show_pair_label()

    def show_pair_label(self) -> None:
        first, second = self.pairs[self.pair_index]
        names = f"{self.short(first)} and {self.short(second)}"
        label = self.widgets["pair"]
        count = f"{self.pair_index + 1} of {len(self.pairs)}"
        pair = f"{self.short(first)} / {self.short(second)}"
        label.set_text(self.fit([f"Showing {names} ({count})", f"{names} ({count})", f"{pair} ({count})", pair,
                                 count], label.rect.width, "#muted", shorten=True))

    # the export ---------------------------------------------------------------------------------
    def show_exported(self) -> None:
        """Where the export went, in small text that wraps (a long path does not fit a label)."""
        image = self.widgets["exported"]
        text = richtext.render(esc(self.exported or ""), image.rect.width, round(13 * self.app.settings.text_scale),
                               theme.MUTED, height=image.rect.height)
        image.set_image(text)
        self.texts["exported"] = self.exported or ""

    def export(self) -> None:
        """The transcript as JSON and the game as readable text, in the exports folder.

        Made over the next frames (the text on one, the JSON on the next: each a few milliseconds)
        and written on the autosave thread, so no frame waits for all of it or for the disk."""
        session = self.session
        folder = data_dir().parent / "exports"
        stem = session.path.stem
        report = self.debrief
        public = self.public
        you = self.you

        def text() -> None:
            lines = [render.entry(item, session.practice) for item in session.record()]
            SAVER.put(folder / f"{stem}.txt", "\n".join(lines) + "\n\n" + render.debrief(public, report, you) + "\n")

        def transcript() -> None:
            SAVER.put(folder / f"{stem}.json", json.dumps(session.transcript.to_dict(), ensure_ascii=False,
                                                          indent=1) + "\n")

        self.steps += [text, transcript]
        self.asked = self.app.frames
        self.exported = f"Saved to {folder / stem}.json and .txt"
        self.show_exported()

    def update(self, dt: float) -> None:
        if self.steps and self.app.frames > self.asked:  # from the frame after the click on
            self.steps.pop(0)()

    def busy(self) -> bool:
        return bool(self.steps) or SAVER.pending  # the export is being made or written

    def shortcut(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_e:
            self.export()
            return True
        if event.key == pygame.K_n and "pair_next" in self.widgets:
            self.next_pair()
            return True
        return False

    def main_text(self) -> pygame_gui.elements.UITextBox | None:
        return self.widgets.get("report")

    def on_escape(self) -> None:
        open_menu(self)

    def release(self) -> None:
        super().release()
        self.charts = {}
