"""Permission cases of writing to participants, the outbox and a participant's page."""

from django.utils import timezone

from mail.models import ComposedMail, Mail
from tests.orga_cases import (
    FORBIDDEN,
    NOT_FOUND,
    OK,
    Case,
    _outside,
    leipzig_runners,
    nobody_in,
    organisers,
    series,
    team,
)
from tests.test_registrations_factories import participant_create


def _composed(world, *, series=None, author="organiser") -> ComposedMail:
    """A composed mail with one queued outbox row (to the Leipzig participant)."""
    series = series or world.series
    composed = ComposedMail.objects.create(
        series=series, author=world.users[author], key=f"case-{timezone.now().timestamp()}",
        texts={"en": {"subject": "Hello", "body": "Hello {name}"}}, states=["confirmed"],
        recipient_count=1)
    Mail.objects.create(cause=f"composed:{composed.pk}:participant:1", to="x@example.org",
                        language="en", subject="", text="", series=series, composed=composed)
    return composed


def composed_by_organiser(world) -> dict:
    return {"series": world.series.slug, "composed": _composed(world).pk}


def composed_by_leipzig(world) -> dict:
    return {"series": world.series.slug, "composed": _composed(world, author="leipzig").pk}


def composed_of_other_series(world) -> dict:
    return {"series": world.series.slug,
            "composed": _composed(world, series=world.other_series, author="outsider").pk}


def _failed_mail(world, series) -> Mail:
    return Mail.objects.create(cause=f"case:{series.pk}:{timezone.now().timestamp()}",
                               to="x@example.org", language="en", subject="S", text="T",
                               series=series, state=Mail.State.FAILED, last_error="550")


def failed_mail(world) -> dict:
    return {"series": world.series.slug, "mail": _failed_mail(world, world.series).pk}


def failed_mail_of_other_series(world) -> dict:
    return {"series": world.series.slug, "mail": _failed_mail(world, world.other_series).pk}


def participant_of(name: str):
    return lambda world: {"series": world.series.slug,
                          "participant": getattr(world, f"{name}_participant").pk}


def participant_without_registration(world) -> dict:
    return {"series": world.series.slug, "participant": participant_create().pk}


def sofia_runners() -> dict:
    return _outside(organiser=OK, leipzig=NOT_FOUND, sofia=OK)


CASES = [
    Case("mail_list", series, team()),
    Case("mail_compose", series, team()),
    Case("mail_compose", series, team(), method="post", label="preview",
         data=lambda world: {"key": "k1", "states": ["confirmed"], "subject_en": "Hi",
                             "body_en": "Hello {name}", "action": "preview"}),
    Case("mail_withdraw", composed_by_organiser,
         _outside(organiser=OK, leipzig=NOT_FOUND, sofia=NOT_FOUND), method="post"),
    Case("mail_withdraw", composed_by_leipzig,
         _outside(organiser=OK, leipzig=OK, sofia=NOT_FOUND), method="post",
         label="by a coordinator"),
    Case("mail_withdraw", composed_of_other_series, nobody_in(), method="post",
         label="other series"),
    Case("outbox", series, organisers()),
    Case("outbox_retry", failed_mail, organisers(), method="post"),
    Case("outbox_retry", failed_mail_of_other_series,
         _outside(organiser=NOT_FOUND, leipzig=FORBIDDEN, sofia=FORBIDDEN), method="post",
         label="other series"),
    Case("participant", participant_of("leipzig"), leipzig_runners()),
    Case("participant", participant_of("sofia"), sofia_runners(), label="sofia"),
    Case("participant", participant_without_registration, nobody_in(), label="no registration"),
]
