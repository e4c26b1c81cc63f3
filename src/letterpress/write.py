"""The only module that writes output files: atomically, so a reader (or a crash) never sees
half a file, and a failed build leaves the previous outputs exactly as they were."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

PAUSE = "LETTERPRESS_TEST_PAUSE_BEFORE_RENAME"  # seconds; lets tests kill a writer mid-write


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, fsync it, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if os.environ.get(PAUSE):
            time.sleep(float(os.environ[PAUSE]))
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _sync_folder(path.parent)


def write_all(files: dict[Path, bytes]) -> None:
    """Write several outputs; all rendering happened before, so nothing fails half-way."""
    for path, data in files.items():
        write_atomic(path, data)


def _remove_stale(path: Path) -> None:
    """Remove temporary files left by writers that were killed (their process is gone)."""
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        pid = tmp.name.removeprefix(f".{path.name}.").removesuffix(".tmp")
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
