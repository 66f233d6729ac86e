"""The workspace's navigation: {% orga_nav series as items %} in orga/base.html."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()

# (URL name, label, permission on the series): the sections of a series in the workspace
SECTIONS = [
    ("orga:series_overview", _("Overview"), "orga.view_series"),
    ("orga:registrations", _("Registrations"), "orga.view_registrations"),
    ("orga:mail_compose", _("Write to participants"), "orga.send_mail"),
    ("orga:outbox", _("Outbox"), "orga.view_outbox"),
    ("orga:figures", _("Figures"), "orga.view_figures"),
    ("orga:reports", _("Reports"), "orga.change_report"),
    # organisers decide on the applications, reviewers (only) review them
    ("orga:pitch_applications", _("Pitches"), "orga.decide_pitches"),
    ("orga:pitch_reviews", _("Pitches"), "orga.review_pitches"),
    ("orga:matchmaking", _("Matchmaking"), "orga.run_matchmaking"),
    ("orga:team", _("Team"), "orga.manage_team"),
    ("orga:series_edit", _("Settings"), "orga.change_series"),
    ("orga:audit", _("Audit log"), "orga.view_audit"),
]


@register.simple_tag(takes_context=True)
def orga_nav(context: template.Context, series) -> list[dict]:
    """The sections of `series` the user may open, the current one marked."""
    request = context["request"]
    here = request.resolver_match.view_name if request.resolver_match else ""
    items = []
    for name, label, perm in SECTIONS:
        if not request.user.has_perm(perm, series) or any(
                item["label"] == label for item in items):  # one entry per section
            continue
        try:
            url = reverse(name, kwargs={"series": series.slug})
        except NoReverseMatch:  # a section this installation does not have
            continue
        current = here == name or any(name.startswith(prefix) and here.startswith(prefix)
                                      for prefix in ("orga:pitch_", "orga:matchmaking"))
        items.append({"url": url, "label": label, "current": current})
    return items
