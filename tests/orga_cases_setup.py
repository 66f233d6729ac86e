"""Permission cases of a series' set-up: the series, its themes, regions, privacy notice and
team (organisers only; a new series: organisers of any series and system administrators).
Forged ids: another series' theme, region or team member under Connect's URL."""

from orga.models import TeamMember
from tests.factories import region_create, theme_create
from tests.orga_cases import (
    FORBIDDEN,
    LOGIN,
    OK,
    Case,
    nobody_in,
    organisers,
    series,
)

# A new series: whoever organises a series (the organiser, and the outsider who organises
# the other one); coordinators and the participant may not.
SERIES_MAKERS = {"organiser": OK, "outsider": OK, "leipzig": FORBIDDEN, "sofia": FORBIDDEN,
                 "reviewer": FORBIDDEN, "participant": FORBIDDEN, "anonymous": LOGIN}


def forged() -> dict:
    """Another series' object under Connect's URL: not there for the organiser; the
    coordinators may not open the page at all, whatever it names."""
    return nobody_in() | {"leipzig": FORBIDDEN, "sofia": FORBIDDEN}


def series_data(world) -> dict:
    return {"title_en": "Connect Europe", "title_de": "Connect Europa",
            "organiser": world.series.organiser_id, "default_language": "en",
            "content_languages": ["en", "de", "bg"], "retention_months": "24",
            "attendance_threshold_minutes": "15",
            "registration_open": "on", "is_published": "on"}


def theme(world) -> dict:
    return {"series": world.series.slug, "pk": world.extra["theme"].pk}


def region(world) -> dict:
    return {"series": world.series.slug, "pk": world.leipzig_region.pk}


def empty_region(world) -> dict:
    """A region without events or coordinators (one that may be deleted)."""
    return {"series": world.series.slug, "pk": region_create(series=world.series).pk}


def other_theme(world) -> dict:
    return {"series": world.series.slug, "pk": theme_create(series=world.other_series).pk}


def other_region(world) -> dict:
    return {"series": world.series.slug, "pk": region_create(series=world.other_series).pk}


def member(world) -> dict:
    pk = TeamMember.objects.get(series=world.series, user=world.users["sofia"]).pk
    return {"series": world.series.slug, "member": pk}


def other_member(world) -> dict:
    """The outsider's membership of the other series, under Connect's URL."""
    pk = TeamMember.objects.get(series=world.other_series, user=world.users["outsider"]).pk
    return {"series": world.series.slug, "member": pk}


CASES = [
    Case("series_create", lambda world: {}, SERIES_MAKERS),
    Case("series_create", lambda world: {}, SERIES_MAKERS, method="post",
         data=lambda world: {"title_en": "Connect Again", "default_language": "en",
                             "content_languages": ["en"],
                             "organiser": world.series.organiser_id}),
    Case("series_edit", series, organisers()),
    Case("series_edit", series, organisers(), method="post", data=series_data),
    Case("series_edit", lambda world: {"series": "no-such-series"}, nobody_in(),
         label="missing"),
    Case("privacy_notice", series, organisers()),
    Case("privacy_notice", series, organisers(), method="post",
         data=lambda world: {"text_en": "We keep your data for the series."}),
    Case("team", series, organisers()),
    Case("team", series, organisers(), method="post",
         data=lambda world: {"who": "new.member@example.org", "role": "coordinator",
                             "region": world.leipzig_region.pk}),
    Case("team_member_edit", member, organisers()),
    Case("team_member_edit", member, organisers(), method="post",
         data=lambda world: {"role": "coordinator", "region": world.leipzig_region.pk}),
    Case("team_member_edit", other_member, forged(), label="other series"),
    Case("team_member_edit", other_member, forged(), method="post",
         data=lambda world: {"role": "coordinator", "region": world.leipzig_region.pk},
         label="other series"),
    Case("team_member_remove", member, organisers()),
    Case("team_member_remove", member, organisers(), method="post"),
    Case("team_member_remove", other_member, forged(), method="post", label="other series"),
    Case("team_member_invite", member, organisers(), method="post"),
    Case("team_member_invite", other_member, forged(), method="post",
         label="other series"),
]

for kind, plural, one, other in (("theme", "themes", theme, other_theme),
                                 ("region", "regions", region, other_region)):
    name_field = {"name_en": "Energy"}
    CASES += [
        Case(plural, series, organisers()),
        Case(f"{kind}_create", series, organisers()),
        Case(f"{kind}_create", series, organisers(), method="post",
             data=lambda world, fields=name_field, kind=kind: fields | (
                 {"country": "IT"} if kind == "region" else {})),
        Case(f"{kind}_edit", one, organisers()),
        Case(f"{kind}_edit", one, organisers(), method="post",
             data=lambda world, kind=kind: {"name_en": "Renamed"} | (
                 {"country": "DE"} if kind == "region" else {})),
        Case(f"{kind}_edit", other, forged(), label="other series"),
        Case(f"{kind}_edit", other, forged(), method="post",
             data=lambda world: {"name_en": "Taken over", "country": "DE"},
             label="other series"),
        Case(f"{kind}_delete", one, organisers()),
        Case(f"{kind}_delete", empty_region if kind == "region" else one, organisers(),
             method="post"),
        Case(f"{kind}_delete", other, forged(), method="post", label="other series"),
        Case(f"{kind}_move", one, organisers(), method="post",
             data=lambda world: {"direction": "down"}),
        Case(f"{kind}_move", other, forged(), method="post",
             data=lambda world: {"direction": "down"}, label="other series"),
    ]
