"""The worker's children end with it: after `kill -9` of run_worker (no time to stop them),
nothing it started runs on as an orphan. (The database backend's worker starts no process:
db_worker runs without its autoreloader.)"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import redis_database

ROOT = Path(__file__).resolve().parent.parent
SCHEDULER_LOCK = "rq:scheduler-lock:default"  # RQ's scheduler holds it while it runs


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid`, from /proc (psutil is not installed)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and _stat(int(entry.name)) and _stat(int(entry.name))[1] == pid:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Running, not gone or a zombie waiting to be reaped."""
    stat = _stat(pid)
    return stat is not None and stat[0] != "Z"


def _stat(pid: int) -> tuple[str, int] | None:
    """State and parent id of a process, or None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    state, parent = text.rpartition(")")[2].split()[:2]  # the name may hold spaces
    return state, int(parent)


def handles_sigterm(pid: int) -> bool:
    """Whether the process has installed a handler for SIGTERM (SigCgt in /proc)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(caught.split()[1], 16) & (1 << (signal.SIGTERM - 1)))


def within(seconds: float, condition) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def worker_start(environment: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 — our own command
        [sys.executable, "manage.py", "run_worker", "--sweep-seconds", "0", "-v", "0"],
        cwd=ROOT, env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "clustermeet.settings",
                       "PYTHONDONTWRITEBYTECODE": "1", "EMAIL_URL": "console://"} | environment,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.fixture
def queue_redis(redis_url):
    """A Redis database of this test process's own for the queue, empty before and after."""
    import redis

    url = redis_url.rsplit("/", 1)[0] + f"/{redis_database(1)}"
    client = redis.Redis.from_url(url)
    client.flushdb()
    yield url, client
    client.flushdb()
    client.close()


@pytest.mark.redis
def test_the_rq_workers_scheduler_ends_when_the_worker_is_killed(queue_redis, tmp_path):
    url, client = queue_redis
    worker = worker_start({"TASKS_BACKEND": "rq", "REDIS_URL": url, "DATA_DIR": str(tmp_path),
                           "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"})
    started = []

    def scheduler_running() -> bool:
        """The worker's children, looked up afresh (one seen early may have been a
        short-lived process), all run with their SIGTERM handler in place."""
        started[:] = children(worker.pid)
        return bool(started) and all(handles_sigterm(pid) for pid in started)

    try:
        # The worker takes the lock before it forks the scheduler, which installs its
        # SIGTERM handler (the one that releases the lock) only once it runs: a kill in
        # between leaves the lock to expire by itself (interval + 60 s), as RQ does.
        assert within(30, scheduler_running), [(pid, _stat(pid)) for pid in started]
        assert within(5, lambda: client.exists(SCHEDULER_LOCK))

        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)

        assert within(5, lambda: not any(alive(pid) for pid in started)), [
            (pid, _stat(pid)) for pid in started]
        assert not client.exists(SCHEDULER_LOCK)  # stopped as on SIGTERM: the next can start
    finally:
        worker.kill()
        worker.wait(timeout=10)
        for pid in started:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
