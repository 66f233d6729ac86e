"""An organiser's working day in the workspace, clicked through in Chromium (issue 12,
point 9): log in with a second factor, create an event with three talks and a new
speaker, reorder the talks, publish it and find it on the public site in two languages,
register participants by hand, filter and export the list (the XLSX opened and read),
write to the waiting list and find the mails in the outbox. Then the Sofia coordinator
logs in and does not see the Leipzig registrations."""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from events.models import Event
from mail.models import Mail
from registrations.models import Registration
from tests.orga_world import PASSWORD, orga_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(settings, live_server):
    settings.SITE_URL = live_server.url
    world = orga_world()
    world.series.team_requires_two_factor = True
    world.series.save(update_fields=["team_requires_two_factor"])
    device = TOTPDevice.objects.create(user=world.users["organiser"], name="phone",
                                       confirmed=True)
    world.extra["device"] = device
    world.extra["sofia_device"] = TOTPDevice.objects.create(
        user=world.users["sofia"], name="phone", confirmed=True)
    return world


def log_in(page, base: str, username: str, device: TOTPDevice | None = None) -> None:
    page.goto(f"{base}/en/orga/")
    expect(page).to_have_url(re.compile(r"/en/orga/login/"))
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    if device is not None:
        expect(page.get_by_role("heading", name="Two-factor authentication")).to_be_visible()
        device.refresh_from_db()
        page.get_by_label("Code from your authenticator app").fill(
            f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}")
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Your series")).to_be_visible()


def add_talk(page, *, time: str, title_en: str, title_de: str, new_speaker: str = "") -> None:
    form = page.locator("form", has=page.get_by_role("button", name="Add the talk"))
    if not form.is_visible():
        page.locator(".agenda-add > summary").click()
    form.locator("[name=start_time]").fill(time)
    form.locator("[name=duration]").fill("30")
    form.locator("[name=title_en]").fill(title_en)
    form.locator("[name=title_de]").fill(title_de)
    if new_speaker:
        form.locator("[name=new_speaker_name]").fill(new_speaker)
        form.locator("[name=new_speaker_role_en]").fill("Founder")
        form.locator("[name=new_organisation_name]").fill("Danube Robotics (Demo)")
        form.locator("[name=new_organisation_kind]").select_option("sme")
        form.locator("[name=new_organisation_country]").select_option("BG")
    form.get_by_role("button", name="Add the talk").click()
    expect(page.locator("#agenda-editor").get_by_text(title_en).first).to_be_visible()


def agenda_titles(page) -> list[str]:
    return page.locator("#agenda-editor .agenda-item h3").all_inner_texts()


def test_an_organisers_day_in_the_workspace(page, browser, live_server, world, tmp_path):
    base = live_server.url
    start = (timezone.now() + timedelta(days=30)).astimezone(
        ZoneInfo("Europe/Sofia")).replace(hour=10, minute=0, second=0, microsecond=0)

    # Log in with the second factor the series demands
    log_in(page, base, "olga", world.extra["device"])

    # A new event of the Sofia region, in Sofia's time
    page.get_by_role("link", name="Connect Europe").click()
    page.get_by_role("link", name="New event").click()
    page.locator("[name=title_en]").fill("Ruse innovation day")
    page.locator("[name=title_de]").fill("Innovationstag Ruse")
    page.locator("[name=region]").select_option(label="Sofia")
    page.locator("[name=time_zone]").select_option("Europe/Sofia")
    page.locator("[name=start]").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.locator("[name=end]").fill((start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"))
    page.locator("[name=format]").select_option("online")
    page.locator("[name=join_url]").fill("https://meet.example.org/ruse")
    page.locator("[name=capacity]").fill("1")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_role("heading", name="Ruse innovation day")).to_be_visible()
    event = Event.objects.get(series=world.series, title_en="Ruse innovation day")
    assert event.status == Event.Status.DRAFT
    assert event.start == start

    # Three talks, one by a new speaker of a new organisation; then the last moves up
    add_talk(page, time="10:00", title_en="Welcome to Ruse", title_de="Willkommen in Ruse")
    add_talk(page, time="10:30", title_en="Robots on the Danube",
             title_de="Roboter an der Donau", new_speaker="Mira Petrova")
    add_talk(page, time="11:00", title_en="Panel: ports", title_de="Podium: Häfen")
    assert agenda_titles(page) == ["Welcome to Ruse", "Robots on the Danube", "Panel: ports"]
    last = event.talks.get(title_en="Panel: ports")
    page.locator(f"#talk-{last.pk}-up").click()
    expect(page.locator("#agenda-editor .agenda-item h3").nth(1)).to_have_text("Panel: ports")
    assert list(event.talks.order_by("order").values_list("title_en", flat=True)) == [
        "Welcome to Ruse", "Panel: ports", "Robots on the Danube"]

    # Publish, the consequence shown first
    page.get_by_role("link", name="Publish…").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("link", name="Public page")).to_be_visible()
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED

    # The public site, in English and in German, with the talks in their new order
    public = browser.new_page()
    public.goto(f"{base}{event.get_absolute_url()}")
    expect(public.get_by_role("heading", name="Ruse innovation day")).to_be_visible()
    expect(public.get_by_text("Mira Petrova").first).to_be_visible()
    public.goto(f"{base}{event.get_absolute_url().replace('/en/', '/de/', 1)}")
    expect(public.get_by_role("heading", name="Innovationstag Ruse")).to_be_visible()
    public_titles = public.locator(".agenda-item h3").all_inner_texts()
    assert public_titles == ["Willkommen in Ruse", "Podium: Häfen", "Roboter an der Donau"]
    public.close()

    # Two participants registered by hand: one seat, then the waiting list
    for email, name in [("ana@example.org", "Ana Ivanova"), ("boris@example.org", "Boris Kolev")]:
        page.goto(f"{base}/en/orga/series/{world.series.slug}/events/{event.pk}/registrations/")
        page.get_by_role("link", name="Add a participant").click()
        page.locator("[name=email]").fill(email)
        page.locator("[name=name]").fill(name)
        page.locator("[name=country]").fill("Bulgaria")
        page.locator("[name=job_title]").fill("Innovation manager")
        page.locator("[name=organisation_name]").fill("Ruse Port Authority")
        page.locator("[name=organisation_kind]").select_option("public_administration")
        page.locator("[name=organisation_country]").fill("Bulgaria")
        page.locator("[name=consent]").check()
        page.locator("[name=send_mail]").uncheck()
        page.get_by_role("button", name="Register the participant").click()
        expect(page.get_by_role("cell", name=email)).to_be_visible()
    states = dict(Registration.objects.filter(event=event).values_list(
        "participant__email", "state"))
    assert states == {"ana@example.org": "confirmed", "boris@example.org": "waitlisted"}

    # Filter the event's list to the waiting list and export it
    page.locator("[name=state]").select_option("waitlisted")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("cell", name="ana@example.org")).to_have_count(0)
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (XLSX)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    download.value.save_as(tmp_path / download.value.suggested_filename)
    sheet = openpyxl.load_workbook(tmp_path / download.value.suggested_filename).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert any("boris@example.org" in row for row in rows[1:])
    assert not any("ana@example.org" in row for row in rows)
    assert len(rows) == 2  # the header and Boris

    # Write to the waiting list of the new event; the mails are in the outbox
    page.goto(f"{base}/en/orga/series/{world.series.slug}/mails/new/")
    page.get_by_label(re.compile("Ruse innovation day")).check()
    page.get_by_label("Confirmed", exact=True).uncheck()
    page.get_by_label("On the waiting list").check()
    page.locator("[name=subject_en]").fill("A seat may free up")
    page.locator("[name=body_en]").fill("Dear {name}, you are on the waiting list.")
    page.get_by_role("button", name="Count recipients and preview").click()
    expect(page.get_by_text("Dear Boris Kolev, you are on the waiting list.")).to_be_visible()
    page.get_by_role("button", name="Send the mail now").click()
    page.goto(f"{base}/en/orga/series/{world.series.slug}/outbox/")
    expect(page.get_by_role("cell", name="boris@example.org")).to_be_visible()
    assert list(Mail.objects.filter(composed__isnull=False).values_list("to", flat=True)) == [
        "boris@example.org"]

    # The Sofia coordinator sees the Sofia registrations, never Leipzig's
    context = browser.new_context(locale="en-GB")
    sofia = context.new_page()
    log_in(sofia, base, "stoyan", world.extra["sofia_device"])
    sofia.goto(f"{base}/en/orga/series/{world.series.slug}/registrations/")
    expect(sofia.get_by_role("cell", name="ana@example.org")).to_be_visible()
    assert "lea.participant@example.org" not in sofia.content()
    sofia.goto(f"{base}/en/orga/series/{world.series.slug}/events/{world.leipzig_event.pk}/"
               "registrations/")
    assert "lea.participant@example.org" not in sofia.content()
    context.close()
