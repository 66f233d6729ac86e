"""What the ORM has no public call for: inserting unless taken, and running a transaction
again after a deadlock."""

import functools
import logging
import random
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from typing import ParamSpec, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, router
from django.db.models import signals

logger = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")


def insert_unless_taken(instance: models.Model) -> bool:
    """Insert `instance` unless a unique constraint already holds a row with its values;
    True, with its primary key set, when it was inserted.

    One statement, `INSERT … ON CONFLICT DO NOTHING RETURNING` (PostgreSQL, SQLite 3.35+):
    no IntegrityError is raised, so the caller's transaction needs no savepoint around it,
    which `save()` needs to survive a duplicate (two statements more). A row of a
    concurrent transaction counts once that transaction commits (PostgreSQL waits for it).
    Like save() on adding, the fields' pre_save runs (auto_now_add, defaults) and
    pre_save/post_save are sent — post_save only when the row was inserted. For models
    without parents and without database defaults.
    """
    model = type(instance)
    opts = model._meta
    using = router.db_for_write(model, instance=instance)
    connection = connections[using]
    if opts.parents or connection.vendor not in ("postgresql", "sqlite"):
        raise NotImplementedError(f"insert_unless_taken: {opts.label} on {connection.vendor}")
    signals.pre_save.send(sender=model, instance=instance, raw=False, using=using,
                          update_fields=None)
    fields = [field for field in opts.concrete_fields
              if not (field.primary_key and instance.pk is None)]
    values = [field.get_db_prep_save(field.pre_save(instance, True), connection)
              for field in fields]
    if any(hasattr(value, "resolve_expression") for value in values):
        raise NotImplementedError(f"insert_unless_taken: a database default in {opts.label}")
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(opts.db_table)} "  # noqa: S608 — quoted names; values are parameters
           f"({', '.join(quote(field.column) for field in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))}) "
           f"ON CONFLICT DO NOTHING RETURNING {quote(opts.pk.column)}")
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    if row is None:
        return False
    instance.pk = row[0]
    instance._state.adding, instance._state.db = False, using
    signals.post_save.send(sender=model, instance=instance, created=True, update_fields=None,
                           raw=False, using=using)
    return True


def insert_many_unless_taken(instances: Sequence[models.Model]) -> list[int]:
    """Insert each of `instances` unless a unique constraint already holds a row with its
    values, in one statement (`INSERT … VALUES …, … ON CONFLICT DO NOTHING RETURNING`);
    the primary keys of the rows inserted, in no particular order (the instances' are not
    set). Unlike insert_unless_taken, no signals are sent. For models without parents and
    without database defaults, all of one model."""
    if not instances:
        return []
    model = type(instances[0])
    opts = model._meta
    using = router.db_for_write(model)
    connection = connections[using]
    if opts.parents or connection.vendor not in ("postgresql", "sqlite"):
        raise NotImplementedError(f"insert_many_unless_taken: {opts.label} on {connection.vendor}")
    fields = [field for field in opts.concrete_fields if not field.primary_key]
    rows = [[field.get_db_prep_save(field.pre_save(instance, True), connection)
             for field in fields] for instance in instances]
    if any(hasattr(value, "resolve_expression") for row in rows for value in row):
        raise NotImplementedError(f"insert_many_unless_taken: a database default in {opts.label}")
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        return _insert_many_unnest(connection, opts, fields, rows)
    row_sql = f"({', '.join(['%s'] * len(fields))})"

    def sql_for(count: int) -> str:
        return (f"INSERT INTO {quote(opts.db_table)} "  # noqa: S608 — quoted names; values are parameters
                f"({', '.join(quote(field.column) for field in fields)}) "
                f"VALUES {', '.join([row_sql] * count)} "
                f"ON CONFLICT DO NOTHING RETURNING {quote(opts.pk.column)}")

    inserted = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _INSERT_BATCH):
            batch = rows[start:start + _INSERT_BATCH]
            cursor.execute(sql_for(len(batch)), [value for row in batch for value in row])
            inserted += [row[0] for row in cursor.fetchall()]
    return inserted


_INSERT_BATCH = 500  # rows per statement: within SQLite's limit of parameters
_UNNEST_BATCH = 5000  # rows per statement on PostgreSQL (one parameter per column)


def _insert_many_unnest(connection, opts, fields, rows: list[list]) -> list[int]:
    """PostgreSQL: the rows as one array per column (`INSERT … SELECT * FROM unnest(%s::type[],
    …)`): a statement of a few parameters, which psycopg and the server parse at once, where
    a VALUES list of thousands of rows costs seconds of parsing."""
    quote = connection.ops.quote_name
    arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in fields)
    sql = (f"INSERT INTO {quote(opts.db_table)} "  # noqa: S608 — quoted names; values are parameters
           f"({', '.join(quote(field.column) for field in fields)}) "
           f"SELECT * FROM unnest({arrays}) "
           f"ON CONFLICT DO NOTHING RETURNING {quote(opts.pk.column)}")
    inserted = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _UNNEST_BATCH):
            columns = [list(column) for column in zip(*rows[start:start + _UNNEST_BATCH],
                                                      strict=True)]
            cursor.execute(sql, columns)
            inserted += [row[0] for row in cursor.fetchall()]
    return inserted


# SQLSTATEs of PostgreSQL after which the whole transaction may simply be run again.
_RETRYABLE_SQLSTATES = {"40P01": "deadlock_detected", "40001": "serialization_failure"}
# SQLite's "database is locked" (SQLITE_BUSY, after the connection's timeout) and "database
# table is locked" (SQLITE_LOCKED, e.g. between connections sharing a cache)
_RETRYABLE_SQLITE_CODES = {5, 6}


def database_conflict(error: BaseException) -> str | None:
    """The name of the database conflict behind `error` (a deadlock, a serialisation failure,
    a locked SQLite database), after which running the transaction again may succeed; None
    for any other error."""
    if not isinstance(error, DatabaseError):
        return None
    cause = error.__cause__ or error
    if (sqlstate := getattr(cause, "sqlstate", None)) in _RETRYABLE_SQLSTATES:
        return _RETRYABLE_SQLSTATES[sqlstate]
    code = getattr(cause, "sqlite_errorcode", None)  # extended codes keep the primary one
    if (code is not None and code & 0xFF in _RETRYABLE_SQLITE_CODES) or (
            isinstance(cause, sqlite3.OperationalError) and "is locked" in str(cause)):
        return "database_locked"
    return None


def retry_on_conflict(function: Callable[P, R]) -> Callable[P, R]:
    """Run `function` (which opens a transaction) again when the database aborts it for a
    conflict (database_conflict): up to DATABASE_CONFLICT_ATTEMPTS times in all, after a
    short random pause that grows with each attempt. Only where the call opens the
    outermost transaction: inside a transaction the conflict has spoilt the whole of it, so
    it is raised to whoever opened that one. The last conflict is raised (a page answers it
    with 503, clustermeet.middleware.DatabaseBusyMiddleware).

    The function must be safe to run again: it reads what it changes under its locks, not
    from the objects it is given.
    """

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return function(*args, **kwargs)
        attempts = max(1, settings.DATABASE_CONFLICT_ATTEMPTS)
        for attempt in range(1, attempts + 1):
            try:
                return function(*args, **kwargs)
            except DatabaseError as error:
                conflict = database_conflict(error)
                if conflict is None or attempt == attempts:
                    raise
                logger.warning("%s in %s (attempt %d of %d); running it again", conflict,
                               function.__qualname__, attempt, attempts)
                time.sleep(random.uniform(0.5, 1.5) * _RETRY_PAUSE_SECONDS * attempt)  # noqa: S311
        raise AssertionError("unreachable")

    return run


_RETRY_PAUSE_SECONDS = 0.05


def rows_lock_shared(model: type[models.Model], ids: Iterable[int]) -> None:
    """Lock the rows of `model` with these ids FOR SHARE, in id order, until the end of the
    transaction (the ORM only locks FOR UPDATE / FOR NO KEY UPDATE): many transactions may
    hold them at once, and a FOR (NO KEY) UPDATE or an UPDATE of the rows waits for them
    all. Nothing on SQLite, where a writing transaction holds the whole database."""
    ids = sorted(set(ids))
    connection = connections[router.db_for_write(model)]
    if not ids or connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {quote(model._meta.db_table)} "  # noqa: S608 — a quoted name
                       f"WHERE {quote(model._meta.pk.column)} = ANY(%s) "
                       f"ORDER BY {quote(model._meta.pk.column)} FOR SHARE", [ids])
