"""Who may do what in the organiser workspace: the one place for it (django-rules).

Roles are per series (orga.models.TeamMember): an *organiser* may do everything in the
series, its team included; a *region coordinator* runs the events of their region and
sees only those events' registrations and participants; a *reviewer* scores the pitch
applications and sees nothing else (every other page of the series is forbidden to them).
Active superusers (system administrators) pass every check, as Django's permissions have
them.

Views never test roles themselves: they fetch an object through orga.access, which asks
these permissions (404 for whom the object does not exist, 403 for a team member whose
role does not allow the action).
"""

import rules

from events.models import Event, Series


def roles_of(user) -> dict[int, tuple[str, int | None]]:
    """The user's roles as {series id: (role, region id)}, read once per user object
    (one query per request)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_orga_roles", None)
    if cached is None:
        from orga.models import TeamMember

        cached = {series_id: (role, region_id) for series_id, role, region_id in
                  TeamMember.objects.filter(user=user).values_list("series_id", "role",
                                                                   "region_id")}
        user._orga_roles = cached
    return cached


def _series_id(obj) -> int | None:
    if isinstance(obj, Series):
        return obj.pk
    return getattr(obj, "series_id", None)


@rules.predicate
def is_in_team(user, series: Series) -> bool:
    """Any role in the series, a reviewer's included: the series is there for them."""
    return _series_id(series) in roles_of(user)


@rules.predicate
def is_team_member(user, series: Series) -> bool:
    """An organiser or a coordinator: who runs (part of) the series."""
    role = roles_of(user).get(_series_id(series))
    return role is not None and role[0] in ("organiser", "coordinator")


@rules.predicate
def is_reviewer(user, obj) -> bool:
    role = roles_of(user).get(_series_id(obj))
    return role is not None and role[0] == "reviewer"


@rules.predicate
def is_organiser(user, obj) -> bool:
    """An organiser of the series (obj: a series, or anything with a series_id)."""
    role = roles_of(user).get(_series_id(obj))
    return role is not None and role[0] == "organiser"


@rules.predicate
def is_event_coordinator(user, event: Event) -> bool:
    """A coordinator of the event's region (an event without a region has none)."""
    role = roles_of(user).get(event.series_id)
    return (role is not None and role[0] == "coordinator" and event.region_id is not None
            and role[1] == event.region_id)


@rules.predicate
def is_coordinator(user, series: Series) -> bool:
    role = roles_of(user).get(_series_id(series))
    return role is not None and role[0] == "coordinator"


def coordinated_region_id(user, series: Series) -> int | None:
    """The region a coordinator runs in the series (None for organisers and others)."""
    role = roles_of(user).get(series.pk)
    return role[1] if role is not None and role[0] == "coordinator" else None


@rules.predicate
def is_author(user, obj) -> bool:
    """The one who wrote it (a composed mail: obj.author_id)."""
    return getattr(user, "pk", None) is not None and getattr(obj, "author_id", None) == user.pk


def is_organiser_of_a_series(user) -> bool:
    """An organiser of any series: may start another one."""
    return any(role == "organiser" for role, _region in roles_of(user).values())


runs_event = is_organiser | is_event_coordinator

# A new series (no object): system administrators pass every check; organisers of a series
rules.add_perm("orga.add_series", is_organiser_of_a_series)

# The series as a whole: there for every role (orga.access answers 404 to anyone else), and
# viewable by those who run it
rules.add_perm("orga.open_series", is_in_team)
rules.add_perm("orga.view_series", is_team_member)
rules.add_perm("orga.change_series", is_organiser)       # texts, themes, regions, notice
rules.add_perm("orga.manage_team", is_organiser)
rules.add_perm("orga.view_audit", is_organiser)
rules.add_perm("orga.view_outbox", is_organiser)
rules.add_perm("orga.add_event", is_organiser | is_coordinator)  # coordinators: their region
rules.add_perm("orga.send_mail", is_organiser | is_coordinator)  # to whom they may see
rules.add_perm("orga.view_registrations", is_team_member)        # coordinators: their events

# One composed mail (obj: a mail.ComposedMail): its organisers, or the coordinator who wrote it
rules.add_perm("orga.withdraw_mail", is_organiser | (is_coordinator & is_author))

# One event (obj: an Event)
rules.add_perm("orga.view_event", runs_event)
rules.add_perm("orga.change_event", runs_event)                  # details, agenda, status
rules.add_perm("orga.manage_registrations", runs_event)         # add, cancel, capacity

# After the event (obj: an Event): attendance from the video tool and the check-in at the
# door, the survey to its attendees, its figures (counts, no personal data beyond the
# event's own registrations, which its runners see anyway)
rules.add_perm("orga.import_attendance", runs_event)
rules.add_perm("orga.check_in", runs_event)
rules.add_perm("orga.send_feedback", runs_event)
rules.add_perm("orga.view_event_figures", runs_event)

# The series' figures and the funder's export span every region: organisers only
rules.add_perm("orga.view_figures", is_organiser)
# Reports (news) speak for the whole series on its public site: organisers draft, edit and
# publish them (obj: the series, or a reports.Report)
rules.add_perm("orga.change_report", is_organiser)

# The SME pitch session (obj: the series): organisers set the call, decide, line up and
# run the vote; reviewers (and organisers) read and score the applications — but not
# those of their own organisation (pitches.queries.review_refusal)
rules.add_perm("orga.change_pitch_call", is_organiser)
rules.add_perm("orga.view_pitches", is_organiser | is_reviewer)
rules.add_perm("orga.review_pitches", is_organiser | is_reviewer)
rules.add_perm("orga.decide_pitches", is_organiser)
rules.add_perm("orga.run_pitch_vote", is_organiser)

# B2B matchmaking (obj: the series): organisers set it up (its networking blocks, limits and
# room address), schedule the meetings and read its figures
rules.add_perm("orga.run_matchmaking", is_organiser)
