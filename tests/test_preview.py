"""letterpress preview, end to end: the command serves on 127.0.0.1 only, answers nothing but
the preview, and Debian's chromium (headless, kept off the network, driven by Playwright)
shows the letter, follows every save without a manual reload and shows located errors.

Chromium is required: ``make test`` installs it (LETTERPRESS_CHROMIUM names another binary).
Only LETTERPRESS_SKIP_BROWSER=1, for a machine without it, turns the browser tests into skips
(never on CI, which installs it).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from conftest import ROOT
from letterpress.build import build_all
from letterpress.preview import Preview, Server

CHROMIUM = os.environ.get("LETTERPRESS_CHROMIUM") or shutil.which("chromium") or \
    "/usr/bin/chromium"
# Headless, and nothing the browser does by itself reaches the network.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
LETTER = """\
    title: Ceasefire now
    body:
      - We call for an immediate ceasefire.
    signatories:
      source: names.csv
    """


@dataclass
class Running:
    """A preview of a letter in a temporary folder, served on a free port."""

    url: str
    port: int
    letter: Path

    def get(self, path: str, host: str | None = None, method: str = "GET") -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        headers = {"Host": host} if host else {}
        try:
            conn.request(method, path, headers=headers)  # the path is sent exactly as given
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def write(self, text: str) -> None:
        self.letter.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    letters = tmp_path / "letters"
    letters.mkdir()
    (letters / "a.yaml").write_text(textwrap.dedent(LETTER), encoding="utf-8")
    (letters / "names.csv").write_text("name\nBig Heart\n", encoding="utf-8")
    return tmp_path


@pytest.fixture
def running(project: Path) -> Iterator[Running]:
    """The preview server in this process, looking for changes as the command does."""
    preview = Preview(Path("letters/a.yaml"))
    server = Server(preview, 0)
    preview.refresh()
    server.start()
    stop = threading.Event()

    def look() -> None:
        while not stop.wait(0.05):
            preview.refresh()

    looking = threading.Thread(target=look, daemon=True)
    looking.start()
    try:
        yield Running(server.url, server.port, project / "letters" / "a.yaml")
    finally:
        stop.set()
        looking.join()
        server.stop()


def _command(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen([sys.executable, "-m", "letterpress", "preview", "letters/a.yaml",
                             *args], env=env, text=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def test_the_command_prints_the_url_and_stops_cleanly_on_ctrl_c(project: Path) -> None:
    proc = _command("--port", "0")
    try:
        assert proc.stdout is not None
        match = re.fullmatch(r"previewing letters/a\.yaml at (http://127\.0\.0\.1:(\d+)/) "
                             r"\(Ctrl-C stops\)\n", proc.stdout.readline())
        assert match, proc.stderr.read() if proc.stderr else ""
        conn = http.client.HTTPConnection("127.0.0.1", int(match.group(2)), timeout=5)
        conn.request("GET", "/")
        assert b"Ceasefire now" in conn.getresponse().read()
        conn.close()
        # an open tab's event stream does not hold up Ctrl-C
        stream = http.client.HTTPConnection("127.0.0.1", int(match.group(2)), timeout=5)
        stream.request("GET", "/_preview/events")
        assert stream.getresponse().readline() == b"retry: 500\n"
    finally:
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=10)
    assert proc.returncode == 0, stderr
    assert "stopped" in stdout
    assert "Traceback" not in stderr


def test_a_port_in_use_is_a_clear_error(running: Running) -> None:
    proc = _command("--port", str(running.port))
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 1
    assert f"--port {running.port}: cannot listen on 127.0.0.1:{running.port}" in stderr
    assert "--port 0" in stderr and "Traceback" not in stderr


def test_listens_on_loopback_127_0_0_1_only(running: Running) -> None:
    with socket.create_connection(("127.0.0.1", running.port), timeout=5):
        pass
    # bound to 127.0.0.1 itself, not to every address: the rest of 127/8 and ::1 (still this
    # machine, so nothing leaves it) find nobody listening
    for family, address in ((socket.AF_INET, "127.0.0.2"), (socket.AF_INET6, "::1")):
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.settimeout(5)
            with contextlib.suppress(OSError):  # no IPv6 here: nothing listens there either
                assert sock.connect_ex((address, running.port)) != 0, address


def test_binds_to_127_0_0_1(tmp_path: Path) -> None:
    letter = tmp_path / "a.yaml"
    letter.write_text("title: A\n", encoding="utf-8")
    server = Server(Preview(letter), 0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_serves_nothing_else(running: Running) -> None:
    paths = ["/x", "/index.html", "/a.yaml", "/letters/a.yaml", "/names.csv",
             "/../letters/a.yaml", "/%2e%2e/%2e%2e/etc/passwd", "/../../../../etc/passwd",
             "//etc/passwd", "/_preview/", "/_preview/fonts/", "/_preview/fonts/OFL.txt",
             "/_preview/fonts/../preview.py", "/_preview/../cli.py", "/_preview/problems.html",
             "/_preview/fonts/%2e%2e/%2e%2e/cli.py", "/_preview/fonts/NotoSerif-Regular.ttf/"]
    answers = {path: running.get(path) for path in paths}
    assert {path: answer for path, answer in answers.items()
            if answer != (404, b"not found\n")} == {}


def test_serves_the_page_its_assets_and_the_fonts(running: Running) -> None:
    status, page = running.get("/")
    assert status == 200 and b"Ceasefire now" in page
    assert running.get("/_preview/preview.js")[0] == 200
    assert running.get("/_preview/preview.css")[0] == 200
    font = ROOT / "src" / "letterpress" / "fonts" / "NotoSerif-Regular.ttf"
    assert running.get("/_preview/fonts/NotoSerif-Regular.ttf") == (200, font.read_bytes())
    assert running.get("/", method="HEAD") == (200, b"")
    assert running.get("/", method="POST")[0] == 501


def test_refuses_requests_for_another_host(running: Running) -> None:
    """A web page that rebinds its own name to 127.0.0.1 still cannot read the letter."""
    assert running.get("/", host="attacker.example")[0] == 403
    assert running.get("/", host=f"localhost:{running.port}")[0] == 200


# --- in chromium ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A fresh headless chromium profile; every request to anything but 127.0.0.1 fails."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("LETTERPRESS_SKIP_BROWSER") == "1":
            pytest.skip(f"no chromium at {CHROMIUM} (LETTERPRESS_SKIP_BROWSER=1)")
        pytest.fail(f"no chromium at {CHROMIUM}: `make test` installs Debian's chromium "
                    "(or set LETTERPRESS_SKIP_BROWSER=1 to skip the browser tests)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM,
            args=CHROMIUM_ARGS, headless=True, viewport={"width": 900, "height": 1200})
        outside: list[str] = []

        def only_loopback(route: Any) -> None:
            if urlsplit(route.request.url).hostname == "127.0.0.1":
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", only_loopback)
        context.set_default_timeout(10_000)
        yield context
        context.close()
    assert outside == []


@pytest.fixture
def page(browser: Any, running: Running) -> Iterator[Any]:
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto(running.url)
    yield tab
    tab.close()
    assert errors == []


def _text(page: Any) -> str:
    return str(page.evaluate("document.body.innerText"))


def _shows(page: Any, text: str) -> None:
    """Wait until the open page shows ``text`` (Playwright's own wait: the page's Content
    Security Policy forbids the eval that wait_for_function needs)."""
    from playwright.sync_api import expect

    expect(page.locator("body")).to_contain_text(text)


def test_chromium_shows_the_letter_in_the_shipped_fonts(page: Any) -> None:
    assert "Ceasefire now" in _text(page)
    assert "Big Heart" in _text(page)
    page.evaluate("document.fonts.ready")
    assert page.evaluate("""() => [...document.fonts].filter(f => f.status === 'loaded')
                                    .some(f => f.family.includes('Noto Serif'))""")
    # the sheet has the page's width, from the layout's @page rule (A4)
    width = page.evaluate("document.body.getBoundingClientRect().width")
    assert abs(width - 210 / 25.4 * 96) < 2


def test_the_saved_html_reads_in_the_pages_measure_centred(browser: Any, project: Path) -> None:
    """Opened by itself, the HTML output is a column as wide as the PDF's text (A4 less
    24 mm each side: 162 mm), centred; it ran the window's full width, from its edge."""
    from letterpress.build import build

    build(project / "letters" / "a.yaml", project / "output", ("html",))
    tab = browser.new_page()
    tab.set_viewport_size({"width": 1600, "height": 900})
    tab.set_content((project / "output" / "a.html").read_text(encoding="utf-8"))
    box = tab.evaluate("""() => { const r = document.querySelector('p').getBoundingClientRect();
                                  return [r.left, r.width]; }""")
    tab.close()
    assert abs(box[1] - 162 / 25.4 * 96) < 2 and abs(box[0] - (1600 - box[1]) / 2) < 10


def test_a_save_shows_up_without_reloading_by_hand(page: Any, running: Running) -> None:
    running.write(LETTER.replace("immediate ceasefire", "ceasefire today"))
    _shows(page, "ceasefire today")
    # a signatory source is followed too
    (running.letter.parent / "names.csv").write_text("name\nBig Heart\nBaytna Syria\n")
    _shows(page, "Baytna Syria")


def test_an_error_replaces_the_page_until_it_is_fixed(page: Any, running: Running) -> None:
    running.write("title: [broken\n")
    _shows(page, "YAML syntax")
    assert re.search(r"letters/a\.yaml:1:8: YAML syntax", _text(page)), _text(page)
    assert "Ceasefire now" not in _text(page)
    running.write(LETTER.replace("Ceasefire now", "Ceasefire, fixed"))
    _shows(page, "Ceasefire, fixed")


def test_pages_are_sheets_and_page_breaks_start_a_new_one(page: Any, running: Running) -> None:
    running.write(LETTER.replace("      - We call", "      - page_break: true\n      - We call"))
    page.locator(".page-break").wait_for(state="attached")
    sheets = page.evaluate("document.querySelector('article.letter').getClientRects().length")
    assert sheets == 2, "one sheet per page needs column-wrap (Chromium 145 or later)"


def test_quotations_in_a_script_without_italics_stay_upright(page: Any,
                                                            running: Running) -> None:
    """An Arabic or Hebrew quotation is drawn upright, as in the PDF: their fonts have no
    italic, and Chromium slanted the letters (the same pixels as the paragraph set upright
    now); an English one is in italic (other pixels)."""
    quotes = {"ar": "لن نتوقف حتى نعرف الحقيقة", "he": "לא נפסיק עד שנדע", "en": "Never again"}
    running.write(LETTER.replace("      - We call", "".join(
        f"      - quote: {text}\n        lang: {lang}\n" for lang, text in quotes.items())
        + "      - We call"))
    _shows(page, quotes["he"])
    page.evaluate("document.fonts.ready")
    for lang, text in quotes.items():
        quote = page.locator("blockquote p", has_text=text)
        quote.evaluate("p => { const upright = p.cloneNode(true);"
                       " upright.style.fontStyle = 'normal'; upright.id = 'upright';"
                       " p.after(upright); }")
        upright = page.locator("#upright")
        assert (quote.first.screenshot() == upright.screenshot()) is (lang != "en"), lang
        upright.evaluate("p => p.remove()")


def _until(condition: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_creating_a_missing_source_file_brings_the_letter_back(running: Running) -> None:
    running.write(LETTER.replace("names.csv", "more.csv"))
    _until(lambda: b"more.csv: source file not found" in running.get("/")[1])
    (running.letter.parent / "more.csv").write_text("name\nLate Signer\n", encoding="utf-8")
    _until(lambda: b"Late Signer" in running.get("/")[1])


def test_serves_the_html_output_file_by_file(running: Running, project: Path) -> None:
    """What the HTML output has, each language of a letter built separately at its name and
    the first also at /, with only the preview's fonts, CSS and script added to the head."""
    running.write("""\
        lang: [en, ar]
        title: {en: Ceasefire now, ar: وقف إطلاق النار الآن}
        """)
    _until(lambda: running.get("/a.ar.html")[0] == 200)
    build_all([running.letter], project / "output", ["html"])
    for path, name in (("/", "a.en.html"), ("/a.en.html", "a.en.html"),
                       ("/a.ar.html", "a.ar.html")):
        served = running.get(path)[1].decode("utf-8")
        assert 'data-documents="/a.en.html /a.ar.html"' in served
        head, _, rest = served.partition("<style>\n@font-face")
        assert head + "</head>" + rest.partition("</head>")[2] == \
            (project / "output" / name).read_text(encoding="utf-8")
