"""The audience vote on a phone: the participant's personal link opens the vote page of a
pitch session; during the window they give their one vote for one confirmed pitch. Once
the organisers announce the result, the page shows it."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from pitches.models import PitchCall
from pitches.queries_votes import vote_of, vote_pitches, vote_registration, vote_result
from pitches.services.votes import VoteError, vote_cast
from registrations import links

CHOOSE = gettext_lazy("Please choose one of the pitches of this session.")


class VoteForm(forms.Form):
    """The pitch voted for; the service checks that it is a confirmed one of this call."""

    application = forms.IntegerField(min_value=1, max_value=2**31 - 1, error_messages={
        "required": CHOOSE, "invalid": CHOOSE, "min_value": CHOOSE, "max_value": CHOOSE})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def vote(request: HttpRequest, token: str, call: int) -> HttpResponse:
    try:
        participant = links.participant_from_personal_token(token)
    except links.LinkError as error:
        return render(request, "registrations/link_error.html", {"message": str(error)},
                      status=400)
    call_obj = (PitchCall.objects.select_related("event__series").filter(pk=call).first())
    if call_obj is None:
        raise Http404
    registration = vote_registration(call=call_obj, participant=participant)
    if request.method == "POST":
        form = VoteForm(request.POST)
        try:
            if not form.is_valid():
                raise VoteError(str(CHOOSE))
            if registration is not None:
                registration.participant = participant
            chosen = vote_cast(call=call_obj, registration=registration,
                               application_id=form.cleaned_data["application"])
        except VoteError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Thank you: your vote for %(company)s is counted.")
                             % {"company": chosen.application.organisation_name})
        return redirect("pitches:vote", token=token, call=call_obj.pk)
    now = timezone.now()
    return render(request, "pitches/vote.html", {
        "participant": participant, "token": token, "call": call_obj,
        "event": call_obj.event, "series": call_obj.event.series,
        "registration": registration, "vote": vote_of(call=call_obj, registration=registration),
        "is_open": call_obj.voting_is_open(now),
        "not_yet": call_obj.voting_opens_at is None or call_obj.voting_opens_at > now,
        "pitches": vote_pitches(call=call_obj), "result": vote_result(call_obj)})


urlpatterns = [
    path("pitch-vote/<str:token>/<int:call>/", vote, name="vote"),
]
