"""The participant's matchmaking pages: profiles (P):
create, change and delete one's profile.

Every URL is under the personal link: PREFIX (matchmaking.views.PREFIX)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from events.models import Series
from matchmaking import queries
from matchmaking.forms import DeleteProfileForm, ProfileForm
from matchmaking.models import Availability
from matchmaking.services import MatchmakingError
from matchmaking.services.profiles import profile_delete as profile_delete_service
from matchmaking.services.profiles import profile_save
from matchmaking.views import PREFIX
from matchmaking.views.guards import page, personal_series
from registrations.models import Participant


def _refusal(participant: Participant, series: Series) -> str | None:
    """Why the participant cannot have a profile in the series, or None."""
    if not queries.is_open(series):
        return _("Matchmaking is not open in this series.")
    if not queries.registered_event_ids(participant=participant, series=series):
        return _("Only participants registered for an event of this series can take part "
                 "in its matchmaking.")
    return None


@require_http_methods(["GET", "HEAD", "POST"])
@personal_series
def profile(request: HttpRequest, *, participant: Participant, token: str,
            series: Series) -> HttpResponse:
    """GET: the form (or why there is none); POST: the profile saved."""
    own = queries.profile_of(participant=participant, series=series)
    refusal = _refusal(participant, series)
    if refusal:
        return page(request, "matchmaking/profile.html", {
            "token": token, "refusal": refusal, "profile": own}, series=series,
            status=400 if request.method == "POST" else 200)
    blocks = queries.blocks_for(participant=participant, series=series)
    availability = dict(Availability.objects.filter(profile=own).values_list(
        "block_id", "slots")) if own else {}
    form = ProfileForm(request.POST if request.method == "POST" else None, series=series,
                       themes=list(series.themes.all()), blocks=blocks,
                       participant=participant, profile=own, availability=availability)
    if request.method == "POST" and form.is_valid():
        try:
            profile_save(participant=participant, series=series, fields=form.values(),
                         availability=form.availability())
        except MatchmakingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your matchmaking profile has been saved.") if own
                             else _("Your matchmaking profile has been created. Other "
                                    "participants with a profile can now find you."))
            return redirect("registrations:personal", token=token)
    return page(request, "matchmaking/profile.html", {
        "token": token, "form": form, "profile": own}, series=series,
        status=400 if form.errors else 200)


@require_http_methods(["GET", "HEAD", "POST"])
@personal_series
def profile_delete(request: HttpRequest, *, participant: Participant, token: str,
                   series: Series) -> HttpResponse:
    """GET asks to confirm; the POST with the box ticked deletes the profile."""
    own = queries.profile_of(participant=participant, series=series)
    if own is None:
        return page(request, "matchmaking/not_found.html", {"token": token, "message": _(
            "You have no matchmaking profile in this series.")}, series=series, status=404)
    form = DeleteProfileForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            profile_delete_service(profile_id=own.pk, participant_id=participant.pk)
        except MatchmakingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your matchmaking profile has been deleted."))
            return redirect("registrations:personal", token=token)
    return page(request, "matchmaking/profile_delete.html", {
        "token": token, "form": form, "profile": own}, series=series,
        status=400 if form.errors else 200)


urlpatterns = [
    path(PREFIX + "profile/", profile, name="profile"),
    path(PREFIX + "profile/delete/", profile_delete, name="profile_delete"),
]
