"""Page -> HTML through the layout's Jinja templates (sandboxed, autoescaped, strict).

The same HTML feeds WeasyPrint for the PDF; the standalone HTML output differs only in not
embedding the font files (they are referred to by family name, with fallbacks).
"""

from __future__ import annotations

import base64
import dataclasses
import mimetypes
import re
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from letterpress import FONTS, side_by_side
from letterpress import page as view
from letterpress.errors import Diagnostic, LetterError
from letterpress.fonts import FAMILIES, RANGES
from letterpress.i18n import native_digits
from letterpress.layouts import Layout, Style
from letterpress.markers import room_of
from letterpress.page import Page
from letterpress.render import number_column
from letterpress.source import is_file, note, read_bytes, shown


def fallback(generic: str) -> str:
    """The shipped fonts of other scripts behind a layout's (Latin) font, Hebrew in the
    font's own kind (serif or sans), emoji, then DejaVu for what none of them has."""
    hebrew = "Noto Sans Hebrew" if generic == "sans-serif" else "Noto Serif Hebrew"
    return f"'Noto Naskh Arabic', '{hebrew}', 'Noto Emoji', 'DejaVu Sans', {generic}"


PAPER = {"a4": "A4", "letter": "letter"}
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"})


def font_faces(base: str | None = None) -> str:
    """@font-face rules for the shipped fonts: as file URLs for the PDF (WeasyPrint embeds
    subsets), or under ``base``, a URL path, for the preview that serves them. Noto Emoji
    serves its emoji alone (``unicode-range``): it also has text symbols (↔ ▶ ✔), drawn as
    emoji buttons 1.27 em wide, which DejaVu, after it in the stacks, draws as text."""
    rules = []
    for family, (stem, italics) in FAMILIES.items():
        ranges = f" unicode-range: {', '.join(map(_urange, RANGES[family]))};" \
            if family in RANGES else ""
        faces = [("Regular", "normal", "normal"), ("Bold", "bold", "normal")]
        if italics:
            faces += [("Italic", "normal", "italic"), ("BoldItalic", "bold", "italic")]
        for suffix, weight, slant in faces:
            name = f"{stem}-{suffix}.ttf"
            url = f"{base}{name}" if base is not None else (FONTS / name).as_uri()
            rules.append(f"@font-face {{ font-family: '{family}'; src: url('{url}'); "
                         f"font-weight: {weight}; font-style: {slant};{ranges} }}")
    return "\n".join(rules)


def _urange(points: range) -> str:
    return f"U+{points[0]:X}" + (f"-{points[-1]:X}" if len(points) > 1 else "")


_COUNTER_STYLES = {"persian": "persian", "arabicIndic": "arabic-indic"}


def _brackets(generic: str) -> str:
    """The brackets right-to-left text takes first (``--font-rtl``): glyphs of its own, so
    that a PDF maps the ")" drawn for a right-to-left "(" apart from a left-to-right ")"
    (see scripts/bracket_fonts.py)."""
    return "'Letterpress Brackets Sans'" if generic == "sans-serif" else \
        "'Letterpress Brackets Serif'"


def theme_css(style: Style, direction: str = "ltr", lang: str = "en", of: str = "/") -> str:
    """The manifest's style as CSS: what a layout changes without writing CSS. Inner and
    outer margins are mirrored for right-to-left letters (the inner edge is on the right);
    page numbers (``counter(page, page-digits)``) take the language's own digits; each
    direction has its font stack (``--font-ltr``, ``--font-rtl``: brackets first); ``of``
    stands between the page number and the count (``--page-of``, the label of that name)."""
    generic = "sans-serif" if "sans" in style.font.lower() else "serif"
    heading = "sans-serif" if "sans" in style.heading_font.lower() else "serif"
    right, left = (style.margin_outer, style.margin_inner) if direction == "ltr" else (
        style.margin_inner, style.margin_outer)
    return (
        f"@page {{ size: {PAPER[style.paper]}; margin: {style.margin_top}mm "
        f"{right}mm {style.margin_bottom}mm {left}mm;\n"
        f"  @top-center {{ font-family: '{style.heading_font}', {fallback(heading)}; }}\n"
        f"  @bottom-center {{ font-family: '{style.heading_font}', {fallback(heading)}; }}\n"
        "}\n"
        f":root {{ --font-ltr: '{style.font}', {fallback(generic)}; "
        f"--heading-font-ltr: '{style.heading_font}', {fallback(heading)}; "
        f"--font-rtl: {_brackets(generic)}, var(--font-ltr); "
        f"--heading-font-rtl: {_brackets(heading)}, var(--heading-font-ltr); "
        "--font: var(--font-ltr); --heading-font: var(--heading-font-ltr); "
        f"--size: {style.font_size}pt; --leading: {style.line_height}; "
        f"--color: {style.color}; --accent: {style.accent}; "
        f"--columns: {style.signatory_columns}; --page-of: {_css_string(f' {of} ')}; }}\n"
        f"@counter-style page-digits {{ system: extends "
        f"{_COUNTER_STYLES.get(native_digits(lang) or '', 'decimal')}; }}\n"
    )


def reading_css(style: Style) -> str:
    """In a browser, the page's measure, centred: the print CSS leaves margins to @page,
    and the saved HTML ran the window's width, 200 characters a line (the preview's sheets
    override it)."""
    return (f"@media screen {{ body {{ max-width: {style.text_width_mm:g}mm; margin: 2em auto; "
            "padding: 0 1.5em; } }\n")


def _css_string(text: str) -> str:
    """A quoted CSS string of a label (the letter's text, in a stylesheet)."""
    return '"' + "".join(c if c.isalnum() or c in " /-.:|·" else f"\\{ord(c):x} "
                         for c in text) + '"'


def image_uri(path: Path) -> str:
    """A picture as a data: URI: the rendered HTML needs nothing fetched. Read anew each
    time (a few pictures a letter), through source's reader: a picture edited while watch
    or preview runs is shown new, and a build's journal records what each render showed."""
    return _data_uri(path.name, read_bytes(path, shown(path)))


def _data_uri(name: str, data: bytes) -> str:
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if name.lower().endswith(".svg"):
        kind = "image/svg+xml"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def _images_from(folder: Path) -> Any:
    """The template's ``image()``: a data: URI of a picture inside the letter's folder only,
    so that a layout cannot embed ``/etc/passwd`` or another project's files. A relative
    path is the letter folder's (``image('logo.png')``), wherever the build runs from; the
    view's pictures are absolute. The picture is journaled as read under the name the
    template gave too: a link pointed elsewhere since is a change."""
    root = folder.resolve()

    def image(path: object) -> str:
        named = folder.absolute() / str(path)
        target = named.resolve()
        if not target.is_relative_to(root) or \
                target.suffix.lower() not in IMAGE_SUFFIXES or not is_file(target):
            raise LetterError([Diagnostic("layout", 1, 1, f"image({path}): a layout may only "
                                          "show images from the letter's folder")])
        data = read_bytes(target, shown(target))
        note(named, data)
        return _data_uri(target.name, data)

    return image


_LONG_WORD = re.compile(r"\S{61,}")


def breakable(text: str) -> str | Markup:
    """Very long words get a <wbr> break opportunity every 30 characters: they wrap inside
    the page, and WeasyPrint no longer spends minutes looking for a break in a justified
    line (a 100,000-character word: 90 s, 3 s with <wbr>; a zero-width space was worse).
    Only the HTML gets these; DOCX and text keep the word as written."""
    if len(text) < 61 or not _LONG_WORD.search(text):
        return text
    out, last = [], 0
    for match in _LONG_WORD.finditer(text):
        word = match.group()
        out.append(escape(text[last:match.start()]))
        out.append(Markup("<wbr>").join(escape(word[i:i + 30]) for i in range(0, len(word), 30)))
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


_VIEW_TYPES = frozenset(kind for kind in vars(view).values() if isinstance(kind, type)
                        and dataclasses.is_dataclass(kind) and kind.__module__ == view.__name__)


class Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, reading the view's own frozen dataclasses directly.

    They hold only data, so for them the sandbox's checks always come to "a name without an
    underscore is safe": the same answers, without its 5 us a lookup (10,000 signatories
    make 280,000 lookups: 0.2 s of a 0.33 s render). Everything else is checked as before."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) in _VIEW_TYPES and not attribute.startswith("_"):
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass
        return super().getattr(obj, attribute)


def environment(layout: Layout) -> SandboxedEnvironment:
    env = Sandbox(
        loader=jinja2.FileSystemLoader([str(folder) for folder in layout.folders]),
        autoescape=True,  # not select_autoescape: it would skip *.html.j2
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals["number_column"] = number_column.column
    env.globals["marker_room"] = lambda b: round(room_of(b), 3)
    env.filters["breakable"] = breakable
    env.filters["figures"] = number_column.figures
    return env


def render(pages: Sequence[Page], layout: Layout, *, combine: str = "separate",
           for_pdf: bool = False) -> str:
    """The letter as one self-contained HTML document: one page, or several languages one
    after the other (``sequential``) or side by side (``parallel``)."""
    style = layout.manifest.style
    css = (font_faces() + "\n" if for_pdf else "") + theme_css(
        style, pages[0].dir, pages[0].lang, pages[0].labels.get("of", "/")
    ) + layout.css() + ("" if for_pdf else reading_css(style))
    # The CSS is the layout's own text, not the letter's: trusted, but kept inside <style>.
    shared: dict[str, Any] = {"css": Markup(css.replace("</", "<\\/")), "layout": layout.name,
                              "options": layout.manifest.options,
                              "style": style, "combine": combine,
                              "pages": list(pages)}
    try:
        env = environment(layout)
        env.globals["image"] = _images_from(pages[0].base)
        if combine == "parallel" and len(pages) > 1:
            rows = _parallel_rows(env, pages, shared)
            body = env.get_template("parallel.html.j2").render(shared, page=pages[0], rows=rows)
        else:
            article = env.get_template("template.html.j2")
            body = "\n".join(article.render(shared, page=page) for page in pages)
        return env.get_template("document.html.j2").render(shared, page=pages[0],
                                                           body=Markup(body))
    except jinja2.TemplateSyntaxError as exc:
        raise LetterError([Diagnostic(shown(Path(exc.filename)) if exc.filename else
                                      exc.name or "template", exc.lineno, 1,
                                      f"layout template: {exc.message}")]) from None
    except LetterError:
        raise
    except jinja2.TemplateNotFound as exc:
        if layout.find(str(exc.name)) is None and exc.name in _OWN_TEMPLATES:  # a DOCX-only one
            raise LetterError([Diagnostic(shown(layout.folders[0] / "layout.yaml"), 1, 1, (
                f"layout '{layout.name}' has no {exc.name} for the PDF and HTML and extends no "
                "layout that has one; add 'extends: letter' (or statement, press-release)"))]
            ) from None
        file, line = _template_frame(exc)
        raise LetterError([Diagnostic(file, line, 1, f"layout template: {exc}")]) from None
    except (jinja2.TemplateError, ArithmeticError, RecursionError, LookupError, TypeError,
            ValueError, AttributeError) as exc:  # a layout is user input: locate its mistakes
        file, line = _template_frame(exc)
        raise LetterError([Diagnostic(file, line, 1, f"layout template: {exc}")]) from None


_OWN_TEMPLATES = frozenset({"template.html.j2", "document.html.j2", "parallel.html.j2"})


class _Cells(list[Markup]):
    """A side-by-side row's cells, a rendered one per language (a list, as a layout's own
    ``parallel.html.j2`` iterates it), whether the page must not break after it and whether
    it starts a page (a page break before it)."""

    def __init__(self, cells: list[Markup], keep_with_next: bool) -> None:
        super().__init__(cells)
        self.keep_with_next = keep_with_next
        self.break_before = False


def _parallel_rows(env: SandboxedEnvironment, pages: Sequence[Page],
                   shared: dict[str, Any]) -> list[_Cells]:
    """The side-by-side rows (``side_by_side.rows``), a rendered cell per language; a page
    break starts the next row that shows something on a new page."""
    fragment = env.get_template("fragment.html.j2")
    out: list[_Cells] = []
    pending = False
    for row in side_by_side.rows(pages):
        if row.part == "page-break":
            pending = bool(out)
            continue
        cells = _Cells([Markup(fragment.render(shared, page=page, part=row.part,
                                               item=row.cells[i] if row.cells else None
                                               ).strip())
                        for i, page in enumerate(pages)], row.keep_with_next)
        if any(str(cell) for cell in cells):
            cells.break_before, pending = pending, False
            out.append(cells)
    return out


def _template_frame(exc: BaseException) -> tuple[str, int]:
    """The innermost template file and line in a Jinja runtime error's traceback."""
    found = ("template", 1)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(".j2"):
            found = (shown(Path(frame.filename)), frame.lineno or 1)
    return found
