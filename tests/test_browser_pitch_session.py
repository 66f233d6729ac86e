"""The SME pitch session, clicked through in Chromium (issue 14, point 8): an SME
registered for the series applies from its personal page with its slides (a PDF); two
reviewers score it — the second sees the first's scores only once they saved their own;
the organiser accepts it, and the applicant confirms the slot through the link of the
mail; the organiser puts the line-up on the agenda and opens the vote; a participant of
the session votes on a phone; the organiser closes the vote and announces the result,
which the public line-up page shows with the company's profile and slides."""

import re

import pytest
from playwright.sync_api import expect

from mail.models import Mail
from orga.models import TeamMember
from pitches.models import PitchApplication
from registrations.links import personal_url
from tests.orga_world import PASSWORD, orga_world, user_create
from tests.pitch_factories import pdf_bytes, pitch_call_create
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.sqlite_pass_only]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def world(settings, live_server):
    settings.SITE_URL = live_server.url
    world = orga_world()
    ruth = user_create("ruth")
    TeamMember.objects.create(series=world.series, user=ruth, role="reviewer",
                              organisation_name="Donau Data")
    call = pitch_call_create(series=world.series, pitch_count=4)
    mira = participant_create(email="mira@example.org", name="Mira Marković",
                              organisation_name="Nova Drones OOD", country="BG")
    registration_create(participant=mira, event=world.leipzig_event)
    vera = participant_create(email="vera@example.org", name="Vera Voter")
    registration_create(participant=vera, event=call.event)
    world.extra.update(call=call, mira=mira, vera=vera)
    return world


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/en/orga/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your series")).to_be_visible()


def review(page, base: str, username: str, scores: tuple[int, int], comment: str) -> None:
    """Log in as a reviewer, open the one application and score it."""
    log_in(page, base, username)
    page.get_by_role("link", name="Connect Europe").click()
    page.get_by_role("link", name="Nova Drones OOD").click()
    expect(page.get_by_role("heading", name="Nova Drones OOD")).to_be_visible()
    for criterion, score in zip(("Innovation", "Fit to the themes"), scores, strict=True):
        page.get_by_role("group", name=criterion).get_by_label(str(score), exact=True).check()
    page.get_by_label("Comment").fill(comment)
    page.get_by_role("button", name="Save my review").click()


def test_an_sme_goes_from_its_application_to_the_public_line_up(world, browser, live_server):
    base, call, mira = live_server.url, world.extra["call"], world.extra["mira"]

    # The applicant: from the personal page, with its slides
    applicant = browser.new_context(locale="en-GB").new_page()
    applicant.goto(personal_url(participant=mira))
    applicant.get_by_role("link", name="Apply for a pitch").click()
    applicant.get_by_label("Short presentation (English)").fill("Drones that map solar parks.")
    applicant.get_by_label(re.compile(r"^Presentation \(English\)")).fill(
        "Nova Drones flies thermal cameras over solar parks and finds broken panels.")
    applicant.get_by_label("Theme").select_option(label="Mobility")
    applicant.get_by_label("Country of the company").fill("Bulgaria")
    applicant.get_by_label("Website").fill("https://nova-drones.example.org")
    applicant.get_by_label("Who presents").fill("Mira Marković")
    applicant.get_by_label("Their role in the company").fill("Founder")
    applicant.get_by_label("Slides (PDF)").set_input_files(
        {"name": "nova.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()})
    applicant.get_by_role("button", name="Submit the application").click()
    expect(applicant.locator(".personal-pitch")).to_contain_text("Submitted")
    application = PitchApplication.objects.get()
    assert (application.organisation_name, application.country.code, application.state) == (
        "Nova Drones OOD", "BG", "submitted")

    # Two reviewers: the second sees the first's scores once they gave their own
    first = browser.new_context(locale="en-GB").new_page()
    review(first, base, "rita", (4, 5), "A strong team.")
    expect(first.get_by_text("Your review is saved.")).to_be_visible()
    second = browser.new_context(locale="en-GB").new_page()
    log_in(second, base, "ruth")
    second.get_by_role("link", name="Connect Europe").click()
    second.get_by_role("link", name="Nova Drones OOD").click()
    expect(second.get_by_text("A strong team.")).to_have_count(0)
    second.get_by_role("group", name="Innovation").get_by_label("3", exact=True).check()
    second.get_by_role("group", name="Fit to the themes").get_by_label("4", exact=True).check()
    second.get_by_role("button", name="Save my review").click()
    expect(second.get_by_text("A strong team.")).to_be_visible()

    # The organiser accepts; the applicant confirms through the mail's link
    organiser = browser.new_context(locale="en-GB").new_page()
    log_in(organiser, base, "olga")
    organiser.goto(f"{base}/en/orga/series/connect/pitches/applications/")
    row = organiser.get_by_role("row", name=re.compile("Nova Drones OOD"))
    expect(row).to_contain_text("4.0")  # the mean of the reviewers' means (4.5 and 3.5)
    row.get_by_role("link", name="Nova Drones OOD").click()
    organiser.get_by_role("button", name="Accept (offer a slot)").click()
    application.refresh_from_db()
    assert application.state == "accepted"
    mail = Mail.objects.get(cause__startswith=f"pitch:{application.pk}:accepted")
    confirm_link = re.search(r"http\S+/pitches/confirm/\S+/", mail.text).group(0)
    applicant.goto(confirm_link)
    applicant.get_by_role("button", name="Confirm our pitch").click()
    expect(applicant.get_by_role("heading", level=1)).to_contain_text("confirmed")
    application.refresh_from_db()
    assert application.state == "confirmed"

    # The line-up on the agenda, and the vote
    organiser.goto(f"{base}/en/orga/series/connect/pitches/line-up/")
    organiser.get_by_role("button", name="Put on the agenda").click()
    application.refresh_from_db()
    assert application.talk is not None and application.talk.event_id == call.event_id
    organiser.goto(f"{base}/en/orga/series/connect/events/{call.event_id}/pitch-vote/")
    organiser.get_by_role("button", name="Open the vote").click()

    voter = browser.new_context(locale="en-GB", viewport=PHONE).new_page()
    voter.goto(personal_url(participant=world.extra["vera"]))
    voter.get_by_role("link", name="Vote for a pitch").click()
    voter.get_by_label("Nova Drones OOD").check()
    voter.get_by_role("button", name="Give my vote").click()
    expect(voter.get_by_text("Thank you: your vote for Nova Drones OOD is counted.")
           ).to_be_visible()
    assert voter.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    organiser.reload()
    expect(organiser.get_by_role("row", name=re.compile("Nova Drones OOD"))).to_contain_text("1")
    organiser.get_by_role("button", name="Close the vote").click()
    organiser.get_by_role("button", name="Announce the result").click()

    # The public line-up: the company's profile, its slides, the result
    visitor = browser.new_context(locale="en-GB", viewport=PHONE).new_page()
    visitor.goto(f"{base}/en/series/connect/line-up/")
    expect(visitor.get_by_role("heading", name="Nova Drones OOD")).to_be_visible()
    expect(visitor.locator("main")).to_contain_text("Drones that map solar parks.")
    expect(visitor.locator("main")).to_contain_text("Most votes: Nova Drones OOD")
    slides = visitor.get_by_role("link", name="Slides (PDF)")
    assert visitor.request.get(base + slides.get_attribute("href")).headers[
        "content-type"] == "application/pdf"
    assert visitor.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for context in {page.context for page in (applicant, first, second, organiser, voter,
                                                visitor)}:
        context.close()
