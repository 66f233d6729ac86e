"""Setting up a series: create it, its settings, themes, regions, privacy notice and team.

Organisers only (orga.change_series, orga.manage_team); a new series: system administrators
and organisers of a series (orga.add_series). Every change goes through
orga.services.series, recorded in the audit log. The forms post and redirect; htmx only
swaps the list in place after a move (hx-select on the page it is sent to).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Exists, OuterRef, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from events.models import Region, Series, Theme
from orga.access import orga_login_required, series_for
from orga.forms.series import (
    ConsentTextForm,
    RegionForm,
    SeriesCreateForm,
    SeriesForm,
    TeamMemberAddForm,
    TeamMemberForm,
    ThemeForm,
)
from orga.models import TeamMember
from orga.services import series as services
from registrations.models import ConsentText

# The two lists of a series' parts: their model, form and words
PARTS = {
    "theme": {"model": Theme, "form": ThemeForm, "list": "orga:themes",
              "title": gettext_lazy("Themes"), "add": gettext_lazy("Add a theme")},
    "region": {"model": Region, "form": RegionForm, "list": "orga:regions",
               "title": gettext_lazy("Partner regions"), "add": gettext_lazy("Add a region")},
}


# The series ---------------------------------------------------------------------------


@orga_login_required
def series_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("orga.add_series"):
        raise PermissionDenied
    form = SeriesCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.series_create(actor=request.user, values=form.cleaned_data)
        except services.SetupError as error:
            form.add_error("slug", str(error))
        else:
            messages.success(request, _("The series is created (neither published nor open "
                                        "for registration yet). Now add its themes, regions "
                                        "and privacy notice."))
            return redirect("orga:series_edit", series=created.slug)
    return render(request, "orga/series/create.html", {"form": form})


@orga_login_required
def series_edit(request: HttpRequest, series: str) -> HttpResponse:
    series_obj = series_for(request, series, "orga.change_series")
    form = SeriesForm(request.POST or None, request.FILES or None, instance=series_obj,
                      series=series_obj)
    if request.method == "POST" and form.is_valid():
        services.series_update(actor=request.user, series=series_obj, values=form.cleaned_data)
        messages.success(request, _("The settings are saved."))
        return redirect("orga:series_edit", series=series_obj.slug)
    if request.method == "POST":  # the form shows what was typed; the page the series as it is
        series_obj.refresh_from_db()
    return render(request, "orga/series/edit.html", {
        "series": series_obj, "form": form,
        "consent": ConsentText.objects.filter(series=series_obj).order_by("-version").first()})


# Themes and regions -------------------------------------------------------------------


def _part(series: Series, kind: str, pk: int) -> Theme | Region:
    part = PARTS[kind]["model"].objects.filter(pk=pk, series=series).first()
    if part is None:
        raise Http404
    part.series = series
    return part


@orga_login_required
def parts(request: HttpRequest, series: str, kind: str) -> HttpResponse:
    """The themes or regions of the series, in their order, each with what uses it."""
    series_obj = series_for(request, series, "orga.change_series")
    items = PARTS[kind]["model"].objects.filter(series=series_obj).order_by("position", "slug")
    if kind == "region":
        items = items.select_related("coordinator").annotate(
            event_count=Count("events", distinct=True),
            coordinator_count=Count("coordinators", distinct=True))
    else:
        items = items.annotate(event_count=Count("events", distinct=True),
                               talk_count=Count("talks", distinct=True))
    form = PARTS[kind]["form"](instance=PARTS[kind]["model"](series=series_obj),
                               series=series_obj)
    return render(request, "orga/series/parts.html", {
        "series": series_obj, "kind": kind, "part": PARTS[kind], "items": items, "form": form})


@orga_login_required
def part_edit(request: HttpRequest, series: str, kind: str, pk: int | None = None):
    """Add a theme or region (no pk) or change one."""
    series_obj = series_for(request, series, "orga.change_series")
    part = _part(series_obj, kind, pk) if pk else PARTS[kind]["model"](series=series_obj)
    form = PARTS[kind]["form"](request.POST or None, instance=part, series=series_obj)
    save = services.part_update if pk else services.part_create
    if request.method == "POST" and form.is_valid():
        try:
            save(actor=request.user, part=part, values=form.cleaned_data)
        except services.SetupError as error:
            form.add_error("slug", str(error))
        else:
            messages.success(request, _("“%(name)s” is saved.") % {"name": part.name})
            return redirect(PARTS[kind]["list"], series=series_obj.slug)
    if request.method == "POST" and pk:
        part.refresh_from_db()
    return render(request, "orga/series/part_edit.html", {
        "series": series_obj, "kind": kind, "part": PARTS[kind], "item": part, "form": form})


@orga_login_required
def part_delete(request: HttpRequest, series: str, kind: str, pk: int) -> HttpResponse:
    """The consequences of deleting a theme or region (GET), then the deletion (POST)."""
    series_obj = series_for(request, series, "orga.change_series")
    part = _part(series_obj, kind, pk)
    refusal = services.region_delete_refusal(region=part) if kind == "region" else None
    if request.method == "POST":
        try:
            services.part_delete(actor=request.user, part=part)
        except services.SetupError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("“%(name)s” is deleted.") % {"name": part.name})
        return redirect(PARTS[kind]["list"], series=series_obj.slug)
    uses = {}
    if kind == "theme":
        uses = {"events": part.events.count(), "talks": part.talks.count(),
                "participants": part.interested_participants.count()}
    return render(request, "orga/series/part_delete.html", {
        "series": series_obj, "kind": kind, "part": PARTS[kind], "item": part,
        "refusal": refusal, "uses": uses})


@require_POST
@orga_login_required
def part_move(request: HttpRequest, series: str, kind: str, pk: int) -> HttpResponse:
    series_obj = series_for(request, series, "orga.change_series")
    part = _part(series_obj, kind, pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, _("Please move it up or down."))
    else:
        services.part_move(actor=request.user, part=part, up=direction == "up")
    return redirect(PARTS[kind]["list"], series=series_obj.slug)


# The privacy notice ---------------------------------------------------------------------


@orga_login_required
def privacy_notice(request: HttpRequest, series: str) -> HttpResponse:
    """The current privacy notice, its versions, and a form for a new version (prefilled
    with the current one: a version somebody agreed to is never changed)."""
    series_obj = series_for(request, series, "orga.change_series")
    versions = list(ConsentText.objects.filter(series=series_obj).order_by("-version")
                    .annotate(agreed=Count("consents")))
    current = versions[0] if versions else None
    form = ConsentTextForm(request.POST or None, instance=ConsentText(series=series_obj),
                           series=series_obj, initial={
                               name: getattr(current, name) for name in ConsentTextForm.Meta.fields
                           } if current else None)
    if request.method == "POST" and form.is_valid():
        try:
            consent = services.consent_text_publish(actor=request.user, series=series_obj,
                                                    texts=form.cleaned_data)
        except services.SetupError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Version %(version)s of the privacy notice is "
                                        "published: whoever registers from now on agrees to "
                                        "it.") % {"version": consent.version})
            return redirect("orga:privacy_notice", series=series_obj.slug)
    return render(request, "orga/series/privacy.html", {
        "series": series_obj, "versions": versions, "current": current, "form": form})


# The team -------------------------------------------------------------------------------


def _member(series: Series, pk: int) -> TeamMember:
    member = (TeamMember.objects.filter(pk=pk, series=series)
              .select_related("user", "region").first())
    if member is None:
        raise Http404
    member.series = series
    return member


@orga_login_required
def team(request: HttpRequest, series: str) -> HttpResponse:
    """The team: each member's role, region and two-factor; a form to add somebody."""
    series_obj = series_for(request, series, "orga.manage_team")
    form = TeamMemberAddForm(request.POST or None, series=series_obj)
    if request.method == "POST" and form.is_valid():
        return _team_add(request, series_obj, form)
    members = (TeamMember.objects.filter(series=series_obj).select_related("user", "region")
               .annotate(two_factor=Exists(TOTPDevice.objects.filter(
                   user=OuterRef("user"), confirmed=True)))
               .order_by(Case(When(role=TeamMember.Role.ORGANISER, then=0), default=1),
                         "region__position", "user__username"))
    return render(request, "orga/series/team.html", {
        "series": series_obj, "members": members, "form": form})


def _team_add(request: HttpRequest, series: Series, form: TeamMemberAddForm) -> HttpResponse:
    role, region = form.cleaned_data["role"], form.cleaned_data["region"]
    organisation = form.cleaned_data["organisation_name"]
    try:
        if form.user is None:
            member = services.team_member_invite(actor=request.user, series=series, role=role,
                                                 region=region, email=form.cleaned_data["who"],
                                                 organisation_name=organisation)
            messages.success(request, _("%(user)s is invited: we sent them a link to set their "
                                        "password.") % {"user": member.user.get_username()})
        else:
            services.team_member_add(actor=request.user, series=series, user=form.user,
                                     role=role, region=region, organisation_name=organisation)
            messages.success(request, _("%(user)s is in the team now.")
                             % {"user": form.user.get_username()})
    except services.SetupError as error:
        messages.error(request, str(error))
    return redirect("orga:team", series=series.slug)


@orga_login_required
def team_member_edit(request: HttpRequest, series: str, member: int) -> HttpResponse:
    series_obj = series_for(request, series, "orga.manage_team")
    member_obj = _member(series_obj, member)
    form = TeamMemberForm(request.POST or None, instance=member_obj, series=series_obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_member_change(actor=request.user, member=member_obj,
                                        role=form.cleaned_data["role"],
                                        region=form.cleaned_data["region"],
                                        organisation_name=form.cleaned_data["organisation_name"])
        except services.SetupError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The role of %(user)s is saved.")
                             % {"user": member_obj.user.get_username()})
        return redirect("orga:team", series=series_obj.slug)
    if request.method == "POST":
        member_obj.refresh_from_db()
    return render(request, "orga/series/team_member.html", {
        "series": series_obj, "member": member_obj, "form": form})


@orga_login_required
def team_member_remove(request: HttpRequest, series: str, member: int) -> HttpResponse:
    """What removing a member means (GET), then the removal (POST)."""
    series_obj = series_for(request, series, "orga.manage_team")
    member_obj = _member(series_obj, member)
    if request.method != "POST":
        return render(request, "orga/series/team_remove.html", {
            "series": series_obj, "member": member_obj})
    try:
        services.team_member_remove(actor=request.user, member=member_obj)
    except services.SetupError as error:
        messages.error(request, str(error))
        return redirect("orga:team", series=series_obj.slug)
    messages.success(request, _("%(user)s is no longer in the team.")
                     % {"user": member_obj.user.get_username()})
    if member_obj.user_id == request.user.pk:
        return redirect("orga:home")
    return redirect("orga:team", series=series_obj.slug)


@require_POST
@orga_login_required
def team_member_invite(request: HttpRequest, series: str, member: int) -> HttpResponse:
    series_obj = series_for(request, series, "orga.manage_team")
    member_obj = _member(series_obj, member)
    try:
        services.team_invitation_resend(actor=request.user, member=member_obj)
    except services.SetupError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The invitation is sent to %(user)s again.")
                         % {"user": member_obj.user.get_username()})
    return redirect("orga:team", series=series_obj.slug)


S = "series/<slug:series>/"
urlpatterns = [
    path("series/new/", series_create, name="series_create"),
    path(f"{S}settings/", series_edit, name="series_edit"),
    path(f"{S}privacy/", privacy_notice, name="privacy_notice"),
    path(f"{S}team/", team, name="team"),
    path(f"{S}team/<int:member>/", team_member_edit, name="team_member_edit"),
    path(f"{S}team/<int:member>/remove/", team_member_remove, name="team_member_remove"),
    path(f"{S}team/<int:member>/invite/", team_member_invite, name="team_member_invite"),
]
for _kind, _plural in (("theme", "themes"), ("region", "regions")):
    urlpatterns += [
        path(f"{S}{_plural}/", parts, {"kind": _kind}, name=_plural),
        path(f"{S}{_plural}/new/", part_edit, {"kind": _kind}, name=f"{_kind}_create"),
        path(f"{S}{_plural}/<int:pk>/", part_edit, {"kind": _kind}, name=f"{_kind}_edit"),
        path(f"{S}{_plural}/<int:pk>/delete/", part_delete, {"kind": _kind},
             name=f"{_kind}_delete"),
        path(f"{S}{_plural}/<int:pk>/move/", part_move, {"kind": _kind}, name=f"{_kind}_move"),
    ]
