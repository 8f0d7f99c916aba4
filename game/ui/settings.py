"""The player's window settings, kept in a small JSON file next to the saves."""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from game.engine.transcript import Transcript
from game.saves import data_dir, write_atomic

TEXT_SCALES = (1.0, 1.15, 1.3)


def settings_path() -> Path:
    return data_dir().parent / "settings.json"


@dataclass
class Settings:
    text_scale: float = 1.0
    fullscreen: bool = False
    last_folder: str = ""  # where the file dialog was last used: it opens there again
    player_name: str = ""  # the name last typed at the setup screen: the next game's default

    @classmethod
    def load(cls) -> Settings:
        try:
            data = json.loads(settings_path().read_text(encoding="utf-8"))
            scale = float(data.get("text_scale", 1.0))
            folder = data.get("last_folder", "")
            name = data.get("player_name", "")
            return cls(scale if scale in TEXT_SCALES else 1.0, bool(data.get("fullscreen", False)),
                       folder if isinstance(folder, str) else "",
                       name[:Transcript.MAX_NAME] if isinstance(name, str) else "")
        except (OSError, ValueError, TypeError, AttributeError):
            return cls()

    def save(self) -> None:
        with contextlib.suppress(OSError):  # settings are a convenience: never stop the game for them
            write_atomic(settings_path(), json.dumps(asdict(self)) + "\n")
