"""Serve a letter's HTML on 127.0.0.1 and make the browser reload it whenever it changes.

The page is the HTML output itself plus three things in its head: the shipped fonts (served
here, so the browser sets the text in the PDF's typefaces), ``screen/preview.css`` (the
pages as sheets) and ``screen/preview.js`` (which listens to ``/_preview/events``, a
server-sent event stream, and reloads when the version changes). What changed is noticed the
way ``watch`` notices it: by polling the stamps of the files the last rendering read.

Only the pages, those two files and the fonts are served, looked up by exact path in fixed
tables (no file-system path is ever made from a request); everything else is 404. Requests
naming another host are refused, so a web page cannot reach the preview through DNS
rebinding.
"""

from __future__ import annotations

import html
import re
import secrets
import string
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from letterpress import FONTS, manifest
from letterpress.build import missing_translations, outputs, pages, render
from letterpress.errors import Diagnostic, LetterError
from letterpress.load import load
from letterpress.render.html import font_faces
from letterpress.watch import Files

HOST = "127.0.0.1"
DEFAULT_PORT = 8000
SCREEN = Path(__file__).parent / "screen"
ASSETS = "/_preview/"
EVENTS = ASSETS + "events"
FONT_PATH = ASSETS + "fonts/"
KEEPALIVE = 15.0  # seconds between comments on an idle event stream: a closed tab is noticed
TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".ttf": "font/ttf"}
# The page runs only preview.js; inline <style> and style="" come from the layout templates,
# images are data: URIs.
POLICY = ("default-src 'none'; script-src 'self'; connect-src 'self'; font-src 'self'; "
          "style-src 'self' 'unsafe-inline'; img-src data:; base-uri 'none'; "
          "form-action 'none'")


@dataclass(frozen=True)
class Rendering:
    """One look at the letter: its HTML files by name, or why there are none."""

    documents: dict[str, str] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)  # warnings, then errors
    dependencies: list[Path] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(d.severity == "error" for d in self.problems)


def render_letter(letter: Path, *, layout: str | None = None, strict: bool = False
                  ) -> Rendering:
    """The HTML output's files, by name (several when the letter's languages are built
    separately), in memory."""
    try:
        loaded = load(letter, layout=layout, strict=strict)
    except LetterError as exc:
        return Rendering(problems=exc.diagnostics)
    warnings = loaded.warnings + missing_translations(loaded)
    dependencies = manifest.dependencies(loaded)
    try:
        documents = {f"{stem}.html": render(group, loaded, "html").decode("utf-8")
                     for stem, group in outputs(loaded, pages(loaded))}
    except LetterError as exc:
        return Rendering(problems=warnings + exc.diagnostics, dependencies=dependencies)
    return Rendering(documents, warnings, dependencies)


_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)


def _asset(name: str) -> str:
    return (SCREEN / name).read_text(encoding="utf-8")


def dress(document: str, version: str, documents: list[str]) -> str:
    """The HTML output with the preview's fonts, sheet CSS and reload script in its head."""
    links = html.escape(" ".join(quote(path) for path in documents))
    head = (f"<style>\n{font_faces(FONT_PATH)}\n</style>\n"
            f'<link rel="stylesheet" href="{ASSETS}preview.css">\n'
            f'<script src="{ASSETS}preview.js" data-version="{version}" '
            f'data-documents="{links}"></script>\n')
    match = _HEAD_END.search(document)
    at = match.start() if match else 0
    return document[:at] + head + document[at:]


def problems_page(letter: Path, problems: list[Diagnostic], version: str) -> str:
    """The located messages, as the command line prints them, in place of the letter."""
    errors = sum(d.severity == "error" for d in problems)
    return string.Template(_asset("problems.html")).substitute(
        title=html.escape(f"{letter}: {errors} problem{'s' if errors != 1 else ''}"),
        messages="\n".join(f'<li class="{d.severity}">{html.escape(str(d))}</li>'
                           for d in problems),
        script=f'<script src="{ASSETS}preview.js" data-version="{version}"></script>')


@dataclass(frozen=True)
class Snapshot:
    """What the server answers until the next change: a page per known path."""

    version: str
    pages: dict[str, bytes]
    broken: bytes | None = None  # the problems page, shown at every known path


class Preview:
    """The letter's latest pages, re-rendered when a file it read changes."""

    def __init__(self, letter: Path, *, layout: str | None = None, strict: bool = False
                 ) -> None:
        self.letter, self.layout, self.strict = letter, layout, strict
        self.files = Files(letter)
        self.run = secrets.token_hex(4)  # versions differ from a previous run's: it reloads
        self.count = 0
        self.known = {"/"}  # every path a page was served at: a broken letter shows there
        self.snapshot = Snapshot(f"{self.run}-0", {})
        self.changed = threading.Condition()
        self.closed = False

    def refresh(self) -> Rendering | None:
        """Render again if a file the letter read has changed since (None if not)."""
        stamp = self.files.changed()
        if stamp is None:
            return None
        rendering = render_letter(self.letter, layout=self.layout, strict=self.strict)
        self.files.built(stamp, rendering.dependencies)
        self.count += 1
        version = f"{self.run}-{self.count}"
        if rendering.failed:
            snapshot = Snapshot(version, {}, broken=problems_page(
                self.letter, rendering.problems, version).encode("utf-8"))
        else:
            snapshot = Snapshot(version, self._pages(rendering.documents, version))
            self.known.update(snapshot.pages)
        with self.changed:
            self.snapshot = snapshot
            self.changed.notify_all()
        return rendering

    @staticmethod
    def _pages(documents: dict[str, str], version: str) -> dict[str, bytes]:
        """``/`` shows the first file; with several, each is also at ``/NAME.html``."""
        names = list(documents)
        paths = {"/": names[0]} | ({f"/{name}": name for name in names} if len(names) > 1
                                   else {})
        links = [f"/{name}" for name in names] if len(names) > 1 else []
        return {path: dress(documents[name], version, links).encode("utf-8")
                for path, name in paths.items()}

    def wait(self, version: str | None, timeout: float) -> Snapshot:
        """The snapshot once it differs from ``version`` (or after ``timeout`` seconds)."""
        with self.changed:
            self.changed.wait_for(lambda: self.snapshot.version != version or self.closed,
                                  timeout)
            return self.snapshot

    def close(self) -> None:
        with self.changed:
            self.closed = True
            self.changed.notify_all()


def _static() -> dict[str, Path]:
    """The only files served: the page's CSS and script, and the shipped fonts."""
    files = {ASSETS + name: SCREEN / name for name in ("preview.css", "preview.js")}
    files.update({FONT_PATH + font.name: font for font in sorted(FONTS.glob("*.ttf"))})
    return files


class Handler(BaseHTTPRequestHandler):
    """GET and HEAD of the preview's few paths; the server carries the Preview."""

    server: Server
    server_version = "letterpress-preview"
    sys_version = ""

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Silent: the terminal shows the letter's problems, not every request."""

    def _answer(self, *, body: bool) -> None:
        host = self.headers.get("Host")
        if host is not None and host.lower() not in self.server.hosts:
            self._send(403, b"not this host\n", "text/plain; charset=utf-8", body=body)
            return
        path = unquote(urlsplit(self.path).path)
        if path == EVENTS and body:
            self._events()
            return
        preview = self.server.preview
        snapshot = preview.snapshot
        static = self.server.static.get(path)
        if static is not None:
            self._send(200, static.read_bytes(), TYPES[static.suffix], body=body,
                       cache="max-age=3600" if path.startswith(FONT_PATH) else "no-cache")
        elif path in snapshot.pages:
            self._send(200, snapshot.pages[path], "text/html; charset=utf-8", body=body)
        elif path in preview.known and snapshot.broken is not None:
            self._send(200, snapshot.broken, "text/html; charset=utf-8", body=body)
        elif path in preview.known and path != "/":  # a file no longer built (languages)
            self.send_response(303)
            self.send_header("Location", "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._send(404, b"not found\n", "text/plain; charset=utf-8", body=body)

    def _send(self, status: int, data: bytes, kind: str, *, body: bool,
              cache: str = "no-store") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", cache)
        self.send_header("Content-Security-Policy", POLICY)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _events(self) -> None:
        """Server-sent events: the current version at once, then each new one."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        preview, version = self.server.preview, None
        try:
            self.wfile.write(b"retry: 500\n\n")
            while not preview.closed:
                snapshot = preview.wait(version, KEEPALIVE)
                if snapshot.version != version:
                    version = snapshot.version
                    self.wfile.write(f"data: {version}\n\n".encode("ascii"))
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except ConnectionError:  # the tab was closed or reloaded
            return


class Server(ThreadingHTTPServer):
    """The loopback HTTP server of one Preview, serving from a thread of its own."""

    daemon_threads = True  # open event streams do not hold up Ctrl-C

    def __init__(self, preview: Preview, port: int = DEFAULT_PORT) -> None:
        super().__init__((HOST, port), Handler)
        self.preview = preview
        self.static = _static()
        self.port = self.server_address[1]
        self.hosts = {f"{HOST}:{self.port}", f"localhost:{self.port}"}
        self.url = f"http://{HOST}:{self.port}/"
        self.thread = threading.Thread(target=self.serve_forever, args=(0.1,), name="preview",
                                       daemon=True)  # looks for stop() every 0.1 s

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A tab closed or reloaded in mid-answer is no error; anything else keeps its
        traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.preview.close()
        if self.thread.is_alive():
            self.shutdown()
        self.server_close()
