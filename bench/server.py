"""The production server profile, run in a child process on loopback."""

import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

from bench.errors import BenchError

logger = logging.getLogger(__name__)

BASE_DIR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"

# Two sync workers for two cores: a request holds its worker only while it
# computes (no slow clients on loopback), so more workers would just queue
# for the same CPUs. Even where requests wait on the database, as in the
# sign-up rush, threads did not pay: on an idle machine two workers of four
# threads (gthread) answered 219 sign-ups/s against 292/s for these two,
# switching between threads costing more CPU than the waits they fill.
WORKERS = 2


def new_secret_key() -> str:
    return secrets.token_urlsafe(45)  # 60 characters


def production_env(database_url: str, secret_key: str) -> dict[str, str]:
    """The environment of the production profile, served over plain HTTP.

    Variables of the caller's shell that would change what is measured
    (another database, a Redis cache) are left out so runs compare.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
        and not key.startswith(("SECURE_", "DB_"))
    }
    env.update(
        DJANGO_PROFILE="production",
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",
        DEBUG="0",
        DATABASE_URL=database_url,
        # Its own collected files: tests running meanwhile read staticfiles/.
        STATIC_ROOT=str(BASE_DIR / "var" / "bench-static"),
    )
    return env


def collect_static(secret_key: str, database_url: str) -> float:
    started = time.monotonic()
    child = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=BASE_DIR,
        env=production_env(database_url, secret_key),
        capture_output=True,
        text=True,
        check=False,
    )
    if child.returncode != 0:
        raise BenchError(f"collectstatic failed:\n{child.stdout}{child.stderr}")
    return time.monotonic() - started


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


class Server:
    """gunicorn serving ``config.wsgi``; stopped on leaving the block."""

    def __init__(self, database_url: str, secret_key: str) -> None:
        self.host = HOST
        self.port = _free_port()
        self.env = production_env(database_url, secret_key)
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115
            prefix="portal-bench-gunicorn-", suffix=".log", delete=False
        )
        self.process: subprocess.Popen[bytes] | None = None
        # Kept for reading after a failure; removed after a clean run.
        self.keep_log = False

    @property
    def log_path(self) -> str:
        return self.log.name

    def __enter__(self) -> "Server":
        command = [
            sys.executable, "-m", "gunicorn", "config.wsgi:application",
            "--bind", f"{self.host}:{self.port}",
            "--workers", str(WORKERS), "--worker-class", "sync",
            "--timeout", "60", "--graceful-timeout", "10",
            "--worker-tmp-dir", "/dev/shm", "--log-level", "warning",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            self._wait_until_answering()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()
        self.log.close()
        if isinstance(error, BenchError):
            self.keep_log = True
        if not self.keep_log:
            Path(self.log.name).unlink(missing_ok=True)

    def _wait_until_answering(self, limit_s: float = 30.0) -> None:
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited at start:\n{self.log_tail()}")
            try:
                with socket.create_connection((self.host, self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise BenchError(f"gunicorn did not answer in {limit_s:.0f} s")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        # gunicorn's master stops its workers on SIGTERM; the process group
        # (its own, from start_new_session) is the fallback if it hangs.
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            logger.warning("gunicorn %s ignored SIGTERM; killing it", process.pid)
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)

    def log_tail(self, lines: int = 30) -> str:
        self.log.flush()
        text = Path(self.log.name).read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])
