"""Reports: published articles (news) about an event or the whole series, and the images
an organiser uploads for them."""

import uuid
from pathlib import PurePosixPath

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.urls import page_url
from events.models import Event, Series


class ReportQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(is_published=True, published_at__lte=now or timezone.now())


class Report(models.Model):
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="reports",
                               verbose_name=_("series"))
    event = models.ForeignKey(Event, on_delete=models.SET_NULL, related_name="reports",
                              null=True, blank=True, verbose_name=_("event"))
    slug = models.SlugField(_("slug"), max_length=80)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    # empty while a draft has never been published: publishing sets it (a time in the future
    # keeps a published report off the public pages until then)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True,
                                        default=timezone.now)
    is_published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(fields=["series", "slug"],
                                    name="report_slug_unique_per_series"),
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False),
                name="report_published_has_time",
                violation_error_message=_("A published report needs its publication time.")),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return page_url("reports:detail", series=self.series.slug, report=self.slug)


def report_image_path(instance: "ReportImage", filename: str) -> str:
    """reports/<series id>/<random>.<extension>: a name nobody guesses or reads anything
    from (the uploaded file's own name may be personal)."""
    extension = PurePosixPath(filename).suffix.lower().lstrip(".") or "bin"
    return f"reports/{instance.report.series_id}/{uuid.uuid4().hex}.{extension}"


class ReportImage(models.Model):
    """An image of a report: uploaded in the workspace, verified and re-encoded without its
    metadata (orga.forms.reports), shown where the report's Markdown names it."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="images",
                               verbose_name=_("report"))
    image = models.ImageField(_("image"), upload_to=report_image_path)
    alt_text = models.CharField(_("alternative text"), max_length=300)
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("report image")
        verbose_name_plural = _("report images")

    def __str__(self) -> str:
        return self.alt_text

    def markdown(self) -> str:
        """The Markdown that shows the image, to paste into a report's text."""
        alt = (self.alt_text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
               .replace("\n", " "))
        return f"![{alt}]({self.image.url})"
