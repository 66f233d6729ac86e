"""`{% event_seats event as seats %}`: the places of an event for the public pages of the
events app (templates may use this app; its Python code may not import it)."""

from django import template

from registrations import queries

register = template.Library()


@register.simple_tag
def event_seats(event) -> queries.Seats:
    return queries.event_seats(event=event)
