"""WeasyPrint in a second process, started before anything else is imported.

Building one letter to PDF spends a quarter of a second importing WeasyPrint and then most of
its time laying the PDF out, on one core. Forked by the entry point (``start``) for a
one-letter build, a child process imports WeasyPrint while the parent imports the rest of
letterpress and reads the letter; it then renders the PDF while the parent renders the DOCX,
HTML and text. The seed letter's PDF + DOCX went from about 1.1 s to about 0.7 s of wall
time on two cores.

The child does nothing but turn HTML into PDF bytes, one request at a time over a pipe. It
ends when the parent closes the pipe or dies, and is killed when a render is interrupted (time
limit, Ctrl-C), so it never outlives the command.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from letterpress.errors import LetterError

_running: list[tuple[BaseProcess, Connection]] = []  # the PDF process, if started


class RenderError(RuntimeError):
    """WeasyPrint (or letterpress's code around it) raised while laying the PDF out: a
    bug, unless a layout of the user's own asked for something WeasyPrint cannot do; the
    build decides which (``build.submit_pdf``)."""

    def __init__(self, summary: str, details: str) -> None:
        super().__init__(f"the PDF could not be rendered: {summary}\n{details}")
        self.summary = summary  # "TypeError: min-content width for TextBox not handled yet"
        self.details = details

    def __reduce__(self) -> tuple[type[RenderError], tuple[str, str]]:
        """Pickled as its two parts: a batch's worker hands it back to the parent."""
        return RenderError, (self.summary, self.details)


def start() -> None:
    """Fork the PDF process now (Linux; elsewhere, or if it cannot start, PDFs render here)."""
    if _running or "fork" not in multiprocessing.get_all_start_methods():
        return
    context = multiprocessing.get_context("fork")
    ours, theirs = context.Pipe()
    try:
        process = context.Process(target=_serve, args=(theirs, ours, os.getpid()),
                                  daemon=True, name="letterpress-pdf")
        process.start()
    except OSError:
        return
    theirs.close()
    _running.append((process, ours))


def stop() -> None:
    """End the PDF process (it would also end by itself when the parent exits)."""
    if not _running:
        return
    process, conn = _running.pop()
    conn.close()
    process.terminate()  # SIGTERM: it cleans up and ends, even halfway through its imports
    process.join(timeout=5)
    if process.is_alive():
        process.kill()
        process.join()


def submit(html: str, base: Path, sources: Sequence[Path]) -> Callable[[], bytes]:
    """Start rendering; the returned function waits for the PDF bytes (or raises the
    render's LetterError). Without a PDF process the render happens here, at once."""
    if not _running or not _running[0][0].is_alive():
        kind, value = _render(html, str(base), [str(p) for p in sources])
        return lambda: _unpack(kind, value)
    conn = _running[0][1]
    conn.send((html, str(base), [str(p) for p in sources]))

    def result() -> bytes:
        try:
            kind, value = conn.recv()
        except BaseException:  # time limit, Ctrl-C, or the child died: never leave it running
            stop()
            raise
        if kind == "failed":  # a process that failed halfway is not trusted with another
            stop()
        return _unpack(kind, value)

    return result


def _render(html: str, base: str, sources: list[str]) -> tuple[str, Any]:
    """One render's answer, as the pipe carries it: ("pdf", bytes), ("invalid",
    diagnostics) or ("failed", (summary, traceback))."""
    from letterpress.render import pdf

    try:
        return "pdf", pdf.render(html, Path(base), [Path(s) for s in sources])
    except LetterError as exc:
        return "invalid", exc.diagnostics
    except Exception as exc:  # reported by the parent, with this traceback
        return "failed", (f"{type(exc).__name__}: {exc}", traceback.format_exc())


def _unpack(kind: str, value: Any) -> bytes:
    if kind == "pdf":
        assert isinstance(value, bytes)
        return value
    if kind == "invalid":
        raise LetterError(value)
    raise RenderError(*value)


def _serve(conn: Connection, parent_end: Connection, parent: int) -> None:
    """The child: import WeasyPrint, then render each HTML sent until the pipe closes."""
    parent_end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, _end)
    end_with(parent)
    import gc

    gc.disable()
    from letterpress.render import pdf

    pdf.prepare()
    _answer(conn)
    # The pipe is closed: the parent is ending and sends SIGTERM. Ignored from now on, so
    # that it cannot cut short the finalizer removing the fonts' temporary folder. One that
    # arrives while the handler changes makes Python raise "Signal 15 ignored due to race
    # condition" (printed as a traceback under load): ignored is what is wanted.
    with contextlib.suppress(OSError):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)


def end_with(parent: int) -> None:
    """Have the kernel send SIGTERM when the parent dies, even killed outright (SIGKILL,
    or SIGTERM without its atexit stop): a render is otherwise only noticed as orphaned
    when it is done, and one stuck in a layout loop never is (the time limit is the
    parent's). Linux only (prctl PR_SET_PDEATHSIG); elsewhere the pipe still ends it."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it died before the request was made
        raise SystemExit(0)


def _end(signum: int, frame: object) -> None:
    """SIGTERM ends the child through SystemExit, so its finalizers (pdf.clean) still run."""
    raise SystemExit(0)


def _answer(conn: Connection) -> None:
    """Render each HTML sent until the pipe closes."""
    while True:
        try:
            html, base, sources = conn.recv()
        except (EOFError, OSError):
            return
        reply = _render(html, base, sources)
        with contextlib.suppress(OSError):
            conn.send(reply)
