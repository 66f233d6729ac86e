"""The participant's matchmaking pages:
finding people (P): browse and search the profiles, the suggestions, one person's profile.

Every URL is under the personal link: PREFIX (matchmaking.views.PREFIX). Only a
participant with a profile in the series sees these pages (matchmaking.views.guards)."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from events.models import Series
from matchmaking import queries_people
from matchmaking.explain import explanation
from matchmaking.forms import SearchForm
from matchmaking.models import MatchmakingProfile
from matchmaking.views import PREFIX
from matchmaking.views.guards import not_found, page, with_profile


@require_http_methods(["GET", "HEAD"])
@with_profile
def people(request: HttpRequest, *, viewer: MatchmakingProfile, token: str,
           series: Series) -> HttpResponse:
    """The profiles of the series, filtered by the search form, 30 a page."""
    form = SearchForm(request.GET or None, themes=list(series.themes.all()),
                      countries=queries_people.countries_present(viewer=viewer))
    filters = form.filters() if form.is_bound else {}
    profiles = queries_people.profiles_search(viewer=viewer, **filters)
    paginator = Paginator(profiles, queries_people.PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page(request, "matchmaking/people.html", {
        "token": token, "viewer": viewer, "form": form, "page_obj": page_obj,
        "searched": any(value for key, value in filters.items() if key != "field"),
        "query": query.urlencode()}, series=series)


@require_http_methods(["GET", "HEAD"])
@with_profile
def suggestions(request: HttpRequest, *, viewer: MatchmakingProfile, token: str,
                series: Series) -> HttpResponse:
    """The people who complement the viewer best, each with one line saying why."""
    ranked = [(person, explanation(suggestion))
              for person, suggestion in queries_people.suggestions_for(viewer=viewer)]
    return page(request, "matchmaking/suggestions.html", {
        "token": token, "viewer": viewer, "suggestions": ranked}, series=series)


@require_http_methods(["GET", "HEAD"])
@with_profile
def person(request: HttpRequest, *, viewer: MatchmakingProfile, token: str, series: Series,
           profile: int) -> HttpResponse:
    """Another participant's profile; their e-mail address and phone once the two have an
    accepted meeting request."""
    person_obj = queries_people.person_of(viewer=viewer, profile_id=profile)
    if person_obj is None:
        return not_found(request, token, _("There is no such profile in this series, or it "
                                           "has been deleted."))
    return page(request, "matchmaking/person.html", {
        "token": token, "viewer": viewer, "person": person_obj,
        "contact": queries_people.contact_visible(viewer=viewer, person=person_obj)},
        series=series)


urlpatterns = [
    path(PREFIX + "people/", people, name="people"),
    path(PREFIX + "people/suggested/", suggestions, name="suggestions"),
    path(PREFIX + "people/<int:profile>/", person, name="person"),
]
