"""The one door to the outside while rendering: only embedded data and the shipped fonts.

Images are embedded as data: URIs by the HTML renderer after load.py checked they sit inside
the letter's folder, so nothing else ever needs fetching: no network, no other files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlparse

from letterpress import FONTS
from letterpress.errors import Diagnostic
from letterpress.source import is_file

REFUSED = "refused; letters render from their own folder only (no network, no other files)"


def make_fetcher(allowed: tuple[Path, ...] = (FONTS,)) -> Any:
    """A WeasyPrint URL fetcher that refuses everything but data: URIs and allowed files."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    roots = tuple(p.resolve() for p in allowed)

    class LocalFetcher(URLFetcher):  # type: ignore[misc]
        """Remembers what it refused, so the build can report it as an error."""

        refused: list[str]

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = _allowed(url, roots)
            if path is not None:
                return URLFetcherResponse(url, body=path.read_bytes())
            self.refused.append(url)
            raise ValueError(f"refused to fetch {url!r}: letters render from local files only")

    fetcher = LocalFetcher(allowed_protocols=("data", "file"), allow_redirects=False)
    fetcher.refused = []
    return fetcher


def _allowed(url: str, roots: tuple[Path, ...]) -> Path | None:
    """The file a ``file:`` URL names inside ``roots``, or None: refused."""
    parsed = urlparse(url)
    if parsed.scheme == "file":
        path = Path(unquote(parsed.path)).resolve()
        if any(path.is_relative_to(root) for root in roots) and is_file(path):
            return path
    return None


def css_refusals(stylesheets: Sequence[tuple[str, list[Any]]], base: Path) -> list[Diagnostic]:
    """What rendering will refuse in a layout's stylesheets, located where it is written, so
    that ``check`` says what ``build`` does (the fetcher meets it only while the PDF renders:
    check passed, build failed): a ``url()`` leading anywhere but embedded data or the
    shipped fonts (relative ones lead into the letter's folder, ``base``), and any
    ``@font-face`` (a layout cannot bring fonts of its own; ``local()`` loads a font file of
    the machine's). An ``@import`` is left alone: after the built-in rules CSS ignores it."""
    folder = base.resolve().as_uri() + "/"
    roots = (FONTS.resolve(),)
    problems = []
    for path, rules in stylesheets:
        for rule in rules:
            keyword = getattr(rule, "lower_at_keyword", None)
            if keyword == "font-face":
                problems.append(Diagnostic(path, rule.source_line, rule.source_column,
                                           "@font-face: refused; a layout's fonts are the "
                                           "ones letterpress ships"))
            elif keyword != "import" and rule.type != "error":
                for line, col, url in _urls([*rule.prelude, *(rule.content or ())]):
                    if url.startswith("#"):  # the document's own element (target-counter)
                        continue
                    target = urljoin(folder, url)
                    if not target.startswith("data:") and _allowed(target, roots) is None:
                        problems.append(Diagnostic(path, line, col, f"{target}: {REFUSED}"))
    return problems


def _urls(tokens: Iterable[Any]) -> Iterable[tuple[int, int, str]]:
    """Where each ``url(...)`` among CSS tokens (at any depth: blocks, functions, @media
    rules) has its address, and the address."""
    for token in tokens:
        if token.type == "url":
            yield token.source_line, token.source_column + len("url("), token.value
        elif token.type == "function" and token.lower_name == "url":
            given = [t for t in token.arguments if t.type not in ("whitespace", "comment")]
            if given and given[0].type == "string":
                yield given[0].source_line, given[0].source_column + 1, given[0].value
        elif token.type == "function":
            yield from _urls(token.arguments)
        elif token.type.endswith("block"):
            yield from _urls(token.content)
