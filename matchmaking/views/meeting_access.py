"""The guard of the requests and meetings pages: the personal link's participant and the
series of the URL (guards.personal_series), and the participant's own profile in it.
A page of a request or meeting that is not theirs says so (404) and changes nothing."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from events.content_language import series_fallback
from events.models import Series
from matchmaking.models import MatchmakingProfile
from matchmaking.queries import profile_of
from matchmaking.views.guards import personal_series
from registrations.models import Participant


@dataclass(frozen=True)
class Own:
    """Whose page it is: the participant, their link's token, the series, their profile."""

    participant: Participant
    token: str
    series: Series
    profile: MatchmakingProfile

    def context(self, **more) -> dict:
        return {"token": self.token, "series": self.series, "profile": self.profile,
                "participant": self.participant, **more}


def own_profile_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Call `view(request, own, **kwargs)` for the link's participant with a profile in the
    URL's series (guards.personal_series: a tampered link 400, an unknown series 404); else
    a page that says a profile is needed (403)."""

    @personal_series
    @wraps(view)
    def wrapper(request: HttpRequest, *, participant: Participant, token: str,
                series: Series, **kwargs) -> HttpResponse:
        profile = profile_of(participant=participant, series=series)
        if profile is None:
            return render(request, "matchmaking/profile_needed.html",
                          {"token": token, "series": series}, status=403)
        with series_fallback(series.default_language):
            return view(request, Own(participant=participant, token=token, series=series,
                                     profile=profile), **kwargs)

    return wrapper


def not_found(request: HttpRequest, *, token: str, series: Series | None,
              message: str) -> HttpResponse:
    return render(request, "matchmaking/not_found.html",
                  {"token": token, "series": series, "message": message}, status=404)


def not_yours(request: HttpRequest, own: Own) -> HttpResponse:
    return not_found(request, token=own.token, series=own.series, message=_(
        "This meeting request is not yours, or it does not exist."))


def done(request: HttpRequest, own: Own, page: str, message: str) -> HttpResponse:
    """Back to one of matchmaking's personal pages, with a success message."""
    messages.success(request, message)
    return redirect(f"matchmaking:{page}", token=own.token, series=own.series.slug)


def request_id_kwarg(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The URLs name a request's id `request` (`<int:request>`), which would clash with
    every view's and decorator's first argument: hand it on as `request_id`."""

    @wraps(view)
    def adapter(http_request: HttpRequest, /, **kwargs) -> HttpResponse:
        kwargs["request_id"] = kwargs.pop("request")
        return view(http_request, **kwargs)

    return adapter
