"""The production profile and the shared services, run as separate processes.

Settings are read once per process, so each case starts ``manage.py`` with
its own environment, as a deployment would.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parents[2]
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_PROFILE", "REDIS_URL", "SECRET_KEY"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_production_profile_passes_djangos_deployment_checks() -> None:
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_PROFILE="production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="tinhnguyen.example.vn",
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_production_profile_refuses_to_start_without_a_secret_key() -> None:
    result = manage("check", DJANGO_PROFILE="production", SECRET_KEY="")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_with_redis_the_cache_sessions_and_task_queue_live_in_redis() -> None:
    server = redis.Redis.from_url(REDIS_TEST_URL)
    server.flushdb()
    script = (
        "from django.conf import settings;"
        "from django.core.cache import cache;"
        "from portal.core.tasks import send_email;"
        "cache.set('probe', 'seen', 60);"
        "result = send_email.enqueue(to=['a@example.vn'], subject='s', body='b');"
        "print(settings.SESSION_ENGINE, settings.AXES_HANDLER, result.id)"
    )

    result = manage("shell", "-c", script, REDIS_URL=REDIS_TEST_URL)

    assert result.returncode == 0, result.stderr
    session_engine, axes_handler, task_id = result.stdout.split()[-3:]
    assert session_engine == "django.contrib.sessions.backends.cache"
    assert axes_handler == "axes.handlers.cache.AxesCacheHandler"
    keys = {key.decode() for key in server.keys("*")}
    assert any(key.endswith(":probe") for key in keys)
    assert any(task_id in key for key in keys)
    server.flushdb()


def test_an_rq_worker_runs_a_task_queued_in_redis() -> None:
    redis.Redis.from_url(REDIS_TEST_URL).flushdb()
    enqueue = (
        "from portal.core.tasks import send_email;"
        "send_email.enqueue(to=['a@example.vn'], subject='Kiểm tra RQ', body='b')"
    )
    queued = manage("shell", "-c", enqueue, REDIS_URL=REDIS_TEST_URL)
    assert queued.returncode == 0, queued.stderr

    worker = manage(
        "rqworker", "default", "--burst", "--job-class", "django_tasks_rq.Job",
        REDIS_URL=REDIS_TEST_URL, EMAIL_URL="console:",
    )  # fmt: skip

    assert worker.returncode == 0, worker.stderr
    # The console mail backend prints the message the task sent.
    assert "To: a@example.vn" in worker.stdout
    assert "sent mail" in worker.stderr
    redis.Redis.from_url(REDIS_TEST_URL).flushdb()
