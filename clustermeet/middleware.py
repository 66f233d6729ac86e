"""Project-wide middleware: the refusal of form bodies in an encoding we do not read, and a
page asking to try again when the database stays busy (the Content-Security-Policy is
django-csp's, configured in settings)."""

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from clustermeet.views import bad_request_page
from core.db import database_conflict
from core.i18n import accept_language_clean

logger = logging.getLogger(__name__)

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


def accept_language_cleaning(get_response: Callable[[HttpRequest], HttpResponse]):
    """An Accept-Language header keeps its well-formed entries only (core.i18n), before the
    LocaleMiddleware reads it: one garbage entry no longer costs the visitor their language,
    and a header of garbage alone is as if there were none (the default language)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        header = request.META.get("HTTP_ACCEPT_LANGUAGE")
        if header:
            cleaned = accept_language_clean(header)
            if cleaned:
                request.META["HTTP_ACCEPT_LANGUAGE"] = cleaned
            else:
                del request.META["HTTP_ACCEPT_LANGUAGE"]
        return get_response(request)

    return middleware


class DatabaseBusyMiddleware:
    """A database conflict that outlasted its retries (core.db.retry_on_conflict) — or hit a
    view that does not retry — is answered with a page asking to try again in a moment
    (503, in the visitor's language), never with a server error. Nothing was changed: the
    conflict rolled the transaction back."""

    RETRY_AFTER_SECONDS = 5

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception
                          ) -> HttpResponse | None:
        conflict = database_conflict(exception)
        if conflict is None:
            return None
        view = getattr(request.resolver_match, "view_name", None)
        logger.warning("%s answered with 503: %s %s", conflict, request.method, view)
        response = render(request, "503.html", status=503)
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        return response
