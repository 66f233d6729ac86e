"""The audit log: every organiser action that changes data, written in the action's own
transaction (it commits or rolls back with it)."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from events.models import Event, Series
from orga.models import AuditEntry


def audit_record(*, series: Series, actor, action: str, obj: models.Model | None = None,
                 event: Event | None = None, changes: Mapping[str, tuple[Any, Any]] | None = None,
                 data: Mapping[str, Any] | None = None) -> AuditEntry:
    """Record that `actor` did `action` (e.g. "event.publish") on `obj` in `series`.

    `changes` maps a field to (before, after); `data` holds other facts (counts, ids). Never
    put a participant's name, address or a link's token here: name people by id, so that
    deleting their data leaves nothing of them in the log. Values are stored as JSON
    (dates and other objects as their text).
    """
    return AuditEntry.objects.create(
        series=series,
        event=event if event is not None else (obj if isinstance(obj, Event) else None),
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.model_name if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        changes={field: [_json(before), _json(after)]
                 for field, (before, after) in (changes or {}).items()},
        data={key: _json(value) for key, value in (data or {}).items()},
    )


def changes_between(before: Mapping[str, Any], after: Mapping[str, Any],
                    fields: Iterable[str] | None = None) -> dict[str, tuple[Any, Any]]:
    """The fields whose value differs, as {field: (before, after)}."""
    names = fields if fields is not None else after.keys()
    return {name: (before.get(name), after.get(name)) for name in names
            if before.get(name) != after.get(name)}


def _json(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_json(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _json(item) for key, item in value.items()}
    if isinstance(value, models.Model):
        return value.pk
    return str(value)
