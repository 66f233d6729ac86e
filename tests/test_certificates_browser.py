"""Certificates in the browser: Ivan (Bulgarian) downloads his certificate from his personal
page on a phone and checks it on the verification page; the verification pages, the
refusal and the personal page with its certificate link pass axe-core at phone width (light
and dark) in Bulgarian, and never scroll sideways.

The pages look the same on every database: SQLite pass only.
"""

from datetime import timedelta

import pypdf
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from attendance.certificates.services import certificate_issue
from attendance.models import Certificate
from registrations import links
from tests.factories import event_create, series_create
from tests.test_browser_matrix import _SIDEWAYS_JS, AXE_SCRIPT, axe_violations, describe
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_pass_only,
              pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 740}


@pytest.fixture
def ivan(live_server, settings):
    settings.SITE_URL = live_server.url
    series = series_create(title_en="Clusters without borders",
                           title_bg="Клъстери без граници — поредица от регионални представяния")
    past = timezone.now() - timedelta(days=3)
    attended = event_create(series=series, start=past, time_zone="Europe/Sofia",
                            title_bg="Регионално представяне: София и Югозападна България")
    missed = event_create(series=series, start=past - timedelta(days=7),
                          title_bg="Регионално представяне: Лайпциг")
    participant = participant_create(name="Иван Петров", language="bg")
    registration = registration_create(participant=participant, event=attended, attended=True,
                                       attended_minutes=142)
    registration_create(participant=participant, event=missed, attended=False)
    return participant, registration


def test_ivan_downloads_his_certificate_and_anyone_can_verify_it(page, live_server, ivan):
    participant, registration = ivan
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/bg/registration/me/"
              f"{links.personal_token(participant=participant)}/")

    link = page.get_by_role("link", name="Изтеглете удостоверението")
    expect(link).to_have_count(1)  # the missed event offers none
    with page.expect_download() as waiting:
        link.click()
    download = waiting.value
    code = Certificate.objects.get(registration=registration).code
    assert download.suggested_filename == f"certificate-{code}.pdf"
    text = pypdf.PdfReader(download.path()).pages[0].extract_text()
    assert "Иван Петров" in text

    page.goto(f"{live_server.url}/bg/certificates/")
    page.get_by_label("Код за проверка").fill(f" {code[:4].lower()} {code[4:8]}-{code[8:]} ")
    page.get_by_role("button", name="Проверка").click()

    expect(page).to_have_url(f"{live_server.url}/bg/certificates/{code}/")
    expect(page.get_by_role("status")).to_have_text("Това удостоверение е валидно.")
    expect(page.locator("dl.facts")).to_contain_text("Иван Петров")
    expect(page.locator("dl.facts")).to_contain_text("142 минути")


@pytest.fixture
def axe_page(browser):
    context = browser.new_context(locale="bg-BG", bypass_csp=True, viewport=PHONE)
    context.add_init_script(path=str(AXE_SCRIPT))
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_certificate_pages_are_accessible_on_a_phone_in_bulgarian(axe_page, live_server, ivan):
    participant, registration = ivan
    token = links.personal_token(participant=participant)
    missed = participant.registrations.exclude(pk=registration.pk).get()
    code = certificate_issue(registration_id=registration.pk).code
    pages = [
        ("personal page", f"/bg/registration/me/{token}/", 200),
        ("refusal", f"/bg/registration/me/{token}/certificate/{missed.pk}/", 403),
        ("verification form", "/bg/certificates/", 200),
        ("form error", "/bg/certificates/?code=ABC", 400),
        ("unknown code", "/bg/certificates/7QX4M2KD9B/", 404),
        ("valid certificate", f"/bg/certificates/{code}/", 200),
    ]
    problems = []
    for name, path, status in pages:
        response = axe_page.goto(live_server.url + path)
        assert response.status == status, path
        expect(axe_page.locator("html")).to_have_attribute("lang", "bg")
        for width in (320, 375, 390):
            axe_page.set_viewport_size({"width": width, "height": PHONE["height"]})
            sideways = axe_page.evaluate(_SIDEWAYS_JS)
            if sideways:
                problems.append(f"{name} at {width} px scrolls sideways: {sideways}")
        for scheme in ("light", "dark"):
            axe_page.emulate_media(color_scheme=scheme)
            problems += [f"{name}, {scheme}: {found}"
                         for found in describe(axe_violations(axe_page))]
        axe_page.emulate_media(color_scheme="light")

    assert not problems, "\n".join(problems)
