"""Who attended an event: the attendance reports imported from the video tool, the minutes
each report gives a registration, and the certificates of attendance.

A registration's `attended_minutes` is the sum of its records over the event's imports (a
second Zoom session adds to the first; the same file twice is one import, by its content's
hash), and `attended` holds when those minutes reach the series' threshold
(Series.attendance_threshold_minutes) or the participant was checked in at the door
(Registration.checked_in_at).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models import Event
from registrations.models import Registration


class AttendanceImport(models.Model):
    """One attendance report file imported for an event."""

    class Format(models.TextChoices):
        ZOOM = "zoom", _("Zoom participants report")
        TEAMS = "teams", _("Microsoft Teams attendance report")
        TABLE = "table", _("Table of e-mail addresses or names and minutes")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendance_imports",
                              verbose_name=_("event"))
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    meeting_id = models.CharField(
        _("meeting"), max_length=100, blank=True,
        help_text=_("The video tool's meeting or session id, when the report names one."))
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("imported by"))
    imported_at = models.DateTimeField(_("imported"))

    class Meta:
        ordering = ["event", "imported_at", "pk"]
        verbose_name = _("attendance import")
        verbose_name_plural = _("attendance imports")
        constraints = [
            models.UniqueConstraint(fields=["event", "sha256"],
                                    name="attendance_import_file_once_per_event"),
        ]

    def __str__(self) -> str:
        return f"{self.event} – {self.file_name or self.sha256[:12]}"


class AttendanceRecord(models.Model):
    """The minutes one import gives one registration (its rows for that person summed)."""

    source = models.ForeignKey(AttendanceImport, on_delete=models.CASCADE,
                               related_name="records", verbose_name=_("import"))
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="attendance_records",
                                     verbose_name=_("registration"))
    minutes = models.PositiveIntegerField(_("minutes"))

    class Meta:
        ordering = ["source", "pk"]
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance records")
        constraints = [
            models.UniqueConstraint(fields=["source", "registration"],
                                    name="attendance_record_once_per_import"),
        ]

    def __str__(self) -> str:
        return f"#{self.registration_id}: {self.minutes} min"


class Certificate(models.Model):
    """A certificate of attendance, issued on its first download: anyone with its code can
    verify it (attendance.views); it names its holder only while their data exists."""

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE,
                                        related_name="certificate",
                                        verbose_name=_("registration"))
    code = models.CharField(_("verification code"), max_length=16, unique=True)
    issued_at = models.DateTimeField(_("issued"))

    class Meta:
        ordering = ["issued_at", "pk"]
        verbose_name = _("certificate of attendance")
        verbose_name_plural = _("certificates of attendance")

    def __str__(self) -> str:
        return self.code


class PendingAttendanceImport(models.Model):
    """An uploaded report between its preview and its saving: the rows as read (JSON), kept
    in the database (not in the public media folder, not in one app host's memory), for
    the organiser who uploaded it only, and for a day (PENDING_HOURS): saving deletes it,
    and every upload deletes those expired (attendance.services.pending_imports_expire)."""

    PENDING_HOURS = 24

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+",
                              verbose_name=_("event"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                    related_name="+", verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded"))
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    format = models.CharField(_("format"), max_length=10, choices=AttendanceImport.Format.choices)
    meeting_id = models.CharField(_("meeting"), max_length=100, blank=True)
    rows = models.JSONField(_("rows"), default=list,
                            help_text=_("The report's rows: name, email, minutes, role, joins."))
    warnings = models.JSONField(_("warnings"), default=list)
    other_day = models.BooleanField(
        _("meeting on another day"), default=False,
        help_text=_("The report's meeting began on another day than the event: saving asks "
                    "the organiser to confirm that it is this event's report."))

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attendance report awaiting saving")
        verbose_name_plural = _("attendance reports awaiting saving")
        indexes = [models.Index(fields=["uploaded_at"], name="attendance_pending_uploaded")]

    def __str__(self) -> str:
        return f"{self.event_id} – {self.file_name or self.sha256[:12]} (pending)"
