"""The pitch session in the workspace: pitch_lineup — the confirmed pitches of the series'
call, each presenter's registration, and "Put on the agenda" (orga.services.pitch_lineup),
after which the pitches are ordered in the agenda editor (orga.views.agenda). The
organisers' (orga.decide_pitches)."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from orga.access import orga_login_required, series_for
from orga.services import pitch_lineup as services
from pitches import queries_lineup
from pitches.services import PitchError

PERM = "orga.decide_pitches"


class PlaceForm(forms.Form):
    """"Put on the agenda" is the button alone (and the form's CSRF token)."""


@orga_login_required
@require_GET
def pitch_lineup(request: HttpRequest, series: str) -> HttpResponse:
    series_obj = series_for(request, series, PERM)
    call = queries_lineup.series_call(series=series_obj)
    rows = queries_lineup.lineup_rows(call=call) if call else []
    return render(request, "orga/pitch_lineup/lineup.html", {
        "series": series_obj, "call": call, "event": call.event if call else None,
        "rows": rows, "unplaced": sum(1 for row in rows if row.talk_id is None),
        "form": PlaceForm()})


@orga_login_required
@require_POST
def pitch_lineup_place(request: HttpRequest, series: str) -> HttpResponse:
    series_obj = series_for(request, series, PERM)
    call = queries_lineup.series_call(series=series_obj)
    if call is None:
        messages.error(request, _("This series has no call for pitches."))
        return redirect("orga:pitch_lineup", series=series_obj.slug)
    if PlaceForm(request.POST).is_valid():
        try:
            result = services.lineup_place(call=call, actor=request.user)
        except PitchError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, ngettext(
                "%(count)d pitch put on the agenda.", "%(count)d pitches put on the agenda.",
                len(result.placed)) % {"count": len(result.placed)})
            if result.removed:
                messages.success(request, ngettext(
                    "%(count)d withdrawn pitch taken off the agenda.",
                    "%(count)d withdrawn pitches taken off the agenda.",
                    result.removed) % {"count": result.removed})
    return redirect("orga:pitch_lineup", series=series_obj.slug)


urlpatterns = [
    path("pitches/line-up/", pitch_lineup, name="pitch_lineup"),
    path("pitches/line-up/place/", pitch_lineup_place, name="pitch_lineup_place"),
]
