"""The request panel of a person's profile page (TO BE WRITTEN by R)."""

from django import template

register = template.Library()


@register.inclusion_tag("matchmaking/includes/request_panel.html", takes_context=True)
def meeting_request_panel(context, *, viewer, person) -> dict:
    """What `viewer` (a profile) can do with `person` (another profile of the series): the
    standing request between them and its answer or withdrawal, or the form to send one."""
    return {"viewer": viewer, "person": person, "token": context.get("token"),
            "series": context.get("series")}
