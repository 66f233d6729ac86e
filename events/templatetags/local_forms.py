"""Times in the reader's language with their time zone named (core.local_forms)."""

from datetime import datetime

from django import template

from core import local_forms
from events.models import Event

register = template.Library()


@register.simple_tag
def event_when(event: Event) -> local_forms.When:
    """`{% event_when event as when %}`: the event's date, times and zone."""
    return local_forms.when(event.start, event.end, event.time_zone)


@register.filter
def zone_label(moment: datetime, zone: str) -> str:
    """`{{ talk.start|zone_label:event.time_zone }}`: "Sofia time (EET, UTC+2)"."""
    return local_forms.zone_label(zone, moment)
