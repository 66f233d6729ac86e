"""Issuing a certificate of attendance (the only write of certificates)."""

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from attendance.certificates.codes import code_new
from attendance.models import Certificate
from core.db import insert_unless_taken, retry_on_conflict
from registrations.models import Registration

logger = logging.getLogger(__name__)
CODE_ATTEMPTS = 5  # 50 random bits: a second draw is already a rarity


class CertificateRefused(Exception):
    """A registration that has no certificate; the message (translated) says why."""


def certificate_refusal(registration: Registration, *, now: datetime | None = None) -> str | None:
    """Why `registration` has no certificate (a translated sentence), or None when it has
    one: its participant's data still exists, it was not cancelled, nor was its event, the
    event is over, and the participant attended (Registration.attended)."""
    event = registration.event
    if registration.participant.is_anonymised:
        return _("Your data has been deleted, so no certificate can be issued any more.")
    if registration.state == Registration.State.CANCELLED:
        return _("This registration was cancelled: there is no certificate for it.")
    if event.is_cancelled:
        return _("This event was cancelled: there is no certificate for it.")
    if event.end >= (now or timezone.now()):
        return _("This event is not over yet. Its certificate can be downloaded once the "
                 "event has ended and your attendance has been recorded.")
    if registration.attended is None:
        return _("Your attendance at this event has not been recorded (yet). If you took "
                 "part, please contact the organisers.")
    if not registration.attended:
        return _("The organisers' records do not show you as having attended this event, so "
                 "there is no certificate for it. If you took part, please contact them.")
    return None


@retry_on_conflict
def certificate_issue(*, registration_id: int) -> Certificate:
    """The certificate of a registration: issued on its first download, the same one (and
    code) ever after. Raises CertificateRefused for a registration that has none.

    Steps, in one short transaction (no lock: the unique constraints decide):
    1. read the registration with its participant and event; refuse what has no
       certificate (certificate_refusal);
    2. return the certificate it already has;
    3. else insert one with a new random code (INSERT … ON CONFLICT DO NOTHING): when
       nothing was inserted, either a concurrent first download issued the registration's
       certificate (it is returned) or the code was taken (a new code is drawn, up to
       CODE_ATTEMPTS times);
    4. log the certificate's and the registration's ids.
    """
    with transaction.atomic():
        registration = Registration.objects.select_related("participant", "event").get(
            pk=registration_id)
        refusal = certificate_refusal(registration)
        if refusal is not None:
            raise CertificateRefused(refusal)
        existing = Certificate.objects.filter(registration=registration).first()
        if existing is not None:
            return existing
        for _attempt in range(CODE_ATTEMPTS):
            certificate = Certificate(registration=registration, code=code_new(),
                                      issued_at=timezone.now())
            if insert_unless_taken(certificate):
                logger.info("certificate %s issued for registration %s", certificate.pk,
                            registration.pk)
                return certificate
            existing = Certificate.objects.filter(registration=registration).first()
            if existing is not None:
                return existing
        raise RuntimeError(f"no free certificate code in {CODE_ATTEMPTS} draws")
