"""The participant's matchmaking pages:
meeting requests (R): send, answer, withdraw, the list of one's requests.

Every URL is under the personal link: PREFIX (matchmaking.views.PREFIX); the guard
(meeting_access.own_profile_page) finds the participant's own profile in the series."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from matchmaking.forms_requests import AnswerForm, RequestForm
from matchmaking.models import MatchmakingProfile, MeetingRequest
from matchmaking.queries_meetings import block_labels, common_blocks, request_of, requests_of
from matchmaking.services import MatchmakingError
from matchmaking.services.requests import request_send as request_send_service
from matchmaking.services.requests import request_state_change
from matchmaking.views import PREFIX
from matchmaking.views.meeting_access import (
    Own,
    done,
    not_found,
    not_yours,
    own_profile_page,
    request_id_kwarg,
)

State = MeetingRequest.State
DONE = {
    State.ACCEPTED: gettext_lazy("You have accepted the meeting request. Book a time slot "
                                 "for the meeting in your agenda."),
    State.DECLINED: gettext_lazy("You have declined the meeting request."),
    State.WITHDRAWN: gettext_lazy("Your meeting request has been withdrawn."),
}


def _requests_page(request: HttpRequest, own: Own, *, error: str = "",
                   status: int = 200) -> HttpResponse:
    return render(request, "matchmaking/requests.html", own.context(
        lists=requests_of(profile=own.profile), error=error), status=status)


@require_http_methods(["GET", "HEAD"])
@own_profile_page
def requests(request: HttpRequest, own: Own) -> HttpResponse:
    """One's requests: received (waiting for one's answer) first, sent, answered."""
    return _requests_page(request, own)


@require_http_methods(["GET", "HEAD", "POST"])
@own_profile_page
def request_send(request: HttpRequest, own: Own, profile: int) -> HttpResponse:
    """GET: the form to ask `profile`'s person for a meeting; POST: send it."""
    person = (MatchmakingProfile.objects.select_related("participant")
              .filter(pk=profile, series=own.series).first())
    if person is None:
        return not_found(request, token=own.token, series=own.series, message=_(
            "This person has no matchmaking profile in this series (any more)."))
    blocks = common_blocks(viewer=own.profile, person=person)
    form = RequestForm(request.POST if request.method == "POST" else None, blocks=blocks,
                       labels=block_labels(blocks))
    if form.is_bound and form.is_valid():
        try:
            request_send_service(sender_id=own.profile.pk, receiver_id=person.pk,
                                 block_id=form.cleaned_data["block"],
                                 message=form.cleaned_data["message"],
                                 priority=form.cleaned_data["priority"], now=timezone.now())
        except MatchmakingError as error:
            form.add_error(None, str(error))
        else:
            return done(request, own, "requests", _("Your meeting request has been sent."))
    if form.is_bound and not form.errors.get("__all__") and not blocks:
        form.add_error(None, _("You and this person share no networking block that is not "
                               "over yet."))
    return render(request, "matchmaking/request_send.html", own.context(
        person=person, form=form, blocks=blocks), status=400 if form.errors else 200)


def _change(request: HttpRequest, own: Own, request_id: int, *, to: str | None
            ) -> HttpResponse:
    """Move one's request `request_id` to `to` (None: the form's answer)."""
    meeting_request = request_of(profile=own.profile, request_id=request_id)
    if meeting_request is None:
        return not_yours(request, own)
    if to is None:
        form = AnswerForm(request.POST)
        if not form.is_valid():
            return _requests_page(request, own, status=400, error=_(
                "Please accept or decline the request."))
        to = form.state()
    try:
        request_state_change(request_id=meeting_request.pk, actor_profile_id=own.profile.pk,
                             to=to, now=timezone.now())
    except MatchmakingError as error:
        return _requests_page(request, own, error=str(error), status=400)
    return done(request, own, "agenda" if to == State.ACCEPTED else "requests", str(DONE[to]))


@require_http_methods(["POST"])
@own_profile_page
def request_answer(request: HttpRequest, own: Own, request_id: int) -> HttpResponse:
    """Accept or decline a request one received."""
    return _change(request, own, request_id, to=None)


@require_http_methods(["POST"])
@own_profile_page
def request_withdraw(request: HttpRequest, own: Own, request_id: int) -> HttpResponse:
    """Withdraw a request one sent, before its answer."""
    return _change(request, own, request_id, to=State.WITHDRAWN)


urlpatterns = [
    path(PREFIX + "requests/", requests, name="requests"),
    path(PREFIX + "people/<int:profile>/request/", request_send, name="request_send"),
    path(PREFIX + "requests/<int:request>/answer/", request_id_kwarg(request_answer),
         name="request_answer"),
    path(PREFIX + "requests/<int:request>/withdraw/", request_id_kwarg(request_withdraw),
         name="request_withdraw"),
]
