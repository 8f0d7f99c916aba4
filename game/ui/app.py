"""The window: one pygame display, one pygame_gui manager, and a current screen.

Screens build their widgets once for the current window size (and rebuild them only when the
window size or the text size changes), register a name and an action for each control, and list
the controls in Tab order. After that a screen updates its widgets in place: laying out text in
pygame_gui is slow (tens of milliseconds for a long text box), so nothing is rebuilt during play.
Dialogs are built on top of the screen when opened and killed when closed. The app turns clicks,
Tab/Enter and shortcuts into those actions, so the mouse and the keyboard reach the same things,
and the demo can drive everything by name with synthetic events.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core.surface_cache import SurfaceCache

from game.ui import nav, richtext, theme
from game.ui.session import Session
from game.ui.settings import Settings

DEFAULT_SIZE = (1280, 720)
MIN_SIZE = (1024, 600)
DIM = tuple(round(c * 176 / 255) for c in (11, 15, 24)) + (176,)  # the layer under dialogs, alpha premultiplied


def forget_big_shapes(manager: pygame_gui.UIManager, clear_atlas: bool = False) -> None:
    """Drop pygame_gui's cached copies of big shapes (text-box backgrounds, wide buttons).

    pygame_gui keeps a copy of every shape surface it draws in a short-term cache, to reuse it for a
    widget of the same size and colours, and moves them one a frame into a long-term atlas of 4 MB
    pages, adding a page when they do not fit. Only the small ones (buttons, labels) are worth keeping
    across screens: the big ones are dropped before the frames move them (each widget has its own
    copy). `clear_atlas`, between two screens: start the atlas afresh if it has grown past a page.
    """
    theme_data = manager.get_theme()
    cache = getattr(theme_data, "shape_cache", None)
    short = getattr(cache, "cache_short_term_lookup", None)
    if isinstance(short, dict):
        for key in [k for k, v in short.items() if v["surface"].get_width() * v["surface"].get_height() > 128 * 128]:
            del short[key]
    if clear_atlas and isinstance(cache, SurfaceCache) and len(cache.cache_surfaces) > 1:
        # the atlas has grown past its first page (4 MB each): start a new one; the new screen's widgets
        # draw their shapes again and cache the ones they share
        theme_data.shape_cache = SurfaceCache()


M_MMAP_THRESHOLD = -3  # glibc's mallopt() parameter
BIG_BLOCK = 128 * 1024  # bytes: glibc's own starting threshold


def _libc() -> Any:
    """The C library's functions (glibc's on Linux), or None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None)
    except OSError:
        return None


LIBC = _libc()


def free_memory_to_the_system() -> None:
    """Give back to the system the heap memory the last screen freed (glibc keeps it otherwise): called
    between two screens, after the old one's widgets are collected."""
    with contextlib.suppress(AttributeError, TypeError):
        if LIBC is not None:
            LIBC.malloc_trim(0)


def big_blocks_to_the_system() -> None:
    """Have the C allocator map each big block (a surface's pixels: a text box, a chart, the layer under a
    dialog) on its own, and give it back to the system when it is freed.

    glibc does so at first, but raises the threshold to the size of each big block freed: from then on
    pictures of up to a window's size come from its heap, which gives memory back only from its top, so
    the pictures of every screen left behind stay in the process and the next screen's are added to them.
    A fixed threshold keeps glibc's first behaviour. Elsewhere (other systems, other C libraries) nothing
    changes."""
    with contextlib.suppress(AttributeError, TypeError):
        if LIBC is not None:
            LIBC.mallopt(M_MMAP_THRESHOLD, BIG_BLOCK)


class App:
    def __init__(self, size: tuple[int, int] = DEFAULT_SIZE, settings: Settings | None = None):
        big_blocks_to_the_system()
        pygame.display.init()
        pygame.font.init()
        self.settings = settings or Settings.load()
        pygame.display.set_caption("Détente")
        self.size = (max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1]))
        self.surface = pygame.display.set_mode(self.size, pygame.RESIZABLE)
        if self.settings.fullscreen and os.environ.get("SDL_VIDEODRIVER") != "dummy":
            self._set_fullscreen(True)
        pygame.key.set_repeat(400, 40)
        self.manager = self._manager()
        self.clock = pygame.time.Clock()
        self.running = True
        self.screen: Screen | None = None
        self.frames = 0
        self.message: str | None = None
        nav.title(self)

    def _manager(self) -> pygame_gui.UIManager:
        manager = pygame_gui.UIManager(self.size, theme.load_theme(self.settings.text_scale),
                                       enable_live_theme_updates=False)
        fonts = manager.get_theme().get_font_dictionary()
        sizes = {round(14 * self.settings.text_scale), round(15 * self.settings.text_scale)}
        manager.preload_fonts([{"name": "noto", "point_size": n, "style": style}  # those the theme has not loaded
                               for n in sizes for style in ("bold", "italic")
                               if not fonts.check_font_preloaded(fonts.create_font_id(n, "noto", style == "bold",
                                                                                      style == "italic"))])
        return manager

    @staticmethod
    def dim_layer(_pixel: pygame.Surface, size: tuple[int, int]) -> pygame.Surface:
        """The dimmed layer under dialogs, as big as the window: made for a screen's first dialog, freed with
        the screen's widgets."""
        dim = pygame.Surface(size, pygame.SRCALPHA)
        dim.fill(DIM)
        return dim

    # screens -----------------------------------------------------------------------------
    def go(self, screen: Screen) -> None:
        old, self.screen = self.screen, screen
        if old is not None and old is not screen:
            # the old screen may still be on the call stack (its button led here): let go of its widgets
            # and pictures now, so they are freed before the new screen's are made, not after
            old.release()
        self.rebuild()

    def rebuild(self) -> None:
        """Build the current screen's widgets from scratch: on a screen change, a resize, a new text size."""
        assert self.screen is not None
        self.manager.clear_and_reset()
        forget_big_shapes(self.manager, clear_atlas=True)
        # pygame_gui's widgets sit in reference cycles, so the old screen's surfaces (megabytes) are
        # freed only by the cycle collector, which the small Python objects rarely trigger: collect now
        gc.collect()
        free_memory_to_the_system()
        self.screen.reset_widgets()
        self.screen.build()
        self.screen.build_dialog()
        # and the new screen's own big shapes, before pygame_gui moves them (one a frame) into its
        # long-term atlas, which grows by a 4 MB page whenever they fill it: each widget has its copy
        forget_big_shapes(self.manager)

    def set_text_scale(self, scale: float) -> None:
        self.settings.text_scale = scale
        self.settings.save()
        theme.font.cache_clear()
        self.manager = self._manager()
        self.rebuild()

    def toggle_fullscreen(self) -> None:
        self.settings.fullscreen = not self.settings.fullscreen
        self.settings.save()
        self._set_fullscreen(self.settings.fullscreen)
        self.rebuild()

    def _set_fullscreen(self, on: bool) -> None:
        try:
            if on:
                self.surface = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            else:
                self.surface = pygame.display.set_mode(DEFAULT_SIZE, pygame.RESIZABLE)
        except pygame.error:
            return
        self.resize(self.surface.get_size())

    def resize(self, size: tuple[int, int]) -> None:
        size = (max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1]))
        if size != self.surface.get_size():
            self.surface = pygame.display.set_mode(size, pygame.RESIZABLE)
        if size == self.size and self.screen is not None and self.frames:
            return
        self.size = size
        self.manager.set_window_resolution(size)
        if self.screen is not None:
            self.rebuild()

    # the loop ----------------------------------------------------------------------------
    def run(self) -> None:
        try:
            while self.running:
                self.step(self.clock.tick(60) / 1000.0)
        finally:
            Session.flush()
            pygame.quit()

    def step(self, dt: float = 1 / 60) -> None:
        for event in pygame.event.get():
            self.handle(event)
            if not self.running:
                return
        assert self.screen is not None
        self.screen.update(dt)
        self.manager.update(dt)
        self.screen.draw_under(self.surface)
        self.manager.draw_ui(self.surface)
        self.screen.draw_focus(self.surface)
        pygame.display.flip()
        self.frames += 1

    def handle(self, event: pygame.event.Event) -> None:
        screen = self.screen
        assert screen is not None
        if event.type == pygame.QUIT:
            self.quit()
            return
        if event.type == pygame.VIDEORESIZE:
            self.resize((event.w, event.h))
            return
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_F11 or (event.key == pygame.K_RETURN and event.mod & pygame.KMOD_ALT):
                self.toggle_fullscreen()
                return
            if screen.key(event):
                return
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in screen.actions:
            screen.pressed(event.ui_element)
            return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button in (1, 2, 3):
            screen.focus = -1  # a click: the mouse user does not need the focus ring (the wheel keeps it)
        self.manager.process_events(event)
        screen.event(event)

    def quit(self) -> None:
        """Close the window. The game is already saved: autosave runs after every move (and is flushed here)."""
        Session.flush()
        self.running = False

    # for the demo and the tests ---------------------------------------------------------
    def click(self, name: str) -> None:
        """Post a real mouse click at the centre of the control called `name`."""
        assert self.screen is not None
        element = self.screen.widgets[name]
        if not element.is_enabled:
            raise RuntimeError(f"'{name}' is disabled")
        pos = element.rect.center
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        self.pump(3)

    def press(self, key: int, mod: int = 0, unicode: str = "") -> None:
        """Post a real key press."""
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode,
                                             scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=unicode, scancode=0))
        self.pump(2)

    def pump(self, frames: int = 1) -> None:
        """Run `frames` frames, then more while the screen is busy (the AI answering, a frame a move)."""
        for _ in range(frames):
            self.step()
        give_up = time.monotonic() + 10.0
        while self.screen is not None and self.screen.busy() and self.running and time.monotonic() < give_up:
            self.step()

    def screenshot(self, path: str | Path) -> None:
        pygame.image.save(self.surface, str(path))


SCROLL_KEYS = (pygame.K_DOWN, pygame.K_UP, pygame.K_PAGEDOWN, pygame.K_PAGEUP, pygame.K_HOME, pygame.K_END)
SCROLL_LINE = 40  # pixels an arrow key scrolls a text


def scroll_text(box: pygame_gui.elements.UITextBox, key: int) -> None:
    """Scroll a text box by a line (Up, Down), most of a page (Page Up, Page Down) or to an end (Home, End)."""
    bar = box.scroll_bar
    layout = box.text_box_layout
    if bar is None or layout is None:
        return  # the whole text shows: nothing to scroll
    total = max(1, layout.layout_rect.height)
    line = SCROLL_LINE / total
    page = max(line, bar.visible_percentage * 0.9)
    step = {pygame.K_DOWN: line, pygame.K_UP: -line, pygame.K_PAGEDOWN: page, pygame.K_PAGEUP: -page,
            pygame.K_HOME: -1.0, pygame.K_END: 1.0}[key]
    bar.set_scroll_from_start_percentage(max(0.0, min(1.0 - bar.visible_percentage, bar.start_percentage + step)))


class Screen:
    """One screen of the window. Subclasses implement build() and, if they need to, key()."""

    name = "screen"

    def __init__(self, app: App):
        self.app = app
        self.widgets: dict[str, Any] = {}  # pygame_gui elements of several kinds (buttons, labels, images)
        self.actions: dict[object, Callable[[], None]] = {}
        self.order: list[str] = []
        self.focus = -1
        self.dialog: tuple[str, str, Sequence[tuple[str, Callable[[], None]]], bool] | None = None
        self.dialog_names: list[str] = []
        self.dialog_elements: list[pygame_gui.core.UIElement] = []
        self.collecting: list[pygame_gui.core.UIElement] | None = None
        self.blocker: pygame_gui.elements.UIImage | None = None
        self.panels: list[pygame.Rect] = []
        self.texts: dict[str, str] = {}  # the markup drawn into each image widget, by name

    @property
    def manager(self) -> pygame_gui.UIManager:
        return self.app.manager

    @property
    def size(self) -> tuple[int, int]:
        return self.app.size

    def reset_widgets(self) -> None:
        self.widgets = {}
        self.actions = {}
        self.order = []
        self.dialog_names = []
        self.dialog_elements = []
        self.collecting = None
        self.blocker = None
        self.panels = []
        self.texts = {}

    def release(self) -> None:
        """The window has left this screen: drop its widgets (already killed) and anything it drew, so
        their memory is freed before the next screen builds its own. A screen that is shown again (the
        settings' way back) is built again from scratch; screens with pictures of their own drop those too."""
        self.reset_widgets()

    def build(self) -> None:
        raise NotImplementedError

    def update(self, dt: float) -> None:
        pass

    def busy(self) -> bool:
        """True while the screen is still working through something over the next frames."""
        return False

    def event(self, event: pygame.event.Event) -> None:
        pass

    def on_escape(self) -> None:
        pass

    def shortcut(self, event: pygame.event.Event) -> bool:
        return False

    # widgets -----------------------------------------------------------------------------
    def button(self, name: str, rect: pygame.Rect | tuple[int, int, int, int], text: str,
               action: Callable[[], None], *, object_id: str | None = None, enabled: bool = True,
               tooltip: str | None = None, focusable: bool = True, layer: int = 1) -> pygame_gui.elements.UIButton:
        element = pygame_gui.elements.UIButton(
            pygame.Rect(rect), text, self.manager, tool_tip_text=tooltip, starting_height=layer,
            object_id=pygame_gui.core.ObjectID(object_id=object_id) if object_id else None)
        if not enabled:
            element.disable()
        self._made(element)
        self.widgets[name] = element
        self.actions[element] = action
        if focusable:
            self.order.append(name)
        return element

    def label(self, rect: pygame.Rect | tuple[int, int, int, int], text: str, object_id: str | None = None,
              name: str | None = None) -> pygame_gui.elements.UILabel:
        element = pygame_gui.elements.UILabel(
            pygame.Rect(rect), text, self.manager,
            object_id=pygame_gui.core.ObjectID(object_id=object_id) if object_id else None)
        self._made(element)
        if name:
            self.widgets[name] = element
        return element

    def textbox(self, rect: pygame.Rect | tuple[int, int, int, int], html: str, name: str | None = None,
                object_id: str | None = None, layer: int = 1) -> pygame_gui.elements.UITextBox:
        element = pygame_gui.elements.UITextBox(
            html, pygame.Rect(rect), self.manager, starting_height=layer,
            object_id=pygame_gui.core.ObjectID(object_id=object_id) if object_id else None)
        self._made(element)
        if name:
            self.widgets[name] = element
        return element

    def panel(self, rect: pygame.Rect | tuple[int, int, int, int]) -> None:
        """A panel behind the widgets. Drawn by the screen itself each frame (a few rectangles), not a
        pygame_gui UIPanel: those keep a copy of every big shape they draw in pygame_gui's shape cache."""
        self.panels.append(pygame.Rect(rect))

    def image(self, rect: pygame.Rect | tuple[int, int, int, int], surface: pygame.Surface,
              layer: int = 1, opaque: bool = False) -> pygame_gui.elements.UIImage:
        """An image; `opaque` ones need no alpha premultiplying (a copy of the surface saved)."""
        element = pygame_gui.elements.UIImage(pygame.Rect(rect), surface, self.manager, starting_height=layer,
                                              image_is_alpha_premultiplied=opaque)
        self._made(element)
        return element

    def draw_under(self, surface: pygame.Surface) -> None:
        """The window's background and the screen's panels, drawn each frame: a fill and a few rectangles
        cost no more than blitting a picture of them, and keep no window-sized surface alive."""
        surface.fill(theme.BG)
        for rect in self.panels:
            surface.fill(theme.PANEL, rect)
            pygame.draw.rect(surface, theme.PANEL_EDGE, rect, 1)

    def fit(self, variants: list[str], width: int, object_id: str | None = None, kind: str = "label",
            shorten: bool = False) -> str:
        """The first of `variants` (longest first) that fits `width` in that style, else the last
        (cut short with an ellipsis when `shorten`): nothing is drawn clipped."""
        room = width - (12 if kind == "button" else 2)
        scale = self.app.settings.text_scale
        for text in variants:
            if theme.text_width(text, object_id, scale, kind) <= room:
                return text
        text = variants[-1]
        if shorten:
            while len(text) > 1 and theme.text_width(text + "\u2026", object_id, scale, kind) > room:
                text = text[:-1]
            return text.rstrip() + "\u2026"
        return text

    def shown_text(self) -> str:
        """Every text on show: the widgets' texts, the markup drawn into images and the open dialog.
        What a person in front of the window can read (the hot-seat tests check it)."""
        parts = []
        for name, element in self.widgets.items():
            if not element.visible:
                continue
            if isinstance(element, pygame_gui.elements.UITextBox):
                parts.append(element.html_text)
            elif isinstance(element, (pygame_gui.elements.UIButton, pygame_gui.elements.UILabel)):
                parts.append(element.text)
            if name in self.texts:
                parts.append(self.texts[name])
        if self.dialog is not None:
            title, text, choices, _ = self.dialog
            parts += [title, text, *(label for label, _action in choices)]
        return "\n".join(parts)

    def _made(self, element: pygame_gui.core.UIElement) -> None:
        if self.collecting is not None:
            self.collecting.append(element)

    # dialogs -----------------------------------------------------------------------------
    def open_dialog(self, title: str, text: str, choices: Sequence[tuple[str, Callable[[], None]]],
                    cancellable: bool = True, focus: int = 0) -> None:
        """A modal box with a text and one button per choice; Esc cancels when `cancellable`. The
        keyboard focus starts on choice `focus` (the safe one, where a choice cannot be undone)."""
        self.kill_dialog()
        self.dialog = (title, text, choices, cancellable)
        self.build_dialog()
        self.focus = focus

    def close_dialog(self) -> None:
        if self.dialog is None:
            return
        self.kill_dialog()
        self.dialog = None
        self.focus = -1

    def kill_dialog(self) -> None:
        """Remove the dialog's widgets; the screen under it stays as it is."""
        if self.blocker is not None:
            self.blocker.hide()
        for element in self.dialog_elements:
            self.actions.pop(element, None)
            element.kill()
        for name in self.dialog_names:
            self.widgets.pop(name, None)
        self.dialog_elements = []
        self.dialog_names = []

    def build_blocker(self) -> None:
        """The dimmed layer under dialogs, hidden until one opens: made by a screen's first dialog, or by a
        screen that opens many (the table) when it is built. As big as the window, so a screen that never
        opens a dialog does without."""
        # a pixel "scaled" to the window by making the layer: pygame_gui copies an image it is given, so it
        # is given a pixel, and the window-sized layer is made once, not twice
        pixel = pygame.Surface((1, 1), pygame.SRCALPHA)
        pixel.fill(DIM)
        self.blocker = pygame_gui.elements.UIImage(pygame.Rect((0, 0), self.size), pixel, self.manager,
                                                   starting_height=20, image_is_alpha_premultiplied=True,
                                                   scale_func=self.app.dim_layer)
        self.blocker.hide()

    def dialog_fits(self, title: str, text: str, choices: int) -> bool:
        """Whether a dialog with this text and this many choices fits the window without cutting its text."""
        w, h = self.size
        scale = self.app.settings.text_scale
        heading = theme.font(round(20 * scale), True).size(title)[1]
        body = richtext.render(text, min(640, w - 80) - 40, round(15 * scale)).get_height()
        return 16 + heading + 8 + body + 16 + choices * (round(40 * scale) + 8) + 12 <= h - 40

    def build_dialog(self) -> None:
        if self.dialog is None:
            return
        title, text, choices, _ = self.dialog
        w, h = self.size
        self.dialog_elements = []
        if self.blocker is None:
            self.build_blocker()
        if self.blocker is not None:
            self.blocker.show()
        self.collecting = self.dialog_elements  # the helpers below add what they make to the dialog's list
        width = min(640, w - 80)
        scale = self.app.settings.text_scale
        row = round(40 * scale)
        heading = theme.font(round(20 * scale), True).render(title, True, theme.YELLOW)
        body = richtext.render(text, width - 40, round(15 * scale))
        text_h = heading.get_height() + 8 + body.get_height()
        height = 16 + text_h + 16 + len(choices) * (row + 8) + 12
        if height > h - 40:  # a long text: it gives up room to the choices
            text_h -= height - (h - 40)
            height = h - 40
        box = pygame.Rect((w - width) // 2, (h - height) // 2, width, height)
        frame = pygame.Surface(box.size, pygame.SRCALPHA)  # the box, its border and its text: one opaque image
        frame.fill((38, 51, 75))
        pygame.draw.rect(frame, theme.SKY, frame.get_rect(), 2)
        frame.set_clip(pygame.Rect(20, 16, width - 40, text_h))
        frame.blit(heading, (20, 16))
        frame.blit(body, (20, 16 + heading.get_height() + 8))
        frame.set_clip(None)
        self.image(box, frame, layer=21, opaque=True)
        y = box.y + 16 + text_h + 16
        self.dialog_names = []
        for n, (label, action) in enumerate(choices):
            name = f"dialog_{n}"
            text = self.fit([label], width - 40, None, "button", shorten=True)
            self.button(name, (box.x + 20, y, width - 40, row), text, self._dialog_action(action),
                        layer=22, focusable=False, tooltip=label if text != label else None)
            self.dialog_names.append(name)
            y += row + 8
        self.collecting = None

    def _dialog_action(self, action: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            self.close_dialog()
            action()
        return run

    # input -------------------------------------------------------------------------------
    def focus_names(self) -> list[str]:
        names = self.dialog_names if self.dialog is not None else self.order
        return [n for n in names if n in self.widgets and self.widgets[n].is_enabled
                and self.widgets[n].visible]

    def pressed(self, element: object) -> None:
        action = self.actions.get(element)
        if action is None:
            return
        if self.dialog is not None and element not in [self.widgets.get(n) for n in self.dialog_names]:
            return
        action()

    def key(self, event: pygame.event.Event) -> bool:
        """Tab / Shift+Tab move the focus, Enter or Space activates it, Esc opens the menu."""
        names = self.focus_names()
        if event.key == pygame.K_TAB and names:
            step = -1 if event.mod & pygame.KMOD_SHIFT else 1
            current = self.focused_name()
            index = names.index(current) if current in names else (-1 if step > 0 else 0)
            self.set_focus(names[(index + step) % len(names)])
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            name = self.focused_name()
            if name is not None:
                element = self.widgets[name]
                if isinstance(element, pygame_gui.elements.UIButton):
                    self.pressed(element)
                    return True
                if event.key != pygame.K_SPACE:
                    return self.enter_in(name)
            elif event.key != pygame.K_SPACE and self.dialog is None and self.enter_default():
                return True
        if event.key in SCROLL_KEYS and self.dialog is None and not self.typing():
            box = self.scroll_target()
            if box is not None:
                scroll_text(box, event.key)
                return True
        if event.key == pygame.K_ESCAPE:
            if self.dialog is not None:
                if self.dialog[3]:
                    self.close_dialog()
                return True
            self.on_escape()
            return True
        if self.dialog is not None:
            if pygame.K_1 <= event.key <= pygame.K_9:
                index = event.key - pygame.K_1
                if index < len(self.dialog_names):
                    self.pressed(self.widgets[self.dialog_names[index]])
            return True
        if self.typing():
            return False
        return self.shortcut(event)

    def typing(self) -> bool:
        name = self.focused_name()
        return name is not None and isinstance(self.widgets[name], pygame_gui.elements.UITextEntryLine)

    def enter_in(self, name: str) -> bool:
        """Enter in the control `name` that is not a button (a text entry, a text box)."""
        return self.enter_default()

    def enter_default(self) -> bool:
        """Enter with no button focused (after reading or scrolling a text): the screen's main action."""
        return False

    def scroll_target(self) -> pygame_gui.elements.UITextBox | None:
        """The text that the arrow keys, Page Up/Down, Home and End scroll: the focused text box, else
        the screen's main text (None: the keys go to the screen's shortcuts)."""
        name = self.focused_name()
        element = self.widgets.get(name) if name is not None else None
        if isinstance(element, pygame_gui.elements.UITextBox):
            return element
        return self.main_text()

    def main_text(self) -> pygame_gui.elements.UITextBox | None:
        return None

    def focused_name(self) -> str | None:
        names = self.dialog_names if self.dialog is not None else self.order
        if 0 <= self.focus < len(names) and names[self.focus] in self.widgets:
            return names[self.focus]
        return None

    def set_focus(self, name: str) -> None:
        names = self.dialog_names if self.dialog is not None else self.order
        self.focus = names.index(name)
        for element in self.widgets.values():
            if isinstance(element, pygame_gui.elements.UITextEntryLine):
                element.unfocus()
        element = self.widgets[name]
        if isinstance(element, pygame_gui.elements.UITextEntryLine):
            element.focus()
            self.manager.set_focus_set(element)

    def draw_focus(self, surface: pygame.Surface) -> None:
        name = self.focused_name()
        if name is None:
            return
        rect = self.widgets[name].rect.inflate(6, 6)
        pygame.draw.rect(surface, theme.FOCUS, rect, 3, border_radius=6)
