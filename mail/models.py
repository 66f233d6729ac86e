"""The outbox: one row per mail the platform has decided to send, and its delivery state;
and the mails organisers write to a series' participants (ComposedMail), each sent as one
outbox row per recipient."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event, Series


class ComposedMail(models.Model):
    """A mail an organiser wrote to the participants of a series: a subject and a body per
    language, who it goes to (registrations of these events in these states; one mail per
    participant), and when. Its outbox rows (Mail.composed) are written when it is sent or
    scheduled and rendered for each recipient when they go out."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="composed_mails",
                               verbose_name=_("series"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="composed_mails",
                               verbose_name=_("written by"))
    texts = models.JSONField(_("texts"), default=dict,
                             help_text=_('By language: {"de": {"subject": …, "body": …}}.'))
    events = models.ManyToManyField(Event, related_name="composed_mails",
                                    verbose_name=_("events"))
    states = models.JSONField(_("registration states"), default=list)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)
    key = models.CharField(
        _("form key"), max_length=64, unique=True,
        help_text=_("The key of the form it was sent from: sending the form twice sends once."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    send_at = models.DateTimeField(_("to be sent at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("composed mail")
        verbose_name_plural = _("composed mails")

    def __str__(self) -> str:
        return f"composed mail {self.pk}"

    @property
    def languages(self) -> list[str]:
        return list(self.texts)


class MailQuerySet(models.QuerySet):
    def due(self, *, now: datetime):
        """Mails a sender may claim now: queued and due, or stuck in sending past their claim."""
        return self.filter(
            Q(state=Mail.State.QUEUED, next_attempt_at__lte=now)
            | Q(state=Mail.State.SENDING, claimed_until__lt=now)
        )


class Mail(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        WITHDRAWN = "withdrawn", _("Withdrawn (no longer wanted when due)")
        # sent whole, but the server's reply to its end never came: it may have arrived, so
        # it is not sent again unless an organiser queues it again (mail.services.mail_send)
        UNCONFIRMED = "unconfirmed", _("Maybe delivered (the server did not confirm)")

    cause = models.CharField(
        _("cause"), max_length=200, unique=True,
        help_text=_("What caused the mail, e.g. registration:42:confirmed. One cause, one mail."),
    )
    to = models.EmailField(_("to"), max_length=254)
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=255)
    text = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices,
                             default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    series = models.ForeignKey(
        Series, on_delete=models.SET_NULL, null=True, blank=True, related_name="mails",
        verbose_name=_("series"), help_text=_("The series the mail is about, if one."),
        db_index=False,  # mail_series_recent begins with it
    )
    composed = models.ForeignKey(ComposedMail, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="mails", verbose_name=_("composed mail"))
    render = models.JSONField(
        _("to be rendered"), null=True, blank=True,
        help_text=_("What the sender renders before sending (kind and ids), for a mail written "
                    "without its texts; empty once rendered."),
    )

    objects = MailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("mail")
        verbose_name_plural = _("mails")
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="mail_state_next_attempt"),
            # a person's mails, in any letter case: anonymised when they delete their data
            models.Index(Lower("to"), name="mail_to_lower"),
            # a series' outbox, newest first (orga:outbox), by state too
            models.Index(fields=["series", "-created_at", "-id"], name="mail_series_recent"),
            models.Index(fields=["series", "state", "-created_at", "-id"],
                         name="mail_series_state_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["queued", "sending", "sent", "failed", "withdrawn",
                                       "unconfirmed"]),
                name="mail_state_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cause} → {self.to}"


class MailAttachment(models.Model):
    mail = models.ForeignKey(Mail, on_delete=models.CASCADE, related_name="attachments",
                             verbose_name=_("mail"))
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    content = models.BinaryField(_("content"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.filename
