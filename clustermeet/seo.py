"""Being found and shared: the sitemap, robots.txt, the favicons and the share images.

Every address in them is absolute, from SITE_URL (never the request's Host header), so
that what the page cache keeps is right for everyone. Only published content is listed.
"""

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.contrib.staticfiles import finders
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from events import queries, sharing
from events.content_language import series_fallback
from events.models import Event, Organisation, Series, Speaker
from events.page_cache import cache_public_page, content_cached
from reports.models import Report

SHARE_IMAGE_SECONDS = 7 * 24 * 3600  # its address changes with what it shows
ICON_SECONDS = 7 * 24 * 3600


# Sitemap -----------------------------------------------------------------------------------

class PublicSitemap(Sitemap):
    """Each page in every interface language, with its alternates (hreflang, x-default), at
    the site's own address."""
    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None) -> str:
        parts = urlsplit(settings.SITE_URL)
        return parts.netloc + parts.path


class SeriesSitemap(PublicSitemap):
    priority = 1.0

    def items(self):
        return Series.objects.published().order_by("pk")


class EventSitemap(PublicSitemap):
    priority = 0.8

    def items(self):
        return Event.objects.published().select_related("series").order_by("start", "pk")


class ReportSitemap(PublicSitemap):
    priority = 0.6

    def items(self):
        return (Report.objects.published().filter(series__is_published=True)
                .select_related("series").order_by("-published_at", "pk"))

    def lastmod(self, item: Report):
        return max(item.updated_at, item.published_at)


def _public_talk_ids():
    return queries.public_talks().values("pk")


class SpeakerSitemap(PublicSitemap):
    priority = 0.4

    def items(self):
        return Speaker.objects.filter(talks__in=_public_talk_ids()).distinct().order_by("slug")


class OrganisationSitemap(PublicSitemap):
    """The organisations the published pages link: speakers', region coordinators',
    organisers'."""
    priority = 0.4

    def items(self):
        return Organisation.objects.filter(
            Q(speakers__talks__in=_public_talk_ids())
            | Q(coordinated_regions__series__is_published=True)
            | Q(organised_series__is_published=True)
        ).distinct().order_by("slug")


SITEMAPS = {"series": SeriesSitemap, "events": EventSitemap, "reports": ReportSitemap,
            "speakers": SpeakerSitemap, "organisations": OrganisationSitemap}


@require_safe
@cache_public_page
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    return sitemap(request, SITEMAPS).render()


# robots.txt and icons ----------------------------------------------------------------------

@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers keep out of the admin and of every personal address (confirmation links,
    personal pages, the link form), in every language; the sitemap lists the rest."""
    lines = ["User-agent: *", "Disallow: /admin/"]
    lines += [f"Disallow: /{code}/registration/" for code, _name in settings.LANGUAGES]
    lines += ["", f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def _static_file(name: str, content_type: str) -> FileResponse:
    path = finders.find(name)
    if path is None:  # with PRODUCTION=1 the finders may be off: the collected copy
        path = settings.STATIC_ROOT / name
    try:
        return FileResponse(open(path, "rb"), content_type=content_type)  # noqa: SIM115
    except OSError as error:
        raise Http404(name) from error


@require_safe
@cache_control(public=True, max_age=ICON_SECONDS)
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico itself (browsers and crawlers ask for it without reading the page)."""
    return _static_file("clustermeet/favicon.ico", "image/x-icon")


@require_safe
@cache_control(public=True, max_age=ICON_SECONDS)
def apple_touch_icon(request: HttpRequest) -> HttpResponse:
    return _static_file("clustermeet/apple-touch-icon.png", "image/png")


# Share images ------------------------------------------------------------------------------
# Kept under the page's path and language alone, whatever the query (the ?v= of the tags
# only makes other sites fetch a changed image anew): a stranger's made-up queries cannot
# make the server draw an image (tens of milliseconds) per request.

def _png(request: HttpRequest, card: Callable[[], sharing.ShareCard]) -> HttpResponse:
    png = content_cached(f"share-image:{get_language()}:{request.path}",
                         lambda: sharing.share_image_png(card()))
    return HttpResponse(png, content_type="image/png")


def _event_card(series: str, event: str) -> sharing.ShareCard:
    series_obj = queries.series_get_published(slug=series)
    event_obj = queries.event_get_public(series=series_obj, slug=event)
    with series_fallback(series_obj.default_language):
        return sharing.event_card(event_obj)


def _series_card(series: str) -> sharing.ShareCard:
    series_obj = queries.series_get_published(slug=series)
    with series_fallback(series_obj.default_language):
        return sharing.series_card(series_obj, next_event=sharing.next_event(series_obj))


def _report_card(series: str, report: str) -> sharing.ShareCard:
    series_obj = queries.series_get_published(slug=series)
    report_obj = get_object_or_404(
        Report.objects.published().filter(series=series_obj).select_related("series", "event"),
        slug=report)
    with series_fallback(series_obj.default_language):
        return sharing.report_card(report_obj)


@require_safe
@cache_control(public=True, max_age=SHARE_IMAGE_SECONDS)
def share_image_event(request: HttpRequest, series: str, event: str) -> HttpResponse:
    return _png(request, lambda: _event_card(series, event))


@require_safe
@cache_control(public=True, max_age=SHARE_IMAGE_SECONDS)
def share_image_series(request: HttpRequest, series: str) -> HttpResponse:
    return _png(request, lambda: _series_card(series))


@require_safe
@cache_control(public=True, max_age=SHARE_IMAGE_SECONDS)
def share_image_report(request: HttpRequest, series: str, report: str) -> HttpResponse:
    return _png(request, lambda: _report_card(series, report))
