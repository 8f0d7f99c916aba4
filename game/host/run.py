"""`detente host`: open a class session (or bring one back) and serve it until Ctrl+C."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import sys
import time
from pathlib import Path

from game.host.room import ROOM_FILE, Room
from game.resources import scenario_path
from game.scenario import load_scenario
from game.scenario.model import Scenario

DEFAULT_PORT = 8765


class HostProblem(Exception):
    """Why a session cannot be opened or served: one line for the instructor."""


def lan_address() -> str:
    """This machine's address on its network, as students' devices reach it (no packet is sent)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        return str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


def more_files() -> None:
    """Let the server hold as many connections (and still save its files) as the system allows: a class of 200 and
    a few stray connections need more than the common default of 1,024 open files."""
    try:
        import resource
    except ImportError:  # not on this system (Windows): its limits are higher
        return
    with contextlib.suppress(ValueError, OSError):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = 65536 if hard == resource.RLIM_INFINITY else min(hard, 65536)
        if soft != resource.RLIM_INFINITY and soft < wanted:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def session_scenario(folder: Path, given: str | None) -> Scenario:
    """The scenario of a saved session: the one given, else the file (or shipped scenario) it names."""
    if given:
        return load_scenario(scenario_path(given))
    try:
        data = json.loads((folder / ROOM_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise HostProblem(f"{folder}: not a class session folder (no readable {ROOM_FILE})") from None
    for name in (data.get("scenario_id", ""), data.get("scenario_file", "")):
        try:
            scenario = load_scenario(scenario_path(name))
        except Exception:  # noqa: BLE001 - try the next way of finding it
            continue
        if scenario.digest == data.get("scenario_sha256"):
            return scenario
    raise HostProblem(f"{folder}: cannot find the scenario '{data.get('scenario_id')}' of this session "
                     "(give its file after --resume DIR)")


def qr_lines(text: str) -> str:
    import segno

    out = []
    matrix = [list(row) for row in segno.make(text, error="m", micro=False).matrix_iter(border=2)]
    # two rows of modules per line of text, with half blocks: dark modules drawn in the terminal's ink
    for top in range(0, len(matrix), 2):
        upper, lower = matrix[top], matrix[top + 1] if top + 1 < len(matrix) else [0] * len(matrix[top])
        out.append("".join(" ▄▀█"[(2 if a else 0) + (1 if b else 0)] for a, b in zip(upper, lower)))
    return "\n".join(out)


def announce(room: Room, token: str, host: str, port: int, out=sys.stdout) -> None:  # type: ignore[no-untyped-def]
    student = f"http://{host}:{port}/?room={room.code}"
    print(f"Détente class session: {room.scenario.title}", file=out)
    print(f"\nStudents open {student}\nand type the room code {room.code} with their name.\n", file=out)
    with contextlib.suppress(UnicodeEncodeError):
        print(qr_lines(student), file=out)
    print(f"\nYour dashboard (keep this address to yourself): http://127.0.0.1:{port}/dashboard?key={token}",
          file=out)
    print(f"Every table is saved in {room.folder} after every move; if this stops, "
          f"`detente host --resume {room.folder}` brings the class back.", file=out)
    print("Press Ctrl+C to end the server.", file=out, flush=True)


def host(scenario_name: str | None, *, port: int, bind: str, resume: str | None, out: str | None, seed: int | None,
         team: int, difficulty: str | None, graded: bool, ai_seats: tuple[str, ...] = ()) -> int:
    from aiohttp import web

    from game.host.server import make_app

    now = time.time
    if resume:
        folder = Path(resume)
        scenario = session_scenario(folder, scenario_name)
        room, token = Room.resume(folder, scenario, now=now)
    else:
        scenario = load_scenario(scenario_path(scenario_name))
        folder = Path(out) if out else Path(f"detente-class-{scenario.id}-{time.strftime('%Y%m%d-%H%M%S')}")
        if (folder / ROOM_FILE).exists():
            raise HostProblem(f"{folder} already holds a class session: `detente host --resume {folder}` "
                             "brings it back, or choose another --out")
        room, token = Room.create(scenario, folder, now=now, seed=seed, team_size=team, difficulty=difficulty,
                                  practice=not graded, ai_seats=ai_seats)
    more_files()
    app = make_app(room)
    shown = lan_address() if bind in ("0.0.0.0", "::", "") else bind

    async def serve() -> None:
        runner = web.AppRunner(app, handle_signals=True)
        await runner.setup()
        site = web.TCPSite(runner, bind or None, port)
        try:
            await site.start()
        except OSError as exc:
            await runner.cleanup()
            raise HostProblem(f"cannot listen on {bind or '*'}:{port} ({exc.strerror or exc}): "
                             "is another session running? Choose another --port") from None
        announce(room, token, shown, port)
        try:
            await asyncio.Event().wait()
        finally:
            await runner.cleanup()

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        print(f"\nThe server has stopped. The session is saved in {room.folder}.", file=sys.stderr)
    return 0
