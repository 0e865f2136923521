"""The benchmark databases: where they live, and getting them ready.

Both hold the city-sized demo set. Migrating and seeding happen in a child
process (``python -m bench.prepare``) because Django binds one database per
process and the harness measures two; they are skipped when already done,
so a second run starts measuring at once.
"""

import json
import logging
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from bench.errors import BenchError
from bench.server import BASE_DIR, production_env

logger = logging.getLogger(__name__)

POSTGRES_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
# Several checkouts or people on one machine each keep their own benchmark
# databases.
SQLITE_PATH = Path(
    os.environ.get("BENCH_SQLITE_PATH", BASE_DIR / "var" / "bench.sqlite3")
)
POSTGRES_NAME = os.environ.get("BENCH_POSTGRES_NAME", "portal_bench")


@dataclass(frozen=True)
class Target:
    label: str
    url: str


TARGETS = [
    Target("sqlite", f"sqlite:///{SQLITE_PATH}"),
    Target("postgres", f"postgres://postgres@127.0.0.1:5432/{POSTGRES_NAME}"),
]


@dataclass(frozen=True)
class PreparedDatabase:
    label: str
    url: str
    counts: dict[str, int]
    migrate_s: float | None
    seed_s: float | None
    volunteer_login: str
    volunteer_password_hash: str

    def describe(self) -> str:
        counts = ", ".join(f"{name} {n:,}" for name, n in self.counts.items())
        if self.seed_s is None:
            return f"[{self.label}] city-sized data already there: {counts}"
        return f"[{self.label}] city-sized data seeded in {self.seed_s:.1f} s: {counts}"


def postgres_unavailable() -> str | None:
    """Create the PostgreSQL database if missing; say why it cannot be."""
    try:
        with psycopg.connect(
            POSTGRES_ADMIN_URL, connect_timeout=3, autocommit=True
        ) as connection:
            found = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [POSTGRES_NAME]
            ).fetchone()
            if not found:
                connection.execute(
                    sql.SQL("CREATE DATABASE {}").format(sql.Identifier(POSTGRES_NAME))
                )
    except psycopg.OperationalError as error:
        return " ".join(str(error).split())
    return None


def prepare(target: Target, secret_key: str) -> PreparedDatabase:
    SQLITE_PATH.parent.mkdir(exist_ok=True)
    started = time.monotonic()
    child = subprocess.run(
        [sys.executable, "-m", "bench.prepare"],
        cwd=BASE_DIR,
        # The seed logs every unit it creates; only trouble is worth seeing.
        env={**production_env(target.url, secret_key), "LOG_LEVEL": "WARNING"},
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    if child.returncode != 0:
        raise BenchError(
            f"preparing the {target.label} database failed "
            f"(exit {child.returncode}); its output is above"
        )
    logger.debug("prepared %s in %.1f s", target.label, time.monotonic() - started)
    facts = json.loads(child.stdout.strip().splitlines()[-1])
    return PreparedDatabase(label=target.label, url=target.url, **facts)
