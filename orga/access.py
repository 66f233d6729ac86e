"""Fetch-and-check guards of the organiser views: each returns the object a URL names
when the user may act on it, and otherwise raises what the user may learn.

- not logged in: to the login page (orga_login_required);
- logged in without the two-factor step their account or the series demands: to that step;
- a series, event or other object the user has no part in, or that does not exist (or
  belongs to another series than the URL's): 404, the same answer either way;
- a series the user is in, but an action their role does not allow: 403.
"""

from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import redirect
from django.urls import reverse

from events.models import Event, Series
from orga import two_factor


class TwoFactorDue(Exception):
    """The user must pass (or set up) two-factor authentication first."""

    def __init__(self, *, setup: bool) -> None:
        super().__init__("two-factor authentication due")
        self.setup = setup


def orga_login_required(view):
    """A view of the workspace: a logged-in user who passed the two-factor step their
    account has (and that a series demands, raised by the guards below)."""

    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("orga:login"))
        if two_factor.verification_due(request.user):
            return redirect_to_login(request.get_full_path(), reverse("orga:login_verify"))
        try:
            return view(request, *args, **kwargs)
        except TwoFactorDue as due:
            step = "orga:two_factor" if due.setup else "orga:login_verify"
            back = (request.get_full_path() if request.method in ("GET", "HEAD")
                    else reverse("orga:home"))  # an action is not repeated by a redirect
            return redirect(f"{reverse(step)}?{urlencode({'next': back})}")

    return guarded


def series_for(request: HttpRequest, slug: str, perm: str = "orga.view_series") -> Series:
    """The series `slug` if the user is in its team (any role) and `perm` allows the
    action (by default viewing it, which a reviewer may not: pitch views ask their own)."""
    series = Series.objects.filter(slug=slug).select_related("organiser").first()
    if series is None or not request.user.has_perm("orga.open_series", series):
        raise Http404
    _two_factor_check(request, series)
    if not request.user.has_perm(perm, series):
        raise PermissionDenied
    return series


def event_for(request: HttpRequest, series: Series, event_id: int,
              perm: str = "orga.view_event") -> Event:
    """The event `event_id` of `series` if the user runs it (organiser, or coordinator of
    its region) and `perm` allows the action; any other event is not there for them."""
    event = Event.objects.filter(pk=event_id, series=series).select_related("region").first()
    if event is None:
        raise Http404
    event.series = series
    if not request.user.has_perm("orga.view_event", event):
        raise Http404
    if not request.user.has_perm(perm, event):
        raise PermissionDenied
    return event


def _two_factor_check(request: HttpRequest, series: Series) -> None:
    if series.team_requires_two_factor and not two_factor.verified(request.user):
        raise TwoFactorDue(setup=not two_factor.has_device(request.user))
