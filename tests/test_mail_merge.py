"""A mail rendered once with slots for what is personal, then filled in per recipient, is
the mail rendered with the values: for every mail kind, every language, any values."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mail import services
from registrations.mails import event_item
from registrations.models import Registration
from registrations.reminders import reminder_agenda
from tests.factories import event_create, series_create
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = pytest.mark.django_db

TEMPLATES = sorted(path.name for path in
                   (Path(__file__).parent.parent / "registrations/templates/mail").iterdir()
                   if (path / "body.html").exists())
LANGUAGES = ["de", "en", "es", "it", "bg"]
PERSONAL = ["name", "personal_url", "confirm_url"]
HYPOTHESIS = settings(max_examples=40, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def context() -> dict:
    """What the registration mails say of events: one seat, one waiting-list place."""
    series = series_create(slug="merge", title_en="Bridges <&> \"quoted\"")
    seat, full = event_create(series=series), event_create(series=series, title_en="Full & <b>")
    alice = participant_create()
    items = [event_item(registration_create(participant=alice, event=seat), language="de"),
             event_item(registration_create(participant=alice, event=full,
                                            state=Registration.State.WAITLISTED), language="de")]
    return {"series_title": series.title, "pending_hours": 48, "max_age_days": 60,
            "events": items, "confirmed": items[:1], "waitlisted": items[1:],
            "event": items[0], "event_list": items[:1],
            "agenda": reminder_agenda(event=seat, language="de"),
            "reason": "Registration for “Full & <b>” is closed.",
            "register_url": "https://example.org/de/series/merge/register/?a=1&b=2"}


def test_every_registration_mail_is_checked():
    assert len(TEMPLATES) == 10


@HYPOTHESIS
@given(template=st.sampled_from(TEMPLATES), language=st.sampled_from(LANGUAGES),
       values=st.fixed_dictionaries({name: st.text(max_size=60) for name in PERSONAL}))
@example(template="registration_confirm_request", language="en",
         values={"name": "\x1fconfirm_url\x1f <b>&amp;</b>", "personal_url": "",
                 "confirm_url": "https://example.org/?a=1&b='2'\n\n\n\nx"})
def test_a_merged_mail_is_the_mail_rendered_with_the_values(context, template, language,
                                                              values):
    services._merge_kept.clear()

    merged = services.mail_render(template=template, language=language, context=context,
                                  personal=values)
    again = services.mail_render(template=template, language=language, context=context,
                                 personal=values)
    direct = services.mail_render(template=template, language=language,
                                  context=context | values)

    assert len(services._merge_kept) == 1  # kept once, used the second time
    assert merged == again == direct


def test_a_context_that_is_not_plain_data_is_rendered_directly(context):
    services._merge_kept.clear()
    event = Registration.objects.first().event  # a model: its repr does not say it all

    mail = services.mail_render(template="registration_registered", language="en",
                                context=context | {"unused": event},
                                personal={"name": "Ana", "personal_url": "https://x.example"})

    assert "Ana" in mail[1] and services._merge_kept == {}


def test_kept_renderings_are_bounded(context):
    services._merge_kept.clear()
    for hours in range(services.MERGE_KEPT + 2):
        services.mail_render(template="participant_link", language="en",
                             context={"max_age_days": hours},
                             personal={"name": "Ana", "personal_url": "https://x.example"})

    assert len(services._merge_kept) == services.MERGE_KEPT
