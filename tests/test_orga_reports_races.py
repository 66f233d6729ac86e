"""Two organisers at one report at once, on PostgreSQL (real POSTs through the workspace, in
threads released together): whoever commits second from the same version of the page is
told the report changed and saves nothing (optimistic locking), so nobody's text is lost
unseen; publishing twice publishes once; drafting one event twice makes one report."""

from datetime import timedelta
from functools import partial

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from orga.models import AuditEntry, TeamMember
from reports.models import Report
from tests.factories import event_create, report_create, series_create
from tests.orga_world import user_create
from tests.test_races_publish import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
CHANGED = "Somebody else changed this report since you opened it"


@pytest.fixture
def setting():
    series = series_create(content_languages=["en", "de"])
    event = event_create(series=series, title_en="Leipzig",
                         start=timezone.now() - timedelta(days=2))
    report = report_create(series=series, event=event, slug="leipzig", title_en="Leipzig",
                           body_en="First words.", is_published=False, published_at=None)
    organisers = []
    for name in ("olga", "oskar"):
        user = user_create(name)
        TeamMember.objects.create(series=series, user=user, role="organiser")
        organisers.append(user)
    return series, event, report, organisers


def post(user, name: str, kwargs: dict, data: dict, answers: list) -> None:
    client = Client()
    client.force_login(user)
    response = client.post(reverse(f"orga:{name}", kwargs=kwargs), data)
    answers.append((response.status_code, [str(m) for m in get_messages(response.wsgi_request)],
                    response.content.decode()))


def editor(report: Report, **changes) -> dict:
    return {"version": report.updated_at.isoformat(), "slug": report.slug,
            "event": report.event_id, "published_at": "", "title_en": report.title_en,
            "body_en": report.body_en} | changes


def test_two_organisers_saving_one_report_at_once_lose_nothing_unseen(setting):
    series, _event, report, (olga, oskar) = setting
    keys = {"series": series.slug, "report": report.pk}
    answers: list = []
    errors = race([partial(post, olga, "report_edit", keys, editor(report, body_en="Olga's."),
                           answers),
                   partial(post, oskar, "report_edit", keys, editor(report, body_en="Oskar's."),
                           answers)])
    assert not errors
    report.refresh_from_db()
    saved = [answer for answer in answers if answer[0] == 302]
    refused = [answer for answer in answers if answer[0] == 200]
    assert len(saved) == 1 and len(refused) == 1
    assert CHANGED in refused[0][2]
    assert report.body_en in ("Olga's.", "Oskar's.")
    assert refused[0][2].count(report.body_en) == 0  # the loser's own text is in their form
    assert AuditEntry.objects.filter(action="report.edit").count() == 1


def test_two_organisers_publishing_at_once_publish_once(setting):
    series, _event, report, (olga, oskar) = setting
    keys = {"series": series.slug, "report": report.pk}
    version = {"version": report.updated_at.isoformat()}
    answers: list = []
    errors = race([partial(post, olga, "report_publish", keys, version, answers),
                   partial(post, oskar, "report_publish", keys, version, answers)])
    assert not errors
    assert [answer[0] for answer in answers] == [302, 302]
    report.refresh_from_db()
    assert report.is_published and report.published_at is not None
    assert AuditEntry.objects.filter(action="report.publish").count() == 1


def test_drafting_again_while_another_edits_keeps_one_of_them_whole(setting):
    series, _event, report, (olga, oskar) = setting
    keys = {"series": series.slug, "report": report.pk}
    answers: list = []
    errors = race([
        partial(post, olga, "report_edit", keys, editor(report, body_en="Olga's edit."), answers),
        partial(post, oskar, "report_redraft", keys, {"version": report.updated_at.isoformat()},
                answers)])
    assert not errors
    report.refresh_from_db()
    told = [answer for answer in answers
            if any(CHANGED in text for text in [*answer[1], answer[2]])]
    assert len(told) == 1
    edited = report.body_en == "Olga's edit."
    redrafted = AuditEntry.objects.filter(action="report.redraft").exists()
    assert edited != redrafted


def test_two_organisers_drafting_one_event_at_once_make_one_report(setting):
    series, _event, report, (olga, oskar) = setting
    report.delete()
    event = event_create(series=series, title_en="Sofia", start=timezone.now() - timedelta(days=1))
    keys = {"series": series.slug, "event": event.pk}
    answers: list = []
    errors = race([partial(post, olga, "report_draft", keys, {}, answers),
                   partial(post, oskar, "report_draft", keys, {}, answers)])
    assert not errors
    assert sorted(answer[0] for answer in answers) in ([200, 302], [302, 302])
    assert Report.objects.filter(event=event).count() == 1
    assert AuditEntry.objects.filter(action="report.draft").count() == 1
