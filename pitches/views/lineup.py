"""The pitch session's public pages: lineup (pitches/views/__init__.py).

- confirm: an accepted applicant confirms their slot through the link of their offer's
  mail (pitches.links); GET shows the offer, POST confirms it (pitches.services.slots).
  A link that cannot be used — tampered, of an earlier offer, after the deadline, of an
  application withdrawn or no longer offered — says why and changes nothing; a link used
  once says the slot is confirmed.
- lineup: the public line-up of a series' pitch session, online for good.
"""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from events.views import render_series_page
from pitches import links, queries_lineup
from pitches.models import PitchApplication
from pitches.queries_votes import vote_result
from pitches.services import PitchError
from pitches.services.slots import slot_confirm

State = PitchApplication.State


class ConfirmForm(forms.Form):
    """The confirmation is the button alone (and the form's CSRF token)."""


def confirm_refusal(application: PitchApplication, *, now) -> str | None:
    """Why this offer cannot be confirmed (translated), or None if it can."""
    if application.state == State.ACCEPTED:
        if application.offer_expires_at is None or application.offer_expires_at <= now:
            return _("The time to confirm this slot has passed.")
        return None
    if application.state == State.LAPSED:
        return _("The time to confirm this slot has passed.")
    if application.state == State.WITHDRAWN:
        return _("This application has been withdrawn: there is no slot to confirm.")
    return _("This slot is no longer offered to you.")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        application = links.application_from_confirm_token(token)
    except links.ConfirmLinkError as error:
        return _refused(request, str(error), application=None, status=400)
    event = application.call.event
    if application.state == State.CONFIRMED:
        return render_series_page(request, event.series, "pitches/confirmed.html", {
            "application": application, "event": event})
    refusal = confirm_refusal(application, now=timezone.now())
    if refusal:
        return _refused(request, refusal, application=application, status=409)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            slot_confirm(application_id=application.pk)
        except PitchError as error:
            return _refused(request, str(error), application=application, status=409)
        messages.success(request, _("Your slot is confirmed. Thank you — see you at the "
                                    "pitch session!"))
        return redirect("pitches:confirm", token=token)
    return render_series_page(request, event.series, "pitches/confirm.html", {
        "application": application, "event": event, "form": form})


def _refused(request: HttpRequest, message: str, *, application: PitchApplication | None,
             status: int) -> HttpResponse:
    event = application.call.event if application is not None else None
    context = {"message": message, "application": application, "event": event}
    if event is None:
        return render(request, "pitches/confirm_refused.html", context, status=status)
    response = render_series_page(request, event.series, "pitches/confirm_refused.html",
                                  context)
    response.status_code = status
    return response


@require_GET
def lineup(request: HttpRequest, series: str) -> HttpResponse:
    call = queries_lineup.public_call_get(slug=series)
    event = call.event
    return render_series_page(request, event.series, "pitches/lineup.html", {
        "call": call, "event": event,
        "applications": list(queries_lineup.lineup_applications(call=call)),
        "result": vote_result(call)})


urlpatterns = [
    path("pitches/confirm/<str:token>/", confirm, name="confirm"),
    path("series/<slug:series>/line-up/", lineup, name="lineup"),
]
