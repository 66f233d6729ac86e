"""B2B matchmaking in the workspace (orga.run_matchmaking: organisers only): the series'
settings and its networking blocks, a block's page with its slots and "Schedule all",
whose report (placed, not placed and why, the upper bound, the time) is the answer to it.

Every write goes through orga.services.matchmaking (audited there)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import local_forms
from events.models import Series
from matchmaking.models import MatchmakingSettings, NetworkingBlock
from matchmaking.queries import settings_of
from matchmaking.queries_schedule import block_row, block_rows, slot_rows
from orga.access import orga_login_required, series_for
from orga.forms.matchmaking import MatchmakingSettingsForm, NetworkingBlockForm
from orga.services import matchmaking as services

PERM = "orga.run_matchmaking"


def _block(series: Series, block: int) -> NetworkingBlock:
    """The series' block `block`; a block of another series is not there."""
    found = (NetworkingBlock.objects.select_related("event")
             .filter(pk=block, event__series=series).first())
    if found is None:
        raise Http404
    found.event.series = series
    return found


@orga_login_required
def matchmaking(request: HttpRequest, series: str) -> HttpResponse:
    """The settings (saved here) and the networking blocks with their meetings."""
    series_obj = series_for(request, series, PERM)
    settings = settings_of(series_obj) or MatchmakingSettings(series=series_obj)
    form = MatchmakingSettingsForm(request.POST or None, instance=settings)
    if request.method == "POST" and form.is_valid():
        services.matchmaking_settings_save(actor=request.user, series=series_obj,
                                           values=form.cleaned_data)
        messages.success(request, _("The matchmaking settings are saved."))
        return redirect("orga:matchmaking", series=series_obj.slug)
    return render(request, "orga/matchmaking/page.html", {
        "series": series_obj, "form": form, "rows": block_rows(series=series_obj)})


@orga_login_required
def matchmaking_block_create(request: HttpRequest, series: str) -> HttpResponse:
    series_obj = series_for(request, series, PERM)
    return _block_form(request, series_obj, None)


@orga_login_required
def matchmaking_block(request: HttpRequest, series: str, block: int) -> HttpResponse:
    """A block: its form, its slots, "Schedule all"."""
    series_obj = series_for(request, series, PERM)
    return _block_form(request, series_obj, _block(series_obj, block))


def _block_form(request: HttpRequest, series: Series, block: NetworkingBlock | None,
                report=None, error: str = "") -> HttpResponse:
    posted = request.POST if request.method == "POST" and report is None and not error else None
    form = NetworkingBlockForm(posted, instance=block or NetworkingBlock(), series=series)
    if posted is not None and form.is_valid():
        try:
            saved = services.networking_block_save(actor=request.user, series=series,
                                                   block=block, values=form.cleaned_data)
        except services.MatchmakingError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The networking block is saved."))
            return redirect("orga:matchmaking_block", series=series.slug, block=saved.pk)
    context = {"series": series, "networking_block": block, "form": form, "report": report,
               "error": error}
    if block is not None:
        context |= {"row": block_row(block=block), "slots": slot_rows(block=block),
                    "zone": local_forms.zone_label(block.event.time_zone, block.starts_at)}
    return render(request, "orga/matchmaking/block.html", context)


@orga_login_required
@require_POST
def matchmaking_schedule_all(request: HttpRequest, series: str, block: int) -> HttpResponse:
    """Run "Schedule all" and answer with the block's page and the report."""
    series_obj = series_for(request, series, PERM)
    block_obj = _block(series_obj, block)
    try:
        report = services.networking_block_schedule_all(actor=request.user, series=series_obj,
                                                        block=block_obj)
    except services.MatchmakingError as refusal:
        return _block_form(request, series_obj, block_obj, error=str(refusal))
    return _block_form(request, series_obj, block_obj, report=report)


@orga_login_required
@require_POST
def matchmaking_block_delete(request: HttpRequest, series: str, block: int) -> HttpResponse:
    series_obj = series_for(request, series, PERM)
    block_obj = _block(series_obj, block)
    try:
        services.networking_block_delete(actor=request.user, series=series_obj, block=block_obj)
    except services.MatchmakingError as refusal:
        messages.error(request, str(refusal))
        return redirect("orga:matchmaking_block", series=series_obj.slug, block=block_obj.pk)
    messages.success(request, _("The networking block is deleted."))
    return redirect("orga:matchmaking", series=series_obj.slug)


urlpatterns = [
    path("matchmaking/", matchmaking, name="matchmaking"),
    path("matchmaking/blocks/new/", matchmaking_block_create, name="matchmaking_block_create"),
    path("matchmaking/blocks/<int:block>/", matchmaking_block, name="matchmaking_block"),
    path("matchmaking/blocks/<int:block>/schedule/", matchmaking_schedule_all,
         name="matchmaking_schedule_all"),
    path("matchmaking/blocks/<int:block>/delete/", matchmaking_block_delete,
         name="matchmaking_block_delete"),
]
