"""Project-wide pages: errors, robots.txt and a health check."""

from django.db import connection
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotFound,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
)
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.http import require_GET


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return HttpResponseNotFound(loader.render_to_string("404.html", {}, request))


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: whatever broke must not break the error page too.
    return HttpResponseServerError(loader.render_to_string("500.html"))


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    return HttpResponse("User-agent: *\nDisallow: /admin/\n", content_type="text/plain")


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    # The static URL is looked up per request, not when the URLs are imported: with hashed
    # names (PRODUCTION=1) it exists only after collectstatic, and migrate imports the URLs.
    return HttpResponsePermanentRedirect(static("clustermeet/favicon.svg"))

