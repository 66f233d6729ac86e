"""The guards of the personal matchmaking pages (matchmaking.views.PREFIX): the personal
link names the participant (a tampered or outdated one: the link error page, 400), the
slug a published series (else a page that says so, 404); the pages about other people
also need matchmaking open and the viewer's own profile in the series (else a page that
explains why, 403), so that nobody without a profile sees anybody's."""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from events.content_language import series_fallback
from events.models import Series
from matchmaking import queries, queries_people
from registrations import links


def page(request: HttpRequest, template: str, context: dict, *, series: Series | None = None,
         status: int = 200) -> HttpResponse:
    """Render a matchmaking page, its content in the series' language where a text has no
    translation in the reader's."""
    if series is None:
        return render(request, template, context, status=status)
    with series_fallback(series.default_language):
        return render(request, template, {"series": series} | context, status=status)


def not_found(request: HttpRequest, token: str, message: str) -> HttpResponse:
    return render(request, "matchmaking/not_found.html", {"token": token, "message": message},
                  status=404)


def personal_series(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The view gets the participant, the token and the series (objects)."""

    @wraps(view)
    @never_cache
    def wrapper(request: HttpRequest, token: str, series: str, **kwargs) -> HttpResponse:
        try:
            participant = links.participant_from_personal_token(token)
        except links.LinkError as error:
            return render(request, "registrations/link_error.html", {"message": str(error)},
                          status=400)
        series_obj = queries_people.series_by_slug(series)
        if series_obj is None:
            return not_found(request, token, _("There is no such event series."))
        return view(request, participant=participant, token=token, series=series_obj,
                    **kwargs)

    return wrapper


def with_profile(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """As personal_series, for the pages about other people: the view gets the viewer's
    profile too."""

    @personal_series
    @wraps(view)
    def wrapper(request: HttpRequest, *, participant, token: str, series: Series,
                **kwargs) -> HttpResponse:
        if not queries.is_open(series):
            return page(request, "matchmaking/need_profile.html", {
                "token": token, "closed": True}, series=series, status=403)
        viewer = queries.profile_of(participant=participant, series=series)
        if viewer is None:
            return page(request, "matchmaking/need_profile.html", {"token": token},
                        series=series, status=403)
        return view(request, viewer=viewer, token=token, series=series, **kwargs)

    return wrapper
