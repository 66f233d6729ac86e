"""The audit log's filters, and the readable names of the actions it records."""

import operator
from functools import reduce

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.models import Series

# What an action is called on the audit page (an action not named here shows its code)
ACTION_LABELS = {
    "series.create": _("Series created"),
    "series.update": _("Series settings changed"),
    "theme.create": _("Theme added"),
    "theme.update": _("Theme changed"),
    "theme.delete": _("Theme deleted"),
    "theme.move": _("Theme moved"),
    "region.create": _("Region added"),
    "region.update": _("Region changed"),
    "region.delete": _("Region deleted"),
    "region.move": _("Region moved"),
    "consent_text.create": _("Privacy notice: new version"),
    "team.add": _("Team member added"),
    "team.invite": _("Team member invited"),
    "team.invite_again": _("Invitation sent again"),
    "team.change": _("Team member's role changed"),
    "team.remove": _("Team member removed"),
    "event.create": _("Event created"),
    "event.edit": _("Event changed"),
    "event.duplicate": _("Event duplicated"),
    "event.publish": _("Event published"),
    "event.unpublish": _("Event unpublished"),
    "event.cancel": _("Event cancelled"),
    "event.capacity": _("Capacity changed"),
    "talk.create": _("Talk added"),
    "talk.change": _("Talk changed"),
    "talk.delete": _("Talk deleted"),
    "talk.move": _("Talk moved"),
    "speaker.create": _("Speaker created"),
    "organisation.create": _("Organisation created"),
    "registration.add": _("Participant registered by hand"),
    "registration.cancel": _("Registration cancelled"),
    "mail.send": _("Mail to participants"),
    "mail.retry": _("Mail sent again"),
    "mail.withdraw": _("Mail withdrawn"),
    "mail.feedback_invitation": _("Survey sent to attendees"),
    "speaker.change": _("Speaker changed"),
    "registration.check_in": _("Checked in at the door"),
    "attendance.import": _("Attendance report imported"),
    "attendance.remove": _("Attendance import taken back"),
    "report.draft": _("Report drafted"),
    "report.redraft": _("Report drafted again"),
    "report.edit": _("Report changed"),
    "report.publish": _("Report published"),
    "report.unpublish": _("Report unpublished"),
    "report.delete": _("Report deleted"),
    "report.image_add": _("Report image uploaded"),
    "report.image_delete": _("Report image deleted"),
    "pitch_call.create": _("Call for pitches created"),
    "pitch_call.update": _("Call for pitches changed"),
    "pitch.review": _("Pitch application reviewed"),
    "pitch.decide": _("Decision on a pitch application"),
    "pitch_vote.open": _("Audience vote opened"),
    "pitch_vote.close": _("Audience vote closed"),
    "pitch_vote.announce": _("Audience vote's result announced"),
    "matchmaking.settings": _("Matchmaking settings changed"),
    "matchmaking.schedule_all": _("Meetings scheduled (“Schedule all”)"),
    "networking_block.create": _("Networking block added"),
    "networking_block.update": _("Networking block changed"),
    "networking_block.delete": _("Networking block deleted"),
}


# The kinds of action, as the filter groups them: (key, label, action prefixes)
ACTION_GROUPS = [
    ("settings", _("Settings"), ("series.",)),
    ("themes", _("Themes"), ("theme.",)),
    ("regions", _("Partner regions"), ("region.",)),
    ("privacy", _("Privacy notice"), ("consent_text.",)),
    ("team", _("Team"), ("team.",)),
    ("events", _("Events"), ("event.",)),
    ("agenda", _("Agenda"), ("talk.", "speaker.", "organisation.")),
    ("registrations", _("Registrations"), ("registration.",)),
    ("mails", _("Outbox"), ("mail.",)),
    ("attendance", _("Attendance"), ("attendance.",)),
    ("reports", _("Reports"), ("report.",)),
    ("pitches", _("Pitches"), ("pitch.", "pitch_call.")),
    ("pitch_vote", _("Audience vote"), ("pitch_vote.",)),
    ("matchmaking", _("Matchmaking"), ("matchmaking.", "networking_block.")),
]
GROUP_PREFIX = "group:"  # a filter value that stands for every action of a group


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def action_group(action: str) -> tuple[str, str, tuple[str, ...]] | None:
    return next((group for group in ACTION_GROUPS if action.startswith(group[2])), None)


def action_choices(actions) -> list:
    """The actions of a log as grouped choices: per kind, first all of its actions, then
    each one; actions of no known kind under "Other"."""
    grouped: dict[str, list] = {}
    for action in sorted(actions, key=action_label):
        group = action_group(action)
        grouped.setdefault(group[0] if group else "", []).append((action, action_label(action)))
    choices = []
    for key, label, _prefixes in ACTION_GROUPS:
        if key in grouped:
            every = _("%(kind)s: every action") % {"kind": label}
            choices.append((label, [(GROUP_PREFIX + key, every), *grouped[key]]))
    if "" in grouped:
        choices.append((_("Other"), grouped[""]))
    return choices


def action_filter(value: str) -> Q:
    """The log's filter for a chosen action or kind of action."""
    if not value.startswith(GROUP_PREFIX):
        return Q(action=value)
    prefixes = next(group[2] for group in ACTION_GROUPS
                    if group[0] == value.removeprefix(GROUP_PREFIX))
    return reduce(operator.or_, (Q(action__startswith=prefix) for prefix in prefixes))


class AuditFilterForm(forms.Form):
    """Filter the log by who, which event and what; every choice from the series' own log."""

    actor = forms.TypedChoiceField(label=_("Who"), required=False, coerce=int, empty_value=None)
    event = forms.TypedChoiceField(label=_("Event"), required=False, coerce=int, empty_value=None)
    action = forms.ChoiceField(label=_("What"), required=False)

    def __init__(self, *args, series: Series, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        actors = (get_user_model().objects.filter(audit_entries__series=series).distinct()
                  .order_by("username").values_list("pk", "username"))
        self.fields["actor"].choices = [("", _("Everybody")), *actors]
        events = [(event.pk, event.title) for event in series.events.order_by("start")]
        self.fields["event"].choices = [("", _("All events")), *events]
        actions = series.audit_entries.order_by().values_list("action", flat=True).distinct()
        self.fields["action"].choices = [("", _("Every action")), *action_choices(actions)]
        for name in self.fields:
            self.fields[name].error_messages["invalid_choice"] = _(
                "This choice is not in the log of this series: please choose from the list.")
