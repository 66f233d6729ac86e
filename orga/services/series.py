"""Writes of a series' set-up: the series, its themes and regions, its privacy notice and
its team. Each runs in one transaction with its audit entry (orga.services.audit), the
changed fields' values before and after in it; a refusal raises SetupError with a
translated message and changes nothing."""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any
from uuid import uuid4

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from attendance.services import series_attendance_recompute
from events.models import Region, Series, Theme
from mail.services import mail_queue
from orga.models import TeamMember
from orga.services.audit import audit_record, changes_between
from registrations.models import ConsentText
from registrations.services.base import series_lock

Role = TeamMember.Role


class SetupError(Exception):
    """A change the set-up rules refuse; the message is translated and shown as it is."""


def _values(obj: models.Model, names) -> dict[str, Any]:
    """The fields' values as the audit log keeps them (an object as its id, a file as its
    name)."""
    values = {}
    for name in names:
        value = getattr(obj, obj._meta.get_field(name).attname)
        values[name] = (value.name or "") if isinstance(value, models.fields.files.FieldFile) \
            else value
    return values


class _Change:
    """Values set on an object, and which of them change it (read again after the save:
    an uploaded file gets its stored name then)."""

    def __init__(self, obj: models.Model, values: Mapping[str, Any]) -> None:
        self.obj, self.names = obj, list(values)
        self.before = _values(obj, self.names)
        for name, value in values.items():  # a cleared file field arrives as False
            cleared = value is False and isinstance(obj._meta.get_field(name), models.FileField)
            setattr(obj, name, "" if cleared else value)

    def changes(self) -> dict[str, tuple[Any, Any]]:
        return changes_between(self.before, _values(self.obj, self.names))


@contextmanager
def _unless_taken(message: str) -> Iterator[None]:
    """Write in a savepoint; a unique address or membership taken by a concurrent request
    (after the form checked it) is refused with `message` instead of an error."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        raise SetupError(message) from error


def _taken_address(slug: str) -> str:
    return _("The address “%(slug)s” was taken a moment ago; please choose another one.") % {
        "slug": slug}


def _apply(obj: models.Model, values: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Set `values` on `obj`; the changed fields (for objects without files)."""
    return _Change(obj, values).changes()


# The series ---------------------------------------------------------------------------


@transaction.atomic
def series_create(*, actor, values: Mapping[str, Any]) -> Series:
    """Start a new series, neither published nor open for registration.

    Steps: 1. create the series from `values` (slug, texts, organiser, languages);
    2. make `actor` its organiser; 3. record it in the audit log.
    """
    series = Series(is_published=False, registration_open=False)
    _apply(series, values)
    with _unless_taken(_taken_address(series.slug)):
        series.save()
    member = TeamMember.objects.create(series=series, user=actor, role=Role.ORGANISER)
    audit_record(series=series, actor=actor, action="series.create", obj=series,
                 data={"slug": series.slug})
    audit_record(series=series, actor=actor, action="team.add", obj=member,
                 data={"user": actor.pk, "role": member.role})
    return series


@transaction.atomic
def series_update(*, actor, series: Series, values: Mapping[str, Any]) -> Series:
    """Change a series' settings: lock and re-read it (the values before are those stored,
    not those of the object a form changed), save the fields of `values` that changed, and
    record them (before and after) in the audit log; a new attendance threshold
    recomputes who attended its events (attendance.services.series_attendance_recompute).
    Nothing changed: nothing is written."""
    locked = Series.objects.select_for_update(no_key=True).get(pk=series.pk)
    change = _Change(locked, values)
    if change.changes():
        locked.save()
        if "attendance_threshold_minutes" in change.changes():
            series_attendance_recompute(series=locked)
        audit_record(series=locked, actor=actor, action="series.update", obj=locked,
                     changes=change.changes())
    return locked


# Themes and regions -------------------------------------------------------------------


def _kind(obj: Theme | Region) -> str:
    return obj._meta.model_name  # "theme" or "region"


@transaction.atomic
def part_create(*, actor, part: Theme | Region, values: Mapping[str, Any]) -> Theme | Region:
    """Add a theme or a region (`part`, unsaved, its series set) at the end of the list."""
    _apply(part, values)
    last = type(part).objects.filter(series=part.series_id).aggregate(
        last=Max("position"))["last"]
    part.position = 0 if last is None else last + 1
    with _unless_taken(_taken_address(part.slug)):
        part.save()
    audit_record(series=part.series, actor=actor, action=f"{_kind(part)}.create", obj=part,
                 data={"slug": part.slug})
    return part


@transaction.atomic
def part_update(*, actor, part: Theme | Region, values: Mapping[str, Any]) -> Theme | Region:
    """Change a theme or a region (locked and re-read: the values before are those
    stored); record the changed fields."""
    locked = type(part).objects.select_for_update().get(pk=part.pk)
    changes = _apply(locked, values)
    if changes:
        with _unless_taken(_taken_address(locked.slug)):
            locked.save()
        audit_record(series=part.series, actor=actor, action=f"{_kind(part)}.update",
                     obj=locked, changes=changes)
    return locked


def region_delete_refusal(*, region: Region) -> str | None:
    """Why a region cannot be deleted, or None: its events (and their registrations) and
    its coordinators would go with it, so they must be moved first."""
    events = region.events.count()
    if events:
        return _("%(region)s has %(count)s event(s): move them to another region (or delete "
                 "them) first.") % {"region": region.name, "count": events}
    coordinators = region.coordinators.count()
    if coordinators:
        return _("%(region)s has %(count)s coordinator(s) in the team: give them another "
                 "region (or remove them from the team) first.") % {
            "region": region.name, "count": coordinators}
    return None


@transaction.atomic
def part_delete(*, actor, part: Theme | Region) -> None:
    """Delete a theme (its tags on events, talks and participants' interests go with it) or
    a region without events or coordinators (region_delete_refusal); record it."""
    if isinstance(part, Region) and (refusal := region_delete_refusal(region=part)):
        raise SetupError(refusal)
    audit_record(series=part.series, actor=actor, action=f"{_kind(part)}.delete", obj=part,
                 data={"slug": part.slug, "name": part.name})
    part.delete()


@transaction.atomic
def part_move(*, actor, part: Theme | Region, up: bool) -> None:
    """Move a theme or a region one place up or down in its series' list: number them all
    0, 1, 2, … in the new order (positions may have been equal), record the move."""
    siblings = list(type(part).objects.select_for_update().filter(series=part.series_id)
                    .order_by("position", "slug"))
    index = next(i for i, item in enumerate(siblings) if item.pk == part.pk)
    target = index - 1 if up else index + 1
    if not 0 <= target < len(siblings):
        return
    siblings.insert(target, siblings.pop(index))
    for position, item in enumerate(siblings):
        if item.position != position:
            type(part).objects.filter(pk=item.pk).update(position=position)
    audit_record(series=part.series, actor=actor, action=f"{_kind(part)}.move", obj=part,
                 changes={"position": (index, target)})


# The privacy notice ---------------------------------------------------------------------


@transaction.atomic
def consent_text_publish(*, actor, series: Series, texts: Mapping[str, Any]) -> ConsentText:
    """A new version of the series' privacy notice: the versions before stay as they were
    (somebody may have agreed to them); registering asks for the new one from now on.

    Steps: 1. lock the series (registrations that check the notice's version wait or are
    waited for); 2. refuse a text that is the current version's; 3. create the next
    version; 4. record it in the audit log.
    """
    series_lock(series_id=series.pk)
    current = ConsentText.objects.filter(series=series).order_by("-version").first()
    if current is not None and not changes_between(_values(current, texts), texts):
        raise SetupError(_("This is the text of version %(version)s word for word: change it "
                           "to publish a new version.") % {"version": current.version})
    consent = ConsentText(series=series, version=(current.version if current else 0) + 1)
    _apply(consent, texts)
    consent.save()
    audit_record(series=series, actor=actor, action="consent_text.create", obj=consent,
                 data={"version": consent.version})
    return consent


# The team -------------------------------------------------------------------------------


def _member_data(member: TeamMember) -> dict[str, Any]:
    data = {"user": member.user_id, "role": member.role, "region": member.region_id}
    if member.organisation_name:
        data["organisation"] = member.organisation_name
    return data


@transaction.atomic
def team_member_add(*, actor, series: Series, user, role: str, region: Region | None,
                    organisation_name: str = "") -> TeamMember:
    """Add an existing user to the series' team (a reviewer with their organisation);
    record it."""
    already = _("%(user)s is in the team already.") % {"user": user.get_username()}
    with _unless_taken(already):
        member = TeamMember.objects.create(series=series, user=user, role=role, region=region,
                                           organisation_name=organisation_name)
    audit_record(series=series, actor=actor, action="team.add", obj=member,
                 data=_member_data(member))
    return member


@transaction.atomic
def team_member_invite(*, actor, series: Series, email: str, role: str,
                       region: Region | None, organisation_name: str = "") -> TeamMember:
    """Invite somebody without an account into the team.

    Steps: 1. create their user (user name: the address; no password yet); 2. add them to
    the team; 3. record it; 4. queue the invitation with a link to set their password (the
    password reset's link, valid for settings.PASSWORD_RESET_TIMEOUT), in the inviter's
    language.
    """
    with _unless_taken(_("%(user)s has an account already: please add them by their "
                         "address again.") % {"user": email}):
        user = get_user_model().objects.create_user(email.lower()[:150], email=email)
    member = TeamMember.objects.create(series=series, user=user, role=role, region=region,
                                       organisation_name=organisation_name)
    audit_record(series=series, actor=actor, action="team.invite", obj=member,
                 data=_member_data(member))
    team_invitation_queue(series=series, user=user)
    return member


def team_invitation_queue(*, series: Series, user) -> None:
    """The mail inviting `user` into the team of `series`, with a link to set a password."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        path = reverse("orga:password_reset_confirm", kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user)})
        series_title = series.title
    mail_queue(cause=f"orga:team-invitation:{user.pk}:{uuid4().hex}", to=user.email,
               language=language, template="orga_team_invitation",
               context={"username": user.get_username(), "series": series_title,
                        "link": settings.SITE_URL + path})


@transaction.atomic
def team_invitation_resend(*, actor, member: TeamMember) -> None:
    """Send the invitation again to a member who has not set a password yet (the first
    link expired or got lost); record it."""
    if member.user.has_usable_password():
        raise SetupError(_("%(user)s has set a password already: they can ask for a new one "
                           "on the login page.") % {"user": member.user.get_username()})
    audit_record(series=member.series, actor=actor, action="team.invite_again", obj=member,
                 data={"user": member.user_id})
    team_invitation_queue(series=member.series, user=member.user)


def _organisers_lock(*, series_id: int, member_id: int) -> tuple[list[int], TeamMember]:
    """Lock the series' organisers, then the member (the same order for every team change:
    two organisers demoting each other one at a time never leave the series without one);
    the organisers' ids and the member as it is now."""
    organisers = list(TeamMember.objects.select_for_update().filter(
        series_id=series_id, role=Role.ORGANISER).order_by("pk").values_list("pk", flat=True))
    member = TeamMember.objects.select_for_update().filter(pk=member_id).first()
    if member is None:
        raise SetupError(_("This person is no longer in the team."))
    return organisers, member


@transaction.atomic
def team_member_change(*, actor, member: TeamMember, role: str, region: Region | None,
                       organisation_name: str = "") -> TeamMember:
    """Change a member's role, region or organisation; the last organiser stays an
    organiser."""
    organisers, locked = _organisers_lock(series_id=member.series_id, member_id=member.pk)
    if locked.role == Role.ORGANISER and role != Role.ORGANISER and organisers == [locked.pk]:
        raise SetupError(_("The series needs at least one organiser: make somebody else an "
                           "organiser first."))
    changes = _apply(locked, {"role": role, "region": region,
                              "organisation_name": organisation_name})
    if changes:
        locked.save(update_fields=["role", "region", "organisation_name"])
        audit_record(series=member.series, actor=actor, action="team.change", obj=locked,
                     changes=changes, data={"user": locked.user_id})
    member.role, member.region = locked.role, locked.region
    member.organisation_name = locked.organisation_name
    return member


@transaction.atomic
def team_member_remove(*, actor, member: TeamMember) -> None:
    """Remove somebody from the team (their account stays); never the last organiser."""
    organisers, locked = _organisers_lock(series_id=member.series_id, member_id=member.pk)
    if organisers == [locked.pk]:
        raise SetupError(_("The series needs at least one organiser: make somebody else an "
                           "organiser before you remove the last one."))
    audit_record(series=member.series, actor=actor, action="team.remove", obj=locked,
                 data=_member_data(locked))
    locked.delete()
