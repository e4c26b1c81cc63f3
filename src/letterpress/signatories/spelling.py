"""What two spellings of one name share, for the duplicate checks and the reading of forms.

Some characters never tell two names apart: they print nothing (bidi marks pasted from an
RTL document, zero-width joiners, a soft hyphen) or only adorn the letters (Arabic tatweel,
a typographic stretch; harakat, the optional short vowels). ``bare`` takes them out:
"أحمـــد", "أحْمَد" and "أحمد" with a right-to-left mark after it are all "أحمد". Other
differences are usual spellings of one name without being certain to be one: an alif typed
with or without its hamza, ta marbuta written as ha, alif maqsura as ya, Persian ya and kaf
beside the Arabic ones. ``VARIANTS`` maps them to one letter, for the *likely* duplicate
check only ("أحمد" / "احمد" may be two people).
"""

from __future__ import annotations

import re
import unicodedata

from letterpress.invisible import POINTS

# tatweel, and every combining mark of the Arabic blocks (harakat, shadda, sukun, superscript
# alif, Quranic marks); a hamza or madda written as a mark is composed by NFKC first (ا + ٔ
# is أ), so what is left of them adorns a letter that has no such form
_ADORNING = [0x0640, *(c for c in range(0x0610, 0x0900)
                       if unicodedata.category(chr(c)) == "Mn")]
_SILENT = re.compile("[" + "".join(re.escape(chr(c)) for c in [*POINTS, *_ADORNING]) + "]")

# the usual spelling variants of one Arabic-script name, to one letter each
VARIANTS = {ord(k): v for k, v in {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",  # alif with hamza, madda or wasla: bare alif
    "ة": "ه", "ۀ": "ه",  # ta marbuta (and Persian he with hamza): ha
    "ى": "ي", "ی": "ي",  # alif maqsura and Persian ya: Arabic ya
    "ک": "ك",  # Persian kaf: Arabic kaf
}.items()}


def bare(text: str) -> str:
    """``text`` without the characters that print nothing or only adorn Arabic letters
    (after NFKC, which composes a hamza written as a mark into its letter)."""
    return _SILENT.sub("", text) if not text.isascii() and _SILENT.search(text) else text
