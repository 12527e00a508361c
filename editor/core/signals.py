"""A tiny plain-Python signal, so the core can notify without importing Qt.

Handlers are called synchronously in connection order. The Qt layer connects
its models here and translates each notification one to one.
"""
from __future__ import annotations

from typing import Any, Callable


class Signal:
    __slots__ = ("_handlers",)

    def __init__(self) -> None:
        self._handlers: list[Callable[..., Any]] = []

    def connect(self, handler: Callable[..., Any]) -> None:
        self._handlers.append(handler)

    def disconnect(self, handler: Callable[..., Any]) -> None:
        self._handlers.remove(handler)

    def emit(self, *args: Any) -> None:
        for handler in tuple(self._handlers):
            handler(*args)
