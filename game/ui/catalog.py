"""The shipped scenarios as the picker lists them, without validating them on every visit.

Validating a scenario (reading its YAML with line numbers, checking its design) takes tens of
milliseconds a file, and the picker lists them all. The picker needs only a card of each (its title,
summary, sides and length), so a card is kept in a small cache keyed by the hash of the file's bytes
(and the game's version): an unchanged file is never validated again to be listed. A file is
validated when it is chosen (then kept for the process), and a missing card is made on a background
thread started with the title screen, so the picker rarely waits for one. No pygame here.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

import platformdirs

from game import ENGINE_VERSION, __version__
from game.resources import shipped_scenarios
from game.saves import write_atomic
from game.scenario import ScenarioError, load_scenario
from game.scenario.model import Scenario

VERSION = f"{__version__}/{ENGINE_VERSION}"


@dataclass(frozen=True)
class Card:
    """What the picker shows of a scenario (or, in `error`, why it cannot be played)."""

    path: str
    id: str = ""
    title: str = ""
    summary: str = ""
    setting: str = ""
    sides: int = 0
    mediator: bool = False
    deadline: int = 0
    minutes: int | None = None
    error: str | None = None


def cache_path() -> Path:
    return Path(platformdirs.user_cache_dir("detente", appauthor=False)) / "scenario-cards.json"


_lock = threading.Lock()
_scenarios: dict[str, Scenario] = {}  # validated this process, by content hash
_cards: dict[str, Card] | None = None  # by content hash
_thread: threading.Thread | None = None


def digest(raw: bytes) -> str:
    return hashlib.sha256(VERSION.encode() + b"\0" + raw).hexdigest()


def _read_cache() -> dict[str, Card]:
    try:
        data = json.loads(cache_path().read_text(encoding="utf-8"))
        return {key: Card(**value) for key, value in data.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def _write_cache(cards: dict[str, Card]) -> None:
    with contextlib.suppress(OSError):  # a cache: never stop the game for it
        write_atomic(cache_path(), json.dumps({k: asdict(v) for k, v in cards.items()}, ensure_ascii=False))


def card_of(path: Path, scenario: Scenario) -> Card:
    sc = scenario
    return Card(str(path), sc.id, sc.title, sc.spec.summary or "", sc.spec.setting or "", len(sc.negotiators),
                bool(sc.mediator), sc.deadline, sc.spec.minutes)


def _validate(path: Path, key: str) -> Card:
    try:
        scenario = load_scenario(path)
    except ScenarioError as exc:
        return Card(str(path), error=f"{path.name}: {exc.problems[0].message}")
    with _lock:
        _scenarios[key] = scenario
    return card_of(path, scenario)


def cards(wait: bool = True) -> list[Card]:
    """A card of each shipped scenario, validating only the files whose card is not cached."""
    global _cards
    out = []
    with _lock:
        if _cards is None:
            _cards = _read_cache()
        known = dict(_cards)
    changed = False
    for path in shipped_scenarios():
        try:
            key = digest(path.read_bytes())
        except OSError as exc:
            out.append(Card(str(path), error=f"{path.name}: {exc.strerror or exc}"))
            continue
        card = known.get(key)
        if card is None or card.path != str(path):
            card = _validate(path, key)
            known[key] = card
            changed = True
        out.append(card)
    if changed:
        with _lock:
            _cards = {k: v for k, v in known.items() if v.path in {c.path for c in out}}
            _write_cache(_cards)
    return out


def prepare() -> None:
    """Make any missing card on a background thread (started once), while the title screen is up."""
    global _thread
    if _thread is None:
        # not a daemon: a window closed at once waits for the cards (a second at most) rather than have the
        # interpreter kill the thread inside the YAML or validation code on its way out (a crash at exit)
        _thread = threading.Thread(target=cards, name="detente-scenarios")
        _thread.start()


def ready() -> None:
    """Wait for the background cards, if they are being made."""
    if _thread is not None:
        _thread.join()


def scenario(card: Card) -> Scenario:
    """The card's scenario, validated (once per process and file content); ScenarioError if it is broken."""
    path = Path(card.path)
    key = digest(path.read_bytes())
    with _lock:
        found = _scenarios.get(key)
    if found is None:
        found = load_scenario(path)
        with _lock:
            _scenarios[key] = found
    return found
