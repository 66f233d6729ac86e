"""Certificates of attendance (issue 13, point 6): the PDF an attendee downloads from their
personal page, in their language, and its public verification by code.

Persona: Jana, who attended the Leipzig event online for 95 minutes (German), and Ivan, who
attended the Sofia event (Bulgarian). The events lie in the past at a fixed time, 23:30 UTC,
which is already the next day in their own zones: the certificate's date is the local one.
"""

import http.server
import io
import threading
from datetime import UTC, datetime, timedelta

import pypdf
import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone
from PIL import Image

from attendance.certificates.codes import ALPHABET, code_display, code_normalised
from attendance.certificates.document import certificate_document, certificate_pdf
from attendance.certificates.services import CertificateRefused, certificate_issue
from attendance.models import Certificate
from events.models import Event
from registrations import links
from registrations.models import Registration
from registrations.services import participant_delete
from tests.factories import event_create, organisation_create, series_create
from tests.test_races_publish import race
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = pytest.mark.django_db
SITE = "https://events.example.org"
LATE_EVENING = datetime(2025, 3, 5, 23, 30, tzinfo=UTC)  # 6 March in Berlin and Sofia


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def attended_registration(*, language: str = "de", name: str = "Jana Nováková",
                          minutes: int | None = 95, zone: str = "Europe/Berlin",
                          start: datetime = LATE_EVENING, **fields) -> Registration:
    organiser = organisation_create(name="Mobilitätscluster Sachsen e.V.")
    series = series_create(organiser=organiser, title_en="Clusters without borders",
                           title_de="Cluster ohne Grenzen", title_bg="Клъстери без граници")
    event = event_create(series=series, start=start, time_zone=zone,
                         title_en="Regional showcase Leipzig",
                         title_de="Regionale Präsentation Leipzig",
                         title_bg="Регионално представяне: София")
    participant = participant_create(name=name, language=language)
    defaults = {"attended": True, "attended_minutes": minutes}
    return registration_create(participant=participant, event=event, **(defaults | fields))


def download_url(registration: Registration, *, language: str = "de") -> str:
    token = links.personal_token(participant=registration.participant)
    return f"/{language}/registration/me/{token}/certificate/{registration.pk}/"


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


def download(client, registration: Registration) -> tuple[bytes, Certificate]:
    response = client.get(download_url(registration))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    certificate = Certificate.objects.get(registration=registration)
    assert response["Content-Disposition"] == (
        f'attachment; filename="certificate-{certificate.code}.pdf"')
    assert "no-store" in response["Cache-Control"]
    return response.content, certificate


# -- the PDF -----------------------------------------------------------------------------

def test_certificate_in_german_names_holder_event_date_minutes_organiser_and_code(client):
    registration = attended_registration(language="de")

    content, certificate = download(client, registration)

    text = pdf_text(content)
    code = code_display(certificate.code)
    assert "Teilnahmebescheinigung" in text
    assert "Jana Nováková" in text
    assert "Regionale Präsentation Leipzig" in text
    assert "Cluster ohne Grenzen" in text
    assert "6. März 2025" in text  # 23:30 UTC is the next day in Berlin
    assert "95 Minuten" in text
    assert "Mobilitätscluster Sachsen e.V." in text
    assert f"Prüfcode: {code}" in text
    assert f"{SITE}/de/certificates/{certificate.code}/" in text
    assert "Unterschrift, für die Veranstalter" in text  # no logo: a signature line


def test_certificate_in_bulgarian_is_in_cyrillic_with_the_date_of_the_events_zone(client):
    registration = attended_registration(language="bg", name="Иван Петров",
                                         zone="Europe/Sofia", minutes=1)

    content, certificate = download(client, registration)

    text = pdf_text(content)
    assert "Удостоверение за участие" in text
    assert "Иван Петров" in text
    assert "Регионално представяне: София" in text
    assert "Клъстери без граници" in text
    assert "6 март 2025 г." in text
    assert "1 минута" in text
    assert f"{code_display(certificate.code)}" in text
    assert f"{SITE}/bg/certificates/{certificate.code}/" in text
    reader = pypdf.PdfReader(io.BytesIO(content))
    fonts = {font["/BaseFont"] for font in _fonts(reader)}
    assert all("Noto-Sans" in font for font in fonts), fonts  # embedded, nothing else


def _fonts(reader):
    resources = reader.pages[0]["/Resources"]["/Font"]
    return [resources[name].get_object() for name in resources]


def test_certificate_says_attended_on_site_when_the_minutes_are_unknown(client):
    registration = attended_registration(language="de", minutes=None,
                                         checked_in_at=LATE_EVENING)

    text = pdf_text(download(client, registration)[0])

    assert "vor Ort teilgenommen" in text
    assert "Minuten" not in text


def test_certificate_shows_the_series_logo_instead_of_the_signature_line(client):
    registration = attended_registration(language="en")
    series = registration.event.series
    image = io.BytesIO()
    Image.new("RGB", (120, 40), "#0b5563").save(image, "PNG")
    series.logo.save("logo.png", ContentFile(image.getvalue()))

    content, _certificate = download(client, registration)

    assert "Signature, for the organisers" not in pdf_text(content)
    page = pypdf.PdfReader(io.BytesIO(content)).pages[0]
    assert [image.image.size for image in page.images] == [(120, 40)]


def test_second_download_shows_the_same_code(client):
    registration = attended_registration()

    first, certificate = download(client, registration)
    second, again = download(client, registration)

    assert again == certificate
    assert Certificate.objects.count() == 1
    assert code_display(certificate.code) in pdf_text(second)
    assert len(certificate.code) == 10 and set(certificate.code) <= set(ALPHABET)


def test_rendering_reads_nothing_from_the_database(django_assert_num_queries):
    registration = attended_registration()
    certificate = certificate_issue(registration_id=registration.pk)
    document = certificate_document(certificate_id=certificate.pk)

    with django_assert_num_queries(0):
        content = certificate_pdf(document)

    assert content.startswith(b"%PDF-")
    assert not connection.settings_dict.get("ATOMIC_REQUESTS")  # the view holds no transaction


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 — the name http.server calls
        self.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_rendering_loads_nothing_from_outside(tmp_path):
    from attendance.certificates.pdf import LocalOnlyFetcher, pdf_render

    server = http.server.HTTPServer(("127.0.0.1", 0), _CountingHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    outside = f"http://127.0.0.1:{server.server_port}"
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG")
    try:
        content = pdf_render(f'<html><head><link rel="stylesheet" href="{outside}/s.css">'
                             f'</head><body><img src="{outside}/a.png">'
                             f'<img src="{secret.as_uri()}"><p>Text</p></body></html>')
    finally:
        server.shutdown()
        server.server_close()

    assert _CountingHandler.requests == []
    assert "Text" in pdf_text(content)
    fetcher = LocalOnlyFetcher()
    for url in (f"{outside}/a.png", "https://example.org/font.ttf", secret.as_uri(),
                "ftp://example.org/x"):
        with pytest.raises(ValueError, match="refused"):
            fetcher.fetch(url)


# -- who gets no certificate ---------------------------------------------------------------

@pytest.mark.parametrize(("fields", "message"), [
    ({"attended": False}, "Laut den Aufzeichnungen der Veranstalter haben Sie an dieser "
                          "Veranstaltung nicht teilgenommen"),
    ({"attended": None, "attended_minutes": None},
     "Ihre Teilnahme an dieser Veranstaltung ist (noch) nicht erfasst"),
    ({"state": Registration.State.CANCELLED, "cancelled_at": LATE_EVENING},
     "Diese Anmeldung wurde storniert"),
])
def test_no_certificate_without_attendance_or_for_a_cancelled_registration(client, fields,
                                                                          message):
    registration = attended_registration(**fields)

    response = client.get(download_url(registration))

    assert response.status_code == 403
    assert response["Content-Type"] == "text/html; charset=utf-8"
    page = response.content.decode()
    assert "Keine Bescheinigung für diese Veranstaltung" in page
    assert message in page
    assert not Certificate.objects.exists()


def test_no_certificate_for_a_cancelled_event(client):
    registration = attended_registration()
    Event.objects.filter(pk=registration.event_id).update(status=Event.Status.CANCELLED)

    response = client.get(download_url(registration))

    assert response.status_code == 403
    assert "Diese Veranstaltung wurde abgesagt" in response.content.decode()
    assert not Certificate.objects.exists()


def test_no_certificate_before_the_event_is_over(client):
    registration = attended_registration(start=timezone.now() - timedelta(hours=1))

    response = client.get(download_url(registration))

    assert response.status_code == 403
    assert "Diese Veranstaltung ist noch nicht zu Ende" in response.content.decode()
    assert not Certificate.objects.exists()


def test_no_certificate_once_the_participant_deleted_their_data(client):
    registration = attended_registration()
    url = download_url(registration)
    participant_delete(participant=registration.participant)

    response = client.get(url)

    assert response.status_code == 400
    assert "Die Daten dieser teilnehmenden Person wurden gelöscht" in response.content.decode()
    assert not Certificate.objects.exists()


def test_another_participants_registration_is_not_found(client):
    registration = attended_registration()
    other = participant_create(language="de")
    token = links.personal_token(participant=other)

    for number in (registration.pk, 2**62):
        response = client.get(f"/de/registration/me/{token}/certificate/{number}/")
        assert response.status_code == 404
    assert not Certificate.objects.exists()


def test_a_broken_personal_link_gives_no_certificate(client):
    registration = attended_registration()
    url = download_url(registration).replace("/me/", "/me/x")

    response = client.get(url)

    assert response.status_code == 400
    assert "Dieser Link ist ungültig" in response.content.decode()


# -- the personal page -------------------------------------------------------------------------

def test_personal_page_offers_the_certificate_only_where_there_is_one(client,
                                                                      django_assert_num_queries):
    registration = attended_registration(language="en")
    participant, series = registration.participant, registration.event.series
    not_attended = registration_create(
        participant=participant, attended=False,
        event=event_create(series=series, start=LATE_EVENING - timedelta(days=7)))
    upcoming = registration_create(participant=participant, event=event_create(series=series))
    token = links.personal_token(participant=participant)

    # as without certificates (nothing per row): the page's 4, the pitch session's 2, and
    # matchmaking's 1 (no series of the participant's has it open)
    with django_assert_num_queries(7):
        page = client.get(f"/en/registration/me/{token}/").content.decode()

    assert page.count("Download the certificate") == 1
    assert f'href="/en/registration/me/{token}/certificate/{registration.pk}/"' in page
    for other in (not_attended, upcoming):
        assert f"/certificate/{other.pk}/" not in page


# -- verification ------------------------------------------------------------------------------

def issued(**fields) -> Certificate:
    registration = attended_registration(**fields)
    return certificate_issue(registration_id=registration.pk)


def test_verification_names_holder_event_date_and_minutes(client):
    certificate = issued(name="Иван Петров", zone="Europe/Sofia")

    response = client.get(f"/bg/certificates/{certificate.code}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Това удостоверение е валидно." in page
    assert "Иван Петров" in page
    assert "Регионално представяне: София" in page
    assert "6 март 2025 г." in page
    assert "95 минути" in page
    assert '<meta name="robots" content="noindex">' in page
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_verification_after_the_holder_deleted_their_data_names_nobody(client):
    certificate = issued(name="Jana Nováková")
    participant_delete(participant=certificate.registration.participant)

    page = client.get(f"/en/certificates/{certificate.code}/").content.decode()

    assert ("This certificate was issued for this event, but its holder has since had their "
            "personal data deleted") in page
    assert "Regional showcase Leipzig" in page
    assert "Jana" not in page
    assert "This certificate is valid." not in page


def test_verification_of_a_withdrawn_attendance_says_so(client):
    certificate = issued()
    Registration.objects.filter(pk=certificate.registration_id).update(attended=False)

    page = client.get(f"/en/certificates/{certificate.code}/").content.decode()

    assert "This certificate has been withdrawn" in page
    assert "This certificate is valid." not in page


def test_verification_of_an_unknown_code_is_a_404_that_says_so(client):
    response = client.get("/de/certificates/7QX4M2KD9B/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "Keine Bescheinigung hat den Code „7QX4M2KD9B“." in page
    assert 'name="code"' in page  # the form to try again


def test_verification_form_reads_a_code_typed_loosely(client):
    certificate = issued()
    code = certificate.code
    typed = f"  {code[:4].lower()} {code[4:8]}—{code[8:].lower()} "
    typed = typed.replace("0", "o").replace("1", "I")

    response = client.get("/en/certificates/", {"code": typed})

    assert response.status_code == 302
    assert response["Location"] == f"/en/certificates/{code}/"
    loose_address = client.get(f"/en/certificates/{code_display(code).lower()}/")
    assert loose_address["Location"] == f"/en/certificates/{code}/"


def test_verification_form_refuses_what_cannot_be_a_code(client):
    for typed in ("", "ABC", "7QX4-M2KD-9BU", "<script>"):
        response = client.get("/en/certificates/", {"code": typed})
        assert response.status_code == 400
        assert "Please correct the marked fields." in response.content.decode()


@pytest.mark.parametrize(("typed", "read"), [
    ("7qx4-m2kd-9b", "7QX4M2KD9B"), ("7QX4 M2KD 9B", "7QX4M2KD9B"),
    ("O0Il-1iLo-oO", "0011111000"), ("7QX4‑M2KD‑9B", "7QX4M2KD9B"),
    ("7QX4M2KD9", None), ("7QX4M2KD9BB", None), ("7QX4M2KD9U", None), ("7QX4M2KDÄB", None),
])
def test_codes_are_read_as_crockford_allows(typed, read):
    assert code_normalised(typed) == read


def test_lookups_are_limited_per_ip(client, settings):
    settings.CERTIFICATE_LOOKUP_LIMIT_PER_IP = 3
    certificate = issued()

    answers = [client.get(f"/en/certificates/{certificate.code}/").status_code,
               client.get("/en/certificates/7QX4M2KD9B/").status_code,
               client.get(f"/en/certificates/{certificate.code}/").status_code]
    refused = client.get(f"/en/certificates/{certificate.code}/")
    elsewhere = client.get(f"/en/certificates/{certificate.code}/", REMOTE_ADDR="192.0.2.7")

    assert answers == [200, 404, 200]
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Too many look-ups from your network" in page
    assert certificate.registration.participant.name not in page
    assert elsewhere.status_code == 200


def test_the_service_refuses_a_participant_whose_data_was_deleted():
    registration = attended_registration(language="en")
    participant_delete(participant=registration.participant)

    with pytest.raises(CertificateRefused, match="Your data has been deleted"):
        certificate_issue(registration_id=registration.pk)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_first_downloads_issue_one_certificate():
    registration = attended_registration()
    codes: list[str] = []

    errors = race([lambda: codes.append(certificate_issue(registration_id=registration.pk).code)
                   for _ in range(4)])

    assert errors == []
    assert len(codes) == 4 and len(set(codes)) == 1
    assert list(Certificate.objects.values_list("code", flat=True)) == codes[:1]
