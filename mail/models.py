"""The outbox: one row per mail the platform has decided to send, and its delivery state."""

from datetime import datetime

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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

    cause = models.CharField(
        _("cause"), max_length=200, unique=True,
        help_text=_("What caused the mail, e.g. registration:42:confirmed. One cause, one mail."),
    )
    to = models.EmailField(_("to"), max_length=254)
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=255)
    text = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
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
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["queued", "sending", "sent", "failed", "withdrawn"]),
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
