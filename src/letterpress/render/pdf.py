"""HTML -> PDF with WeasyPrint, imported only here: it costs a third of a second."""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import logging
import os
import re
import sys
import types
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from letterpress.errors import Diagnostic, LetterError
from letterpress.render import (
    break_all,
    columns,
    glyph_runs,
    lazy_modules,
    page_names,
    pango_contexts,
    pseudo_styles,
    rtl_text,
    stack_room,
    stylesheets,
    used_values,
)
from letterpress.render.fetcher import REFUSED, make_fetcher


def render(html: str, base: Path, sources: Sequence[Path] = ()) -> bytes:
    """PDF bytes; identical input gives identical bytes (the PDF id is the HTML's hash).

    Anything the HTML or CSS tries to load from outside (``url(http://...)``, ``file:``
    paths leading out) is refused and reported, located in ``sources`` (the layout's files)
    where it is written there; a picture WeasyPrint cannot draw is reported at its file,
    if it is one of ``sources`` (the letter's pictures)."""
    weasyprint = prepare()
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    fetcher = make_fetcher()
    document = weasyprint.HTML(string=html, base_url=str(base), url_fetcher=fetcher)
    # Layout allocates millions of short-lived objects; the cyclic collector only slows it
    # (measured 0.87x at 10,000 signatories, 0.70x at 50,000) and frees nothing it needs.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with page_names.unnamed(html), used_values.remembered(), \
                pango_contexts.remembered(), _undrawn() as undrawn:
            result = stack_room.call(functools.partial(
                document.write_pdf, pdf_identifier=identifier, presentational_hints=False,
                font_config=_font_config()))
    finally:
        if collecting:
            gc.enable()
    assert isinstance(result, bytes)
    if fetcher.refused:
        raise LetterError([_locate(url, sources) for url in dict.fromkeys(fetcher.refused)])
    if undrawn:
        raise LetterError([_picture(url, sources) for url in dict.fromkeys(undrawn)])
    return result


@contextlib.contextmanager
def _undrawn() -> Iterator[list[str]]:
    """The pictures (data: URLs) WeasyPrint could not read or draw while it renders. It
    logs an error and leaves an empty space: a broken SVG went missing from the PDF, and
    from the DOCX, whose PNG of it WeasyPrint draws, exit 0 without a word."""
    found: list[str] = []

    class Undrawn(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            # "Failed to load image at %r: %s", "Failed to render SVG image %s"
            if isinstance(record.args, tuple) and record.args and \
                    str(record.args[0]).startswith("data:"):
                found.append(str(record.args[0]))

    logger = logging.getLogger("weasyprint")
    handler = Undrawn(logging.ERROR)
    logger.addHandler(handler)
    try:
        yield found
    finally:
        logger.removeHandler(handler)


def _picture(url: str, sources: Sequence[Path]) -> Diagnostic:
    """A picture WeasyPrint could not draw, at its file when it is one of ``sources``."""
    from letterpress.render.html import IMAGE_SUFFIXES, image_uri

    message = ("WeasyPrint could not draw this picture (it would leave an empty space); "
               "open it in a drawing program and save it again")
    for path in sources:
        if path.suffix.lower() in IMAGE_SUFFIXES and path.is_file() and image_uri(path) == url:
            return Diagnostic(str(path), 1, 1, message)
    return Diagnostic("layout", 1, 1, f"a picture the layout shows: {message}")


@functools.cache
def _font_config() -> Any:
    """One font configuration per process: the shipped fonts are copied and registered with
    Fontconfig once, not for every letter (a batch's seed letters: 0.05 s less each). Faces
    are keyed by their @font-face rule, so letters with other fonts do not mix them up."""
    from multiprocessing.util import Finalize

    from weasyprint.text.fonts import FontConfiguration

    # At exit, in this process and in worker processes (which end with os._exit, skipping
    # atexit): multiprocessing runs its finalizers in both.
    Finalize(None, clean, args=(os.getpid(),), exitpriority=0)
    return FontConfiguration()


def clean(owner: int) -> None:
    """Remove the font configuration's temporary copies of the fonts (4.8 MB), in the
    process that made it (a forked child inherits the finalizer, not the folder). WeasyPrint
    does it when the configuration is collected, which a process without the cyclic
    collector, or one ending with os._exit, never does: every build used to leave a folder
    in /tmp."""
    if owner == os.getpid() and _font_config.cache_info().currsize:
        _font_config().__del__()  # WeasyPrint's own clean-up: rmtree of its folder
        _font_config.cache_clear()


def prepare() -> Any:
    """WeasyPrint, imported and set up (quiet logs, columns laid out once, used lengths
    worked out once per style, pseudo-element styles when asked for, glyphs read a run at a
    time, Pango contexts shared, the layout's CSS parsed once, streams compressed at zlib's
    default level; Arabic vowel marks drawn, not extracted as lines of their own;
    ``word-break: break-all`` breaking anywhere)."""
    weasyprint = _weasyprint()
    columns.install(weasyprint)
    page_names.install(weasyprint)
    used_values.install(weasyprint)
    pseudo_styles.install(weasyprint)
    glyph_runs.install(weasyprint)
    rtl_text.install(weasyprint)
    pango_contexts.install(weasyprint)
    break_all.install(weasyprint)
    stylesheets.install(weasyprint)
    _default_compression()
    _quick_types()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return weasyprint


def _default_compression() -> None:
    """pydyf (WeasyPrint's PDF writer) compresses every page at zlib level 9: 4.6 times the
    time of zlib's default level 6 for streams 5 % smaller (3,000 signatories: 0.24 s ->
    0.05 s, the PDF 4.7 % larger). Its ``zlib`` is given the default level instead."""
    import pydyf

    def compressobj(level: int = -1, *args: Any, **kwargs: Any) -> Any:
        return zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, *args, **kwargs)

    if isinstance(pydyf.zlib, types.ModuleType):
        pydyf.zlib = types.SimpleNamespace(**{**vars(zlib), "compressobj": compressobj})


# "T *", "T **", "T[]", "T[12]"; sizes with a leading zero (octal in C) are left to cffi
_DERIVED = re.compile(r"([A-Za-z_][A-Za-z0-9_]*(?: [A-Za-z_][A-Za-z0-9_]*)?)"
                      r" ?(\*+|\[(?:0|[1-9]\d*)?\])")


class _QuickTypes(dict[str, Any]):
    """cffi's table of parsed C types, making pointers and arrays (``T *``, ``T[]``,
    ``T[N]``) of a declared or primitive ``T`` without pycparser. cffi parses every new type
    string with it (3-5 ms each), and WeasyPrint asks for a new one for each font it subsets
    (``hb_codepoint_t[2136]``): 19 parses in a seed letter's first render. The types are the
    ones cffi builds from its own parse (tested); anything else is parsed as before."""

    def __init__(self, ffi: Any, known: dict[str, Any]) -> None:
        super().__init__(known)
        self.ffi = ffi

    def __missing__(self, cdecl: str) -> Any:
        match = _DERIVED.fullmatch(cdecl) if isinstance(cdecl, str) else None
        if match is None:
            raise KeyError(cdecl)
        from cffi import commontypes, model  # type: ignore[import-untyped]

        parser = self.ffi._parser
        name, suffix = match[1], match[2]
        with self.ffi._lock:  # as cffi's own _typeof_locked is called
            if "typedef " + name in parser._declarations:
                item, quals = parser._declarations["typedef " + name]
            elif name in model.PrimitiveType.ALL_PRIMITIVE_TYPES:
                item, quals = commontypes.resolve_common_type(parser, name)
            else:
                raise KeyError(cdecl)
            if isinstance(item, model.RawFunctionType):
                raise KeyError(cdecl)
            if suffix.startswith("["):
                kind = model.ArrayType(item, int(suffix[1:-1]) if len(suffix) > 2 else None)
            else:
                kind = model.PointerType(item, quals)
                for _ in suffix[1:]:
                    kind = model.PointerType(kind, 0)
            found = self[cdecl] = (self.ffi._get_cached_btype(kind), False)
        return found


def _quick_types() -> None:
    """Give WeasyPrint's FFI the :class:`_QuickTypes` table (once)."""
    from weasyprint.text.ffi import ffi

    if not isinstance(ffi._parsed_types, _QuickTypes) and isinstance(ffi._parsed_types, dict):
        ffi._parsed_types = _QuickTypes(ffi, ffi._parsed_types)


_RARELY_USED = {  # WeasyPrint's imports it needs only for variable or emoji fonts
    "fontTools.subset": (),
    "fontTools.varLib.instancer": ("instantiateVariableFont",),
}


def _weasyprint() -> Any:
    """Import WeasyPrint, with fontTools' subsetter and instancer imported when first used
    (``lazy_modules``). On Linux its library loader first asks ctypes.util.find_library
    for names that cannot match there, which runs ldconfig and gcc (0.27 s of a 0.5 s
    import); answering "not found" lets it load the sonames it lists next. Any failure falls
    back to the ordinary import."""
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint

        return weasyprint
    import ctypes.util

    original = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        with lazy_modules.deferred(_RARELY_USED):
            import weasyprint
    except (ImportError, OSError):
        ctypes.util.find_library = original
        for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[name]
        import weasyprint
    finally:
        ctypes.util.find_library = original
    return weasyprint


def _locate(url: str, sources: Sequence[Path]) -> Diagnostic:
    """Where a refused URL is written: the layout file and line, if it is in one."""
    message = f"{url}: {REFUSED}"
    tail = url.rsplit("/", 1)[-1] or url
    for path in sources:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for needle in (url, tail):
            index = text.find(needle)
            if index >= 0:
                line = text.count("\n", 0, index) + 1
                col = index - text.rfind("\n", 0, index)
                return Diagnostic(str(path), line, col, message)
    return Diagnostic("layout", 1, 1, message)
