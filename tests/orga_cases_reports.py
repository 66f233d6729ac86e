"""Permission cases of the reports (news) in the workspace: the list, drafting from an event,
the editor, preview, publishing, unpublishing, deleting, the images
(tests/test_orga_permissions.py runs them).

Reports speak for the whole series: its organisers only (coordinators are in the team and
learn it is forbidden). A report, an image or an event of another series under this
series' address is there for nobody."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from reports.models import Report, ReportImage
from tests.factories import event_create, report_create
from tests.orga_cases import (
    FORBIDDEN,
    OK,
    Case,
    leipzig_event,
    nobody_in,
    organisers,
    other_series_event,
    series,
)


def forged() -> dict:
    """An object of another series under Connect's address: not there for its organiser;
    the coordinators may not open reports at all, so they learn that (and nothing else)."""
    return nobody_in() | {"leipzig": FORBIDDEN, "sofia": FORBIDDEN}


def png_bytes(size=(4, 3), colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def _past_event(world) -> dict:
    """A past event of Connect in Leipzig (the world's events are to come)."""
    event = world.series.events.filter(slug="leipzig-past").first() or event_create(
        series=world.series, slug="leipzig-past", title_en="Leipzig showcase",
        region=world.leipzig_region, start=timezone.now() - timedelta(days=3))
    return {"series": world.series.slug, "event": event.pk}


def _report(world) -> Report:
    """Connect's draft report of the Leipzig event (the same one each time it is asked for:
    the accessibility test builds every case's address in one world)."""
    return Report.objects.filter(series=world.series, slug="leipzig").first() or report_create(
        series=world.series, event=world.leipzig_event, slug="leipzig",
        title_en="Leipzig showcase", title_de="Leipzig showcase", body_en="Leipzig showcase",
        is_published=False, published_at=None)


def _report_kwargs(world) -> dict:
    return {"series": world.series.slug, "report": _report(world).pk}


def _other_report(world) -> dict:
    """A report of the other series under Connect's address: a forged id."""
    return {"series": world.series.slug, "report": _other_series_report(world).pk}


def _other_series_report(world) -> Report:
    return Report.objects.filter(series=world.other_series, slug="other").first() or \
        report_create(series=world.other_series, slug="other", title_en="Other event")


def _image(world) -> dict:
    report = _report(world)
    image = report.images.first() or _image_create(report, "Leipzig showcase")
    return {"series": world.series.slug, "report": report.pk, "image": image.pk}


def _image_create(report: Report, alt_text: str) -> ReportImage:
    image = ReportImage(report=report, alt_text=alt_text, width=4, height=3)
    image.image.save("x.png", SimpleUploadedFile("x.png", png_bytes()), save=False)
    image.save()
    return image


def _other_image(world) -> dict:
    """An image of the other series' report under a report of Connect: a forged id."""
    other = _other_series_report(world)
    image = other.images.first() or _image_create(other, "Other event")
    return {"series": world.series.slug, "report": _report(world).pk, "image": image.pk}


def _edit_data(world) -> dict:
    return {"version": _report(world).updated_at.isoformat(), "title_en": "Leipzig showcase",
            "title_de": "", "title_bg": "", "title_es": "",
            "title_it": "", "slug": "leipzig-edited", "event": "", "published_at": ""}


def _upload(world) -> dict:
    return {"image": SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png"),
            "alt_text": "Leipzig showcase"}


CASES = [
    Case("reports", series, organisers()),
    Case("reports", lambda world: {"series": world.other_series.slug},
         nobody_in() | {"outsider": OK}, label="other series"),
    Case("report_draft", _past_event, organisers()),
    Case("report_draft", _past_event, organisers(), method="post"),
    Case("report_draft", leipzig_event, organisers(), label="not over"),
    Case("report_draft", leipzig_event, organisers(), method="post", label="not over"),
    Case("report_draft", other_series_event, forged(), label="other series"),
    Case("report_draft", other_series_event, forged(), method="post", label="other series"),
    Case("report_edit", _report_kwargs, organisers()),
    Case("report_edit", _report_kwargs, organisers(), method="post", data=_edit_data),
    Case("report_edit", _other_report, forged(), label="other series"),
    Case("report_edit", _other_report, forged(), method="post", data=_edit_data,
         label="other series"),
    Case("report_redraft", _report_kwargs, organisers()),
    Case("report_redraft", _report_kwargs, organisers(), method="post"),
    Case("report_redraft", _other_report, forged(), label="other series"),
    Case("report_redraft", _other_report, forged(), method="post", label="other series"),
    Case("report_preview", _report_kwargs, organisers()),
    Case("report_preview", _other_report, forged(), label="other series"),
    Case("report_publish", _report_kwargs, organisers()),
    Case("report_publish", _report_kwargs, organisers(), method="post"),
    Case("report_publish", _other_report, forged(), label="other series"),
    Case("report_publish", _other_report, forged(), method="post", label="other series"),
    Case("report_unpublish", _report_kwargs, organisers()),
    Case("report_unpublish", _report_kwargs, organisers(), method="post"),
    Case("report_unpublish", _other_report, forged(), method="post", label="other series"),
    Case("report_delete", _report_kwargs, organisers()),
    Case("report_delete", _report_kwargs, organisers(), method="post"),
    Case("report_delete", _other_report, forged(), label="other series"),
    Case("report_delete", _other_report, forged(), method="post", label="other series"),
    Case("report_image_upload", _report_kwargs, organisers()),
    Case("report_image_upload", _report_kwargs, organisers(), method="post", data=_upload),
    Case("report_image_upload", _other_report, forged(), method="post", data=_upload,
         label="other series"),
    Case("report_image_delete", _image, organisers()),
    Case("report_image_delete", _image, organisers(), method="post"),
    Case("report_image_delete", _other_image, forged(), label="other image"),
    Case("report_image_delete", _other_image, forged(), method="post", label="other image"),
]
