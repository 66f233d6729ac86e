"""Images of a report: PNG, JPEG or WebP, verified and written anew without their metadata
(the camera's place and time), with a required alternative text; anything else — a
non-image, an SVG, a file named like an image, an oversized file, a decompression bomb —
is refused with a message, and nothing is saved. Deleting one removes its file."""

import io
import zlib
from struct import pack

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from reports.models import ReportImage
from tests.factories import report_create
from tests.orga_cases_reports import png_bytes
from tests.orga_world import client_as, orga_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return orga_world()


@pytest.fixture
def report(world):
    return report_create(series=world.series, slug="leipzig", title_en="Leipzig",
                         is_published=False, published_at=None)


@pytest.fixture
def organiser(client, world):
    return client_as(client, world, "organiser")


def upload(organiser, report, content: bytes, name: str = "photo.jpg", alt: str = "Stage",
           content_type: str = "image/jpeg"):
    return organiser.post(
        reverse("orga:report_image_upload", kwargs={"series": report.series.slug,
                                                    "report": report.pk}),
        {"image": SimpleUploadedFile(name, content, content_type=content_type), "alt_text": alt})


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (30, 20), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = 6  # Orientation: turned
    exif[0x8825] = {1: "N", 2: (51.0, 20.0, 0.0), 3: "E", 4: (12.0, 22.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, comment=b"taken at home")
    return out.getvalue()


def test_a_photo_is_stored_without_its_metadata_and_turned_upright(organiser, report,
                                                                   settings):
    data = jpeg_with_gps()
    assert Image.open(io.BytesIO(data)).getexif().get(0x8825)
    response = upload(organiser, report, data)
    assert response.status_code == 302
    image = ReportImage.objects.get(report=report)
    stored = Image.open(settings.MEDIA_ROOT / image.image.name)
    assert stored.format == "JPEG"
    assert not stored.getexif() and "comment" not in stored.info and "exif" not in stored.info
    assert stored.size == (20, 30) == (image.width, image.height)  # the orientation applied
    assert image.image.name.startswith(f"reports/{report.series_id}/")
    assert "photo" not in image.image.name


@pytest.mark.parametrize("image_format", ["PNG", "WEBP"])
def test_png_and_webp_are_taken(organiser, report, image_format):
    out = io.BytesIO()
    Image.new("RGBA", (8, 8), (1, 2, 3, 128)).save(out, format=image_format)
    assert upload(organiser, report, out.getvalue(), name="x.img").status_code == 302
    assert Image.open(ReportImage.objects.get().image.open()).format == image_format


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims width × height pixels and holds almost nothing: a decompression
    bomb's header."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return pack(">I", len(body)) + kind + body + pack(">I", zlib.crc32(kind + body))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
       b'<script>alert(1)</script></svg>')


@pytest.mark.parametrize(("content", "name", "alt", "message"), [
    (b"just some text, no picture", "notes.png", "Stage",
     "This file is not an image we can read"),
    (SVG, "drawing.svg", "Stage", "SVG images can carry scripts and are not taken"),
    (SVG, "drawing.png", "Stage", "SVG images can carry scripts and are not taken"),
    (b"%PDF-1.4 not an image", "photo.jpg", "Stage", "This file is not an image we can read"),
    (png_bytes()[:40], "cut.png", "Stage", "This file is not an image we can read"),
    (_png_header_only(7000, 100), "wide.png", "Stage",
     "This image is 7000 × 100 pixels; an image may be at most 6000 pixels wide and high."),
    (_png_header_only(100_000, 100_000), "bomb.png", "Stage",
     "This image claims far more pixels than an image may have"),
    (_png_header_only(5000, 5000), "big.png", "Stage", "This image is 5000 × 5000 pixels"),
    (png_bytes(), "photo.png", "", "This field is required."),
    (png_bytes(), "photo.png", "x" * 301, "Ensure this value has at most 300 characters"),
], ids=["text", "svg", "svg named png", "pdf named jpg", "truncated", "too wide",
        "decompression bomb", "too many pixels", "no alt text", "alt text too long"])
def test_bad_uploads_are_refused_and_nothing_is_saved(organiser, report, settings, content,
                                                      name, alt, message):
    response = upload(organiser, report, content, name=name, alt=alt)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "The image is not saved" in page
    assert not ReportImage.objects.exists()
    assert not (settings.MEDIA_ROOT / "reports").exists()


def test_a_gif_is_refused(organiser, report):
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, format="GIF")
    response = upload(organiser, report, out.getvalue(), name="a.gif")
    assert "This file is not an image we can read; please upload a PNG, JPEG or WebP image." \
        in response.content.decode()
    assert not ReportImage.objects.exists()


def test_an_oversized_file_is_refused(organiser, report):
    response = upload(organiser, report, b"\xff\xd8" + b"\0" * (5 * 1024 * 1024 + 1))
    assert "an image may be at most 5.0" in response.content.decode()
    assert not ReportImage.objects.exists()


def test_the_refusal_is_in_the_organisers_language(organiser, report):
    from django.utils import translation

    with translation.override("de"):
        response = upload(organiser, report, b"plain text")
    page = response.content.decode()
    assert "This file is not an image" not in page
    assert 'lang="de"' in page


def test_deleting_an_image_removes_its_file(organiser, report, settings,
                                            django_capture_on_commit_callbacks):
    upload(organiser, report, png_bytes(), name="a.png")
    image = ReportImage.objects.get()
    path = settings.MEDIA_ROOT / image.image.name
    delete_url = reverse("orga:report_image_delete", kwargs={
        "series": report.series.slug, "report": report.pk, "image": image.pk})
    assert "Delete the image" in organiser.get(delete_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        organiser.post(delete_url)
    assert not ReportImage.objects.exists() and not path.exists()
