"""Reading certificates: the verification of a code."""

from dataclasses import dataclass

from attendance.certificates.codes import code_display
from attendance.certificates.document import event_date
from attendance.models import Certificate
from registrations.models import Registration


@dataclass(frozen=True)
class Verification:
    """What the public verification page says of a certificate."""
    certificate: Certificate
    registration: Registration
    holder: str | None  # None once the holder's data has been deleted
    still_attended: bool  # False if the organisers' records changed since it was issued
    date: str  # the event's day in its zone, in the active language
    code: str  # as printed: XXXX-XXXX-XX


def certificate_verification(*, code: str) -> Verification | None:
    """The certificate with this code (in its stored form), None for an unknown code."""
    certificate = (Certificate.objects
                   .select_related("registration__participant",
                                   "registration__event__series__organiser")
                   .filter(code=code).first())
    if certificate is None:
        return None
    registration = certificate.registration
    participant = registration.participant
    return Verification(
        certificate=certificate, registration=registration,
        holder=None if participant.is_anonymised else participant.name,
        still_attended=bool(registration.attended)
        and registration.state != Registration.State.CANCELLED,
        date=event_date(registration.event), code=code_display(certificate.code))
