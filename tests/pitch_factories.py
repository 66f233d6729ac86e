"""Factories of the pitch session: a pitch session with its call, and applications."""

from datetime import datetime, timedelta
from itertools import count

from django.utils import timezone

from events.models import Event, Series
from pitches.models import PitchApplication, PitchCall, PitchCriterion, organisation_key
from registrations.models import Participant
from tests.factories import event_create

_numbers = count(1)


def pitch_call_create(*, series: Series, event: Event | None = None,
                      opens_at: datetime | None = None, closes_at: datetime | None = None,
                      criteria: tuple[str, ...] = ("Innovation", "Fit to the themes"),
                      **fields) -> PitchCall:
    """The call of a pitch session (made, three weeks ahead, unless `event` is given), open
    from a week ago until a week from now."""
    now = timezone.now()
    if event is None:
        number = next(_numbers)
        event = event_create(series=series, slug=f"pitch-session-{number}",
                             title_en="SME pitch session", title_de="KMU-Pitch-Session",
                             kind=Event.Kind.PITCH_SESSION, start=now + timedelta(days=21))
    call = PitchCall.objects.create(event=event, opens_at=opens_at or now - timedelta(days=7),
                                    closes_at=closes_at or now + timedelta(days=7), **fields)
    for position, name in enumerate(criteria):
        PitchCriterion.objects.create(call=call, name_en=name, position=position)
    return call


def pitch_application_create(*, call: PitchCall, participant: Participant,
                             **fields) -> PitchApplication:
    name = fields.pop("organisation_name", None) or f"Company {next(_numbers)} GmbH"
    defaults = {"organisation_name": name, "organisation_key": organisation_key(name),
                "country": "DE", "presenter_name": participant.name,
                "summary_en": f"{name} makes things.", "description_en": f"{name} in detail."}
    if fields.get("state") == PitchApplication.State.SHORTLISTED:
        defaults["shortlisted_at"] = timezone.now()  # as application_state_change sets it
    return PitchApplication.objects.create(call=call, participant=participant,
                                           **(defaults | fields))


def pdf_bytes(*, javascript: str | None = None, open_action_js: bool = False,
              password: str | None = None, attachment: bool = False,
              additional_action: bool = False) -> bytes:
    """A one-page PDF made with pypdf; with a document script, an opening action that runs a
    script, a page's additional action, an embedded file, or encrypted, on request."""
    from io import BytesIO

    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    if javascript:  # a document-level script, in the catalogue's name tree
        action = writer._add_object(DictionaryObject({
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject(javascript)}))
        writer._root_object[NameObject("/Names")] = DictionaryObject({
            NameObject("/JavaScript"): DictionaryObject({NameObject("/Names"): ArrayObject([
                TextStringObject("script"), action])})})
    if open_action_js:
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert(1);")})
    if additional_action:
        page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): DictionaryObject({
            NameObject("/S"): NameObject("/GoTo")})})
    if attachment:
        writer.add_attachment("payload.txt", b"hello")
    if password:
        writer.encrypt(password, algorithm="RC4-128")
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def slides_upload(content: bytes | None = None, *, name: str = "slides.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, pdf_bytes() if content is None else content,
                              content_type="application/pdf")
