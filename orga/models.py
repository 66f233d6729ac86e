"""The organiser workspace's data: who runs a series (its team) and what they did (audit)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event, Region, Series


class TeamMemberQuerySet(models.QuerySet):
    def organisers(self):
        return self.filter(role=TeamMember.Role.ORGANISER)


class TeamMember(models.Model):
    """A user's role in one series: an organiser runs all of it (its team included); a
    region coordinator runs the events of one region and sees only their registrations; a
    reviewer scores the pitch applications and sees nothing else (and not the
    applications of their own organisation)."""

    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        COORDINATOR = "coordinator", _("Region coordinator")
        REVIEWER = "reviewer", _("Pitch reviewer")

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="team",
                               verbose_name=_("series"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="team_roles", verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="coordinators", null=True, blank=True,
        verbose_name=_("region"), help_text=_("The region a coordinator runs."),
    )
    organisation_name = models.CharField(
        _("organisation"), max_length=200, blank=True,
        help_text=_("A reviewer's organisation: they do not review its pitch applications."))
    added_at = models.DateTimeField(_("added at"), default=timezone.now, editable=False)

    objects = TeamMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["series", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["series", "user"], name="team_member_once_per_series"),
            models.CheckConstraint(
                condition=Q(role__in=["organiser", "reviewer"], region__isnull=True)
                | Q(role="coordinator", region__isnull=False),
                name="team_member_region_iff_coordinator",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.role} {self.series_id}"


class AuditEntry(models.Model):
    """One organiser action that changed data: who, what, when, and before/after where it
    matters. It names participants, registrations and mails by id only (never a name or an
    address), so that deleting a participant's data leaves nothing of them here."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="audit_entries",
                               verbose_name=_("series"))
    event = models.ForeignKey(Event, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="audit_entries", verbose_name=_("event"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="audit_entries", verbose_name=_("who"))
    action = models.CharField(_("action"), max_length=60, db_index=True,
                              help_text=_("What was done, e.g. event.publish."))
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True,
                               help_text=_("Field: [before, after]."))
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, editable=False,
                                      db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["series", "-created_at"], name="audit_series_recent")]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}:{self.object_id}"
