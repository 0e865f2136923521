"""A number in the shared cache that says when derived data went stale.

Each web process keeps what it built from the database (a snapshot, an
answer) tagged with the number current when it built it. A write moves the
number; every process sees the move on its next read and builds again. The
number lives in the cache every process shares (Redis in production), so
no process needs to be told directly.
"""

import time

from django.core.cache import cache
from django.db import transaction


class Generation:
    """The generation of one kind of derived data, under one cache key."""

    def __init__(self, key: str) -> None:
        self.key = key

    def current(self) -> int:
        value = cache.get(self.key)
        if value is None:
            # Start from the clock, so that a cache that lost the number
            # never hands out one that something older was built under.
            cache.add(self.key, time.time_ns(), None)
            value = cache.get(self.key)
        return int(value)

    def move(self) -> None:
        try:
            cache.incr(self.key)
        except ValueError:
            cache.set(self.key, time.time_ns(), None)

    def move_with_commit(self) -> None:
        """Move now, and again when the current transaction commits.

        A process that rebuilt in between read the rows from before the
        commit, and would otherwise keep them under the new number.
        """
        self.move()
        transaction.on_commit(self.move)
