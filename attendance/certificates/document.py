"""What a certificate says, read from the database once (CertificateDocument), and its PDF
drawn from that alone (certificate_pdf: no query, no transaction held while it renders).

The HTML comes from a Django template (attendance/certificate_pdf.html) in the holder's
language, with the same catalogues and date formats as the pages; attendance.certificates.pdf
turns it into a PDF.
"""

import base64
import logging
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation

from attendance.certificates.codes import code_display
from attendance.models import Certificate
from core.i18n import url_language
from events.content_language import translated_entry
from events.models import Event, Series

logger = logging.getLogger(__name__)

LOGO_TYPES = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg", b"RIFF": "image/webp"}


@dataclass(frozen=True)
class CertificateDocument:
    language: str
    holder: str
    event: dict  # {"title": …, "title_language": …} (events.content_language)
    series: dict
    date: str  # in the event's zone, in the holder's language
    minutes: int | None  # None: ticked off at the door, minutes unknown
    organiser: str
    logo: str | None  # a data: URL
    code: str  # as shown: XXXX-XXXX-XX
    verify_url: str
    issued: str


def event_date(event: Event) -> str:
    """The event's day (or days) in its own zone, in the active language."""
    start, end = event.local_start.date(), event.local_end.date()
    text = formats.date_format(start, "DATE_FORMAT")
    if end != start:
        text = f"{text} – {formats.date_format(end, 'DATE_FORMAT')}"
    return text


def verify_url(code: str, *, language: str) -> str:
    with translation.override(url_language(language)):
        return settings.SITE_URL + reverse("attendance:verify_code", kwargs={"code": code})


def _logo(series: Series) -> str | None:
    """The series' logo, else its organiser's, as a data: URL (None when there is none, or
    it cannot be read)."""
    for image in (series.logo, series.organiser.logo):
        if not image:
            continue
        try:
            with image.open("rb") as file:
                content = file.read(2 * 1024 * 1024)
        except OSError:
            logger.warning("certificate: the logo of series %s cannot be read", series.pk)
            continue
        kind = next((kind for magic, kind in LOGO_TYPES.items() if content.startswith(magic)),
                    None)
        if kind is not None:
            return f"data:{kind};base64,{base64.b64encode(content).decode('ascii')}"
    return None


def certificate_document(*, certificate_id: int) -> CertificateDocument:
    """Everything the certificate shows, in its holder's language (Participant.language)."""
    certificate = Certificate.objects.select_related(
        "registration__participant", "registration__event__series__organiser").get(
        pk=certificate_id)
    registration = certificate.registration
    participant, event = registration.participant, registration.event
    series = event.series
    language = participant.language
    with translation.override(url_language(language)):
        return CertificateDocument(
            language=language, holder=participant.name,
            event=translated_entry("title", event, "title", language=language),
            series=translated_entry("title", series, "title", language=language),
            date=event_date(event), minutes=registration.attended_minutes,
            organiser=series.organiser.name, logo=_logo(series),
            code=code_display(certificate.code),
            verify_url=verify_url(certificate.code, language=language),
            issued=formats.date_format(certificate.issued_at.astimezone(event.tzinfo).date(),
                                       "DATE_FORMAT"))


def certificate_pdf(document: CertificateDocument) -> bytes:
    """The PDF of a certificate (A4 landscape, one page)."""
    from attendance.certificates.pdf import pdf_render  # WeasyPrint takes 0.8 s to import

    with translation.override(url_language(document.language)):
        html = render_to_string("attendance/certificate_pdf.html", {"doc": document})
    return pdf_render(html)
