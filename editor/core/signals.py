"""A tiny plain-Python signal, so the core can notify without importing Qt.

Signals are declared on the class that emits them::

    class Project:
        turns_changed = signal()

and each instance gets its own :class:`Signal` the first time it is read.
Handlers are called synchronously in connection order. A bound method is held
weakly: when its object is collected (a closed widget, say) it is dropped
without anyone disconnecting it. Plain functions and lambdas are held strongly,
unless ``owner=`` ties them to an object's lifetime the same way. The Qt layer
connects its models here and translates each notification one to one.
"""
from __future__ import annotations

import weakref
from typing import Any, Callable

__all__ = ["Signal", "signal", "declared_signals"]


class _Connection:
    """One handler: a weak bound method, or a function alive while its owner is."""
    __slots__ = ("_method", "_function", "_owner", "key")

    def __init__(self, handler: Callable[..., Any], owner: object | None) -> None:
        self._method = self._function = self._owner = None
        if owner is not None:
            self._function = handler
            self._owner = weakref.ref(owner)
        elif hasattr(handler, "__self__") and hasattr(handler, "__func__"):
            self._method = weakref.WeakMethod(handler)
        else:
            self._function = handler
        self.key = _key(handler)

    def target(self) -> Callable[..., Any] | None:
        if self._method is not None:
            return self._method()
        if self._owner is not None and self._owner() is None:
            return None
        return self._function


def _key(handler: Callable[..., Any]) -> tuple:
    """What identifies a handler for disconnect: a bound method is its object
    and function (a new bound-method object is made on every attribute read)."""
    if hasattr(handler, "__self__") and hasattr(handler, "__func__"):
        return (id(handler.__self__), handler.__func__)
    return (id(handler), None)


class Signal:
    __slots__ = ("_connections",)

    def __init__(self) -> None:
        self._connections: list[_Connection] = []

    def connect(self, handler: Callable[..., Any], owner: object | None = None) -> None:
        self._connections.append(_Connection(handler, owner))

    def disconnect(self, handler: Callable[..., Any]) -> None:
        key = _key(handler)
        for index, connection in enumerate(self._connections):
            if connection.key == key:
                del self._connections[index]
                return
        raise ValueError(f"{handler!r} is not connected")

    def handler_count(self) -> int:
        """How many handlers are still alive (for tests and diagnostics)."""
        return sum(1 for connection in self._connections if connection.target() is not None)

    def emit(self, *args: Any) -> None:
        dead = False
        for connection in tuple(self._connections):
            handler = connection.target()
            if handler is None:
                dead = True
            else:
                handler(*args)
        if dead:
            self._connections = [c for c in self._connections if c.target() is not None]


class signal:  # noqa: N801  (reads as a declaration: ``changed = signal()``)
    """A class attribute that gives each instance its own :class:`Signal`."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: object | None, owner: type) -> Any:
        if instance is None:
            return self
        made = instance.__dict__.get(self.name)
        if made is None:
            made = instance.__dict__[self.name] = Signal()
        return made


def declared_signals(cls: type) -> tuple[str, ...]:
    """The names of the signals ``cls`` declares, in declaration order."""
    names: list[str] = []
    for klass in reversed(cls.__mro__):
        for name, value in vars(klass).items():
            if isinstance(value, signal) and name not in names:
                names.append(name)
    return tuple(names)
