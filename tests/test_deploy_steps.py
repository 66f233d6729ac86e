"""The README's deploy steps work in their documented order, from a fresh checkout.

The commands are read from the README's "Deploying on PostgreSQL and Redis" block, so that
the README and this test cannot drift apart, and run as written in a copy of the working
tree's files that git knows (no `staticfiles/`, no `data/`): its exports (with the addresses
of the database, Redis and the mail server replaced by local ones), then migrate,
collectstatic, createsuperuser (with --no-input and its DJANGO_SUPERUSER_* variables),
gunicorn on a free port (fetching a page, a static file and the admin's login through it, as
the TLS proxy in front would) and the worker for a moment. `make setup` is not run: the copy
uses the suite's own `.venv` (linked in), which `make setup` made; the catalogues are not
compiled there (English needs none).

On PostgreSQL (a fresh database of its own, dropped afterwards) and Redis (this test
process's `redis_url` database); run it under `flock /tmp/cm-redis.lock` beside others.
"""

import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.cookies import SimpleCookie
from pathlib import Path

import psycopg
import pytest
import redis
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
HOST = "events.example.org"  # the README's ALLOWED_HOSTS and SITE_URL
SUPERUSER = {"DJANGO_SUPERUSER_USERNAME": "ops", "DJANGO_SUPERUSER_EMAIL": "ops@example.org",
             "DJANGO_SUPERUSER_PASSWORD": "Deploy-steps-" + secrets.token_urlsafe(12)}
# What each documented command is, in the documented order.
STEPS = ["make setup", "migrate", "collectstatic", "createsuperuser", "gunicorn", "run_worker"]


def readme_deploy_block() -> list[str]:
    """The lines of the README's deploy block, as written."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Deploying on PostgreSQL and Redis", 1)[1]
    return section.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()


def readme_environment(**local: str) -> dict[str, str]:
    """The variables the block's `export` lines set (evaluated by bash, as an operator's
    shell would), with `local` replacing those that name other hosts."""
    exports = "\n".join(line for line in readme_deploy_block() if line.startswith("export "))
    names = re.findall(r"(?:^|\s)([A-Z_]+)=", exports)
    shown = subprocess.run(["bash", "-c", "set -e\n" + exports + "\nenv -0"],  # noqa: S603, S607
                           env={"PATH": "/usr/bin:/bin"}, capture_output=True, check=True,
                           timeout=30).stdout.decode()
    variables = dict(item.split("=", 1) for item in shown.split("\0") if "=" in item)
    return {name: variables[name] for name in names} | local


def readme_commands() -> list[list[str]]:
    """The block's commands (everything but the exports), as argument lists."""
    return [shlex.split(line, comments=True) for line in readme_deploy_block()
            if line.strip() and not line.startswith("export ")]


def step_name(command: list[str]) -> str:
    return "make setup" if command[:2] == ["make", "setup"] else next(
        Path(word).name for word in command if Path(word).name in STEPS)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_checkout(target: Path) -> Path:
    """The files git knows of the working tree (tracked, and new ones not ignored), as a
    clone would have them, with the suite's virtual environment linked in."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",  # noqa: S607
                             "--exclude-standard"], cwd=ROOT, capture_output=True, check=True,
                            timeout=30).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / ".venv").symlink_to(Path(sys.prefix))
    return target


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new, empty database on the suite's PostgreSQL server, dropped afterwards."""
    server = connection.settings_dict
    name = f"cm_deploy_{secrets.token_hex(4)}"
    address = f"postgres://{server['USER']}@{server['HOST']}:{server['PORT'] or 5432}"
    with psycopg.connect(f"{address}/postgres", autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{address}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def started(command: list[str], **options) -> Iterator[subprocess.Popen]:
    """A process of its own session, stopped (SIGTERM, then SIGKILL) at the end."""
    process = subprocess.Popen(command, start_new_session=True,  # noqa: S603
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **options)
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


class Site:
    """Requests to gunicorn as the TLS proxy in front passes them on: the site's host name,
    X-Forwarded-Proto (https unless said otherwise) and X-Forwarded-For; the cookies kept as
    a browser keeps them for the https site (they are Secure, so a cookie jar would not send
    them to this plain http address)."""

    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.opener = urllib.request.build_opener(NoRedirect())
        self.cookies = SimpleCookie()

    def get(self, path: str, *, proto: str = "https", data: dict | None = None,
            **headers: str):
        cookies = "; ".join(f"{name}={morsel.value}" for name, morsel in self.cookies.items())
        request = urllib.request.Request(  # noqa: S310 — our own http://127.0.0.1
            self.base + path, data=urllib.parse.urlencode(data).encode() if data else None,
            headers={"Host": HOST, "X-Forwarded-Proto": proto, "X-Forwarded-For": "192.0.2.10",
                     **({"Cookie": cookies} if cookies else {}), **headers})
        try:
            response = self.opener.open(request, timeout=10)
        except urllib.error.HTTPError as error:  # 3xx and errors: the answer as it came
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(header)
        return response


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def wait_until_serving(site: Site, gunicorn: subprocess.Popen, *, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert gunicorn.poll() is None, gunicorn.stdout.read().decode()
        try:
            if site.get("/healthz").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer within {seconds} s")


def run(command: list[str], *, checkout: Path, environment: dict[str, str]) -> str:
    done = subprocess.run(command, cwd=checkout, env=environment, capture_output=True,  # noqa: S603
                          text=True, timeout=300)
    assert done.returncode == 0, f"{shlex.join(command)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_readme_deploy_block_lists_the_steps_this_test_runs():
    assert [step_name(command) for command in readme_commands()] == STEPS


@pytest.mark.postgres
def test_readme_deploy_steps_work_in_order_from_a_fresh_checkout(tmp_path, redis_url):
    queue = redis.Redis.from_url(redis_url)
    queue.flushdb()
    checkout = fresh_checkout(tmp_path / "clustermeet")
    with fresh_postgres_database() as database_url:
        environment = {
            "PATH": f"{checkout / '.venv' / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path),
            "PYTHONDONTWRITEBYTECODE": "1", **SUPERUSER,
            **readme_environment(DATABASE_URL=database_url, REDIS_URL=redis_url,
                                 EMAIL_URL="console://"),
        }
        assert environment["PRODUCTION"] == "1"
        commands = {step_name(command): command for command in readme_commands()}

        assert "Applying registrations.0001_initial... OK" in run(
            commands["migrate"], checkout=checkout, environment=environment)
        run(commands["collectstatic"], checkout=checkout, environment=environment)
        assert (checkout / "staticfiles" / "staticfiles.json").exists()
        run(commands["createsuperuser"] + ["--no-input"], checkout=checkout,
            environment=environment)

        port = free_port()
        gunicorn = [f"127.0.0.1:{port}" if word == "127.0.0.1:8000" else word
                    for word in commands["gunicorn"]]
        assert gunicorn != commands["gunicorn"]
        with started(gunicorn, cwd=checkout, env=environment) as server:
            site = Site(port)
            wait_until_serving(site, server, seconds=60)
            site_serves_pages_static_files_and_the_admin(site)

        with started(commands["run_worker"], cwd=checkout, env=environment) as worker:
            deadline = time.monotonic() + 30
            # "idle": waiting for jobs, its signal handlers installed (RQ registers the
            # worker before it installs them: a SIGTERM in between kills it outright)
            while not worker_idle(queue) and time.monotonic() < deadline:
                assert worker.poll() is None, worker.stdout.read().decode()
                time.sleep(0.2)
            assert worker_idle(queue), "the worker never waited for jobs on Redis"
            worker.send_signal(signal.SIGTERM)
            output, _ = worker.communicate(timeout=30)
            assert worker.returncode == 0, output.decode()
    queue.flushdb()


def site_serves_pages_static_files_and_the_admin(site: Site) -> None:
    plain = site.get("/en/", proto="http")
    assert (plain.status, plain.headers["Location"]) == (301, f"https://{HOST}/en/")

    page = site.get("/en/")
    html = page.read().decode()
    assert page.status == 200
    assert page.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload")
    assert "'unsafe-inline'" not in page.headers["Content-Security-Policy"]

    stylesheet = re.search(r'href="(/static/clustermeet/site\.[0-9a-f]{12}\.css)"', html)
    assert stylesheet, "the page links no hashed stylesheet"
    static = site.get(stylesheet.group(1))
    assert (static.status, static.headers["Content-Type"]) == (200, "text/css; charset=\"utf-8\"")
    assert "immutable" in static.headers["Cache-Control"]
    favicon = site.get("/favicon.ico")
    assert (favicon.status, favicon.headers["Content-Type"]) == (200, "image/x-icon")
    assert favicon.read().startswith(b"\x00\x00\x01\x00")  # an ICO file
    svg_icon = re.search(r'href="(/static/clustermeet/favicon\.[0-9a-f]{12}\.svg)"', html)
    assert svg_icon, "the page links no hashed SVG icon"
    assert site.get(svg_icon.group(1)).headers["Content-Type"] == "image/svg+xml"

    login = site.get("/admin/login/?next=/admin/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login).group(1)
    logged_in = site.get("/admin/login/?next=/admin/", data={
        "csrfmiddlewaretoken": token, "username": SUPERUSER["DJANGO_SUPERUSER_USERNAME"],
        "password": SUPERUSER["DJANGO_SUPERUSER_PASSWORD"], "next": "/admin/",
    }, Referer=f"https://{HOST}/admin/login/")
    assert (logged_in.status, logged_in.headers["Location"]) == (302, "/admin/")
    admin = site.get("/admin/")
    assert admin.status == 200
    assert "Site administration" in admin.read().decode()


def worker_idle(queue) -> bool:
    """Whether an RQ worker registered on this Redis waits for jobs."""
    return any(queue.hget(key, "state") == b"idle" for key in queue.smembers("rq:workers"))
