"""The window's file dialog: pygame_gui's, showing only the files that can be opened there (scenarios or
saved games), opening in the folder used last, with its small buttons labelled in words."""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui

from game.ui import theme
from game.ui.settings import Settings

SUFFIXES = {"scenario": {".yaml", ".yml"}, "save": {".json"}}
BUTTONS = (("home_button", "Home", "Your home folder"),
           ("parent_directory_button", "Up", "The folder above this one"),
           ("refresh_button", "Refresh", "List this folder again"),
           ("delete_button", "Delete", "Delete the selected file (asks first)"))


def start_folder(settings: Settings) -> Path:
    """The folder used last, if it is still there; else the current folder."""
    if settings.last_folder:
        folder = Path(settings.last_folder)
        try:
            if folder.is_dir():
                return folder
        except OSError:
            pass
    return Path.cwd()


class FileDialog(pygame_gui.windows.UIFileDialog):
    """Pick a file of one `kind` ("scenario": .yaml and .yml; "save": .json); folders are listed to move
    through. The folder a file is picked from is remembered in the settings."""

    def __init__(self, rect: pygame.Rect, manager: pygame_gui.UIManager, settings: Settings, kind: str,
                 title: str, scale: float = 1.0):
        self.settings = settings
        super().__init__(rect, manager, window_title=title, allowed_suffixes=SUFFIXES[kind],
                         initial_file_path=str(start_folder(settings)), allow_picking_directories=False,
                         allow_existing_files_only=True)
        self.label_buttons(scale)

    def label_buttons(self, scale: float) -> None:
        """Words on the small buttons (pygame_gui draws symbols, one of them an unlabelled box); the path
        and the list of files move down to make room for them."""
        x, y = 10, 8
        height = theme.font(max(8, round(15 * scale))).get_linesize() + 8
        for attribute, text, tip in BUTTONS:
            old = getattr(self, attribute)
            width = theme.text_width(text, None, scale, "button") + 24
            # a button of the window's own style in its place (the dialog's events compare with the attribute)
            button = pygame_gui.elements.UIButton(pygame.Rect(x, y, width, height), text, self.ui_manager,
                                                  container=self, tool_tip_text=tip)
            if not old.is_enabled:
                button.disable()
            old.kill()
            setattr(self, attribute, button)
            x += width + 6
        line = self.file_path_text_line
        line.set_relative_position((10, y + height + 6))
        top = y + height + 6 + line.rect.height + 8
        inner_w, inner_h = self.get_container().get_size()
        self.file_selection_list.set_relative_position((10, top))
        self.file_selection_list.set_dimensions((inner_w - 20, inner_h - top - 50))

    def picked(self, path: Path) -> None:
        """Remember the folder of the file picked."""
        folder = str(path.parent)
        if folder != self.settings.last_folder:
            self.settings.last_folder = folder
            self.settings.save()
