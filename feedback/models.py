"""The short survey an event's attendees get afterwards: one answer per registration,
given through the participant's personal link; the figures show it only in aggregate."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.models import Talk
from registrations.models import Registration


class FeedbackAnswer(models.Model):
    class ComeAgain(models.TextChoices):
        YES = "yes", _("Yes")
        MAYBE = "maybe", _("Maybe")
        NO = "no", _("No")

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE,
                                        related_name="feedback", verbose_name=_("registration"))
    rating = models.PositiveSmallIntegerField(_("overall rating"))
    most_useful_talk = models.ForeignKey(Talk, on_delete=models.SET_NULL, null=True,
                                         blank=True, related_name="+",
                                         verbose_name=_("most useful talk"))
    come_again = models.CharField(_("would come again"), max_length=5,
                                  choices=ComeAgain.choices, blank=True)
    next_topics = models.TextField(_("what the series should cover next"), blank=True)
    comment = models.TextField(_("comment"), blank=True)
    answered_at = models.DateTimeField(_("answered"))
    changed_at = models.DateTimeField(_("last changed"), null=True, blank=True)

    class Meta:
        ordering = ["answered_at", "pk"]
        verbose_name = _("feedback answer")
        verbose_name_plural = _("feedback answers")
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1) & Q(rating__lte=5),
                                   name="feedback_rating_one_to_five"),
        ]

    def __str__(self) -> str:
        return f"#{self.registration_id}: {self.rating}"


class FeedbackInvitation(models.Model):
    """The survey's invitation mailed to one attendee (once: its outbox row's cause is
    feedback:<registration>:invitation, written in the same transaction)."""

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE,
                                        related_name="feedback_invitation",
                                        verbose_name=_("registration"))
    sent_at = models.DateTimeField(_("invited at"))

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("feedback invitation")
        verbose_name_plural = _("feedback invitations")

    def __str__(self) -> str:
        return f"#{self.registration_id}: {self.sent_at:%Y-%m-%d}"
