"""Modules a library imports but rarely uses, imported when first used instead.

WeasyPrint imports fontTools' subsetter and variable-font instancer at start-up (about
0.07 s of its 0.25 s import, on the critical path of a one-letter PDF), but uses them only
for variable fonts, colour emoji fonts, or when HarfBuzz cannot subset: never for the
shipped fonts. While it is imported, each such module is a stand-in that imports the real
one on first use and hands on what was asked for, so nothing behaves differently.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
import types
from collections.abc import Iterator
from typing import Any


class _StandIn(types.ModuleType):
    """A module that is imported for real when an attribute of it is first read."""

    def __init__(self, name: str, names: tuple[str, ...]) -> None:
        super().__init__(name)
        for attribute in names:  # read at import time by ``from module import name``
            setattr(self, attribute, _forward(self, attribute))

    def real(self) -> types.ModuleType:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return importlib.import_module(self.__name__)

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        return getattr(self.real(), attribute)


def _forward(module: _StandIn, attribute: str) -> Any:
    def forward(*args: Any, **kwargs: Any) -> Any:
        return getattr(module.real(), attribute)(*args, **kwargs)

    forward.__name__ = forward.__qualname__ = attribute
    return forward


@contextlib.contextmanager
def deferred(modules: dict[str, tuple[str, ...]]) -> Iterator[None]:
    """Stand-ins for ``modules`` (name -> the functions imported from it by name) while the
    body imports something; real modules already imported are left as they are."""
    placed = {name: _StandIn(name, names) for name, names in modules.items()
              if name not in sys.modules}
    sys.modules.update(placed)
    try:
        yield
    finally:
        for name, stand_in in placed.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
