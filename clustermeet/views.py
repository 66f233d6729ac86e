"""Project-wide pages: errors and a health check (robots.txt, the sitemap and the icons:
clustermeet.seo)."""

from django.conf import settings
from django.db import connection
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET
from django.views.static import serve

from clustermeet.context_processors import unknown_language_prefix


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The missing page, in the visitor's language; an address under a language the site
    does not speak (`/xx/series/…`) says so, and the language switch leads to the page in
    each language the site speaks."""
    context = {"unknown_language": unknown_language_prefix(request.path_info)}
    return HttpResponseNotFound(loader.render_to_string("404.html", context, request))


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's own 400 page runs the CSRF check again, which reads the form again and
    fails on whatever made the request bad (a 500 instead): ours never reads the body."""
    return bad_request_page(request, message=_(
        "The request could not be read. Nothing was changed: please reload the page and "
        "try again."))


def bad_request_page(request: HttpRequest, *, message: str) -> HttpResponse:
    return HttpResponseBadRequest(
        loader.render_to_string("400.html", {"message": message}, request))


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A page or an action the visitor's role does not allow (a workspace team member's,
    orga.access): what happened, and the way back; nothing of the object is named."""
    return forbidden_page(request, message=_(
        "Your role does not allow this page or action. Nothing was changed."))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without this site's CSRF token (CSRF_FAILURE_VIEW): an expired page, or
    a form on another site. Django's own page is English only and speaks of cookies."""
    return forbidden_page(request, message=_(
        "This form has expired or was not sent from a page of this site. Nothing was "
        "changed: please reload the page and try again."))


def forbidden_page(request: HttpRequest, *, message: str) -> HttpResponse:
    match = request.resolver_match
    in_workspace = match is not None and "orga" in match.namespaces
    return HttpResponseForbidden(loader.render_to_string(
        "403.html", {"message": message, "in_workspace": in_workspace}, request))


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: whatever broke must not break the error page too.
    return HttpResponseServerError(loader.render_to_string("500.html"))


@require_GET
def media(request: HttpRequest, path: str) -> HttpResponse:
    """An uploaded file (logos, report images), from the folder MEDIA_ROOT names when it is
    asked for (not when the URLs were loaded: tests give each test a folder of its own)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def health(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def login_locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """The admin's login page while django-axes locks the account or the address out
    (AXES_LOCKOUT_CALLABLE): why, for how long, and who can unlock it."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = ngettext(
        "Too many failed logins for this account or from your address: logging in is "
        "locked for %(minutes)d minute after the last attempt.",
        "Too many failed logins for this account or from your address: logging in is "
        "locked for %(minutes)d minutes after the last attempt.",
        minutes,
    ) % {"minutes": minutes}
    match = request.resolver_match
    template = ("orga/login_locked_out.html" if match is not None and "orga" in match.namespaces
                else "admin/login_locked_out.html")
    return render(request, template, {"message": message}, status=429)
