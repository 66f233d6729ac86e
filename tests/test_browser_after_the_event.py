"""After the event, clicked through in Chromium (issue 13, point 8): the organiser imports
the Zoom report of a past event, accepts the match the platform suggests for a guest who
joined under another spelling of her name, sees the event's figures change, drafts the
report from the data, edits and publishes it, and finds it on the public site and in the
feed; then an attendee downloads their certificate from their personal page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from attendance.models import AttendanceImport, Certificate
from events.models import Event
from registrations.links import personal_url
from registrations.models import Registration
from tests.factories import event_create, organisation_create, speaker_create, talk_create
from tests.orga_world import PASSWORD, orga_world
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.sqlite_pass_only]


def zoom_report(*, day: str, host: str) -> bytes:
    """A Zoom participants export with its summary block: the host, a participant who
    dropped out and came back (two rows), and a guest without address whose name is
    spelt without the umlaut of her registration."""
    lines = [
        "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants",
        f"814 2297 6031,Leipzig after work,{day} 09:55:03 AM,{day} 11:32:40 AM,{host},98,4",
        "",
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest",
        f"Olga Organiser,{host},{day} 09:55:03 AM,{day} 11:32:40 AM,98,No",
        f"Anna Schmidt,ANNA.SCHMIDT@example.org,{day} 10:00:00 AM,{day} 10:30:00 AM,30,No",
        f"Anna Schmidt,anna.schmidt@example.org,{day} 10:40:00 AM,{day} 11:30:00 AM,50,No",
        f"Jorg Muller (Jorg Muller),,{day} 10:01:00 AM,{day} 11:30:05 AM,89,Yes",
    ]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


@pytest.fixture
def world(settings, live_server):
    settings.SITE_URL = live_server.url
    world = orga_world()
    start = (timezone.now() - timedelta(days=2)).replace(hour=9, minute=0, second=0,
                                                          microsecond=0)
    event = event_create(series=world.series, slug="leipzig-after-work",
                         title_en="Leipzig after work", title_de="Leipzig nach Feierabend",
                         title_bg="Лайпциг след работа", region=world.leipzig_region,
                         start=start, end=start + timedelta(hours=3),
                         status=Event.Status.PUBLISHED)
    city = organisation_create(name="City of Leipzig", country="DE")
    talk_create(event=event, title_en="Leipzig's digital twin",
                title_de="Der digitale Zwilling Leipzigs", kind="keynote",
                start=start + timedelta(minutes=10),
                speakers=[speaker_create(name="Sebastian Graetz", organisation=city)])
    anna = participant_create(email="anna.schmidt@example.org", name="Anna Schmidt",
                              country="DE", language="de")
    joerg = participant_create(email="joerg.mueller@example.org", name="Jörg Müller",
                               country="AT")
    for participant in (anna, joerg):
        registration_create(participant=participant, event=event,
                            state=Registration.State.CONFIRMED)
    world.extra.update(event=event, anna=anna, joerg=joerg)
    return world


def log_in(page, base: str) -> None:
    page.goto(f"{base}/en/orga/login/")
    page.get_by_label("User name").fill("olga")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your series")).to_be_visible()


def attended_shown(page) -> str:
    return page.locator(".figure-facts div", has=page.locator("dt", has_text=re.compile(
        "^Attended$"))).locator("dd").first.inner_text()


def test_after_the_event_from_the_zoom_report_to_the_published_report(page, live_server,
                                                                       world, tmp_path):
    base, event = live_server.url, world.extra["event"]
    event_page = f"{base}/en/orga/series/connect/events/{event.pk}/"
    log_in(page, base)

    # the figures before: attendance not known yet
    page.goto(event_page)
    page.get_by_role("link", name="Figures of the event").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Leipzig after work")
    assert attended_shown(page) == "–"

    # the Zoom report: Anna matched by address (two joins summed), Jörg suggested by name
    report = tmp_path / "participants_81422976031.csv"
    report.write_bytes(zoom_report(day=event.start.strftime("%m/%d/%Y"),
                                   host="olga@example.org"))
    page.goto(event_page)
    page.get_by_role("link", name="Attendance from the video tool").click()
    page.locator("#id_report").set_input_files(str(report))
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_text("anna.schmidt@example.org").first).to_be_visible()
    suggestion = page.locator("input[name=accept]")
    expect(suggestion).to_have_count(1)
    suggestion.check()
    page.get_by_role("button", name="Save the attendance").click()
    expect(page.get_by_text(re.compile(r"Saved: 2 registrations"))).to_be_visible()

    minutes = dict(Registration.objects.filter(event=event).values_list(
        "participant__email", "attended_minutes"))
    assert minutes == {"anna.schmidt@example.org": 80, "joerg.mueller@example.org": 89}
    assert AttendanceImport.objects.get(event=event).format == "zoom"

    # the figures after
    page.goto(event_page)
    page.get_by_role("link", name="Figures of the event").click()
    assert attended_shown(page) == "2"

    # draft the report, edit it, preview and publish it
    page.goto(event_page)
    page.get_by_role("link", name="Draft the report").click()
    page.locator("main form").get_by_role("button").first.click()
    expect(page.locator("[name=title_en]")).to_be_visible()
    assert "Sebastian Graetz" in page.locator("[name=body_en]").input_value()
    page.locator("[name=title_en]").fill("Leipzig after work: two countries, one twin")
    page.get_by_role("button", name="Save the report").click()
    page.get_by_role("link", name=re.compile("^Publish")).first.click()
    page.get_by_role("button", name="Publish").click()

    page.goto(f"{base}/en/series/connect/reports/")
    page.get_by_role("link", name="Leipzig after work: two countries, one twin").click()
    expect(page.locator("main")).to_contain_text("Sebastian Graetz")
    feed = page.request.get(f"{base}/en/series/connect/reports/feed.atom")
    assert "Leipzig after work: two countries, one twin" in feed.text()

    # an attendee downloads the certificate from the personal page
    page.goto(personal_url(participant=world.extra["anna"]).replace(
        "http://testserver", base))
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("certificate|Bescheinigung",
                                                  re.IGNORECASE)).click()
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    assert Certificate.objects.get(registration__participant=world.extra["anna"]).code
