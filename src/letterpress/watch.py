"""Rebuild letters when they, or anything they use, are saved.

Polls file sizes and modification times (cheap) to notice a save, then lets the build's
content digest decide whether anything really changed. Polling needs no extra dependency and
behaves the same on every file system, including network shares where change events fail.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from letterpress.build import Result, build, find_letters

Stamp = tuple[tuple[str, int, int], ...]


def _stamp(files: list[Path]) -> Stamp:
    out = []
    for path in files:
        try:
            info = path.stat()
            out.append((str(path), info.st_mtime_ns, info.st_size))
        except OSError:
            out.append((str(path), -1, -1))
    return tuple(out)


class Files:
    """The files one letter's last build read and their stamp then: whether it needs another.

    Shared by ``watch`` (which rebuilds the outputs) and ``preview`` (which re-renders the page).
    """

    def __init__(self, letter: Path) -> None:
        self.paths = [letter]
        self.stamp: Stamp | None = None

    def changed(self) -> Stamp | None:
        """The files' stamp now if it differs from the last build's (always, the first time)."""
        stamp = _stamp(self.paths)
        return None if stamp == self.stamp else stamp

    def built(self, stamp: Stamp, dependencies: list[Path]) -> None:
        """Remember what a build read. A letter that could not be read names no files: the
        files known so far are kept and its folder is looked at too, so that creating the
        missing source file or image brings it back. ``stamp`` is taken before building, so
        a save during the build is not missed."""
        now = dependencies or list(dict.fromkeys([*self.paths, self.paths[0].parent]))
        self.stamp = stamp if now == self.paths else _stamp(now)
        self.paths = now


class Watcher:
    """Builds each letter once, then again whenever one of its files changes."""

    def __init__(self, paths: list[Path], out_dir: Path, formats: list[str], *,
                 layout: str | None = None, strict: bool = False) -> None:
        self.paths, self.out_dir, self.formats = paths, out_dir, formats
        self.layout, self.strict = layout, strict
        self.files: dict[Path, Files] = {}

    def poll(self) -> Iterator[Result]:
        """Build the letters whose files changed since the last look (all, the first time)."""
        for letter in find_letters(self.paths):
            files = self.files.setdefault(letter, Files(letter))
            stamp = files.changed()
            if stamp is None:
                continue
            result = build(letter, self.out_dir, self.formats, layout=self.layout,
                           strict=self.strict)
            files.built(stamp, result.dependencies)
            yield result

    @staticmethod
    def sleep(seconds: float) -> None:
        time.sleep(seconds)
