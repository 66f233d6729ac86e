"""Project-wide middleware: a strict Content-Security-Policy for the public pages (nothing
inline, nothing foreign), and the refusal of form bodies in an encoding we do not read."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from clustermeet.views import bad_request_page

POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
])


def content_security_policy(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", POLICY)
        return response

    return middleware


FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def form_encoding_refusal(get_response: Callable[[HttpRequest], HttpResponse]):
    """A form sent in another encoding than UTF-8 (`charset=utf-16`) gets a 400 page that
    says so, before anything reads the body: Django refuses such a body only once the CSRF
    check reads it (a multipart one not at all), in a page of its own. After the
    LocaleMiddleware, so that the page speaks the visitor's language."""

    def middleware(request: HttpRequest) -> HttpResponse:
        charset = request.content_params.get("charset", "utf-8")
        if (request.method not in SAFE_METHODS and request.content_type in FORM_CONTENT_TYPES
                and charset.lower() != "utf-8"):
            return bad_request_page(request, message=_(
                "The form arrived in a character encoding this site does not read (it reads "
                "UTF-8 only). Nothing was changed: please reload the page and send the form "
                "again."))
        return get_response(request)

    return middleware
