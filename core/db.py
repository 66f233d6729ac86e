"""What the ORM has no public call for."""

from django.db import connections, models, router
from django.db.models import signals


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
