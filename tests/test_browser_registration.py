"""A visitor's registration in a real browser: register, confirm, personal page, cancel.

Headless Chromium (Debian's, through Playwright) against pytest-django's live server. The
form leaves the registration to the worker (run here in batch); the confirmation link is
read out of the queued mail in the outbox, as the visitor would read it in the mail.
Cancelling the visitor's seat promotes the next on the waiting list.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from mail.models import Mail
from registrations import services
from registrations.models import Participant, Registration
from tests.factories import event_create, series_create
from tests.test_registrations_factories import consent_text_create, participant_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

State = Registration.State
VISITOR = "vera.visitor@example.org"


def _confirm_path(mail: Mail) -> str:
    """The path of the confirmation link in a mail's text (its host is SITE_URL)."""
    match = re.search(r"https?://\S+/registration/confirm/\S+/", mail.text)
    assert match, mail.text
    return urlsplit(match.group(0)).path


def _register_and_confirm(series, consent, event, email: str, name: str) -> Registration:
    participant = services.registration_request(
        series=series, consent=consent, events=[event],
        data=participant_data(email=email, name=name))
    services.registration_confirm(participant_id=participant.pk, nonce=participant.confirm_nonce)
    return Registration.objects.get(participant=participant, event=event)


@pytest.fixture
def setting(settings, live_server):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = live_server.url
    series = series_create(slug="rush-series", title_en="Rush Series")
    consent = consent_text_create(series=series)
    event = event_create(series=series, slug="the-event", title_en="The Event", capacity=2)
    first = _register_and_confirm(series, consent, event, "alice@example.org", "Alice Adler")
    assert first.state == State.CONFIRMED
    return series, consent, event


def test_visitor_registers_confirms_cancels_and_the_waiting_list_moves_up(
    page, live_server, setting
):
    series, consent, event = setting

    # The form: the visitor chooses the event and agrees to the privacy notice.
    page.goto(f"{live_server.url}/en/series/{series.slug}/register/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Register for Rush Series")
    page.get_by_label("the events I choose").check()
    page.get_by_role("checkbox", name=re.compile("The Event")).check()
    page.locator("input[name=email]").fill(VISITOR)
    page.locator("input[name=name]").fill("Vera Visitor")
    page.get_by_label("Your country").fill("Germany")  # typed: the list offers the names
    page.locator("input[name=organisation_name]").fill("Visitor Labs")
    page.locator("select[name=organisation_kind]").select_option(index=1)
    page.get_by_label("Country of the organisation").fill("austria")
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/en/series/{series.slug}/register/sent/")

    # The form left the registration to the worker; once it ran, the mail is there.
    assert not Participant.objects.filter(email=VISITOR).exists()
    call_command("db_worker", queue_name="registrations", batch=True, reload=False,
                 startup_delay=False, verbosity=0)
    visitor = Participant.objects.get(email=VISITOR)
    assert (visitor.country.code, visitor.organisation_country.code) == ("DE", "AT")
    registration = Registration.objects.get(participant=visitor, event=event)
    assert registration.state == State.PENDING
    request_mail = Mail.objects.get(to=VISITOR, cause__contains=":confirm-request:")

    # The link out of the mail shows a button; the click confirms and opens the personal page.
    page.goto(live_server.url + _confirm_path(request_mail))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your registration")
    page.get_by_role("button", name="Confirm my registration").click()
    expect(page).to_have_url(re.compile(r"/en/registration/me/[^/]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your registrations, Vera Visitor")
    expect(page.get_by_text("Thank you: your e-mail address is confirmed.")).to_be_visible()
    row = page.locator("table.registrations tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_have_class(re.compile(r"\bstate-confirmed\b"))
    expect(row.get_by_role("cell").nth(2)).to_have_text("Confirmed")
    registration.refresh_from_db()
    assert registration.state == State.CONFIRMED

    # The event is full now: the next two wait, in the order they confirmed.
    charlie = _register_and_confirm(series, consent, event, "charlie@example.org", "Charlie")
    dora = _register_and_confirm(series, consent, event, "dora@example.org", "Dora")
    assert (charlie.state, dora.state) == (State.WAITLISTED, State.WAITLISTED)

    # The visitor cancels; the page says so and shows the cancelled state.
    page.get_by_role("button", name="Cancel The Event").click()
    expect(page.get_by_text("Your registration has been cancelled.")).to_be_visible()
    expect(row).to_have_class(re.compile(r"\bstate-cancelled\b"))
    expect(row.get_by_role("cell").nth(2)).to_have_text("Cancelled")
    expect(page.get_by_role("button", name="Cancel The Event")).to_have_count(0)

    # Charlie, first on the waiting list, takes the seat and gets the 'promoted' mail;
    # Dora keeps waiting.
    registration.refresh_from_db()
    charlie.refresh_from_db()
    dora.refresh_from_db()
    assert registration.state == State.CANCELLED
    assert (charlie.state, dora.state) == (State.CONFIRMED, State.WAITLISTED)
    assert event.registrations.filter(state=State.CONFIRMED).count() == 2
    promoted = Mail.objects.filter(cause__startswith=f"registration:{charlie.pk}:promoted:")
    assert promoted.count() == 1
    assert promoted.get().to == "charlie@example.org"
    assert not Mail.objects.filter(cause__contains=":promoted:").exclude(
        pk=promoted.get().pk).exists()
    assert Mail.objects.filter(
        to=VISITOR, cause__startswith=f"registration:{registration.pk}:cancelled:").exists()
