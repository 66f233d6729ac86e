"""The audience vote of a pitch session in the workspace: the organisers open and close
the voting window, watch the count per pitch live (the counts' partial, polled by htmx)
and announce the result when they choose (orga.run_pitch_vote: organisers only)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from events.models import Series
from orga.access import orga_login_required, series_for
from orga.services import pitch_votes as services
from pitches.models import PitchCall
from pitches.queries_votes import vote_counts, vote_result

PERM = "orga.run_pitch_vote"
POLL_SECONDS = 5


def _call(request: HttpRequest, series: str, event: int) -> tuple[Series, PitchCall]:
    """The call of the series' pitch session `event`; any other event is not there."""
    series_obj = series_for(request, series, PERM)
    call = (PitchCall.objects.select_related("event").filter(
        event_id=event, event__series=series_obj).first())
    if call is None:
        raise Http404
    call.event.series = series_obj
    return series_obj, call


def _counts(series: Series, call: PitchCall) -> dict:
    rows, total = vote_counts(call=call)
    return {"series": series, "call": call, "event": call.event, "rows": rows,
            "total": total, "is_open": call.voting_is_open(), "poll_seconds": POLL_SECONDS}


@orga_login_required
@require_GET
def pitch_votes(request: HttpRequest, series: str, event: int) -> HttpResponse:
    """The vote's page: its window, the count per pitch (live while open), the result."""
    series_obj, call = _call(request, series, event)
    return render(request, "orga/pitch_votes/page.html",
                  _counts(series_obj, call) | {"result": vote_result(call)})


@never_cache
@orga_login_required
@require_GET
def pitch_vote_counts(request: HttpRequest, series: str, event: int) -> HttpResponse:
    """The counts alone (the page polls them every few seconds while the vote is open)."""
    series_obj, call = _call(request, series, event)
    return render(request, "orga/pitch_votes/_counts.html", _counts(series_obj, call))


def _change(request: HttpRequest, series: str, event: int, change, done: str) -> HttpResponse:
    series_obj, call = _call(request, series, event)
    try:
        change(call=call, actor=request.user)
    except services.VoteError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("orga:pitch_votes", series=series_obj.slug, event=call.event_id)


@orga_login_required
@require_POST
def pitch_vote_open(request: HttpRequest, series: str, event: int) -> HttpResponse:
    return _change(request, series, event, services.voting_open,
                   _("The vote is open: participants can vote through their personal link."))


@orga_login_required
@require_POST
def pitch_vote_close(request: HttpRequest, series: str, event: int) -> HttpResponse:
    return _change(request, series, event, services.voting_close,
                   _("The vote is closed. Announce the result when you choose."))


@orga_login_required
@require_POST
def pitch_vote_announce(request: HttpRequest, series: str, event: int) -> HttpResponse:
    return _change(request, series, event, services.result_announce,
                   _("The result is announced: the vote page and the line-up show it."))


urlpatterns = [
    path("events/<int:event>/pitch-vote/", pitch_votes, name="pitch_votes"),
    path("events/<int:event>/pitch-vote/counts/", pitch_vote_counts, name="pitch_vote_counts"),
    path("events/<int:event>/pitch-vote/open/", pitch_vote_open, name="pitch_vote_open"),
    path("events/<int:event>/pitch-vote/close/", pitch_vote_close, name="pitch_vote_close"),
    path("events/<int:event>/pitch-vote/announce/", pitch_vote_announce,
         name="pitch_vote_announce"),
]
