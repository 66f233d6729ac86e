"""The pitch session in the workspace: the call's settings (organisers), the reviews
(reviewers and organisers; never an application of the reviewer's own organisation, which
is not there for them), the slides, and the organisers' decisions.

Every write goes through a service: pitches.services.reviews.review_save for a review,
orga.services.pitches for the call and the decisions (audited there)."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import local_forms
from events.models import Series
from orga.access import orga_login_required, series_for
from orga.forms.pitches import (
    DECISION_LABELS,
    DECISIONS,
    ApplicationFilterForm,
    DecisionForm,
    PitchCallForm,
    ReviewForm,
    criterion_formset,
)
from orga.services import pitches as services
from pitches import queries_reviews as queries
from pitches.models import PitchApplication, PitchCall, private_storage
from pitches.services.states import MAILED, TRANSITIONS, PitchError


def _call(series: Series) -> PitchCall:
    """The series' call; a series without one has no applications to show."""
    call = queries.call_of(series=series)
    if call is None:
        raise Http404
    return call


def _visible(request: HttpRequest, call: PitchCall, pk: int) -> PitchApplication:
    application = queries.visible_application(user=request.user, call=call, pk=pk)
    if application is None:
        raise Http404
    return application


def _decided(call: PitchCall, pk: int) -> PitchApplication:
    application = (call.applications.select_related("participant", "theme")
                   .filter(pk=pk).first())
    if application is None:
        raise Http404
    application.call = call
    return application


# The call -------------------------------------------------------------------------------


@orga_login_required
def pitch_call(request: HttpRequest, series: str) -> HttpResponse:
    """The call's settings and its criteria (created on the first save)."""
    series_obj = series_for(request, series, "orga.change_pitch_call")
    call = queries.call_of(series=series_obj)
    form = PitchCallForm(request.POST or None, instance=call or PitchCall(), series=series_obj)
    criteria = criterion_formset(request.POST or None, series=series_obj, call=call)
    if request.method == "POST" and form.is_valid() and criteria.is_valid():
        services.pitch_call_save(actor=request.user, series=series_obj, call=call,
                                 values=form.cleaned_data, criteria=criteria.criteria(),
                                 deleted=criteria.deleted())
        messages.success(request, _("The call for pitches is saved."))
        return redirect("orga:pitch_call", series=series_obj.slug)
    return render(request, "orga/pitches/call.html", {
        "series": series_obj, "call": call, "form": form, "criteria": criteria,
        "zone_label": local_forms.zone_label(call.event.time_zone, call.opens_at) if call
        else ""})


# Reviews --------------------------------------------------------------------------------


@orga_login_required
def pitch_reviews(request: HttpRequest, series: str) -> HttpResponse:
    """The applications the user may review, each marked once they reviewed it."""
    series_obj = series_for(request, series, "orga.review_pitches")
    call = queries.call_of(series=series_obj)
    applications = list(queries.reviewable(user=request.user, call=call)) if call else []
    return render(request, "orga/pitches/reviews.html", {
        "series": series_obj, "call": call, "applications": applications,
        "can_decide": request.user.has_perm("orga.decide_pitches", series_obj)})


@orga_login_required
def pitch_review(request: HttpRequest, series: str, application: int) -> HttpResponse:
    """One application: the company's profile, its slides, the user's scores; the other
    reviewers' scores once the user gave their own."""
    series_obj = series_for(request, series, "orga.review_pitches")
    call = _call(series_obj)
    application_obj = _visible(request, call, application)
    review = queries.own_review(user=request.user, application=application_obj)
    criteria = list(call.criteria.all())
    form = ReviewForm(request.POST or None, criteria=criteria, review=review)
    if request.method == "POST" and form.is_valid():
        try:
            services.pitch_review_save(actor=request.user, series=series_obj,
                                       application=application_obj, scores=form.scores(),
                                       comment=form.cleaned_data["comment"])
        except PitchError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your review is saved."))
            return redirect("orga:pitch_review", series=series_obj.slug,
                            application=application_obj.pk)
    return render(request, "orga/pitches/review.html", {
        "series": series_obj, "call": call, "application": application_obj,
        "review": review, "form": form, "criteria": criteria,
        "others": queries.other_reviews(user=request.user, application=application_obj)})


@orga_login_required
def pitch_slides(request: HttpRequest, series: str, application: int) -> FileResponse:
    """The application's slides (private: outside the public media folder)."""
    series_obj = series_for(request, series, "orga.view_pitches")
    application_obj = _visible(request, _call(series_obj), application)
    if not application_obj.slides or not private_storage.exists(application_obj.slides.name):
        raise Http404
    response = FileResponse(private_storage.open(application_obj.slides.name, "rb"),
                            content_type="application/pdf", as_attachment=False,
                            filename=f"pitch-{application_obj.pk}.pdf")
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Decisions ------------------------------------------------------------------------------


@orga_login_required
def pitch_applications(request: HttpRequest, series: str) -> HttpResponse:
    """Every application with its state and scores, best average first (or as chosen)."""
    series_obj = series_for(request, series, "orga.decide_pitches")
    call = queries.call_of(series=series_obj)
    filters = ApplicationFilterForm(request.GET or None)
    state, sort = "", "average"
    if filters.is_valid():
        state, sort = filters.cleaned_data["state"], filters.cleaned_data["sort"] or "average"
    applications = queries.applications_ranked(call=call, state=state, sort=sort) if call else []
    return render(request, "orga/pitches/applications.html", {
        "series": series_obj, "call": call, "applications": applications,
        "filters": filters})


@orga_login_required
def pitch_application(request: HttpRequest, series: str, application: int) -> HttpResponse:
    """One application with every review, and the decisions its state allows."""
    series_obj = series_for(request, series, "orga.decide_pitches")
    call = _call(series_obj)
    application_obj = _decided(call, application)
    allowed = TRANSITIONS[application_obj.state]
    return render(request, "orga/pitches/application.html", {
        "series": series_obj, "call": call, "application": application_obj,
        "reviews": queries.reviews_of(application=application_obj),
        "criteria": list(call.criteria.all()),
        "decisions": [(value, label) for value, label in DECISION_LABELS.items()
                      if DECISIONS[value] in allowed]})


@require_POST
@orga_login_required
def pitch_decide(request: HttpRequest, series: str, application: int) -> HttpResponse:
    """Shortlist, accept, decline, or back to submitted: the rules may refuse it (the
    message says why; nothing changed)."""
    series_obj = series_for(request, series, "orga.decide_pitches")
    application_obj = _decided(_call(series_obj), application)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["decision"][0])
    else:
        try:
            changed = services.pitch_decide(actor=request.user, series=series_obj,
                                            application=application_obj, to=form.state())
        except PitchError as error:
            messages.error(request, str(error))
        else:
            done = _("The application is now “%(state)s”.") % {
                "state": changed.get_state_display()}
            if changed.state in MAILED:
                done += " " + _("The applicant is told by e-mail.")
            messages.success(request, done)
    return redirect("orga:pitch_application", series=series_obj.slug,
                    application=application_obj.pk)


urlpatterns = [
    path("pitches/call/", pitch_call, name="pitch_call"),
    path("pitches/reviews/", pitch_reviews, name="pitch_reviews"),
    path("pitches/reviews/<int:application>/", pitch_review, name="pitch_review"),
    path("pitches/<int:application>/slides/", pitch_slides, name="pitch_slides"),
    path("pitches/applications/", pitch_applications, name="pitch_applications"),
    path("pitches/applications/<int:application>/", pitch_application,
         name="pitch_application"),
    path("pitches/applications/<int:application>/decide/", pitch_decide,
         name="pitch_decide"),
]
