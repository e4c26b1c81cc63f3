"""The only module that writes output files: atomically, so a reader (or a crash) never sees
half a file, and a failed build leaves the previous outputs exactly as they were."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from pathlib import Path

PAUSE = "LETTERPRESS_TEST_PAUSE_BEFORE_RENAME"  # seconds; lets tests kill a writer mid-write


class ChangedError(Exception):
    """The file is no longer what the new content was made from: nothing was written."""


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, fsync it, then rename it into place."""
    write_all({path: data})


def write_out(path: Path, data: bytes) -> None:
    """Write the one file a command's ``-o`` names, as the shell's ``>`` would, yet never a
    half file: a file is replaced atomically, through a link at its target (the link stays,
    as ``sign`` keeps a linked letter a link); a pipe, a terminal or device, or a file the
    shell opened (``-o /dev/stdout``, ``/dev/fd/1``) is written into, for renaming a file
    over it replaced the node itself (as root, ``-o /dev/full`` made a regular file)."""
    if not replaces(path) and path.exists():
        _write_into(path, data)
    else:
        write_atomic(path.resolve() if path.is_symlink() else path, data)


def replaces(path: Path) -> bool:
    """Whether ``write_out`` replaces a file at ``path``: one a command should check it may
    replace (not a pipe or device, nor the shell's ``>`` or ``>>`` it writes into)."""
    return path.is_file() and not _opened(path)


def starts_with(path: Path, head: str) -> bool:
    """Whether the file at ``path`` starts with ``head`` (a UTF-8 mark aside): written by
    letterpress, so ``-o`` may replace it where any other file may be a letter or someone's
    work (``schema -o letters/x.yaml`` silently replaced a letter with JSON)."""
    try:
        with path.open(encoding="utf-8-sig") as handle:
            return handle.read(len(head)) == head
    except (OSError, UnicodeDecodeError):
        return False


def _opened(path: Path) -> bool:
    """Whether ``path`` leads through ``/proc/PID/fd`` (``/dev/stdout``, ``/dev/fd/1``):
    a file the shell opened, maybe with ``>>``, that a new file renamed over would lose."""
    for _ in range(40):  # the kernel's own limit on links followed
        if not path.is_symlink():
            return False
        folder = Path(os.path.realpath(path.parent))
        if folder.parts[1:2] == ("proc",):
            return True
        path = folder / path.readlink()
    return False


def _write_into(path: Path, data: bytes) -> None:
    """Write into what is at ``path``, appending (the shell's ``>`` emptied it, ``>>`` did
    not); a pipe no program reads is told at once rather than waited on for ever."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as exc:
        if exc.errno != errno.ENXIO:
            raise
        raise OSError(errno.ENXIO, "a pipe no program reads from (start the reader "
                      "first)", str(path)) from None
    os.set_blocking(fd, True)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def write_all(files: dict[Path, bytes], *, was: dict[Path, bytes] | None = None) -> list[Path]:
    """Write several outputs all or nothing: every temporary file is written and synced
    first, and only then are they renamed into place, so a full disk or a read-only folder
    leaves every previous output as it was and no temporary file behind. A file that
    already holds the bytes is left alone (its date kept: a sync tool or a "changed since"
    check sees nothing new); returns the files written."""
    temps: dict[Path, Path] = {}
    try:
        for folder in {path.parent for path in files}:
            folder.mkdir(parents=True, exist_ok=True)
            sweep(folder)
        for path, data in files.items():
            if _holds(path, data):
                continue
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            temps[path] = tmp
            with tmp.open("wb") as handle:
                handle.write(data)
                handle.flush()
                with contextlib.suppress(FileNotFoundError):  # a file replaced keeps its mode
                    os.fchmod(handle.fileno(), stat.S_IMODE(path.stat().st_mode))
                os.fsync(handle.fileno())
        if os.environ.get(PAUSE):
            time.sleep(float(os.environ[PAUSE]))
        for path in temps:  # what no rename can replace, before any is renamed (the PDF
            if path.is_dir():  # was the new one, the TXT beside it still the old one)
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        for path, old in (was or {}).items():
            if (path.read_bytes() if path.exists() else b"") != old:
                raise ChangedError(str(path))
        for path, tmp in temps.items():
            tmp.replace(path)
    except BaseException as exc:
        for tmp in temps.values():
            with contextlib.suppress(OSError):
                tmp.unlink()
        if isinstance(exc, OSError):  # the message names the output, not its temporary file
            own = {str(tmp): str(path) for path, tmp in temps.items()}
            exc.filename = own.get(str(exc.filename), exc.filename)
        raise
    for folder in {path.parent for path in temps}:
        _sync_folder(folder)
    return list(temps)


def _holds(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a file holding exactly ``data`` (read only when the sizes agree)."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def sweep(folder: Path) -> None:
    """Remove the temporary files (``.NAME.PID.tmp``) of writers that were killed, their
    process gone; a build also sweeps before skipping what is unchanged, or a killed run's
    files stayed for good once nothing was written there again."""
    with contextlib.suppress(OSError):
        for tmp in folder.glob(".*.tmp"):
            pid = tmp.name.rsplit(".", 2)[-2]
            if pid.isdigit() and not _alive(int(pid)):
                with contextlib.suppress(OSError):
                    tmp.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
