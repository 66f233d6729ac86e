"""Reports (news) of a series: list, detail and an Atom feed."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from events import queries as event_queries
from events.content_language import series_fallback, translated
from events.models import Series
from events.page_cache import cache_public_page
from events.views import render_series_page
from reports.markup import render_markdown
from reports.models import Report


def _published_reports(series: Series):
    return Report.objects.published().filter(series=series).select_related("series", "event")


@cache_public_page
def report_list(request: HttpRequest, series: str) -> HttpResponse:
    series_obj = event_queries.series_get_published(slug=series)
    return render_series_page(request, series_obj, "reports/report_list.html",
                              {"reports": _published_reports(series_obj)})


@cache_public_page
def report_detail(request: HttpRequest, series: str, report: str) -> HttpResponse:
    series_obj = event_queries.series_get_published(slug=series)
    report_obj = get_object_or_404(_published_reports(series_obj), slug=report)
    body = render_markdown(translated(report_obj, "body").text)
    return render_series_page(request, series_obj, "reports/report_detail.html",
                              {"report": report_obj, "body": body})


def report_tag_uri(report: Report) -> str:
    """A report's atom:id: a tag URI (RFC 4151) of the site's host, the day it was
    published and its id — the same in every language's feed, and never another site's."""
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"tag:{host},{report.published_at:%Y-%m-%d}:report-{report.pk}"


class LanguageTaggedAtom1Feed(Atom1Feed):
    """Atom with xml:lang on an entry whose text is in another language than the feed's (a
    fallback, events.content_language), and on its summary when that differs again."""

    def item_attributes(self, item):
        language = item.get("title_language")
        return {"xml:lang": language} if language and language != self.feed["language"] else {}

    def add_item_elements(self, handler, item):
        entry_language = item.get("title_language") or self.feed["language"]
        body_language = item.get("description_language")
        if item["description"] is None or body_language in (None, entry_language):
            return super().add_item_elements(handler, item)
        super().add_item_elements(handler, {**item, "description": None})
        handler.addQuickElement("summary", item["description"],
                                {"type": "html", "xml:lang": body_language})


class ReportFeed(Feed):
    feed_type = LanguageTaggedAtom1Feed

    def get_object(self, request, series: str) -> Series:
        return event_queries.series_get_published(slug=series)

    def __call__(self, request, *args, **kwargs):
        series = self.get_object(request, *args, **kwargs)
        with series_fallback(series.default_language):
            return super().__call__(request, *args, **kwargs)

    def title(self, obj: Series) -> str:
        return _("%(series)s: reports") % {"series": obj.title}

    def subtitle(self, obj: Series) -> str:
        return obj.tagline

    def link(self, obj: Series) -> str:
        return reverse("reports:list", kwargs={"series": obj.slug})

    def feed_url(self, obj: Series) -> str:
        return settings.SITE_URL + reverse("reports:feed", kwargs={"series": obj.slug})

    def feed_guid(self, obj: Series) -> str:
        """The feed's atom:id: its own absolute address, an IRI (RFC 4287, 4.2.6)."""
        return self.feed_url(obj)

    def author_name(self, obj: Series) -> str:
        """The feed's author, which its entries inherit: the series' organiser."""
        return obj.organiser.name

    def author_link(self, obj: Series) -> str | None:
        return obj.organiser.website or None

    def items(self, obj: Series):
        return _published_reports(obj)[:30]

    def item_title(self, item: Report) -> str:
        return translated(item, "title").text

    def item_description(self, item: Report) -> str:
        return render_markdown(translated(item, "body").text, absolute=True)

    def item_extra_kwargs(self, item: Report) -> dict:
        return {"title_language": translated(item, "title").language,
                "description_language": translated(item, "body").language}

    def item_pubdate(self, item: Report):
        return item.published_at

    def item_updateddate(self, item: Report):
        return max(item.updated_at, item.published_at)

    def item_guid(self, item: Report) -> str:
        return report_tag_uri(item)

    def item_guid_is_permalink(self, item: Report) -> bool:
        return False


report_feed = cache_public_page(ReportFeed())
