"""A strict Content-Security-Policy for the public pages: nothing inline, nothing foreign;
and a page asking to try again when the database stays busy."""

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.db import database_conflict

logger = logging.getLogger(__name__)

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
