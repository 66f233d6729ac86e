"""Project-wide middleware: the refusal of form bodies in an encoding we do not read (the
Content-Security-Policy is django-csp's, configured in settings)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from clustermeet.views import bad_request_page

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
