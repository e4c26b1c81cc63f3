"""Regenerate the README's pictures: the first page of an example letter in each layout.

Run with ``make pictures``: letterpress's own page images (``--format png``), so nothing
else needs installing.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from letterpress.build import build

ROOT = Path(__file__).resolve().parent.parent
SHOTS = [  # (picture, letter, layout or None for the letter's own)
    ("layout-letter", "geneva-civilian-protection", "letter"),
    ("layout-statement", "aleppo-protection", "statement"),
    ("layout-press-release", "aleppo-extermination-press-release", "press-release"),
    ("layout-coalition", "sna-joint-statement", "coalition"),
    ("parallel-en-ar", "aleppo-press-release-parallel", None),
]


def main() -> int:
    target = ROOT / "docs" / "images"
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for picture, letter, layout in SHOTS:
            result = build(ROOT / "letters" / f"{letter}.yaml", Path(tmp), ["png"], layout=layout,
                           force=True, dpi=70)
            if result.errors:
                print("\n".join(map(str, result.errors)), file=sys.stderr)
                return 2
            shutil.copyfile(Path(tmp) / f"{letter}-1.png", target / f"{picture}.png")
            print(f"wrote {target / picture}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
