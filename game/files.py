"""Reading and writing the user's files safely: every command reads and writes through here.

Reading: only regular files (a FIFO, a device or a folder is refused before anything blocks or
fills memory), and never more than a size limit (the size is checked before reading). Writing:
through a temporary file renamed into place, never through a symbolic link, and never over a
file that is already there unless the user said ``--force``.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import time
from pathlib import Path

MAX_PATH = 4096


def _umask() -> int:
    mask = os.umask(0o022)  # (read by setting it: done once, when the module loads)
    os.umask(mask)
    return mask


NEW_FILE_MODE = 0o666 & ~_umask()  # what open() would give a new file: tempfile's 0600 is not kept


class FileProblem(Exception):
    """A file that cannot be read or written as asked; the message says why, in words."""


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _strerror(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "the path is too long"
    return exc.strerror or str(exc)


def _limit(size: int) -> str:
    mib = size / (1 << 20)
    return f"{size:,} ({mib:g} MiB)" if mib == int(mib) else f"{size:,} bytes"


def read_limited(path: str | Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes; FileProblem otherwise."""
    name = str(path)
    if len(name) > MAX_PATH:
        raise FileProblem("the path is too long")
    if "\0" in name:
        raise FileProblem("the path holds a NUL character")
    try:
        # non-blocking, so that opening a FIFO with no writer returns at once and is refused below
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise FileProblem("no such file (check the path)") from None
    except IsADirectoryError:
        raise FileProblem(f"this is a folder, not a {what}") from None
    except OSError as exc:
        raise FileProblem(f"cannot read it ({_strerror(exc)})") from None
    try:
        info = os.fstat(fd)
        kind = _kind(info.st_mode)
        if kind is not None:
            raise FileProblem(f"this is {kind}, not a {what}")
        if info.st_size > limit:
            raise FileProblem(f"the file is {info.st_size:,} bytes; the limit is {_limit(limit)} for a {what}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # it grew while being read
            raise FileProblem(f"the file is larger than the limit of {_limit(limit)} for a {what}")
        return b"".join(chunks)
    except OSError as exc:
        raise FileProblem(f"cannot read it ({_strerror(exc)})") from None
    finally:
        os.close(fd)


def check_writable(path: str | Path, *, force: bool = False, what: str = "file") -> Path:
    """Where a command may write `path`: refused (FileProblem) when it is a folder, a link, a special file, or
    a file already there without `force`, or when its folder does not exist. The checks run before any work."""
    name = str(path)
    if not name.strip():
        raise FileProblem("the file name is empty")
    if len(name) > MAX_PATH or any(len(part) > 255 for part in Path(name).parts):
        raise FileProblem("the path is too long")
    if "\0" in name:
        raise FileProblem("the path holds a NUL character")
    target = Path(name)
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise FileProblem(f"cannot write it ({_strerror(exc)})") from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise FileProblem("this is a symbolic link; Détente does not write through links (give the real path)")
        kind = _kind(info.st_mode)
        if kind is not None:
            raise FileProblem(f"this is {kind}, not a {what} to write")
        if not force:
            raise FileProblem("the file already exists (add --force to overwrite it)")
    parent = target.parent
    try:
        parent_info = os.stat(parent)
    except FileNotFoundError:
        raise FileProblem(f"the folder {parent} does not exist (create it first)") from None
    except NotADirectoryError:
        raise FileProblem(f"{parent} is not a folder") from None
    except OSError as exc:
        raise FileProblem(f"cannot write there ({_strerror(exc)})") from None
    if not stat.S_ISDIR(parent_info.st_mode):
        raise FileProblem(f"{parent} is not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise FileProblem(f"the folder {parent} cannot be written to")
    return target


def write_atomic(path: str | Path, data: str | bytes, *, sync: bool = True) -> None:
    """Write through a temporary file in the same folder, renamed over `path` (never a half-written file; a
    link at `path` is replaced, not followed). OSError when it cannot be written."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        try:
            mode = stat.S_IMODE(os.lstat(target).st_mode) if target.is_file() and not target.is_symlink() \
                else NEW_FILE_MODE
        except OSError:
            mode = NEW_FILE_MODE
        os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
            out.flush()
            if sync:
                os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def clean_leftovers(folder: Path, max_age: float = 60.0) -> int:
    """Remove the temporary files a kill in the middle of a save left in `folder` (``.NAME.*.tmp`` older than
    `max_age` seconds, so a save in progress elsewhere is left alone); how many were removed."""
    removed = 0
    try:
        entries = list(folder.glob(".*.tmp"))
    except OSError:
        return 0
    now = time.time()
    for entry in entries:
        try:
            info = entry.lstat()
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > max_age:
                entry.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def write_folder(out: Path, contents: dict[str, str | bytes], *, force: bool, manifest: str, what: str) -> list[Path]:
    """Write `contents` (file name -> text or bytes) into the folder `out`, created if its parent exists. A file
    already there that an earlier run did not write (the names it wrote are kept in `manifest`) is overwritten
    only with `force`; nothing is written through a symbolic link. FileProblem says what stands in the way,
    before anything is written; OSError when the disk refuses."""
    folder = output_folder(out, what)
    folder.mkdir(exist_ok=True)
    ours = _written_before(folder, manifest)
    for name in contents:
        try:
            check_writable(folder / name, force=force or name in ours)
        except FileProblem as exc:
            raise FileProblem(f"{name}: {exc}") from None
    write_atomic(folder / manifest, "\n".join(sorted(ours | set(contents))) + "\n", sync=False)
    for name, data in contents.items():
        write_atomic(folder / name, data, sync=False)
    return [folder / name for name in contents]


def output_folder(out: Path, what: str) -> Path:
    """The folder a command will write into: FileProblem when it cannot be (a file, a link, no parent)."""
    if not str(out).strip():
        raise FileProblem(f"--out is empty: name the folder to write the {what} to")
    try:
        info = os.lstat(out)
    except NotADirectoryError:
        raise FileProblem(f"{out.parent} is not a folder") from None
    except FileNotFoundError:
        if not out.parent.is_dir():
            raise FileProblem(f"{out.parent} is not a folder (create it first)") from None
        return out
    except OSError as exc:
        raise FileProblem(f"cannot use this folder ({_strerror(exc)})") from None
    if stat.S_ISLNK(info.st_mode):
        raise FileProblem("this is a symbolic link; give the real folder (nothing is written through links)")
    if not stat.S_ISDIR(info.st_mode):
        raise FileProblem("this is a file; --out names a folder")
    return out


def _written_before(folder: Path, manifest: str) -> set[str]:
    """The names an earlier run wrote in `folder` (and that are still plain files)."""
    try:
        listed = read_limited(folder / manifest, 64 * 1024, "list").decode("utf-8", "replace").split()
    except FileProblem:
        return set()
    return {name for name in listed if "/" not in name and (folder / name).is_file()
            and not (folder / name).is_symlink()}


def written_by_us(path: str | Path, marker: bytes) -> bool:
    """Whether an existing file holds (in its first MiB) the mark of what one of our commands writes."""
    try:
        if not Path(path).is_file():
            return False
        with open(path, "rb") as file:
            return marker in file.read(1 << 20)
    except OSError:
        return False
