"""The agenda editor: an event's talks added, changed, deleted and moved on the event's page
(orga/events/agenda_section.html), a speaker's texts, and the preview of the event's public
page.

Every action is a plain form POST answered with a redirect back to the event's page (and
its message); with htmx (`HX-Request`) the answer is the agenda section itself, swapped
in place. A form with errors comes back with its messages either way, and changes nothing.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from events.models import Event, Series, Speaker, Talk
from events.queries import talks_with_speakers
from events.views import render_series_page
from orga import agenda_queries
from orga.access import event_for, orga_login_required, series_for
from orga.forms.agenda import MoveForm, PlaceForm, SpeakerForm, TalkForm
from orga.services import agenda as services
from orga.templatetags.orga_agenda import back_url

SECTION = "orga/events/agenda_section.html"


def _event(request: HttpRequest, series: str, event: int,
           perm: str = "orga.change_event") -> tuple[Series, Event]:
    series_obj = series_for(request, series)
    return series_obj, event_for(request, series_obj, event, perm)


def _talk(event: Event, talk: int) -> Talk:
    """A talk of `event` (any other talk id, of this series or another, is not there)."""
    talk_obj = get_object_or_404(talks_with_speakers(), pk=talk, event=event)
    talk_obj.event = event
    return talk_obj


def _done(request: HttpRequest, series: Series, event: Event, notice: str) -> HttpResponse:
    """After an action: the section (htmx) or a redirect to the event's page."""
    if request.htmx:
        return render(request, SECTION, {"series": series, "event": event,
                                         "agenda_notice": notice})
    messages.success(request, notice)
    return redirect(back_url(series, event))


def _gone(request: HttpRequest, series: Series, event: Event) -> HttpResponse:
    notice = _("This talk was deleted meanwhile; the agenda shows it as it is now.")
    if request.htmx:
        return render(request, SECTION, {"series": series, "event": event,
                                         "agenda_notice": notice})
    messages.error(request, notice)
    return redirect(back_url(series, event))


@orga_login_required
@require_GET
def agenda(request: HttpRequest, series: str, event: int) -> HttpResponse:
    """The agenda section on a page of its own (and, for htmx, the section alone)."""
    series_obj, event_obj = _event(request, series, event, "orga.view_event")
    context = {"series": series_obj, "event": event_obj}
    return render(request, SECTION if request.htmx else "orga/agenda/agenda.html", context)


@orga_login_required
@require_http_methods(["GET", "POST"])
def talk_add(request: HttpRequest, series: str, event: int) -> HttpResponse:
    series_obj, event_obj = _event(request, series, event)
    form = TalkForm(request.POST or None, event=event_obj, series=series_obj)
    if request.method == "POST" and form.is_valid():
        try:
            talk = services.talk_create(event=event_obj, actor=request.user,
                                        data=form.talk_input())
        except services.TalkGone:
            return _gone(request, series_obj, event_obj)
        except ValidationError as error:  # the event's times changed meanwhile
            form.add_error("start_time", error.message_dict["start"])
        else:
            return _done(request, series_obj, event_obj,
                         _("The talk “%(title)s” is on the agenda.") % {"title": talk.title})
    if request.htmx:
        return render(request, SECTION, {"series": series_obj, "event": event_obj,
                                         "agenda_add_form": form})
    return render(request, "orga/agenda/talk_form.html", {
        "series": series_obj, "event": event_obj, "form": form, "back": back_url(series_obj,
                                                                              event_obj)})


@orga_login_required
@require_http_methods(["GET", "POST"])
def talk_edit(request: HttpRequest, series: str, event: int, talk: int) -> HttpResponse:
    series_obj, event_obj = _event(request, series, event)
    talk_obj = _talk(event_obj, talk)
    form = TalkForm(request.POST or None, event=event_obj, series=series_obj, talk=talk_obj)
    if request.method == "POST" and form.is_valid():
        try:
            talk_obj = services.talk_update(talk=talk_obj, actor=request.user,
                                            data=form.talk_input())
        except services.TalkGone:
            return _gone(request, series_obj, event_obj)
        except ValidationError as error:  # the event's times changed meanwhile
            form.add_error("start_time", error.message_dict["start"])
        else:
            return _done(request, series_obj, event_obj,
                         _("The talk “%(title)s” is saved.") % {"title": talk_obj.title})
    if request.htmx:
        return render(request, SECTION, {"series": series_obj, "event": event_obj,
                                         "agenda_edit_form": form})
    return render(request, "orga/agenda/talk_form.html", {
        "series": series_obj, "event": event_obj, "form": form, "talk": talk_obj,
        "back": back_url(series_obj, event_obj)})


@orga_login_required
@require_http_methods(["GET", "POST"])
def talk_delete(request: HttpRequest, series: str, event: int, talk: int) -> HttpResponse:
    """GET asks (without JavaScript); POST deletes."""
    series_obj, event_obj = _event(request, series, event)
    talk_obj = _talk(event_obj, talk)
    if request.method == "GET":
        return render(request, "orga/agenda/talk_delete.html", {
            "series": series_obj, "event": event_obj, "talk": talk_obj,
            "back": back_url(series_obj, event_obj)})
    try:
        services.talk_delete(talk=talk_obj, actor=request.user)
    except services.TalkGone:
        return _gone(request, series_obj, event_obj)
    return _done(request, series_obj, event_obj,
                 _("The talk “%(title)s” is deleted.") % {"title": talk_obj.title})


@orga_login_required
@require_POST
def talk_move(request: HttpRequest, series: str, event: int, talk: int) -> HttpResponse:
    series_obj, event_obj = _event(request, series, event)
    talk_obj = _talk(event_obj, talk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _done(request, series_obj, event_obj, _("Nothing moved: choose up or down."))
    try:
        neighbour = services.talk_move(talk=talk_obj, actor=request.user,
                                       direction=form.cleaned_data["direction"])
    except services.TalkGone:
        return _gone(request, series_obj, event_obj)
    up = form.cleaned_data["direction"] == "up"
    if neighbour is None:
        notice = (_("“%(title)s” is first on the agenda already.") if up
                  else _("“%(title)s” is last on the agenda already."))
    else:
        notice = _("“%(title)s” moved up.") if up else _("“%(title)s” moved down.")
    return _done(request, series_obj, event_obj, notice % {"title": talk_obj.title})


@orga_login_required
@require_POST
def talk_place(request: HttpRequest, series: str, event: int, talk: int) -> HttpResponse:
    """Put a talk at a position of the agenda (dragged and dropped there)."""
    series_obj, event_obj = _event(request, series, event)
    talk_obj = _talk(event_obj, talk)
    form = PlaceForm(request.POST)
    if not form.is_valid():
        return _done(request, series_obj, event_obj, _("Nothing moved: the place is not known."))
    try:
        services.talk_place(talk=talk_obj, actor=request.user,
                            position=form.cleaned_data["position"])
    except services.TalkGone:
        return _gone(request, series_obj, event_obj)
    return _done(request, series_obj, event_obj, _("“%(title)s” is at place %(position)s.") % {
        "title": talk_obj.title, "position": form.cleaned_data["position"]})


@orga_login_required
@require_http_methods(["GET", "POST"])
def speaker_edit(request: HttpRequest, series: str, event: int, speaker: int) -> HttpResponse:
    """A speaker of one of the event's talks: name, organisation, role and biography in
    the series' languages."""
    series_obj, event_obj = _event(request, series, event)
    speaker_obj = get_object_or_404(Speaker.objects.filter(talks__event=event_obj).distinct()
                                    .select_related("organisation"), pk=speaker)
    form = SpeakerForm(request.POST or None, speaker=speaker_obj, series=series_obj)
    if request.method == "POST" and form.is_valid():
        services.speaker_update(speaker=speaker_obj, event=event_obj, actor=request.user,
                                data=form.speaker_input())
        return _done(request, series_obj, event_obj,
                     _("%(name)s is saved.") % {"name": speaker_obj.name})
    return render(request, "orga/agenda/speaker_form.html", {
        "series": series_obj, "event": event_obj, "speaker": speaker_obj, "form": form,
        "back": back_url(series_obj, event_obj)})


@orga_login_required
@require_GET
def event_preview(request: HttpRequest, series: str, event: int) -> HttpResponse:
    """The event's public page as the public will see it once published, in the page's
    language: rendered with the public template, never cached (neither by the page cache
    nor by a browser or proxy), marked as a preview, kept from search engines."""
    series_obj, event_obj = _event(request, series, event, "orga.view_event")
    event_obj = agenda_queries.event_for_preview(event=event_obj)
    response = render_series_page(request, series_obj, "orga/agenda/preview.html", {
        "event": event_obj, "talks": event_obj.talks.all(),
        "back": back_url(series_obj, event_obj)})
    response["X-Robots-Tag"] = "noindex, nofollow"
    patch_cache_control(response, private=True, no_store=True)
    return response


urlpatterns = [
    path("events/<int:event>/talks/", agenda, name="agenda"),
    path("events/<int:event>/talks/add/", talk_add, name="talk_add"),
    path("events/<int:event>/talks/<int:talk>/", talk_edit, name="talk_edit"),
    path("events/<int:event>/talks/<int:talk>/delete/", talk_delete, name="talk_delete"),
    path("events/<int:event>/talks/<int:talk>/move/", talk_move, name="talk_move"),
    path("events/<int:event>/talks/<int:talk>/place/", talk_place, name="talk_place"),
    path("events/<int:event>/speakers/<int:speaker>/", speaker_edit, name="speaker_edit"),
    path("events/<int:event>/preview/", event_preview, name="event_preview"),
]
