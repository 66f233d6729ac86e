"""Writes of the reports (news) in the workspace: drafting one from an event's data,
drafting it again, editing, publishing, unpublishing, deleting, and its images. Each records
itself in the audit log (ids and field names only, never the texts) in its transaction.

Nothing reaches the public pages but through report_publish. Saving a report retires the
cached public pages (events/page_cache.py hears every save and delete of the reports app),
so an unpublished or changed report is never shown from the cache.

Optimistic locking: a change made from a page (edit, draft again, publish) carries the
report's `updated_at` as that page showed it (`version`); the report is locked (FOR NO KEY
UPDATE, its own row only: no other lock is held, so the lock order of the README is kept)
and compared, and a report changed meanwhile by somebody else is not overwritten:
ReportChanged, whose message asks to look at it again. Drafting a new report locks the
event's row, so that two organisers drafting at once make one report.
"""

from collections.abc import Mapping
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.db import retry_on_conflict
from events.models import Event
from orga import drafting
from orga.forms.reports import VerifiedImage, report_version
from orga.services.audit import audit_record
from reports.models import Report, ReportImage


class ReportError(Exception):
    """A change the rules refuse; the message is translated and shown as it is."""


class ReportChanged(ReportError):
    """The report changed since the page was shown: nothing was saved."""

    def __init__(self) -> None:
        super().__init__(_("Somebody else changed this report since you opened it, so "
                           "nothing was saved. Please look at it again and make your change "
                           "there (copy your text first if you need it)."))


class ReportExists(ReportError):
    """The event has a report already (drafted meanwhile by somebody else)."""

    def __init__(self, report: Report) -> None:
        super().__init__(_("This event has a report already: open it, or draft it again."))
        self.report = report


def report_draft_refusal(*, event: Event, now=None) -> str | None:
    """Why no report can be drafted for `event` (None: it can)."""
    if event.status == Event.Status.CANCELLED:
        return _("This event was cancelled: there is nothing to report on.")
    if event.end > (now or timezone.now()):
        return _("This event is not over yet: its report can be drafted once it has ended.")
    return None


def report_draft_create(*, event: Event, actor) -> Report:
    """A new unpublished report of `event`, drafted from its data in every content language.

    Steps: 1. refuse an event not over or cancelled (ReportError); 2. compose the drafts
    (orga.drafting.report_draft, outside any transaction); 3. in one transaction: lock the
    event's row, refuse if it has a report meanwhile (ReportExists), create the report (its
    address made from the event's, free in the series; no publication time yet); 4. audit
    "report.draft" with the report's and the event's ids."""
    refusal = report_draft_refusal(event=event)
    if refusal:
        raise ReportError(refusal)
    drafts = drafting.report_draft(event=event)
    return _draft_save(event=event, actor=actor, drafts=drafts)


@retry_on_conflict
@transaction.atomic
def _draft_save(*, event: Event, actor, drafts: Mapping[str, drafting.ReportDraft]) -> Report:
    Event.objects.select_for_update(no_key=True).filter(pk=event.pk).first()
    existing = Report.objects.filter(event=event).order_by("pk").first()
    if existing is not None:
        raise ReportExists(existing)
    report = Report(series=event.series, event=event, published_at=None, is_published=False,
                    slug=_free_slug(event))
    _set_texts(report, drafts)
    report.save()
    audit_record(series=event.series, actor=actor, action="report.draft", obj=report,
                 event=event, data={"languages": sorted(drafts)})
    return report


def report_redraft(*, report: Report, actor, version: str) -> Report:
    """Draft the texts of `report` again from its event's data, replacing them.

    Steps: 1. refuse a report without an event, or whose event is not over or cancelled
    (ReportError); 2. compose the drafts (outside any transaction); 3. in one transaction:
    lock the report, refuse if it changed since the page the organiser confirmed on
    (ReportChanged), replace title, summary and body in each drafted language (the other
    languages keep theirs); 4. audit "report.redraft"."""
    event = report.event
    if event is None:
        raise ReportError(_("This report belongs to no event: there is nothing to draft it "
                            "from."))
    refusal = report_draft_refusal(event=event)
    if refusal:
        raise ReportError(refusal)
    drafts = drafting.report_draft(event=event)
    return _redraft_save(report=report, actor=actor, version=version, drafts=drafts)


@retry_on_conflict
@transaction.atomic
def _redraft_save(*, report: Report, actor, version: str,
                  drafts: Mapping[str, drafting.ReportDraft]) -> Report:
    locked = _lock(report, version)
    _set_texts(locked, drafts)
    locked.save()
    audit_record(series=report.series, actor=actor, action="report.redraft", obj=locked,
                 event=locked.event, data={"languages": sorted(drafts)})
    return locked


@retry_on_conflict
@transaction.atomic
def report_update(*, report: Report, actor, fields: Mapping[str, Any], version: str) -> Report:
    """Save the editor's fields (texts per language, slug, event, publication time).

    Steps: 1. lock the report; refuse if it changed since the editor was opened
    (ReportChanged); 2. set the fields and save (a published report's public pages are
    retired from the cache); an address another report took meanwhile: ReportError;
    3. audit "report.edit" with the names of the changed fields."""
    locked = _lock(report, version)
    changed = sorted(name for name, value in fields.items() if getattr(locked, name) != value)
    for name, value in fields.items():
        setattr(locked, name, value)
    try:
        with transaction.atomic():
            locked.save()
    except IntegrityError:  # the address, taken by another report since the form checked it
        raise ReportError(_("Another report of the series has this address already; please "
                            "choose another.")) from None
    audit_record(series=report.series, actor=actor, action="report.edit", obj=locked,
                 event=locked.event, data={"fields": changed})
    return locked


@retry_on_conflict
@transaction.atomic
def report_publish(*, report: Report, actor, version: str) -> Report:
    """Put the report on the public site: its list, its page and the Atom feed.

    Steps: 1. lock the report; refuse if it changed since the organiser looked at it
    (ReportChanged: they would publish what they have not seen); a report published
    meanwhile stays as it is; 2. publish, dated now unless it has a publication time (a
    time to come keeps it off the public pages until then); the cached public pages are
    retired; 3. audit "report.publish"."""
    locked = _lock(report, version)
    if locked.is_published:
        return locked
    if not (getattr(locked, f"title_{locked.series.default_language}") or "").strip():
        raise ReportError(_("The report has no title in the series' main language: please "
                            "write one before publishing."))
    locked.is_published = True
    if locked.published_at is None:
        locked.published_at = timezone.now()
    locked.save()
    audit_record(series=report.series, actor=actor, action="report.publish", obj=locked,
                 event=locked.event, data={"published_at": locked.published_at})
    return locked


@retry_on_conflict
@transaction.atomic
def report_unpublish(*, report: Report, actor) -> Report:
    """Take the report off the public site (its list, page and feed).

    Steps: 1. lock the report; one unpublished meanwhile stays as it is; 2. unpublish,
    keeping its publication time (published again, it is the same entry in the feed); the
    cached public pages are retired; 3. audit "report.unpublish"."""
    locked = _lock(report)
    if not locked.is_published:
        return locked
    locked.is_published = False
    locked.save()
    audit_record(series=report.series, actor=actor, action="report.unpublish", obj=locked,
                 event=locked.event)
    return locked


@retry_on_conflict
@transaction.atomic
def report_delete(*, report: Report, actor) -> None:
    """Delete the report and its images.

    Steps: 1. lock the report (gone meanwhile: nothing to do); 2. audit "report.delete"
    with its id and its images' ids; 3. delete it with its images' rows; their files once
    the transaction has committed."""
    locked = Report.objects.select_for_update(no_key=True).filter(pk=report.pk).first()
    if locked is None:
        return
    images = list(locked.images.all())
    audit_record(series=report.series, actor=actor, action="report.delete", obj=locked,
                 event=locked.event, data={"images": [image.pk for image in images]})
    locked.delete()
    _delete_files_on_commit([image.image.name for image in images])


@retry_on_conflict
@transaction.atomic
def report_image_add(*, report: Report, actor, image: VerifiedImage,
                     alt_text: str) -> ReportImage:
    """Store an image of the report (verified and re-encoded by orga.forms.reports).

    Steps: 1. write the file to the media storage under a random name; 2. save its row
    with the alternative text and size; 3. audit "report.image_add" with the ids."""
    added = ReportImage(report=report, alt_text=alt_text, width=image.width,
                        height=image.height)
    added.image.save(f"image.{image.extension}", ContentFile(image.content), save=False)
    added.save()
    audit_record(series=report.series, actor=actor, action="report.image_add", obj=added,
                 event=report.event, data={"report": report.pk})
    return added


@retry_on_conflict
@transaction.atomic
def report_image_delete(*, image: ReportImage, actor) -> None:
    """Delete an image of a report. Steps: 1. audit "report.image_delete" with the ids;
    2. delete its row; its file once the transaction has committed (a report still naming it
    shows no image: the sanitiser keeps its address, the browser finds nothing)."""
    report = image.report
    audit_record(series=report.series, actor=actor, action="report.image_delete", obj=image,
                 event=report.event, data={"report": report.pk})
    name = image.image.name
    ReportImage.objects.filter(pk=image.pk).delete()
    _delete_files_on_commit([name])


def _lock(report: Report, version: str | None = None) -> Report:
    locked = (Report.objects.select_for_update(no_key=True).filter(pk=report.pk)
              .select_related("series").first())
    if locked is None or (version is not None and report_version(locked) != version):
        raise ReportChanged
    return locked


def _set_texts(report: Report, drafts: Mapping[str, drafting.ReportDraft]) -> None:
    for language, draft in drafts.items():
        setattr(report, f"title_{language}", draft.title or None)
        setattr(report, f"summary_{language}", draft.summary or None)
        setattr(report, f"body_{language}", draft.body or None)


def _free_slug(event: Event) -> str:
    base = (event.slug or slugify(event.title) or "report")[:70]
    taken = set(Report.objects.filter(series_id=event.series_id, slug__startswith=base)
                .values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _delete_files_on_commit(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    def delete() -> None:
        for name in names:
            if name:
                default_storage.delete(name)

    transaction.on_commit(delete)
