"""Reports: published articles (news) about an event or the whole series."""

from django.db import models
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
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
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
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return page_url("reports:detail", series=self.series.slug, report=self.slug)
