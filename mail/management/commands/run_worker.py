"""Run the task worker of the configured backend, and enqueue the sweep tasks (due mails,
reminders, expiry: WORKER_SWEEP_TASKS) periodically."""

import ctypes
import logging
import os
import signal
import sys
import threading
import time
from argparse import ArgumentParser
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connections
from django.utils.module_loading import import_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskResult, TaskResultStatus, task_backends
from django_tasks_db import DatabaseBackend
from rq.job import Job
from rq.queue import Queue
from rq.worker import SimpleWorker

logger = logging.getLogger(__name__)


class DjangoSimpleWorker(SimpleWorker):
    """RQ's worker that runs jobs in its own process, without a fork per job (about three
    times the mails per second here), recycling database connections around each job as
    db_worker does. RQ = {"WORKER_CLASS": "..."} in the settings chooses another."""

    def execute_job(self, job: Job, queue: Queue) -> None:
        close_old_connections()
        try:
            super().execute_job(job, queue)
        finally:
            close_old_connections()


class Command(BaseCommand):
    help = (
        "Run the task worker of the configured backend (django-tasks-db's db_worker, or an RQ "
        "worker with its scheduler) and enqueue the WORKER_SWEEP_TASKS (due mails, reminders, "
        "expiry) every MAIL_SWEEP_SECONDS. "
        "Stops cleanly on SIGTERM or SIGINT; the processes it starts (RQ's scheduler) end "
        "with it, even when it is killed."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--sweep-seconds", type=float, default=None,
            help="Seconds between sweeps for due mails (default: MAIL_SWEEP_SECONDS; 0: none).",
        )
        parser.add_argument(
            "--batch", action="store_true",
            help="Sweep once, run every task that is due, then exit (for cron or tests).",
        )
        parser.add_argument(
            "--interval", type=float, default=1.0,
            help="Database backend: seconds between polls of an empty queue (default: 1).",
        )

    def handle(self, *, sweep_seconds: float | None, batch: bool, interval: float,
               verbosity: int, **options: object) -> None:
        """Steps: 1. have every process forked while the worker runs end with this one
        (children_end_with_parent); 2. start the sweep (one now with --batch, else a thread
        every N seconds); 3. run the backend's worker in this thread, which owns the signal
        handlers; 4. when the worker returns or exits, stop the sweep thread and wait for it."""
        seconds = settings.MAIL_SWEEP_SECONDS if sweep_seconds is None else sweep_seconds
        stop = threading.Event()
        sweeper = None
        if batch:
            _sweep_enqueue()
        elif seconds > 0:
            sweeper = threading.Thread(target=_sweep_loop, name="mail-sweep", daemon=True,
                                       kwargs={"stop": stop, "seconds": seconds})
            sweeper.start()
        try:
            with children_end_with_parent():
                _worker_run(batch=batch, interval=interval, verbosity=verbosity)
        finally:
            stop.set()
            if sweeper is not None:
                sweeper.join(timeout=10)


def _worker_run(*, batch: bool, interval: float, verbosity: int) -> None:
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    # in the order of TASK_QUEUES: a visitor's registration before a backlog of mails
    queue_names = sorted(backend.queues, key=lambda name: (
        settings.TASK_QUEUES.index(name) if name in settings.TASK_QUEUES else len(backend.queues),
        name))
    if isinstance(backend, DatabaseBackend):
        call_command("db_worker", queue_name=",".join(queue_names), batch=batch,
                     interval=interval, reload=False, startup_delay=not batch,
                     verbosity=verbosity)
        return
    from django_tasks_rq import RQBackend

    if not isinstance(backend, RQBackend):
        raise CommandError(f"{type(backend).__name__} has no worker: its tasks run where enqueued.")
    from django_rq import get_worker

    worker_class = getattr(settings, "RQ", {}).get("WORKER_CLASS", DjangoSimpleWorker)
    # log_job_description: RQ logs each job by its call, arguments included, and a
    # registration request's are what the visitor typed (address, name): by id only
    worker = get_worker(*queue_names, job_class="django_tasks_rq.Job", worker_class=worker_class,
                        log_job_description=False)
    connections.close_all()  # should the worker fork, its children open their own connections
    worker.work(burst=batch, with_scheduler=True,
                logging_level={0: "WARNING", 1: "INFO"}.get(verbosity, "DEBUG"))


PR_SET_PDEATHSIG = 1  # linux/prctl.h
PARENT_WATCH_SECONDS = 1.0
_fork_hooks_registered = False  # os.register_at_fork is for good: once per process
_forks_tied = 0  # how many runs want the children tied (the hooks do nothing at 0)
_forking_pid = 0  # set in the parent before each fork, read by the child after it


@contextmanager
def children_end_with_parent() -> Iterator[None]:
    """While the context runs, have every process forked (the RQ worker's scheduler, the
    work horses of a forking RQ worker, and their own children) end when its parent ends,
    even by `kill -9`, which leaves it no time to stop them: without this they run on as
    orphans, RQ's scheduler holding its lock on the queue.

    Each child asks Linux for SIGTERM when its parent dies (prctl PR_SET_PDEATHSIG), and
    watches its parent's id every PARENT_WATCH_SECONDS as well (the portable way, should
    prctl be missing); on SIGTERM RQ's scheduler stops as it would on `kill`: it releases
    its lock and exits. (Linux sends it when the forking *thread* ends: RQ forks from the
    worker's main thread.) The database backend's worker starts no process."""
    global _fork_hooks_registered, _forks_tied
    if not _fork_hooks_registered:
        os.register_at_fork(before=_fork_before, after_in_child=_fork_after_in_child)
        _fork_hooks_registered = True
    _forks_tied += 1
    try:
        yield
    finally:
        _forks_tied -= 1


def _fork_before() -> None:
    global _forking_pid
    _forking_pid = os.getpid()


def _fork_after_in_child() -> None:
    if not _forks_tied:
        return
    parent = _forking_pid
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before prctl took hold
        os.kill(os.getpid(), signal.SIGTERM)
    threading.Thread(target=_parent_watch, args=(parent,), name="parent-watch",
                     daemon=True).start()


def _parent_watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_WATCH_SECONDS)
    os.kill(os.getpid(), signal.SIGTERM)


def _sweep_loop(*, stop: threading.Event, seconds: float) -> None:
    """Enqueue a sweep now and every `seconds` until `stop` is set."""
    waiting: dict[str, TaskResult] = {}
    while True:
        _sweep_enqueue(waiting)
        if stop.wait(seconds):
            return


def _sweep_enqueue(waiting: dict[str, TaskResult] | None = None) -> None:
    """Enqueue each task of WORKER_SWEEP_TASKS (dotted paths); one failure stops no other.

    `waiting` keeps the last result of each: a sweep not yet started when the next is due
    is not enqueued again (while the worker works through a backlog, sweeps would pile up)."""
    waiting = {} if waiting is None else waiting
    try:
        for path in settings.WORKER_SWEEP_TASKS:
            if path in waiting and _still_waiting(waiting[path]):
                continue
            try:
                waiting[path] = import_string(path).enqueue()
            except Exception:
                waiting.pop(path, None)
                logger.exception("Could not enqueue the sweep task %s", path)
    finally:
        connections.close_all()  # this thread's connections only


def _still_waiting(result: TaskResult) -> bool:
    """True while the task has not started; a result the backend no longer knows is done."""
    try:
        result.refresh()
    except Exception:
        return False
    return result.status == TaskResultStatus.READY
