"""Operations are registered by name; ``--only NAME`` picks one of them.

An operation is a function that takes a :class:`Context` (the prepared
database and the running server) and returns a :class:`bench.measure.Result`.
Every module in ``bench/operations/`` is imported, so adding an operation
means adding one module with one decorated function.
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bench.client import Browser

if TYPE_CHECKING:
    from bench.databases import PreparedDatabase
    from bench.measure import Result
    from bench.server import Server

Operation = Callable[["Context"], "Result"]

_OPERATIONS: dict[str, Operation] = {}


@dataclass(frozen=True)
class Context:
    database: "PreparedDatabase"
    server: "Server"
    # No operation may hold the run longer than this, whatever its count.
    time_limit_s: float = 120.0

    def browser(self) -> Browser:
        """A new visitor: an empty cookie jar talking to the server."""
        return Browser(self.server.host, self.server.port)


def operation(name: str) -> Callable[[Operation], Operation]:
    def register(function: Operation) -> Operation:
        if name in _OPERATIONS:
            raise ValueError(f"two benchmark operations are named {name!r}")
        _OPERATIONS[name] = function
        return function

    return register


def all_operations() -> dict[str, Operation]:
    import bench.operations as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    return dict(_OPERATIONS)
