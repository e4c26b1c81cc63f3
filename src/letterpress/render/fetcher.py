"""The one door to the outside while rendering: only embedded data and the shipped fonts.

Images are embedded as data: URIs by the HTML renderer after load.py checked they sit inside
the letter's folder, so nothing else ever needs fetching: no network, no other files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from letterpress import FONTS


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
            parsed = urlparse(url)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if any(path.is_relative_to(root) for root in roots) and path.is_file():
                    return URLFetcherResponse(url, body=path.read_bytes())
            self.refused.append(url)
            raise ValueError(f"refused to fetch {url!r}: letters render from local files only")

    fetcher = LocalFetcher(allowed_protocols=("data", "file"), allow_redirects=False)
    fetcher.refused = []
    return fetcher
