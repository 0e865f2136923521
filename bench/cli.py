"""``python -m bench [--only NAME]``: prepare, serve, measure, report."""

import argparse
import os
import signal
import sys
import time
from collections.abc import Sequence
from types import FrameType

import django

from bench.checks import check_home_page
from bench.client import Browser
from bench.databases import TARGETS, Target, postgres_unavailable, prepare
from bench.errors import BenchError, OperationFailed
from bench.registry import Context, Operation, all_operations
from bench.server import Server, collect_static, new_secret_key


def _say(line: str) -> None:
    print(line, flush=True)


def _parse(argv: Sequence[str] | None, names: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--only",
        choices=names,
        metavar="NAME",
        help=f"measure only this operation, on each database ({', '.join(names)})",
    )
    return parser.parse_args(argv)


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    # Turn SIGTERM into an exception so that gunicorn is stopped on the way
    # out, as it is on Ctrl-C.
    raise SystemExit(128 + signum)


def _run_target(target: Target, operations: dict[str, Operation], key: str) -> int:
    """Measure every operation on one database; return how many failed."""
    if target.label == "postgres":
        reason = postgres_unavailable()
        if reason:
            _say(f"[postgres] SKIPPED: PostgreSQL does not answer ({reason})")
            return 0

    database = prepare(target, key)
    if database.migrate_s is not None:
        _say(f"[{target.label}] migrated in {database.migrate_s:.1f} s")
    _say(database.describe())

    failed = 0
    with Server(target.url, key) as server:
        check_home_page(Browser(server.host, server.port), server.log_path)
        context = Context(database=database, server=server)
        for name, measure in operations.items():
            try:
                result = measure(context)
            except OperationFailed as error:
                _say(f"{name}[{target.label}]: FAILED: {error}")
                failed += 1
                continue
            _say(result.line(f"{name}[{target.label}]"))
            for problem in result.problems:
                _say(f"  FAILED: {problem}")
            failed += bool(result.problems)
        if failed:
            server.keep_log = True
            _say(f"  server log: {server.log_path}")
    return failed


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()  # for URL names and the project's password hashers

    operations = all_operations()
    only = _parse(argv, sorted(operations)).only
    if only:
        operations = {only: operations[only]}
    signal.signal(signal.SIGTERM, _stop_on_sigterm)

    key = new_secret_key()
    try:
        seconds = collect_static(key, TARGETS[0].url)
        _say(f"collectstatic: {seconds:.1f} s")
        started = time.monotonic()
        failed = sum(_run_target(t, operations, key) for t in TARGETS)
    except BenchError as error:
        print(f"FAILED: {error}", file=sys.stderr, flush=True)
        return 1

    _say(f"done in {time.monotonic() - started:.0f} s")
    return 1 if failed else 0
