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
from letterpress.render.png import DPI

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
        self.looked = 0  # when changed() last looked (ns)

    def changed(self) -> Stamp | None:
        """The files' stamp now if it differs from the last build's (always, the first time)."""
        self.looked = time.time_ns()
        stamp = _stamp(self.paths)
        return None if stamp == self.stamp else stamp

    def built(self, stamp: Stamp, dependencies: list[Path]) -> None:
        """Remember what a build read. A letter that could not be read names no files: the
        files known so far are kept and its folder is looked at too, so that creating the
        missing source file or image brings it back. ``stamp`` is taken before building, so
        a save during the build is not missed; a file the build read first (its source, its
        layout) is stamped after it, and one saved since the build began is stamped as
        unseen, so the next look builds again (a CSV saved just after the first build's
        output appeared was missed for good). The letter's folder, looked at for a missing
        file, is stamped after the build as before."""
        now = dependencies or list(dict.fromkeys([*self.paths, self.paths[0].parent]))
        before = {entry[0]: entry for entry in stamp}
        # (a file's time runs up to a tick of the kernel's clock behind: one saved in that
        # tick after the look is missed, as every one saved during the build was; one
        # written just before it is not built twice, nor a preview reloaded twice)
        self.stamp = tuple(before.get(entry[0]) or (
            (entry[0], -2, -2) if entry[1] >= self.looked and not Path(entry[0]).is_dir()
            else entry)
            for entry in _stamp(now))  # (a folder's time moves with the build's own lock)
        self.paths = now


class Watcher:
    """Builds each letter once, then again whenever one of its files changes."""

    def __init__(self, paths: list[Path], out_dir: Path, formats: list[str], *,
                 layout: str | None = None, strict: bool = False, dpi: int = DPI) -> None:
        self.paths, self.out_dir, self.formats = paths, out_dir, formats
        self.layout, self.strict, self.dpi = layout, strict, dpi
        self.files: dict[Path, Files] = {}

    def poll(self) -> Iterator[Result]:
        """Build the letters whose files changed since the last look (all, the first time)."""
        for letter in find_letters(self.paths):
            files = self.files.setdefault(letter, Files(letter))
            stamp = files.changed()
            if stamp is None:
                continue
            result = build(letter, self.out_dir, self.formats, layout=self.layout,
                           strict=self.strict, dpi=self.dpi)
            files.built(stamp, result.dependencies)
            yield result

    @staticmethod
    def sleep(seconds: float) -> None:
        time.sleep(seconds)
