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


class Watcher:
    """Builds each letter once, then again whenever one of its files changes."""

    def __init__(self, paths: list[Path], out_dir: Path, formats: list[str], *,
                 layout: str | None = None, strict: bool = False) -> None:
        self.paths, self.out_dir, self.formats = paths, out_dir, formats
        self.layout, self.strict = layout, strict
        self.stamps: dict[Path, Stamp] = {}
        self.files: dict[Path, list[Path]] = {}

    def poll(self) -> Iterator[Result]:
        """Build the letters whose files changed since the last look (all, the first time)."""
        for letter in find_letters(self.paths):
            files = self.files.get(letter, [letter])
            stamp = _stamp(files)
            if self.stamps.get(letter) == stamp:
                continue
            result = build(letter, self.out_dir, self.formats, layout=self.layout,
                           strict=self.strict)
            # stamp what was read before building, so a save during the build is not missed
            now = result.dependencies or files
            self.files[letter] = now
            self.stamps[letter] = stamp if now == files else _stamp(now)
            yield result

    @staticmethod
    def sleep(seconds: float) -> None:
        time.sleep(seconds)
