"""The forms of the reports in the workspace: the editor (texts of every language side by
side, slug, event, publication time), the confirm steps (draft again, publish) that carry
the version the organiser saw, and the image upload (verified and re-encoded here)."""

import io
import warnings
from dataclasses import dataclass
from struct import error as struct_error

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from core import local_forms
from events.content_language import content_languages
from events.models import Event, Series
from orga.forms.series import TranslatedTextsForm
from reports.models import Report

BODY_MAX_CHARS = 50_000
IMAGE_MAX_BYTES = 5 * 1024 * 1024
IMAGE_MAX_SIDE = 6000
IMAGE_MAX_PIXELS = 24_000_000
# Pillow's name of a format we take, and the file extension it is stored under
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}


class VersionField(forms.CharField):
    """The report's updated_at as the page showed it (optimistic locking)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs) -> None:
        super().__init__(max_length=64, required=False, **kwargs)


def report_version(report: Report) -> str:
    return report.updated_at.isoformat() if report.updated_at else ""


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Event) -> str:
        return f"{obj.title} ({timezone.localdate(obj.start):%Y-%m-%d})"


class ReportForm(TranslatedTextsForm):
    """A report's texts in every language side by side (the series' main language required
    for the title), its address, its event and its publication time."""

    translated = ("title", "summary", "body")

    event = EventChoiceField(queryset=Event.objects.none(), required=False, label=_("Event"),
                             help_text=_("The event the report is about; empty: the series."))
    published_at = forms.DateTimeField(
        required=False, label=_("Publication time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    version = VersionField()

    class Meta:
        model = Report
        fields = [*(f"{name}_{code}" for name in ("title", "summary", "body")
                    for code in content_languages()), "slug", "event", "published_at"]

    def __init__(self, *args, series: Series, **kwargs) -> None:
        super().__init__(*args, series=series, **kwargs)
        self.fields["event"].queryset = series.events.order_by("start")
        self.fields["slug"].label = _("Address")
        self.fields["slug"].help_text = _("The report's part of its web address, e.g. "
                                          "leipzig-2026: letters, digits and hyphens.")
        zone = local_forms.zone_label(timezone.get_current_timezone_name(), timezone.now())
        self.fields["published_at"].help_text = _(
            "Your time zone: %(zone)s. Empty: the moment you publish. A later time keeps the "
            "published report off the public site until then.") % {"zone": zone}
        for code in content_languages():
            body = self.fields[f"body_{code}"]
            body.widget.attrs.update(rows=14)
            body.help_text = ""  # the Markdown help stands above the texts
            body.max_length = BODY_MAX_CHARS
            body.validators.append(MaxLengthValidator(BODY_MAX_CHARS))
        if self.instance.pk and not self.is_bound:
            self.fields["version"].initial = report_version(self.instance)

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        taken = Report.objects.filter(series=self.series, slug=slug)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("Another report of the series has this address already; "
                                    "please choose another."))
        return slug

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.is_published and "published_at" in cleaned_data \
                and cleaned_data["published_at"] is None:
            self.add_error("published_at", _("A published report keeps its publication "
                                             "time: unpublish it first to clear it."))
        return cleaned_data

    def report_fields(self) -> dict:
        """The report's fields as the form has them (for orga.services.reports)."""
        names = [name for name in self._meta.fields]
        return {name: self.cleaned_data[name] for name in names}


class ConfirmForm(forms.Form):
    """A confirm step (draft again, publish): the version of the report the page showed."""

    version = VersionField()


@dataclass(frozen=True)
class VerifiedImage:
    content: bytes
    extension: str
    width: int
    height: int


class ReportImageForm(forms.Form):
    """An image for a report: PNG, JPEG or WebP, at most IMAGE_MAX_BYTES and IMAGE_MAX_SIDE
    pixels a side, read by Pillow (a decompression bomb is refused before it is decoded)
    and written anew without its metadata (EXIF with the camera's place and time, XMP,
    comments); its alternative text is required."""

    image = forms.FileField(label=_("Image"), help_text=_(
        "PNG, JPEG or WebP, at most 5 MB and 6000 pixels a side."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}))
    alt_text = forms.CharField(label=_("Alternative text"), max_length=300, help_text=_(
        "What the image shows, for those who cannot see it (screen readers, a failed "
        "download)."))

    def clean_image(self) -> VerifiedImage:
        upload = self.cleaned_data["image"]
        if upload.size > IMAGE_MAX_BYTES:
            raise ValidationError(_("This file is %(size)s; an image may be at most "
                                    "%(limit)s.") % {"size": filesizeformat(upload.size),
                                                     "limit": filesizeformat(IMAGE_MAX_BYTES)})
        return verify_image(upload.read())


def verify_image(data: bytes) -> VerifiedImage:
    """The image in `data` re-encoded in its own format without metadata, or a
    ValidationError saying what is wrong with it."""
    not_an_image = ValidationError(_("This file is not an image we can read; please upload "
                                     "a PNG, JPEG or WebP image."))
    if b"<svg" in data[:4096].lower():
        raise ValidationError(_("SVG images can carry scripts and are not taken; please "
                                "upload a PNG, JPEG or WebP image."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _verified(data)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("This image claims far more pixels than an image may have "
                                "(at most %(limit)s pixels wide and high); please upload a "
                                "smaller one.") % {"limit": IMAGE_MAX_SIDE}) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError, struct_error):
        raise not_an_image from None


def _verified(data: bytes) -> VerifiedImage:
    with Image.open(io.BytesIO(data), formats=list(IMAGE_FORMATS)) as opened:
        if opened.format not in IMAGE_FORMATS:
            raise ValidationError(_("This file is a %(format)s file; please upload PNG, "
                                    "JPEG or WebP.") % {"format": opened.format})
        width, height = opened.size
        if max(width, height) > IMAGE_MAX_SIDE or width * height > IMAGE_MAX_PIXELS:
            raise ValidationError(_("This image is %(width)s × %(height)s pixels; an image "
                                    "may be at most %(limit)s pixels wide and high.") % {
                "width": width, "height": height, "limit": IMAGE_MAX_SIDE})
        opened.load()
        return _reencoded(opened)


def _reencoded(opened: Image.Image) -> VerifiedImage:
    image_format = opened.format
    icc_profile = opened.info.get("icc_profile")
    image = ImageOps.exif_transpose(opened)  # turned as the camera meant, its EXIF gone
    if image_format == "JPEG" and image.mode not in ("RGB", "L", "CMYK"):
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        image = image.convert("RGBA")
    image.info = {}  # nothing of the file's own metadata is written again
    out = io.BytesIO()
    options = {"exif": b"", **({"icc_profile": icc_profile} if icc_profile else {})}
    if image_format == "JPEG":
        options.update(quality=88, optimize=True)
    elif image_format == "WEBP":
        options.update(quality=88)
    else:
        options.update(optimize=True)
    image.save(out, format=image_format, **options)
    return VerifiedImage(content=out.getvalue(), extension=IMAGE_FORMATS[image_format],
                         width=image.width, height=image.height)
