"""Work timed in a child process, on the prepared database.

An import, an export or a plan is not a request, so it is timed in-process
rather than over HTTP. It runs in a child Python process with the server's
environment: the same database and settings as the served portal, and none
of the harness's state. The child is the operation's own module run with
``python -m``; it times its rounds and prints their figures as one JSON line,
last.
"""

import json
import os
import subprocess
import sys
import time
from typing import Any

from bench.errors import OperationFailed
from bench.registry import Context
from bench.server import BASE_DIR


def run_child(ctx: Context, module: str, *, timeout_s: float = 300.0) -> Any:
    """Run ``python -m module`` as the server would; its last line, parsed."""
    child = subprocess.run(
        [sys.executable, "-m", module],
        cwd=BASE_DIR,
        env={**ctx.server.env, "LOG_LEVEL": "WARNING"},
        capture_output=True,
        text=True,
        check=False,
        timeout=max(ctx.time_limit_s * 3, timeout_s),
    )
    if child.returncode != 0:
        tail = child.stderr.strip().splitlines()[-12:]
        raise OperationFailed(
            f"{module} exited with {child.returncode}:\n" + "\n".join(tail)
        )
    return json.loads(child.stdout.strip().splitlines()[-1])


def start_django() -> None:
    """Set Django up inside the child, with the environment it was given."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()


def report(facts: Any) -> None:
    """Hand the figures to the parent: one JSON line, the last one printed."""
    print(json.dumps(facts), flush=True)


def time_bare_dump(rows: list[list[Any]], path: str) -> float:
    """Milliseconds to save rows in a bare write-only openpyxl workbook.

    The floor of every export: the same values, without the template's
    layout, the record building or the database reads.
    """
    from openpyxl import Workbook

    started = time.perf_counter()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Mẫu 1")
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return (time.perf_counter() - started) * 1000
