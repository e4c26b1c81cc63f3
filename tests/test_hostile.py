"""The promise, input by input: each hostile letter, source, image, layout or fault gives the
expected outcome, never a traceback, and never touches the canary (a secret file outside the
project and a local HTTP server that counts requests)."""

from __future__ import annotations

import base64
import contextlib
import http.server
import os
import re
import struct
import subprocess
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from letterpress.cli import app

runner = CliRunner()
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
SECRET = "CANARY-7f3a9c-do-not-leak"


class _Counter(http.server.BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self) -> None:
        type(self).hits += 1
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<svg xmlns='http://www.w3.org/2000/svg'/>")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def canary(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    secret = tmp_path_factory.mktemp("outside") / "secret.txt"
    secret.write_text(SECRET)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"SECRET": str(secret), "SERVER": f"http://127.0.0.1:{server.server_port}"}
    server.shutdown()
    assert _Counter.hits == 0, "the canary server was contacted"


def _png(width: int, height: int) -> bytes:
    """A PNG header claiming any size (no pixel data needed to be refused)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                               0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))


@dataclass
class Case:
    """Files to write (text or bytes), the command to run, and what must come out."""

    id: str
    files: dict[str, str | bytes]
    expect: list[str] = field(default_factory=list)  # substrings of the output, in order
    code: int = 2
    args: list[str] = field(default_factory=lambda: ["build", "letters/l.yaml", "-f",
                                                     "pdf,docx,html,txt"])
    setup: Callable[[Path], None] | None = None


def L(text: str | bytes, **extra: str | bytes) -> dict[str, str | bytes]:  # noqa: N802 - short
    """The letter, plus files named like ``letters__s_csv`` (folders by __, the dot by _)."""
    def name(key: str) -> str:
        return "/".join(".".join(part.rsplit("_", 1)) for part in key.split("__"))
    return {"letters/l.yaml": text, **{name(k): v for k, v in extra.items()}}


OK = "title: t\nbody: [Hello]\n"
SIG = "title: t\nsignatories:\n  source: s.csv\n"
LAYOUT = "layout: evil\ntitle: t\nbody: [Hello]\n"


def _evil(manifest: str = "extends: letter\n", **files: str) -> dict[str, str | bytes]:
    out: dict[str, str | bytes] = {"layouts/evil/layout.yaml": manifest}
    out.update({f"layouts/evil/{k.replace('__', '/')}": v for k, v in files.items()})
    return out


CASES = [
    # --- broken YAML --------------------------------------------------------------------
    Case("tab-indent", L("title: t\nbody:\n\t- a\n"), ["l.yaml:3:1: YAML syntax: a tab"]),
    Case("key-at-the-items-level", L("title: T\nbody:\n  - quote: Q.\n  by: Raed\n  - Next.\n"),
         ["l.yaml:4:3: YAML syntax: this line stands where the list's items do but is not "
          "one (no '- ')"]),
    Case("flow-double-comma", L("lang: [he, en]\nclosing: {he: בכבוד רב,, en: 'R,'}\n"),
         ["l.yaml:2:24: YAML syntax: nothing where a value should be, inside {...} or [...]: "
          "two commas"]),
    Case("tab-after-key", L("title:\tt\nbody: [a]\n"), [], 0),
    Case("bad-indentation", L("title: t\n body: [a]\n"), ["l.yaml:2:6: YAML syntax"]),
    Case("bad-indentation-list", L("body:\n  - a\n - b\n"), ["l.yaml:3:2: YAML syntax"]),
    Case("unclosed-double-quote", L('title: "t\nbody: [a]\n'),
         ['l.yaml:1:8: YAML syntax: this " is never closed; add the closing "']),
    Case("unclosed-single-quote", L("title: 't\n"), ["l.yaml:1:8: YAML syntax: this ' is never"]),
    Case("unclosed-bracket", L("title: t\nbody: [a, b\n"), ["l.yaml:2:7: YAML syntax: this [ is"]),
    Case("unclosed-brace", L("title: {en: t\n"), ["l.yaml:1:8: YAML syntax: this { is never"]),
    Case("french-colon-title", L("title: Sahel : protéger les civils\n"),
         ["l.yaml:1:14: YAML syntax: a second ': ' on this line; put text holding a colon"]),
    Case("body-as-one-text", L("title: t\nbody: |\n  First paragraph of the letter, long "
                                "enough.\n\n  Second paragraph.\n"),
         ["l.yaml:2:7: body: expected a list, got text ('First paragraph of the letter, "
          "long...'); start each item on a line of its own with '- '"]),
    Case("colon-ending-a-value", L("title: t\nbody:\n  - text: from among them:\n"),
         ["l.yaml:3:26: YAML syntax: a second ':', ending this line", "in quotes"]),
    Case("french-colon-block", L("title: t\nbody:\n  - Nous demandons : la paix\n"),
         ["l.yaml:3:5: body[0]: unknown block 'Nous demandons'", "put it in quotes"]),
    Case("bracket-broken-not-at-end", L("title: [a, b\nbody: c}\n"),
         ["l.yaml:1:8: YAML syntax: this [ is never closed; add the closing ]"]),
    Case("bracket-open-before-next-key", L("title: t\nbody: [a, b\nclosing: Yours\n"),
         ["l.yaml:2:7: YAML syntax: this [ is never closed; add the closing ]"]),
    Case("bracket-open-at-end", L("title: t\nbody: [\n"),
         ["l.yaml:2:7: YAML syntax: this [ is never closed; add the closing ]"]),
    Case("invalid-utf8-latin1", L(b"title: Caf\xe9\n"), ["l.yaml:1:11: not UTF-8"]),
    Case("invalid-utf8-lone-continuation", L(b"title: \x80\n"), ["l.yaml:1:8: not UTF-8"]),
    Case("utf16", L("title: t\n".encode("utf-16")), ["l.yaml:1:1: UTF-16 text; save the file as UTF-8"]),
    # without a byte order mark: was "1:2: character U+0000 is a control character"
    Case("utf16-le-no-bom", L("title: t\nbody: [a]\n".encode("utf-16-le")),
         ["l.yaml:1:1: UTF-16 text; save the file as UTF-8"]),
    Case("utf16-be-no-bom", L("title: t\n".encode("utf-16-be")),
         ["l.yaml:1:1: UTF-16 text; save the file as UTF-8"]),
    Case("nul-in-utf8", L(b"title: t\x00\n"), ["l.yaml:1:9: character U+0000"]),
    Case("bom-is-fine", L("\ufefftitle: t\nbody: [a]\n"), [], 0),
    Case("duplicate-top-key", L("title: a\ntitle: b\n"), ["l.yaml:2:1: duplicate key 'title'"]),
    Case("duplicate-nested-key", L("title: t\nfrom:\n  name: a\n  name: b\n"),
         ["l.yaml:4:3: duplicate key 'name'"]),
    Case("alias-bomb", L("a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                         "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                         "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
                         "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\ntitle: t\n"),
         ["too many values"]),
    Case("deep-flow-nesting", L("title: t\nbody: " + "[" * 10_000 + "]" * 10_000 + "\n"),
         ["nested more than 64 levels"]),
    Case("deep-block-nesting", L("title: t\nbody:\n" + "".join("  " * i + "- \n"
                                                              for i in range(1, 2000))),
         ["nested more than 64 levels"]),
    Case("huge-file", {}, ["l.yaml:1:1: the file is 200 MB; the limit is 32 MB"],
         setup=lambda root: _sparse(root / "letters" / "l.yaml", 200 * 2**20)),
    Case("empty-file", L(""), ["l.yaml:1:1: a letter is a mapping of keys"]),
    Case("only-comments", L("# nothing here\n"), ["a letter is a mapping of keys"]),
    Case("scalar-document", L("just text\n"), ["this file holds 'just text'"]),
    Case("two-documents", L("title: a\n---\ntitle: b\n"), ["l.yaml:2:1: YAML syntax"]),
    Case("merge-key", L("base: &b {title: t}\n<<: *b\n"), ["l.yaml:1:1: base: unknown key 'base'"]),
    Case("empty-members-ok", L("title: t\nsignatories:\n  members:\n  groups:\n"
                               "    - name: A\n      members:\n"), [], 0),
    Case("merge-key-ok", L("title: t\nsignatories:\n  groups:\n    - &g {name: A, display: list, "
                           "members: [a]}\n    - <<: *g\n      name: B\n"), [], 0),
    Case("merge-key-bad-value", L("title: t\nsignatories:\n  groups:\n    - &g {name: A, "
                                  "display: sideways, members: [a]}\n    - <<: *g\n"
                                  "      name: B\n"), ["l.yaml:4:29: signatories.groups[0]."
                                                       "display: expected one of"]),
    Case("merge-key-not-mapping", L("title: t\nsignatories:\n  <<: [a]\n"),
         ["l.yaml:3:8: a merge key (<<) takes a mapping"]),
    Case("python-tag", L("title: !!python/object:os.system echo\nbody: [a]\n"), [], 0),
    Case("non-scalar-key", L("? [a, b]\n: c\ntitle: t\n"), ["a key must be plain text"]),
    # --- wrong types and values -----------------------------------------------------------
    Case("title-list", L("title: [a, b]\n"), ["l.yaml:1:8: title: expected text, got a list"]),
    Case("body-mapping", L("body: {a: b}\n"), ["body: expected a list"]),
    Case("body-number-ok", L("body: [2016]\n"), [], 0),
    Case("body-item-list", L("body:\n  - [a, b]\n"), ["body[0]: a body block is Markdown text"]),
    Case("heading-list", L("body:\n  - heading: [a]\n"), ["body[0].heading: expected text"]),
    Case("level-zero", L("body:\n  - heading: h\n    level: 0\n"), ["must be at least 1"]),
    Case("level-text", L("body:\n  - heading: h\n    level: high\n"), ["expected a whole number"]),
    Case("demands-items-text", L("body:\n  - demands: {items: x}\n"),
         ["body[0].demands.items: expected a list"]),
    Case("demands-no-items", L("body:\n  - demands: {intro: x}\n"), ["missing required key 'items'"]),
    Case("bad-marker", L("body:\n  - demands: {marker: '#', items: [a]}\n"), ["unknown marker '#'"]),
    Case("lines-per-language-nested", L("lang: [uk, en]\nfrom: {name: A, address: "
                                        "{uk: [a, [b]], en: [c]}}\n"),
         ["from.address: line 2 of the 'uk' lines must be text; lines per language look like"]),
    # a Cyrillic і looks like the Latin i the message offers: the message says which it is
    Case("cyrillic-i-marker", L("body:\n  - demands: {marker: 'і)', items: [a]}\n"),
         ["unknown marker 'і)' ('і' is a Cyrillic letter); use one of"]),
    Case("greek-beta-marker", L("body:\n  - demands: {marker: 'β.', items: [a]}\n"),
         ["unknown marker 'β.' ('β' is a Greek letter)"]),
    Case("negative-start", L("body:\n  - demands: {start: -1, items: [a]}\n"),
         ["must be at least 0"]),
    Case("continue-maybe", L("body:\n  - demands: {continue: maybe, items: [a]}\n"),
         ["expected true or false, got 'maybe'"]),
    Case("image-list", L("body:\n  - image: [a.png]\n"), ["body[0].image: expected text"]),
    Case("width-bad", L("body:\n  - image: a.png\n    width: huge\n", letters__a_png=PNG),
         ["expected a width such as 60%"]),
    Case("numbering-bad", L("title: t\nsignatories: {numbering: roman, members: [a]}\n"),
         ["expected one of 'continuous'"]),
    Case("display-bad", L("title: t\nsignatories: {display: grid, members: [a]}\n"),
         ["signatories.display: expected one of"]),
    Case("order-bad", L("title: t\nsignatories: {order: random, members: [a]}\n"),
         ["signatories.order: expected one of"]),
    Case("columns-bad", L("title: t\nsignatories: {columns: [email], members: [a]}\n"),
         ["signatories.columns[0]"]),
    Case("members-mapping", L("title: t\nsignatories: {members: {a: b}}\n"),
         ["signatories.members: expected a list"]),
    Case("group-name-list", L("title: t\nsignatories: {groups: [{name: [a]}]}\n"),
         ["signatories.groups[0].name: expected text"]),
    Case("member-empty-name", L("title: t\nsignatories: {members: [{name: ''}]}\n"),
         ["a signatory's name is empty"]),
    Case("member-name-left-empty", L("title: t\nsignatories:\n  members:\n    - name:\n"),
         ["l.yaml:4:12: signatories.members[0].name: a signatory's name is empty"]),
    Case("member-empty-text", L("title: t\nsignatories: {groups: [{members: [a, '  ']}]}\n"),
         ["l.yaml:2:38: signatories.groups[0].members[1]: a signatory's name is empty"]),
    Case("member-invisible-name",  # an RLM, a zero-width space: a numbered line, no name
         L('title: t\nsignatories:\n  members:\n    - name: "\\u200f"\n    - "\\u200b "\n'),
         ["l.yaml:4:13: signatories.members[0].name: a signatory's name is empty",
          "l.yaml:5:7: signatories.members[1]: a signatory's name is empty"]),
    Case("verified-text", L("title: t\nsignatories: {members: [{name: a, verified: perhaps}]}\n"),
         ["expected true or false"]),
    Case("contacts-people-text", L("title: t\ncontacts: {people: x}\n"),
         ["contacts.people: expected a list"]),
    Case("footnotes-list", L("title: t\nfootnotes: [a]\n"), ["footnotes: expected a mapping"]),
    Case("labels-list", L("title: t\nlabels: [a]\n"), ["labels: expected a mapping"]),
    Case("lang-bad", L("lang: english\ntitle: t\n"), ["'english' is not a language tag"]),
    Case("lang-twice", L("lang: [en, en]\ntitle: t\n"), ["a language is listed twice"]),
    Case("combine-bad", L("lang: [en, ar]\ncombine: mixed\ntitle: t\n"), ["combine: expected one of"]),
    Case("paper-bad", L("paper: a5\ntitle: t\n"), ["paper: expected one of"]),
    Case("impossible-date", L("title: t\ndate: 2016-02-30\n"), ["'2016-02-30' is not a real date"]),
    Case("impossible-added", L("title: t\nsignatories: {members: [{name: a, added: 2016-13-01}]}\n"),
         ["'2016-13-01' is not a real date"]),
    Case("no-title-no-body", L("subject: s\n"), ["a letter needs at least a title or a body"]),
    Case("count-unknown-group", L("title: '%{count:Nobody}'\nsignatories: [a]\n"),
         ["no signatory group of that name"]),
    # --- unknown keys ---------------------------------------------------------------------
    Case("unknown-top", L("titel: t\nbody: [a]\n"), ["unknown key 'titel' (did you mean 'title'?)"]),
    Case("unknown-person", L("title: t\nto: [{name: a, rol: b}]\n"), ["did you mean 'role'?"]),
    Case("unknown-member", L("title: t\nsignatories: {members: [{name: a, org: b}]}\n"),
         ["unknown key 'org'"]),
    Case("unknown-group", L("title: t\nsignatories: {groups: [{nme: a}]}\n"),
         ["did you mean 'name'?"]),
    Case("unknown-demands", L("body:\n  - demands: {itmes: [a]}\n"), ["did you mean 'items'?"]),
    Case("unknown-quote", L("body:\n  - quote: q\n    author: a\n"), ["unknown key 'author'"]),
    Case("unknown-signatories", L("title: t\nsignatories: {member: [a]}\n"),
         ["did you mean 'members'?"]),
    Case("unknown-block", L("body:\n  - picture: a.png\n"), ["unknown block 'picture'"]),
    # --- missing and unreadable files -------------------------------------------------------
    Case("missing-letter", {}, ["nope.yaml:1:1: file not found"],
         args=["build", "letters/nope.yaml"]),
    Case("letter-is-folder", {"letters/dir.yaml/x": "y"}, ["dir.yaml:1:1: no letter files"],
         args=["build", "letters/dir.yaml"]),
    Case("missing-image", L("body:\n  - image: gone.png\n"), ["gone.png: image file not found"]),
    Case("missing-logo", L("title: t\nfrom: {name: a, logo: gone.svg}\n"),
         ["l.yaml:2:23: gone.svg: image file not found"]),
    Case("missing-source", L(SIG), ["s.csv: source file not found"]),
    Case("yaml-source-bad-entries",
         L("title: t\nsignatories:\n  source: s.yaml\n",
           letters__s_yaml="- {name: A, verified: maybe}\n- name: B\n  nmae: C\n- [x]\n"),
         ["s.yaml:1:23: [0].verified: expected true or false, got 'maybe'\n",
          "s.yaml:3:3: [1].nmae: unknown key 'nmae' (did you mean 'name'?); allowed: name, role, "
          "organisation, country, url, note, added, verified, group\n",
          "s.yaml:4:3: [2]: a signatory is text or a mapping with a name, got a list\n"]),
    Case("yaml-source-blank-and-disguised-names",
         L("title: t\nsignatories:\n  source: s.yaml\n",
           letters__s_yaml='- "  "\n- Ok\n- "Good \\u202eevil"\n- "\\u2060"\n'),
         ["s.yaml:1:3: [0]: a signatory's name is empty",
          "s.yaml:3:3: [2]: bidi control U+202E",
          "s.yaml:4:3: [3]: a signatory's name is empty"]),
    Case("source-is-folder", L(SIG, letters__s_csv__x="y"),
         ["l.yaml:3:11: s.csv: is a folder, not a file"]),  # (was "source file not found")
    # a named pipe (FIFO) is read by no one: a letter so named hung check and build for good
    Case("letter-is-a-fifo", {}, ["pipe.yaml:1:1: not a regular file (a pipe"],
         args=["check", "letters/pipe.yaml"], setup=lambda root: _fifo(root / "letters/pipe.yaml")),
    Case("source-is-a-fifo", L(SIG), ["l.yaml:3:11: s.csv: not a regular file (a pipe"],
         setup=lambda root: os.mkfifo(root / "letters/s.csv")),
    Case("folder-with-a-fifo", L(OK), ["1 letter OK"], 0, args=["check", "letters"],
         setup=lambda root: os.mkfifo(root / "letters/pipe.yaml")),
    Case("letter-is-a-device", {}, ["/dev/zero:1:1: not a regular file (a pipe"],
         args=["check", "/dev/zero"]),
    Case("missing-layout", L("layout: nowhere\ntitle: t\n"), ["unknown layout 'nowhere'"]),
    Case("no-letters", {"letters/readme.txt": "x"}, ["no letter files"], args=["build"]),
    Case("no-letters-folder-check", {"l.yaml": OK}, ["no letters/ folder here",
         "give the letter files or folders to check"], args=["check"]),  # was letters:1:1
    Case("no-letters-folder-build", {"l.yaml": OK}, ["no letters/ folder here",
         "give the letter files or folders to build"], args=["build"]),
    # --- bad CSV files ----------------------------------------------------------------------
    Case("csv-ragged", L(SIG, letters__s_csv="name,group\na,b,c\n"), ["s.csv:2:5: this row has 3"]),
    Case("csv-latin1", L(SIG, letters__s_csv=b"name\nJos\xe9\n"), ["s.csv:2:4: not UTF-8"]),
    Case("csv-nul", L(SIG, letters__s_csv=b"name\na\x00b\n"), ["s.csv:2:2: a NUL byte"]),
    Case("csv-empty", L(SIG, letters__s_csv=""), ["s.csv:1:1: empty CSV file"]),
    Case("csv-no-name", L(SIG, letters__s_csv="org\nx\n"), ["s.csv:1:1: no 'name' column"]),
    Case("csv-empty-name", L(SIG, letters__s_csv="name,org\n,x\n\u200f,y\n"),
         ["s.csv:2:1: a signatory's name is empty", "s.csv:3:1: a signatory's name is empty"]),
    Case("csv-bad-verified", L(SIG, letters__s_csv="name,verified\na,perhaps\n"),
         ["s.csv:2:3: verified: expected yes or no"]),
    Case("csv-control-char", L(SIG, letters__s_csv="name\na\x07b\n"), ["s.csv:2:2: character U+0007"]),
    Case("csv-bidi-name", L(SIG, letters__s_csv="name\na\u202eb\n"), ["bidi control U+202E"]),
    Case("csv-formula-cells", L(SIG, letters__s_csv="name\n=cmd|' /C calc'!A0\n@SUM(1)\n"),
         ["'=cmd|"], 0, ["signatories", "letters/l.yaml"]),
    Case("csv-unclosed-quote", L(SIG, letters__s_csv='name,org\nx,y\n"Amnesty, B\nC,D\n'),
         ["s.csv:3:1: a quote opened here is never closed"]),
    Case("csv-unclosed-quote-last-line", L(SIG, letters__s_csv='name,note\nA,x\nB,"open'),
         ["s.csv:3:3: a quote opened here is never closed"]),
    Case("merge-tag-without-angles", L("title: t\nsignatories:\n  groups:\n    - &g {name: A, "
                                       "members: [a]}\n    - !!merge m: *g\n      name: B\n"),
         [], 0),
    Case("csv-quoted-line-break-last", L(SIG, letters__s_csv='name;org\n"Dr Amer\nMasri";IDA'),
         [], 0),
    Case("csv-two-name-columns", L(SIG, letters__s_csv="name,org,Name\na,b,c\n"),
         ["s.csv:1:10: a second column for name: 'name' (column 1) and 'Name' (column 3)"]),
    Case("csv-utf16", L(SIG, letters__s_csv="name\nJosé\n".encode("utf-16")), [], 0),
    Case("csv-utf16-broken", L(SIG, letters__s_csv=b"\xff\xfen\x00a\x00\x00\xd8"),
         ["s.csv:1:1: broken UTF-16 text (at byte 6); save the file again"]),
    Case("csv-huge", {}, ["s.csv:1:1: the file is 100 MB"],
         setup=lambda root: (_write(root / "letters/l.yaml", SIG),
                             _sparse(root / "letters/s.csv", 100 * 2**20))),
    # --- hostile paths and URLs --------------------------------------------------------------
    Case("image-dotdot", L("body:\n  - image: ../../../../etc/passwd\n"),
         ["an image must be a file in the letter's folder"]),
    Case("image-absolute", L("body:\n  - image: {SECRET}\n"), ["an image must be a file in"]),
    Case("image-file-url", L("body:\n  - image: file://{SECRET}\n"), ["no URLs"]),
    Case("image-http-url", L("body:\n  - image: {SERVER}/x.png\n"), ["no URLs"]),
    Case("logo-data-url", L("title: t\nfrom: {logo: 'data:image/png;base64,AAAA'}\n"), ["no URLs"]),
    Case("image-symlink-out", L("body:\n  - image: link.png\n"), ["an image must be a file in"],
         setup=lambda root: (root / "letters" / "link.png").symlink_to("/etc/hostname")),
    Case("source-url", L("title: t\nsignatories: {source: '{SERVER}/s.csv'}\n"),
         ["a source is a file path, not a URL"]),
    Case("markdown-image-url", L("body: ['![x]({SERVER}/a.png) and <img src=\"{SERVER}/b\">']\n"),
         [], 0),
    Case("raw-html-and-templates", L("title: '{{ 7*7 }}'\nbody: ['<script>x</script> {% if %}'"
                                      ", '<style>body{display:none}</style>']\n"), [], 0),
    Case("css-url-http", {**L(LAYOUT), **_evil(**{"style.css": "body {{ background: url({SERVER}/x.png) }}\n"})},
         ["layouts/evil/style.css:1:24:", "refused"]),
    Case("css-url-secret", {**L(LAYOUT), **_evil(**{"style.css": "body {{ background: url(file://{SECRET}) }}\n"})},
         ["style.css:1:", "refused"]),
    # an @import after the built-in rules is ignored by CSS itself: nothing is fetched
    Case("css-import", {**L(LAYOUT), **_evil(**{"style.css": "@import url({SERVER}/a.css);\n"})},
         [], 0),
    Case("css-font-face", {**L(LAYOUT), **_evil(**{"style.css": "@font-face {{ font-family: x; src: url({SERVER}/f.ttf) }}\nbody {{ font-family: x }}\n"})},
         ["style.css:1:", "refused"]),
    Case("template-image-secret", {**L(LAYOUT), **_evil(**{"parts__postscript.html.j2": "{{{{ image('{SECRET}') }}}}"})},
         ["may only show images from the letter's folder"]),
    Case("template-include-outside", {**L(LAYOUT), **_evil(**{"parts__postscript.html.j2": "{% include '../../../../etc/passwd' %}"})},
         ["layout template"]),
    Case("template-sandbox-escape", {**L(LAYOUT), **_evil(**{"parts__postscript.html.j2": "{{ page.__class__.__mro__ }}"})},
         ["postscript.html.j2:1:", "layout template"]),
    Case("template-huge-range", {**L(LAYOUT), **_evil(**{"parts__postscript.html.j2": "{% for i in range(10**9) %}x{% endfor %}"})},
         ["postscript.html.j2:1:", "layout template"]),
    Case("template-syntax", {**L(LAYOUT), **_evil(**{"parts__postscript.html.j2": "\n{% if %}"})},
         ["postscript.html.j2:2:", "layout template"]),
    Case("template-undefined", {**L(LAYOUT), **_evil(**{"parts__postscript.html.j2": "{{ nothing.here }}"})},
         ["postscript.html.j2:1:", "undefined"]),
    Case("svg-external-href", L("body:\n  - image: a.svg\n", letters__a_svg="<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'><image xlink:href='{SERVER}/x.png'/></svg>"),
         ["the SVG refers to"]),
    Case("svg-file-href", L("body:\n  - image: a.svg\n", letters__a_svg="<svg xmlns='http://www.w3.org/2000/svg'><image href='file://{SECRET}'/></svg>"),
         ["the SVG refers to"]),
    Case("svg-entity", L("body:\n  - image: a.svg\n", letters__a_svg="<!DOCTYPE svg [<!ENTITY x SYSTEM 'file://{SECRET}'>]><svg xmlns='http://www.w3.org/2000/svg'><text>&x;</text></svg>"),
         ["the SVG declares entities"]),
    Case("svg-css-url", L("body:\n  - image: a.svg\n", letters__a_svg="<svg xmlns='http://www.w3.org/2000/svg'><style>rect{{fill:url({SERVER}/p)}}</style><rect/></svg>"),
         ["the SVG refers to"]),
    Case("svg-inline-ok", L("body:\n  - image: a.svg\n", letters__a_svg="<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><defs><linearGradient id='g'/></defs><rect fill='url(#g)' width='5' height='5'/></svg>"),
         [], 0),
    # --- huge or corrupt images ----------------------------------------------------------------
    Case("image-corrupt", L("body:\n  - image: a.png\n", letters__a_png=b"\x89PNG\r\n\x1a\nnot really"),
         ["a.png: not a readable image"]),
    Case("image-text-as-png", L("body:\n  - image: a.png\n", letters__a_png="hello"),
         ["not a readable image"]),
    Case("image-huge-pixels", L("body:\n  - image: a.png\n", letters__a_png=_png(60_000, 60_000)),
         ["the image is too large to open safely"]),
    Case("image-many-pixels", L("body:\n  - image: a.png\n", letters__a_png=_png(9_000, 9_000)),
         ["9000 x 9000 pixels; the limit is 40 million"]),
    Case("image-huge-file", L("body:\n  - image: a.png\n"), ["the image is 30 MB"],
         setup=lambda root: _sparse(root / "letters" / "a.png", 30 * 2**20)),
    Case("image-wrong-type", L("body:\n  - image: a.txt\n", letters__a_txt="x"),
         ["not a PNG, JPEG, GIF, WebP or SVG image"]),
    # --- hostile layouts -------------------------------------------------------------------------
    Case("layout-extends-loop", {**L(LAYOUT), **_evil("extends: evil2\n"),
                                 "layouts/evil2/layout.yaml": "extends: evil\n"}, ["in a loop"]),
    Case("layout-bad-key", {**L(LAYOUT), **_evil("extends: letter\nstyle: {colour: red}\n")},
         ["layout.yaml:2:", "unknown key 'colour'"]),
    Case("layout-bad-value", {**L(LAYOUT), **_evil("extends: letter\nstyle: {font_size: 900}\n")},
         ["layout.yaml:2:", "font_size"]),
    Case("layout-parent-bad-value", {**L(LAYOUT), **_evil("# child\nextends: base\n"),
                                     "layouts/base/layout.yaml": "extends: letter\n"
                                     "style: {accent: green}\n"},
         ["layouts/base/layout.yaml:2:17: style.accent: expected a colour"]),
    Case("layout-extends-unknown", {**L(LAYOUT), **_evil("# child\nextends: statment\n")},
         ["layouts/evil/layout.yaml:2:10: extends: unknown layout 'statment' (did you mean "
          "'statement'?)"]),
    Case("layout-extends-itself", {**L(LAYOUT), **_evil("extends: evil\n")},
         ["layouts/evil/layout.yaml:1:10: extends: layout 'evil' extends itself"]),
    Case("layout-folder-without-manifest", {**L(LAYOUT), "layouts/evil/style.css": "p {}\n"},
         ["l.yaml:1:9: layout: ", "layouts/evil has no layout.yaml"]),
    Case("layout-empty-manifest", {**L(LAYOUT), **_evil("")},
         ["layouts/evil/layout.yaml:1:1: layout 'evil' has no template.html.j2 for the PDF and "
          "HTML and extends no layout"]),
    Case("layout-empty-manifest-docx-ok", {**L(LAYOUT), **_evil("")}, [], 0,
         args=["build", "letters/l.yaml", "-f", "docx"]),
    Case("layout-bad-colour", {**L(LAYOUT), **_evil("extends: letter\nstyle: {accent: green}\n")},
         ["layout.yaml:2:17: style.accent: expected a colour such as #1f3a5f, got 'green'"]),
    Case("layout-tiny-font", {**L(LAYOUT), **_evil("extends: letter\nstyle: {font_size: 2}\n")},
         ["style.font_size: must be more than 4"]),
    Case("layout-not-mapping", {**L(LAYOUT), **_evil("- a\n")}, ["a layout manifest is a mapping"]),
    Case("layout-broken-yaml", {**L(LAYOUT), **_evil("extends: [letter\n")}, ["YAML syntax"]),
    Case("layout-css-close-style", {**L(LAYOUT), **_evil(**{"style.css": "</style><script>alert(1)</script>\n"})},
         [], 0),
    Case("layout-css-not-utf8", {**L(LAYOUT), **_evil(), "layouts/evil/style.css":
                                 b"p { color: red } /* caf\xe9 */\n"},
         ["layouts/evil/style.css:1:24: not UTF-8 text (byte 0xe9)"]),
    Case("layout-part-not-utf8", {**L(LAYOUT), **_evil(), "layouts/evil/parts/title.html.j2":
                                  b"<h1>\xe9</h1>\n"},
         ["layouts/evil/parts/title.html.j2:1:5: not UTF-8 text"]),
    Case("layout-reference-not-docx", {**L(LAYOUT), **_evil(),
                                       "layouts/evil/reference.docx": b"not a zip"},
         ["layouts/evil/reference.docx:1:1: not a Word document"]),
    Case("negative-timeout", L(LAYOUT.replace("layout: evil\n", "")),
         ["Invalid value for '--timeout'"], args=["build", "letters/l.yaml", "--timeout", "-1"]),
    # --- control characters and deceiving names --------------------------------------------------
    Case("bell-in-title", L('title: "a\\ab"\n'), ["l.yaml:1:8: character U+0007"]),
    Case("raw-vertical-tab", L("title: عربي\nbody:\n  - wor\x0bld\n"),  # pasted from Word
         ["l.yaml:3:8: character U+000B is a control character YAML does not allow"]),
    Case("nul-escape-in-body", L('body: ["a\\0b"]\n'), ["character U+0000"]),
    Case("escape-char-in-name", L('title: t\nsignatories: {members: ["a\\eb"]}\n'),
         ["character U+001B"]),
    Case("rlo-in-member", L('title: t\nsignatories: {members: ["Good \\u202Eevil"]}\n'),
         ["l.yaml:2:25:", "bidi control U+202E"]),
    Case("isolate-in-group", L('title: t\nsignatories: {groups: [{name: "x\\u2066y", members: [a]}]}\n'),
         ["bidi control U+2066"]),
    Case("rlo-in-addressee", L('title: t\nto: ["a\\u202Db"]\n'), ["bidi control U+202D"]),
    Case("rlo-in-member-details",  # "Good Name, WRH": displayed as something else
         L('title: t\nsignatories:\n  members:\n    - {name: A, role: "\\u2066x", country: '
           '"Sy\\u202eria",\n       organisation: "\\u202eHRW", note: "\\u202dn", '
           'url: "https://a\\u202e.org"}\n'),
         ["l.yaml:4:23: signatories.members[0].role: bidi control U+2066 (character 1) can "
          "disguise the text; remove it", "l.yaml:4:43: signatories.members[0].country: bidi "
          "control U+202E (character 3)", "l.yaml:5:22: signatories.members[0].organisation: "
          "bidi control U+202E", "l.yaml:5:41: signatories.members[0].note: bidi control "
          "U+202D", "l.yaml:5:57: signatories.members[0].url: bidi control U+202E"]),
    Case("csv-bidi-organisation", L(SIG, letters__s_csv="name,organisation\nGood Name,"
                                         "\u202eHRW\n"),
         ["s.csv:2:11: organisation: bidi control U+202E (character 1) can disguise the text"]),
    Case("zwnj-kept", L("title: t\nsignatories: {members: [\"می\u200cخواهم\", \"a\u200db\"]}\n"), [], 0),
    # --- very long words -----------------------------------------------------------------------
    Case("long-word-body", L("title: t\nbody: [" + "x" * 100_000 + "]\n"), [], 0),
    Case("long-name", L("title: t\nsignatories: {display: columns, members: [" + "N" * 100_000 + "]}\n"), [], 0),
    # --- the command line --------------------------------------------------------------------------
    Case("unknown-format", L(OK), ["unknown format odt"], args=["build", "letters/l.yaml", "-f", "odt"]),
    Case("bad-release-name", L(OK), ["--release"], args=["build", "letters/l.yaml", "--release", "../x"]),
    # a name longer than a file name may be (255 bytes): "cannot write: File name too long",
    # exit 1, at a path the letter never showed, from check too; a release built, unrecorded
    Case("layout-name-too-long", L("title: t\nlayout: " + "a" * 300 + "\n"),
         ["l.yaml:2:9: layout: unknown layout 'aaaa"]),
    Case("image-name-too-long", L("title: t\nbody:\n  - image: " + "a" * 5000 + ".png\n"),
         ["l.yaml:3:12: aaaa", ".png: image file not found"]),
    Case("source-name-too-long", L("title: t\nsignatories:\n  source: " + "a" * 300 + ".csv\n"),
         ["l.yaml:3:11: aaaa", ".csv: cannot read: File name too long"]),
    Case("letter-name-too-long", L(OK), [".yaml:1:1: cannot read: File name too long"],
         args=["check", "a" * 300 + ".yaml"]),
    Case("release-name-too-long", L(OK), ["--release 'rrr", "at most 64"],
         args=["build", "letters/l.yaml", "-f", "txt", "--release", "r" * 65]),
    Case("sign-bidi-name", L(OK), ["bidi control"], args=["sign", "letters/l.yaml", "a\u202eb"]),
    Case("sign-bidi-country", L(OK), ["sign: --country 'Sy\\u202eria': bidi control U+202E "
                                      "(character 3) can disguise the text; remove it"],
         args=["sign", "letters/l.yaml", "Z", "--country", "Sy\u202eria"]),
    Case("import-missing-file", L(OK), ["nope.csv:1:1: file not found"],
         args=["import", "letters/l.yaml", "nope.csv"]),
    Case("import-bad-map", L(OK, f__csv="x\n"), ["--map email=x"],
         args=["import", "letters/l.yaml", "f.csv", "--map", "email=x"]),
    Case("changes-never-built", L(OK), ["no recorded build"], args=["changes", "letters/l.yaml"]),
    Case("new-bad-name", {}, ["a letter name starts with"], args=["new", "../evil"]),
    Case("signatories-none", L(OK), ["has no signatories"], args=["signatories", "letters/l.yaml"]),
]


def _sparse(path: Path, size: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.truncate(size)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _fill(text: str, canary: dict[str, str]) -> str:
    """Put the canary's secret path and server address in; where they are used, doubled
    braces stand for single ones (as in str.format)."""
    if "{SECRET}" not in text and "{SERVER}" not in text:
        return text
    for key, value in canary.items():
        text = text.replace("{" + key + "}", value)
    return text.replace("{{", "{").replace("}}", "}")


def _fifo(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)


def _run(case: Case, root: Path, canary: dict[str, str]) -> tuple[int, str]:
    for name, content in case.files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(_fill(content, canary), encoding="utf-8")
    if case.setup:
        case.setup(root)
    args = [_fill(a, canary) for a in case.args]
    result = runner.invoke(app, args)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception,
                                                                     SystemExit), \
        f"traceback: {result.exception!r}"
    return result.exit_code, result.output


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(case: Case, canary: dict[str, str], tmp_path: Path,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = _run(case, tmp_path, canary)
    assert code == case.code, output
    assert "Traceback" not in output
    pos = 0
    for expected in case.expect:
        found = output.find(expected, pos)
        assert found >= 0, f"{expected!r} not in:\n{output}"
        pos = found
    leaked = [p for p in tmp_path.rglob("*") if p.is_file() and p.stat().st_size < 50 * 2**20
              and SECRET.encode() in p.read_bytes()]
    assert not leaked, f"the secret leaked into {leaked}"
    assert _Counter.hits == 0, "the canary server was contacted"
    if case.code == 2:
        assert not [p for p in (tmp_path / "output").rglob("*") if p.is_file()] \
            if (tmp_path / "output").exists() else True


def test_corpus_size() -> None:
    assert len(CASES) + len(FAULTS) >= 100


# --- faults while writing -------------------------------------------------------------------------

def _build(root: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["build", "letters/l.yaml", "-f", "pdf,docx,html,txt"])
    return result.exit_code, result.output


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "letters" / "l.yaml", "title: First\nbody: [Hello]\n")
    assert _build(tmp_path)[0] == 0
    (tmp_path / "letters" / "l.yaml").write_text("title: Second\nbody: [Changed]\n")
    return {p.name: p.read_bytes() for p in (tmp_path / "output").iterdir() if p.is_file()}


def _unchanged(root: Path, before: dict[str, bytes]) -> None:
    now = {p.name: p.read_bytes() for p in (root / "output").iterdir() if p.is_file()}
    assert now == before
    assert not list((root / "output").glob(".*.tmp"))


def test_disk_full_keeps_previous_outputs(built: dict[str, bytes], tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.fsync
    calls = []

    def full(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", full)
    code, output = _build(tmp_path)
    assert code == 1 and "No space left on device" in output and "previous outputs are kept" in output
    _unchanged(tmp_path, built)


@pytest.mark.parametrize("name", ["l.pdf", "l.docx", "l.txt"])
def test_output_replaced_by_a_folder(built: dict[str, bytes], tmp_path: Path, name: str) -> None:
    """Whichever it is: no other output is replaced (with the DOCX, the PDF was the new
    one and the text the old)."""
    (tmp_path / "output" / name).unlink()
    (tmp_path / "output" / name).mkdir()
    del built[name]
    code, output = _build(tmp_path)
    assert code == 1 and "cannot write the output" in output
    _unchanged(tmp_path, built)


def test_output_folder_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "letters" / "l.yaml", OK)
    (tmp_path / "output").write_text("not a folder")
    code, output = _build(tmp_path)
    assert code == 1 and "cannot write the output" in output
    assert (tmp_path / "output").read_text() == "not a folder"


def _chattr(flag: str, path: Path) -> bool:
    return subprocess.run(["chattr", flag, str(path)], capture_output=True,
                          check=False).returncode == 0


def test_read_only_output_folder(built: dict[str, bytes], tmp_path: Path) -> None:
    folder = tmp_path / "output"
    if not _chattr("+i", folder):
        pytest.skip("this file system cannot make a folder immutable")
    try:
        code, output = _build(tmp_path)
    finally:
        _chattr("-i", folder)
    assert code == 1 and "cannot write the output" in output
    assert ".tmp" not in output, output  # the output's name, not its temporary file's
    _unchanged(tmp_path, built)


def test_locked_output_file(built: dict[str, bytes], tmp_path: Path) -> None:
    target = tmp_path / "output" / "l.docx"
    if not _chattr("+i", target):
        pytest.skip("this file system cannot make a file immutable")
    try:
        code, _ = _build(tmp_path)
    finally:
        _chattr("-i", target)
    assert code == 1
    assert target.read_bytes() == built["l.docx"]


@pytest.mark.parametrize("stage", ["render", "write"])
def test_killed_build_leaves_old_outputs(built: dict[str, bytes], tmp_path: Path,
                                         stage: str) -> None:
    import signal
    import sys
    import time

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")}
    if stage == "write":
        env["LETTERPRESS_TEST_PAUSE_BEFORE_RENAME"] = "30"
    proc = subprocess.Popen([sys.executable, "-m", "letterpress", "build", "letters/l.yaml",
                             "-f", "pdf,docx,html,txt"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    if stage == "write":
        while not list((tmp_path / "output").glob(".l.*.tmp")) and time.time() < deadline:
            time.sleep(0.02)
    else:
        time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    now = {p.name: p.read_bytes() for p in (tmp_path / "output").iterdir()
           if p.is_file() and not p.name.endswith(".tmp")}
    assert now == built  # a killed writer's temporary files are all it leaves
    assert _build(tmp_path)[0] == 0  # the next build succeeds and cleans up
    assert not list((tmp_path / "output").glob(".*.tmp"))


def test_a_killed_writers_files_go_even_when_nothing_is_written_again(
        built: dict[str, bytes], tmp_path: Path) -> None:
    """A build killed while writing, the letter then put back as it was: the next build
    skips the letter, and still removes what the killed one left (they stayed for good)."""
    import signal
    import sys
    import time

    assert _build(tmp_path)[0] == 0
    letter = tmp_path / "letters" / "l.yaml"
    built_from = letter.read_text()
    letter.write_text("title: Third\nbody: [Changed again]\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src"),
           "LETTERPRESS_TEST_PAUSE_BEFORE_RENAME": "30"}
    proc = subprocess.Popen([sys.executable, "-m", "letterpress", "build", "letters/l.yaml",
                             "-f", "pdf,docx,html,txt"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while not list((tmp_path / "output").glob(".l.*.tmp")) and time.time() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert list((tmp_path / "output").glob(".l.*.tmp"))
    letter.write_text(built_from)
    code, output = _build(tmp_path)
    assert code == 0 and "unchanged letters/l.yaml" in output
    assert not list((tmp_path / "output").glob(".*.tmp"))


def test_a_parallel_build_killed_outright_takes_its_workers_with_it(tmp_path: Path) -> None:
    """kill -9 of a `-j 2` build (a CI time limit, the OOM killer): its worker processes
    waited on their queue for good, 95 MB each; the kernel now ends them with it."""
    import signal
    import sys
    import time

    for n in range(4):
        _write(tmp_path / "letters" / f"l{n}.yaml", "title: t\nsignatories: {display: columns, "
               "members: [" + ", ".join(f"Member {i}" for i in range(1500)) + "]}\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "letterpress", "build", "-j", "2", "-f",
                             "pdf"], cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)

    def children() -> list[int]:
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError):
                if int(stat.read_text().split(") ", 1)[1].split()[1]) == proc.pid:
                    found.append(int(stat.parent.name))
        return found

    deadline = time.time() + 60
    while len(workers := children()) < 2 and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # their initializer has run
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 15
    while any(Path(f"/proc/{pid}").exists() and "Z" not in _state(pid) for pid in workers) \
            and time.time() < deadline:
        time.sleep(0.1)
    alive = [pid for pid in workers if Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)]
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert len(workers) >= 2 and alive == []


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][:1]
    except (OSError, IndexError):
        return "Z"


def test_interrupted_build_leaves_no_temporary_file(built: dict[str, bytes], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from letterpress import write

    real = Path.replace

    def interrupt(self: Path, target: object) -> Path:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write.write_all({tmp_path / "output" / "l.pdf": b"new"})
    monkeypatch.setattr(Path, "replace", real)
    _unchanged(tmp_path, built)


def test_render_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "letters" / "l.yaml",
           "title: t\nsignatories: {display: columns, members: [" +
           ", ".join(f"Member {i}" for i in range(3000)) + "]}\n")
    result = runner.invoke(app, ["build", "letters/l.yaml", "-f", "pdf", "--timeout", "0.5"])
    assert result.exit_code == 2
    assert "rendering took longer than 0.5 s and was stopped" in result.output
    assert not (tmp_path / "output").exists() or not list((tmp_path / "output").glob("l.*"))


FAULTS = ["disk-full", "output-folder", "output-is-file", "read-only", "locked", "kill-render",
          "kill-write", "interrupt", "time-limit"]


def test_long_word_wraps_inside_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "letters" / "l.yaml", "title: t\nbody: [" + "x" * 20_000 + "]\n"
           "signatories: {display: columns, members: [" + "N" * 5_000 + ", Short]}\n")
    assert _build(tmp_path)[0] == 0
    xml = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "output" / "l.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', xml).group(1))  # type: ignore[union-attr]
    right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', xml))
    assert right <= width - 30  # stays inside the right margin


def test_the_sandbox_reads_the_view_as_jinja_s_own_sandbox_would(monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    """The fast path for view objects answers every lookup as Jinja's checks do: the same
    HTML for every example letter, and names with underscores still refused."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    from letterpress.build import pages
    from letterpress.load import load
    from letterpress.render import html

    examples = sorted((Path(__file__).parent.parent / "letters").glob("*.yaml"))
    assert len(examples) >= 5
    letters = [(loaded, pages(loaded)) for loaded in map(load, examples)]
    fast = [html.render(view, loaded.layout, combine=loaded.letter.combine)
            for loaded, view in letters]
    monkeypatch.setattr(html, "Sandbox", SandboxedEnvironment)
    assert fast == [html.render(view, loaded.layout, combine=loaded.letter.combine)
                    for loaded, view in letters]
    monkeypatch.undo()
    env = html.Sandbox(undefined=jinja2.StrictUndefined)
    page = letters[0][1][0]
    assert env.from_string("{{ page.lang }}").render(page=page) == page.lang
    with pytest.raises(jinja2.exceptions.SecurityError):
        env.from_string("{{ page.__class__ }}").render(page=page)
    with pytest.raises(jinja2.exceptions.UndefinedError):
        env.from_string("{{ page.nothing }}").render(page=page)


def test_web_addresses_link_only_to_the_web(tmp_path: Path) -> None:
    """A url from a web form (a signatory's, the letterhead's) links only where Markdown
    links may: javascript: prints as text, a bare domain links to https://."""
    letter = tmp_path / "j.yaml"
    letter.write_text("title: t\nfrom: {name: Org, url: 'javascript:alert(1)'}\n"
                      "contacts: {people: [{name: P, url: 'JavaScript:alert(2)'}]}\n"
                      "signatories:\n  members:\n"
                      "    - {name: A, url: 'javascript:alert(3)'}\n"
                      "    - {name: B, url: www.example.org}\n"
                      "    - {name: C, url: 'https://example.org/x'}\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(letter), "-o", str(tmp_path / "out"),
                                 "-f", "html,docx"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "j.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"#]*)"', html)
    assert links == ["https://www.example.org", "https://example.org/x"], links
    assert html.count("alert(") == 3  # still printed, as written
    with zipfile.ZipFile(tmp_path / "out" / "j.docx") as docx:
        rels = docx.read("word/_rels/document.xml.rels").decode()
    assert "javascript" not in rels.lower() and 'Target="https://www.example.org"' in rels
