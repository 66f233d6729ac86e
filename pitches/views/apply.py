"""The pitch session's public pages: apply (pitches/views/__init__.py).

Applying, changing and withdrawing an application go through the participant's personal
link (registrations.links), as the personal page does; an application id in the URL that
is not the link's participant's own gets a page that says so (404) and changes nothing.
The slides: publicly once the pitch is confirmed, and to the applicant through their link.
"""

import logging
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from events.content_language import series_fallback
from pitches import queries
from pitches.forms import ApplicationForm, WithdrawForm
from pitches.models import PitchApplication, PitchCall
from pitches.services import PitchError
from pitches.services.applications import (
    application_submit,
    application_update,
    application_withdraw,
)
from registrations import links
from registrations.models import Participant

logger = logging.getLogger(__name__)
APPLY_PAGE = "pitches/apply.html"


def personal_link(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """As registrations.views.personal_link, for views with more in their URL."""

    @wraps(view)
    @never_cache
    def wrapper(request: HttpRequest, token: str, **kwargs) -> HttpResponse:
        try:
            participant = links.participant_from_personal_token(token)
        except links.LinkError as error:
            return render(request, "registrations/link_error.html", {"message": str(error)},
                          status=400)
        return view(request, participant, token, **kwargs)

    return wrapper


def _not_yours(request: HttpRequest, token: str) -> HttpResponse:
    return render(request, "pitches/not_found.html", {"token": token, "message": _(
        "This application is not yours, or it does not exist.")}, status=404)


def _own(participant: Participant, application_id: int) -> PitchApplication | None:
    return queries.application_of_participant(participant=participant,
                                              application_id=application_id)


def _back(request: HttpRequest, token: str, *, done: str) -> HttpResponse:
    messages.success(request, done)
    return redirect("registrations:personal", token=token)


def _posted(request: HttpRequest) -> tuple:
    """The form data and files of a POST (even an empty one), nothing for a GET."""
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _page(request: HttpRequest, *, call: PitchCall, context: dict,
          status: int = 200) -> HttpResponse:
    with series_fallback(call.event.series.default_language):
        return render(request, APPLY_PAGE, {"call": call, "series": call.event.series,
                                            **context}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@personal_link
def apply(request: HttpRequest, participant: Participant, token: str, call: int
          ) -> HttpResponse:
    """GET: the form, or why they cannot apply; POST: the application."""
    call_obj = (PitchCall.objects.select_related("event__series").filter(pk=call).first())
    if call_obj is None:
        return render(request, "pitches/not_found.html", {"token": token, "message": _(
            "There is no such call for pitches.")}, status=404)
    refusal = queries.apply_refusal(call=call_obj, participant=participant)
    if refusal:
        return _page(request, call=call_obj, context={"token": token, "refusal": refusal},
                     status=400 if request.method == "POST" else 200)
    form = ApplicationForm(*_posted(request), series=call_obj.event.series,
                           initial={"presenter_name": participant.name,
                                    "country": participant.organisation_country.code})
    if request.method == "POST" and form.is_valid():
        try:
            application_submit(call_id=call_obj.pk, participant_id=participant.pk,
                               fields=form.values())
        except PitchError as error:
            form.add_error(None, str(error))
        else:
            return _back(request, token, done=_("Your application has been submitted. You "
                                                "can change it until the call closes."))
    return _page(request, call=call_obj, status=400 if form.errors else 200, context={
        "token": token, "form": form, "participant": participant})


@require_http_methods(["GET", "HEAD", "POST"])
@personal_link
def application_edit(request: HttpRequest, participant: Participant, token: str,
                     application: int) -> HttpResponse:
    application_obj = _own(participant, application)
    if application_obj is None:
        return _not_yours(request, token)
    call = application_obj.call
    refusal = queries.edit_refusal(application=application_obj)
    if refusal:
        return _page(request, call=call, status=400 if request.method == "POST" else 200,
                     context={"token": token, "refusal": refusal,
                              "application": application_obj})
    form = ApplicationForm(*_posted(request), series=call.event.series,
                           application=application_obj)
    if request.method == "POST" and form.is_valid():
        try:
            application_update(application_id=application_obj.pk,
                               participant_id=participant.pk, fields=form.values())
        except PitchError as error:
            form.add_error(None, str(error))
        else:
            return _back(request, token, done=_("Your application has been changed."))
    return _page(request, call=call, status=400 if form.errors else 200, context={
        "token": token, "form": form, "application": application_obj,
        "participant": participant})


@require_http_methods(["GET", "HEAD", "POST"])
@personal_link
def application_withdraw_view(request: HttpRequest, participant: Participant, token: str,
                              application: int) -> HttpResponse:
    """GET asks to confirm; the POST with the box ticked withdraws."""
    application_obj = _own(participant, application)
    if application_obj is None:
        return _not_yours(request, token)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            application_withdraw(application_id=application_obj.pk,
                                 participant_id=participant.pk)
        except PitchError as error:
            form.add_error(None, str(error))
        else:
            return _back(request, token, done=_("Your application has been withdrawn."))
    with series_fallback(application_obj.call.event.series.default_language):
        return render(request, "pitches/withdraw.html", {
            "token": token, "form": form, "application": application_obj,
            "call": application_obj.call}, status=400 if form.errors else 200)


def _slides_response(application: PitchApplication) -> FileResponse:
    try:
        file = application.slides.open("rb")
    except (FileNotFoundError, OSError):
        logger.warning("Slides of pitch application %s missing", application.pk)
        raise Http404 from None
    response = FileResponse(file, content_type="application/pdf", as_attachment=False,
                            filename=f"pitch-{application.pk}.pdf")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = f'inline; filename="pitch-{application.pk}.pdf"'
    return response


@require_http_methods(["GET", "HEAD"])
def slides(request: HttpRequest, application: int) -> HttpResponse:
    """The slides of a confirmed pitch, for anyone; else 404."""
    application_obj = queries.slides_public(application_id=application)
    if application_obj is None:
        raise Http404
    return _slides_response(application_obj)


@require_http_methods(["GET", "HEAD"])
@personal_link
def my_slides(request: HttpRequest, participant: Participant, token: str,
              application: int) -> HttpResponse:
    """The applicant's own slides, whatever the state."""
    application_obj = _own(participant, application)
    if application_obj is None or not application_obj.slides:
        return _not_yours(request, token)
    return _slides_response(application_obj)


urlpatterns = [
    path("pitches/apply/<str:token>/<int:call>/", apply, name="apply"),
    path("pitches/application/<str:token>/<int:application>/", application_edit,
         name="application_edit"),
    path("pitches/application/<str:token>/<int:application>/withdraw/",
         application_withdraw_view, name="application_withdraw"),
    path("pitches/application/<str:token>/<int:application>/slides.pdf", my_slides,
         name="my_slides"),
    path("pitches/slides/<int:application>.pdf", slides, name="slides"),
]
