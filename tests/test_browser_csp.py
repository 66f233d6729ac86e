"""Every page works under the Content-Security-Policy in a real browser, the admin's too.

Headless Chromium loads the pages of the demo series and walks the admin an organiser uses
(login, list, a change form with its inlines, language tabs, filter and autocomplete
widgets, the actions' confirmation pages, the password change); every CSP violation the
browser reports (the `securitypolicyviolation` event, the console) and every script error
fails the test.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from events.demo import demo_load
from events.models import Event, Series
from registrations.links import personal_token
from tests.test_registrations_factories import participant_create, registration_create

# what the browser checks here (the policy, the layout, the page's weight, local times) does
# not depend on the database: SQLite pass only
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.sqlite_pass_only]

PASSWORD = "pw-olga-organiser-1"
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(
    `${event.violatedDirective} refused ${event.blockedURI || "inline"} in ${event.sourceFile}`
    + `:${event.lineNumber} (${event.sample})`);
});
"""


class Watch:
    """What the browser reported while the pages were open."""

    def __init__(self, page) -> None:
        self.page = page
        self.problems: list[str] = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        page.on("response", self._response)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.problems.append(f"console {message.type}: {message.text} ({self.page.url})")

    def _response(self, response) -> None:
        if response.request.resource_type != "document" and response.status >= 400:
            self.problems.append(f"{response.status} for {response.url} ({self.page.url})")

    def visit(self, url: str) -> None:
        response = self.page.goto(url)
        assert response.status < 500, url
        directives = response.headers["content-security-policy"].split("; ")
        assert "script-src 'self'" in directives and "style-src 'self'" in directives, url
        self.check()

    def check(self) -> None:
        """Collect the violations the current page has recorded so far."""
        self.page.wait_for_load_state("load")
        self.problems += [f"{violation} ({self.page.url})" for violation in
                          self.page.evaluate("window.cspViolations || []")]


@pytest.fixture
def demo(live_server) -> Series:
    return demo_load()


@pytest.fixture
def watch(page) -> Watch:
    return Watch(page)


def test_admin_refuses_an_injected_inline_style_and_script(watch, page, live_server):
    watch.visit(f"{live_server.url}/admin/login/")

    page.evaluate("""document.body.insertAdjacentHTML("beforeend",
        '<p id="injected" style="color: red">x</p><img src="x" onerror="window.ran = 1">')""")
    expect(page.locator("#injected")).not_to_have_css("color", "rgb(255, 0, 0)")
    watch.check()

    assert page.evaluate("window.ran") is None
    reported = [problem for problem in watch.problems if not problem.startswith("console")]
    assert {problem.split(" refused")[0] for problem in reported} == {
        "style-src-attr", "script-src-attr"}
    assert any(problem.startswith("console") for problem in watch.problems)


def test_public_pages_run_under_the_policy_without_violations(watch, live_server, demo):
    participant = participant_create(email="alice@example.org")
    registration_create(participant=participant, event=demo.events.get(slug="sofia"))
    base = f"{live_server.url}/en/series/{demo.slug}"
    report = demo.reports.get()

    for url in [f"{live_server.url}/en/", f"{base}/", f"{base}/events/",
                f"{base}/events/leipzig/", f"{base}/register/", f"{base}/reports/",
                f"{base}/reports/{report.slug}/", f"{live_server.url}/en/registration/link/",
                f"{live_server.url}/en/registration/me/{personal_token(participant=participant)}/",
                f"{live_server.url}/de/series/no-such-series/"]:
        watch.visit(url)

    assert watch.problems == []


def test_admin_works_under_the_policy_without_violations(watch, page, live_server, demo):
    get_user_model().objects.create_superuser("olga", "olga@example.org", PASSWORD)
    leipzig = demo.events.get(slug="leipzig")
    participant = participant_create(email="alice@example.org", name="Alice Adler")
    admin = f"{live_server.url}/admin"

    # The login page, and logging in through it.
    watch.visit(f"{admin}/")
    page.get_by_label("Username").fill("olga")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    watch.check()

    # A change list with its filters, date hierarchy and actions.
    watch.visit(f"{admin}/events/event/")
    page.locator("input.action-select").first.check()
    expect(page.locator(".action-counter")).to_contain_text("1 of")
    watch.check()

    # A change form with its inline agenda, language tabs (jQuery UI), the filter widget and
    # the autocomplete of the region.
    watch.visit(f"{admin}/events/event/{leipzig.pk}/change/")
    tabs = page.locator(".ui-tabs").first
    expect(tabs).to_be_visible()
    tabs.get_by_role("tab", name=re.compile("^de")).click()
    expect(page.locator("#id_title_de")).to_be_visible()
    expect(page.locator("#id_title_en")).to_be_hidden()
    expect(page.locator(".selector").first).to_be_visible()
    page.locator(".select2-selection").first.click()
    expect(page.locator(".select2-results__option").first).to_be_visible()
    page.keyboard.press("Escape")
    rows = page.locator("#talks-group tbody tr.form-row:not(.empty-form)")
    count = rows.count()
    page.locator("#talks-group .add-row a").click()
    expect(rows).to_have_count(count + 1)
    watch.check()

    # The add form, with its date and time inputs.
    watch.visit(f"{admin}/events/event/add/")

    # The actions' confirmation pages: delete, and delete a participant's personal data.
    watch.visit(f"{admin}/events/talk/")
    page.locator("input.action-select").first.check()
    page.locator("select[name=action]").select_option("delete_selected")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_role("button", name=re.compile("^Yes, I.m sure"))).to_be_visible()
    watch.check()
    watch.visit(f"{admin}/registrations/participant/")
    page.locator(f"input.action-select[value='{participant.pk}']").check()
    page.locator("select[name=action]").select_option("delete_personal_data")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_role("button", name="Yes, delete their data")).to_be_visible()
    watch.check()

    # The password change, and the admin's own pages of the other apps.
    watch.visit(f"{admin}/password_change/")
    for path in ["events/series/", f"events/series/{demo.pk}/change/", "events/talk/add/",
                 "reports/report/", "registrations/registration/", "mail/mail/",
                 "axes/accessattempt/"]:
        watch.visit(f"{admin}/{path}")

    assert Event.objects.filter(pk=leipzig.pk).exists()
    assert watch.problems == []
