#!/usr/bin/env python3
"""What `manage.py check_integrity` costs on a large database: seconds per check.

Fills a fresh PostgreSQL database (or SQLite with --sqlite) with one series of --events
events, --participants participants each registered for four of them (seats, waiting
lists, cancellations, promotions with their mails: a consistent state, so every check
passes), and one mail per registration, then runs every check three times and prints the
best time of each, and the whole command's.

    .venv/bin/python bench/check_integrity.py [--participants 100000] [--events 100] [--sqlite]

The database is dropped (or the temporary folder removed) at the end.
"""

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
BATCH = 5000
PER_PARTICIPANT = 4


def configure(database_url: str, tmp: Path) -> None:
    for key in ("DEBUG", "REDIS_URL", "PRODUCTION", "EMAIL_URL", "TASKS_BACKEND"):
        os.environ.pop(key, None)
    os.environ.update(DATABASE_URL=database_url, DATA_DIR=str(tmp),
                      SECRET_KEY="bench-" + "x" * 40, DJANGO_SETTINGS_MODULE="clustermeet.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def fill(*, participants: int, events: int) -> int:
    """A consistent state: per event, seats up to its capacity in the order of
    confirmation, then the waiting list; some cancelled; every registration with a mail.
    Returns the number of registrations."""
    from django.utils import timezone

    from mail.models import Mail
    from registrations.mails import stamp
    from registrations.models import Participant, Registration
    from tests.factories import event_create, series_create

    rng = random.Random(1)
    now = timezone.now()
    series = series_create(slug="bench")
    all_events = [event_create(series=series, capacity=rng.choice([None, 500, 2000]),
                               start=now + timedelta(days=2 + number))
                  for number in range(events)]
    for start in range(0, participants, BATCH):
        Participant.objects.bulk_create(
            Participant(email=f"p{number}@example.org", name=f"P {number}",
                        organisation_name="Org", organisation_kind="sme",
                        organisation_country="DE", country="DE", link_key="k" * 32,
                        confirmed_at=now - timedelta(days=3))
            for number in range(start, min(start + BATCH, participants)))
    ids = list(Participant.objects.values_list("pk", flat=True).order_by("pk"))
    held = {event.pk: 0 for event in all_events}
    registrations, mails, total = [], [], 0

    def flush() -> None:
        Registration.objects.bulk_create(registrations)
        for registration in registrations:
            mails.append(Mail(cause=f"participant:{registration.participant_id}:confirmed:"
                                    f"{registration.event_id}", to="p@example.org",
                              language="en", subject="s", text="t", state=Mail.State.SENT))
            if registration.state == Registration.State.CONFIRMED and rng.random() < 0.02:
                promoted = registration.confirmed_at + timedelta(minutes=5)
                mails.append(Mail(cause=f"registration:{registration.pk}:promoted:"
                                        f"{stamp(promoted)}", to="p@example.org",
                                  language="en", subject="s", text="t", state=Mail.State.SENT))
        Mail.objects.bulk_create(mails)
        registrations.clear()
        mails.clear()

    for order, participant_id in enumerate(ids):
        moment = now - timedelta(days=2) + timedelta(milliseconds=order)
        for event in rng.sample(all_events, PER_PARTICIPANT):
            if rng.random() < 0.1:
                state = Registration.State.CANCELLED
            elif event.capacity is None or held[event.pk] < event.capacity:
                state = Registration.State.CONFIRMED
                held[event.pk] += 1
            else:
                state = Registration.State.WAITLISTED
            registrations.append(Registration(
                participant_id=participant_id, event=event, state=state,
                requested_at=moment - timedelta(hours=1), confirmed_at=moment,
                cancelled_at=moment if state == Registration.State.CANCELLED else None))
            total += 1
        if len(registrations) >= BATCH:
            flush()
    flush()
    return total


def measure() -> None:
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection

    from registrations import integrity

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    print(f"{'check':34} {'best of 3':>10}")
    for check in integrity.CHECKS:
        best = min(timed(lambda check=check: check(now=integrity.timezone.now()))
                   for _ in range(3))
        print(f"{check.__name__:34} {best * 1000:8.0f} ms")
    out = StringIO()
    best = min(timed(lambda: call_command("check_integrity", stdout=out)) for _ in range(3))
    print(f"{'manage.py check_integrity':34} {best * 1000:8.0f} ms   "
          f"({out.getvalue().splitlines()[-1]})")


def timed(call) -> float:
    started = time.perf_counter()
    findings = call()
    assert not findings, findings
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=100)
    parser.add_argument("--sqlite", action="store_true")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-integrity-"))
    name = f"bench_integrity_{os.getpid()}"
    if args.sqlite:
        url = f"sqlite:///{tmp}/bench.sqlite3"
    else:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        url = f"{PG_SERVER}/{name}"
    try:
        configure(url, tmp)
        started = time.perf_counter()
        registrations = fill(participants=args.participants, events=args.events)
        print(f"{'SQLite' if args.sqlite else 'PostgreSQL'}: {args.participants} participants, "
              f"{args.events} events, {registrations} registrations and as many mails "
              f"(filled in {time.perf_counter() - started:.0f} s)")
        measure()
    finally:
        from django.db import connections

        connections.close_all()
        if not args.sqlite:
            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
