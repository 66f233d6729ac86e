"""The request panel of a person's profile page."""

from django import template

from matchmaking.forms_requests import RequestForm
from matchmaking.queries_meetings import block_labels, common_blocks, request_between

register = template.Library()


@register.inclusion_tag("matchmaking/includes/request_panel.html", takes_context=True)
def meeting_request_panel(context, *, viewer, person) -> dict:
    """What `viewer` (a profile) can do with `person` (another profile of the series): the
    standing request between them and its answer or withdrawal, or the form to send one."""
    panel = {"viewer": viewer, "person": person, "token": context.get("token"),
             "series": context.get("series") or viewer.series, "itself": viewer.pk == person.pk}
    if panel["itself"]:
        return panel
    standing = request_between(viewer=viewer, person=person)
    panel["standing"] = standing
    if standing is None:
        blocks = common_blocks(viewer=viewer, person=person)
        panel["blocks"] = blocks
        panel["form"] = RequestForm(blocks=blocks, labels=block_labels(blocks))
    return panel
