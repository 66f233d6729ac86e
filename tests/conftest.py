"""Test set-up shared by the whole suite: real services where users meet them.

PostgreSQL tests run in the PostgreSQL pass (DATABASE_URL pointing there); browser tests
need Debian's Chromium; Redis tests need Redis on 127.0.0.1:6379. With REQUIRE_SERVICES=1
(set by CI) a missing service fails the test instead of skipping it.
"""

import logging
import os
import shutil
import socket

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def require_services() -> bool:
    return os.environ.get("REQUIRE_SERVICES") == "1"


def service_missing(reason: str) -> None:
    """Skip for a missing service, or fail where CI demands every service."""
    if require_services():
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1)")
    pytest.skip(reason)


def pytest_collection_modifyitems(config, items) -> None:
    on_postgres = connection.vendor == "postgresql"
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(pytest.mark.skip(reason="runs in the PostgreSQL pass of the suite"))
        if "sqlite_pass_only" in item.keywords and on_postgres:
            item.add_marker(pytest.mark.skip(
                reason="the pages look the same on every database: SQLite pass only"))
    if on_postgres:  # what never touches the database ran in the SQLite pass already
        database_free = [item for item in items if not _uses_database(item)]
        if database_free:
            config.hook.pytest_deselected(items=database_free)
            items[:] = [item for item in items if _uses_database(item)]
    # The browser tests (a third of the suite's time) first, handed out one by one
    # (--maxschedchunk=1 in pyproject): otherwise pytest-xdist gives one worker most of
    # them at the end and the other waits idle for minutes.
    items.sort(key=lambda item: "browser" not in item.keywords)


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences",
                     "django_db_serialized_rollback", "django_db_setup", "live_server"}


def _uses_database(item) -> bool:
    """Whether a test may touch the database: pytest-django refuses it to any other."""
    return (item.get_closest_marker("django_db") is not None
            or bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))))


@pytest.fixture(autouse=True)
def _logger_levels_kept():
    """Each test starts with the loggers' levels as configured: a worker run (db_worker at
    verbosity 0 sets django_tasks to CRITICAL) would otherwise silence the log lines a
    later test in the same process reads."""
    loggers = [logging.getLogger(), *(item for item in logging.root.manager.loggerDict.values()
                                      if isinstance(item, logging.Logger))]
    levels = [(item, item.level) for item in loggers]
    yield
    for item, level in levels:
        if item.level != level:
            item.setLevel(level)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request to /de/ in an earlier test
    leaves German active in the thread, and services render messages in it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Passwords hashed quickly: the personas of the workspace's tests log in hundreds of
    times (PBKDF2 at production strength costs about 0.4 s a password)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _isolated_cache_and_media(settings, tmp_path):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                    "LOCATION": f"test-{tmp_path.name}"}
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    from events import page_cache

    page_cache.forget()  # what this process read of the previous test's cache


@pytest.fixture
def tasks_immediate(settings):
    """Every task runs where it is enqueued (django-tasks' immediate backend), as if a
    worker took it at once: for tests of a whole flow through the public forms, which leave
    their work to the worker (registrations.tasks)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                  "QUEUES": settings.TASK_QUEUES}}


@pytest.fixture
def organiser_client(client):
    """The test client logged in as an organiser (a superuser) for the admin."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("alice", "alice@example.org", "pw-alice-1")
    client.force_login(user)
    return client


@pytest.fixture
def redis_url() -> str:
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            if not sock.recv(16).startswith(b"+PONG"):
                raise OSError("no PONG")
    except OSError:
        service_missing(f"Redis does not answer on {REDIS_HOST}:{REDIS_PORT}")
    return f"redis://{REDIS_HOST}:{REDIS_PORT}/{redis_database(0)}"


@pytest.fixture
def redis_cache(settings, redis_url):
    """The cache on its own Redis database, emptied before and after."""
    import redis

    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    settings.CACHES = {"default": {"BACKEND": "core.cache.RedisCache", "LOCATION": redis_url}}
    yield client
    client.flushdb()
    client.close()


def redis_database(purpose: int) -> int:
    """A Redis database of this test process's own, for `purpose` 0 (the cache) or 1 (the
    task queue): 15 and 14 in the first pytest-xdist worker, 11 and 10 in the second, …
    Tests in two workers never share a database (the tests empty theirs, and an RQ worker
    takes whatever job is queued); `xdist_group` cannot keep them in one worker since
    pytest 9.2 (xdist 3.8 renames the node id, which pytest no longer reads)."""
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    return 15 - purpose - 4 * worker


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) and shutil.which("chromium")):
        service_missing("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
