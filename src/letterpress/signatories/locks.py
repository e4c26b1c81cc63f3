"""Folder locks for the commands that edit a user's file: one writer at a time, and every
run takes its locks in one order, so two runs never wait for each other forever."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


@contextlib.contextmanager
def locked(folder: Path, *, wait: bool = True) -> Iterator[bool]:
    """An exclusive lock on a folder: one writer at a time, the others wait their turn;
    without ``wait``, False at once if another run holds it."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextlib.contextmanager
def holding(first: Path, then: Callable[[], tuple[T, Path]]) -> Iterator[T]:
    """What ``then`` reads under the lock on ``first`` and on the folder it names (a
    letter's folder, then its source's), both held until the block ends. Locks are waited
    for in sorted order only: a run holding one folder and waiting for another whose run
    waits for the first would hang both (letters whose sources are in each other's
    folder). A folder sorting before one held is tried without waiting; if it is busy,
    all are let go, taken again in order, and ``then`` runs again (its answer may have
    changed meanwhile)."""
    held = {first.resolve()}
    while True:
        with contextlib.ExitStack() as stack:
            for folder in sorted(held):
                stack.enter_context(locked(folder))
            value, second = then()
            second = second.resolve()
            if second in held or stack.enter_context(locked(second,
                                                             wait=second > max(held))):
                yield value
                return
        held.add(second)
