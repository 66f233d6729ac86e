"""Reports (news) in the organiser workspace: drafted from a past event's data in every
content language, edited with the languages side by side, images uploaded and shown,
previewed, published to the public pages and the feed, unpublished — each recorded in the
audit log by ids; bad input answered with a message, changing nothing; a report changed
meanwhile is never overwritten (optimistic locking)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from orga import drafting
from orga.models import AuditEntry
from reports.models import Report, ReportImage
from tests.factories import event_create, report_create
from tests.orga_cases_reports import png_bytes
from tests.orga_world import client_as, orga_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return orga_world()


@pytest.fixture
def past_event(world):
    return event_create(series=world.series, slug="leipzig-kick-off",
                        title_en="Leipzig kick-off", title_de="Auftakt Leipzig",
                        title_bg="Откриване в Лайпциг", region=world.leipzig_region,
                        start=timezone.now() - timedelta(days=3))


@pytest.fixture
def organiser(client, world):
    return client_as(client, world, "organiser")


def url(name: str, world, **kwargs) -> str:
    return reverse(f"orga:{name}", kwargs={"series": world.series.slug, **kwargs})


def editor_data(report: Report, **changes) -> dict:
    """The editor's form as the page fills it for `report`."""
    data = {"version": report.updated_at.isoformat(), "slug": report.slug,
            "event": report.event_id or "",
            "published_at": "" if report.published_at is None else
            timezone.localtime(report.published_at).strftime("%Y-%m-%dT%H:%M")}
    for name in ("title", "summary", "body"):
        for code in ("de", "en", "es", "it", "bg"):
            data[f"{name}_{code}"] = getattr(report, f"{name}_{code}") or ""
    return data | changes


def draft(organiser, world, event) -> Report:
    response = organiser.post(url("report_draft", world, event=event.pk))
    report = Report.objects.get(event=event)
    assert response.status_code == 302
    assert response["Location"] == url("report_edit", world, report=report.pk)
    return report


def texts(response) -> str:
    return response.content.decode()


# ---------------------------------------------------------------------------------------
# The whole way: draft, edit, image, preview, publish, public pages and feed, unpublish


def test_a_report_goes_from_draft_to_the_public_site_and_back(organiser, world, past_event):
    public_list = reverse("reports:list", kwargs={"series": world.series.slug})
    feed = reverse("reports:feed", kwargs={"series": world.series.slug})
    assert "Leipzig kick-off" not in texts(organiser.get(public_list))  # cached now

    page = organiser.get(url("report_draft", world, event=past_event.pk))
    assert "Draft the report" in texts(page)
    report = draft(organiser, world, past_event)
    drafts = drafting.report_draft(event=past_event)
    assert sorted(drafts) == ["bg", "de", "en"]
    for code, composed in drafts.items():  # what the drafting returns lands in the fields
        assert getattr(report, f"title_{code}") == composed.title
        assert getattr(report, f"body_{code}") == (composed.body or None)
    assert (report.is_published, report.published_at, report.slug) == (
        False, None, "leipzig-kick-off")

    editor = organiser.get(url("report_edit", world, report=report.pk))
    assert 'name="body_de"' in texts(editor) and 'name="title_bg"' in texts(editor)

    upload = organiser.post(url("report_image_upload", world, report=report.pk), {
        "image": _upload("stage.png", png_bytes((40, 30))), "alt_text": "The stage in Leipzig"})
    assert upload.status_code == 302
    image = ReportImage.objects.get(report=report)
    images_page = texts(organiser.get(url("report_image_upload", world, report=report.pk)))
    markdown = f"![The stage in Leipzig]({image.image.url})"
    assert markdown in images_page
    assert image.image.url.startswith("/media/reports/") and (image.width, image.height) == (40, 30)

    saved = organiser.post(url("report_edit", world, report=report.pk), editor_data(
        report, title_en="Leipzig opened the series", summary_en="37 came.",
        body_en=f"We met in Leipzig.\n\n{markdown}\n\n<script>alert(1)</script>",
        body_de="Wir trafen uns in Leipzig."))
    assert saved.status_code == 302
    report.refresh_from_db()
    assert report.title_en == "Leipzig opened the series"

    preview = organiser.get(url("report_preview", world, report=report.pk))
    assert preview["Cache-Control"].startswith("private") or "no-store" in preview["Cache-Control"]
    body = texts(preview)
    assert "Preview" in body and "Leipzig opened the series" in body
    assert f'<img alt="The stage in Leipzig" src="{image.image.url}">' in body
    assert "<script>alert(1)" not in body
    with translation.override("de"):
        german = texts(organiser.get(url("report_preview", world, report=report.pk)))
    assert "Wir trafen uns in Leipzig." in german
    assert "Leipzig opened the series" not in texts(organiser.get(public_list))

    confirm = organiser.get(url("report_publish", world, report=report.pk))
    assert "Publishing puts the report on the series' public site" in texts(confirm)
    published = organiser.post(url("report_publish", world, report=report.pk),
                               {"version": _version(report)})
    assert published.status_code == 302
    report.refresh_from_db()
    assert report.is_published and report.published_at <= timezone.now()

    assert "Leipzig opened the series" in texts(organiser.get(public_list))
    detail = texts(organiser.get(report.get_absolute_url()))
    assert f'<img alt="The stage in Leipzig" src="{image.image.url}">' in detail
    atom = texts(organiser.get(feed))
    assert "Leipzig opened the series" in atom
    assert f'src="{settings.SITE_URL}{image.image.url}"' in atom  # absolute for feed readers
    assert organiser.get(image.image.url).status_code == 200

    unpublished = organiser.post(url("report_unpublish", world, report=report.pk), follow=True)
    assert "The report is taken off the public site and the feed." in texts(unpublished)
    report.refresh_from_db()
    assert not report.is_published
    assert "Leipzig opened the series" not in texts(organiser.get(public_list))
    assert organiser.get(report.get_absolute_url()).status_code == 404
    assert "Leipzig opened the series" not in texts(organiser.get(feed))

    assert list(AuditEntry.objects.filter(object_type__in=["report", "reportimage"])
                .order_by("pk").values_list("action", flat=True)) == [
        "report.draft", "report.image_add", "report.edit", "report.publish",
        "report.unpublish"]
    edit_entry = AuditEntry.objects.get(action="report.edit")
    assert edit_entry.changes == {} and "Leipzig opened" not in str(edit_entry.data)
    assert {"title_en", "summary_en", "body_en", "body_de"} <= set(edit_entry.data["fields"])


def _upload(name: str, content: bytes, content_type: str = "image/png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


def _version(report: Report) -> str:
    report.refresh_from_db()
    return report.updated_at.isoformat()


def test_the_list_shows_drafts_and_published_reports_in_constant_queries(organiser, world):
    report_create(series=world.series, title_en="Published one", slug="one")
    report_create(series=world.series, title_en="A draft", slug="two", is_published=False,
                  published_at=None)
    report_create(series=world.other_series, title_en="Not ours", slug="three")
    page = texts(organiser.get(url("reports", world)))
    assert "Published one" in page and "A draft" in page and "Not ours" not in page

    organiser.get(url("reports", world))
    with CaptureQueriesContext(connection) as few:
        organiser.get(url("reports", world))
    for number in range(10):
        report = report_create(series=world.series, slug=f"more-{number}",
                               event=world.leipzig_event)
        ReportImage.objects.create(report=report, alt_text="x", image="reports/x.png")
    with CaptureQueriesContext(connection) as many:
        organiser.get(url("reports", world))
    assert len(many) == len(few)


def test_the_navigation_names_the_reports(organiser, world):
    page = texts(organiser.get(url("series_overview", world)))
    assert f'href="{url("reports", world)}"' in page


# ---------------------------------------------------------------------------------------
# Drafting: refused before the end and when cancelled; an event with a report offers it


def test_an_event_not_over_yet_is_not_drafted(organiser, world):
    page = texts(organiser.get(url("report_draft", world, event=world.leipzig_event.pk)))
    assert "This event is not over yet" in page
    organiser.post(url("report_draft", world, event=world.leipzig_event.pk))
    assert not Report.objects.exists()


def test_a_cancelled_event_is_not_drafted(organiser, world, past_event):
    past_event.status = "cancelled"
    past_event.save()
    response = organiser.post(url("report_draft", world, event=past_event.pk), follow=True)
    assert "This event was cancelled" in texts(response)
    assert not Report.objects.exists()


def test_an_event_with_a_report_offers_it_and_never_overwrites_it(organiser, world, past_event):
    report = draft(organiser, world, past_event)
    organiser.post(url("report_edit", world, report=report.pk),
                   editor_data(report, body_en="My own words."))
    page = texts(organiser.get(url("report_draft", world, event=past_event.pk)))
    assert "This event has a report already" in page
    assert url("report_edit", world, report=report.pk) in page
    assert url("report_redraft", world, report=report.pk) in page

    organiser.post(url("report_draft", world, event=past_event.pk))  # the form, sent again
    assert Report.objects.filter(event=past_event).count() == 1
    report.refresh_from_db()
    assert report.body_en == "My own words."


def test_drafting_again_replaces_the_texts_after_the_confirm_step(organiser, world, past_event):
    report = draft(organiser, world, past_event)
    organiser.post(url("report_edit", world, report=report.pk),
                   editor_data(report, body_en="My own words.", title_en="Mine"))
    confirm = texts(organiser.get(url("report_redraft", world, report=report.pk)))
    assert "replace what is there now" in confirm
    report.refresh_from_db()
    assert report.body_en == "My own words."

    organiser.post(url("report_redraft", world, report=report.pk),
                   {"version": _version(report)})
    report.refresh_from_db()
    composed = drafting.report_draft(event=past_event)["en"]
    assert (report.title_en, report.body_en) == (composed.title, composed.body)
    assert AuditEntry.objects.filter(action="report.redraft", object_id=str(report.pk)).exists()


def test_drafting_again_on_a_page_older_than_an_edit_changes_nothing(organiser, world,
                                                                       past_event):
    report = draft(organiser, world, past_event)
    seen = _version(report)
    organiser.post(url("report_edit", world, report=report.pk),
                   editor_data(report, body_en="Written meanwhile."))
    response = organiser.post(url("report_redraft", world, report=report.pk),
                              {"version": seen}, follow=True)
    assert "Somebody else changed this report since you opened it" in texts(response)
    report.refresh_from_db()
    assert report.body_en == "Written meanwhile."


# ---------------------------------------------------------------------------------------
# The editor's bad input: a message, nothing saved


@pytest.fixture
def report(world):
    return report_create(series=world.series, event=world.leipzig_event, slug="leipzig",
                         title_en="Leipzig", body_en="Text.", is_published=False,
                         published_at=None)


@pytest.mark.parametrize(("changes", "message"), [
    ({"slug": "taken"}, "Another report of the series has this address already"),
    ({"title_en": ""}, "Please enter the title in English, the main language of the series."),
    ({"body_en": "x" * 50_001}, "Ensure this value has at most 50000 characters"),
    ({"slug": "not a slug!"}, "Enter a valid “slug”"),
    ({"event": "999999"}, "Select a valid choice."),
    ({"published_at": "next tuesday"}, "Enter a valid date/time."),
])
def test_bad_input_in_the_editor_saves_nothing(organiser, world, report, changes, message):
    report_create(series=world.series, slug="taken")
    before = _version(report)
    response = organiser.post(url("report_edit", world, report=report.pk),
                              editor_data(report, body_de="Neu", **changes))
    assert response.status_code == 200
    assert message in texts(response)
    assert "nothing is saved yet" in texts(response)
    assert _version(report) == before


def test_an_event_of_another_series_cannot_be_chosen(organiser, world, report):
    response = organiser.post(url("report_edit", world, report=report.pk),
                              editor_data(report, event=str(world.other_event.pk)))
    assert "Select a valid choice." in texts(response)
    report.refresh_from_db()
    assert report.event_id == world.leipzig_event.pk


def test_the_same_slug_in_another_series_is_fine(organiser, world, report):
    report_create(series=world.other_series, slug="free-here")
    organiser.post(url("report_edit", world, report=report.pk),
                   editor_data(report, slug="free-here"))
    report.refresh_from_db()
    assert report.slug == "free-here"


def test_a_report_edited_meanwhile_is_not_overwritten(organiser, world, report):
    opened = editor_data(report)
    report.body_en = "Another organiser's words."
    report.save()
    response = organiser.post(url("report_edit", world, report=report.pk),
                              opened | {"body_en": "Mine."})
    page = texts(response)
    assert "Somebody else changed this report since you opened it" in page
    assert "Mine." in page  # still in the form, to be copied
    report.refresh_from_db()
    assert report.body_en == "Another organiser's words."


def test_publishing_what_changed_since_the_confirm_page_is_refused(organiser, world, report):
    seen = _version(report)
    report.body_en = "Changed meanwhile."
    report.save()
    response = organiser.post(url("report_publish", world, report=report.pk),
                              {"version": seen}, follow=True)
    assert "Somebody else changed this report" in texts(response)
    report.refresh_from_db()
    assert not report.is_published


def test_a_published_report_keeps_its_publication_time(organiser, world, report):
    organiser.post(url("report_publish", world, report=report.pk), {"version": _version(report)})
    report.refresh_from_db()
    response = organiser.post(url("report_edit", world, report=report.pk),
                              editor_data(report, published_at=""))
    assert "A published report keeps its publication time" in texts(response)


def test_a_publication_time_to_come_keeps_the_report_off_the_public_site(organiser, world,
                                                                         report):
    later = timezone.localtime() + timedelta(days=2)
    organiser.post(url("report_edit", world, report=report.pk),
                   editor_data(report, published_at=later.strftime("%Y-%m-%dT%H:%M")))
    organiser.post(url("report_publish", world, report=report.pk), {"version": _version(report)})
    report.refresh_from_db()
    assert report.is_published
    assert not Report.objects.published().filter(pk=report.pk).exists()
    assert organiser.get(report.get_absolute_url()).status_code == 404
    listing = texts(organiser.get(reverse("reports:list", kwargs={"series": world.series.slug})))
    assert report.get_absolute_url() not in listing


def test_deleting_a_report_takes_its_images_along(organiser, world, report, settings,
                                                  django_capture_on_commit_callbacks):
    organiser.post(url("report_image_upload", world, report=report.pk), {
        "image": _upload("a.png", png_bytes()), "alt_text": "A"})
    image = ReportImage.objects.get()
    path = settings.MEDIA_ROOT / image.image.name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        organiser.post(url("report_delete", world, report=report.pk))
    assert not Report.objects.filter(pk=report.pk).exists()
    assert not ReportImage.objects.exists()
    assert not path.exists()
    assert AuditEntry.objects.get(action="report.delete").data == {"images": [image.pk]}


def test_the_draft_link_of_the_event_page_leads_to_drafting(organiser, world, past_event):
    page = texts(organiser.get(url("event_detail", world, event=past_event.pk)))
    assert url("report_draft", world, event=past_event.pk) in page


def test_an_address_taken_after_the_form_checked_it_is_refused_by_the_service(world, report):
    from orga.services import reports as services

    report_create(series=world.series, slug="taken")
    with pytest.raises(services.ReportError, match="has this address already"):
        services.report_update(report=report, actor=world.users["organiser"],
                               fields={"slug": "taken"}, version=_version(report))
    report.refresh_from_db()
    assert report.slug == "leipzig"
    assert not AuditEntry.objects.filter(action="report.edit").exists()
