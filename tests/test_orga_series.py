"""Setting up a series in the workspace: the series, its themes and regions, its privacy
notice and its team, each change in the audit log (the world: tests/orga_world.py)."""

import re
from functools import partial
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image

from events.models import Region, Series, Theme
from mail.models import Mail
from orga.models import AuditEntry, TeamMember
from registrations.models import ConsentText
from tests.factories import event_create, region_create, theme_create
from tests.orga_world import client_as, orga_world, user_create
from tests.test_races_publish import race

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return orga_world()


@pytest.fixture
def organiser(client, world):
    return client_as(client, world, "organiser")


def url(name: str, world, **kwargs) -> str:
    return reverse(f"orga:{name}", kwargs={"series": world.series.slug} | kwargs)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def errors_of(response, form: str = "form") -> dict[str, list[str]]:
    return {name: list(errors) for name, errors in response.context[form].errors.items()}


def audit_actions(series: Series) -> list[str]:
    return list(AuditEntry.objects.filter(series=series).order_by("id")
                .values_list("action", flat=True))


def settings_data(world, **changes) -> dict:
    data = {"title_en": "Connect Europe", "title_de": world.series.title_de,
            "organiser": world.series.organiser_id,
            "default_language": "en", "content_languages": ["en", "de", "bg"],
            "retention_months": "24", "attendance_threshold_minutes": "15",
            "registration_open": "on", "is_published": "on"}
    return {key: value for key, value in (data | changes).items() if value is not None}


# The series ---------------------------------------------------------------------------


def test_series_create_makes_the_creator_its_organiser(organiser, world):
    response = organiser.post(reverse("orga:series_create"), {
        "title_de": "Digitale Regionen", "title_en": "Digital regions",
        "default_language": "de", "content_languages": ["de", "en"],
        "organiser": world.series.organiser_id})

    series = Series.objects.get(slug="digitale-regionen")
    assert response.status_code == 302
    assert response["Location"] == url("series_edit", world, series=series.slug)
    assert (series.title_de, series.title_en, series.default_language) == (
        "Digitale Regionen", "Digital regions", "de")
    assert series.content_languages == ["de", "en"]
    assert (series.is_published, series.registration_open) == (False, False)
    assert list(series.team.values_list("user__username", "role")) == [("olga", "organiser")]
    assert audit_actions(series) == ["series.create", "team.add"]


def test_series_create_needs_the_title_in_the_chosen_main_language(organiser, world):
    response = organiser.post(reverse("orga:series_create"), {
        "title_en": "Digital regions", "default_language": "de",
        "content_languages": ["de", "en"], "organiser": world.series.organiser_id})

    assert response.status_code == 200
    assert errors_of(response) == {"title_de": [
        "Please enter the title in German, the main language of the series."]}
    assert not Series.objects.filter(title_en="Digital regions").exists()


def test_series_create_refuses_a_taken_address(organiser, world):
    response = organiser.post(reverse("orga:series_create"), {
        "slug": "connect", "title_en": "Connect again", "default_language": "en",
        "content_languages": ["en"], "organiser": world.series.organiser_id})

    assert errors_of(response) == {"slug": [
        "The address “connect” is taken by another series; please choose another one."]}
    assert Series.objects.filter(slug="connect").count() == 1


def test_series_create_is_forbidden_to_a_coordinator(client, world):
    response = client_as(client, world, "leipzig").post(reverse("orga:series_create"), {
        "title_en": "Mine", "default_language": "en", "content_languages": ["en"],
        "organiser": world.series.organiser_id})

    assert response.status_code == 403
    assert not Series.objects.filter(title_en="Mine").exists()


def test_series_create_is_open_to_a_system_administrator(client, world):
    client.force_login(user_create("root", is_superuser=True, is_staff=True))

    response = client.get(reverse("orga:series_create"))

    assert response.status_code == 200
    assert "New series" in response.content.decode()


def test_series_edit_saves_and_records_before_and_after(organiser, world):
    title_de_before = world.series.title_de

    response = organiser.post(url("series_edit", world), settings_data(
        world, title_de="Connect Europa", registration_open=None, retention_months="36"))

    world.series.refresh_from_db()
    assert response.status_code == 302
    assert (world.series.title_de, world.series.registration_open,
            world.series.retention_months) == ("Connect Europa", False, 36)
    entry = AuditEntry.objects.get(series=world.series, action="series.update")
    assert entry.actor == world.users["organiser"]
    assert entry.changes == {"title_de": [title_de_before, "Connect Europa"],
                             "registration_open": [True, False],
                             "retention_months": [24, 36]}


def test_series_edit_without_a_change_records_nothing(organiser, world):
    world.series.title_de = None
    world.series.save()
    data = settings_data(world)

    response = organiser.post(url("series_edit", world), data)

    assert response.status_code == 302
    assert audit_actions(world.series) == []


def test_series_edit_keeps_the_main_language_among_the_content_languages(organiser, world):
    response = organiser.post(url("series_edit", world), settings_data(
        world, content_languages=["de", "bg"]))

    assert errors_of(response) == {"content_languages": [
        "The main language (English) must be one of the content languages."]}
    world.series.refresh_from_db()
    assert world.series.content_languages == ["en", "de", "bg"]


def test_series_edit_needs_the_title_in_a_new_main_language(organiser, world):
    response = organiser.post(url("series_edit", world), settings_data(
        world, default_language="bg"))

    assert errors_of(response) == {"title_bg": [
        "Please enter the title in Bulgarian, the main language of the series."]}
    world.series.refresh_from_db()
    assert world.series.default_language == "en"


def test_series_edit_refuses_an_accent_colour_too_light_to_read(organiser, world):
    response = organiser.post(url("series_edit", world), settings_data(
        world, accent_colour="#ffdd00"))

    assert list(errors_of(response)) == ["accent_colour"]
    assert "too light to read" in errors_of(response)["accent_colour"][0]
    world.series.refresh_from_db()
    assert world.series.accent_colour == ""


def test_series_edit_takes_a_logo_and_records_its_file(organiser, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = BytesIO()
    Image.new("RGB", (40, 20), "#0b5563").save(image, "PNG")
    logo = SimpleUploadedFile("logo.png", image.getvalue(), content_type="image/png")

    response = organiser.post(url("series_edit", world), settings_data(world) | {"logo": logo})

    world.series.refresh_from_db()
    assert response.status_code == 302
    assert world.series.logo.name == "logos/logo.png"
    entry = AuditEntry.objects.get(series=world.series, action="series.update")
    assert entry.changes == {"logo": ["", "logos/logo.png"]}


def test_series_edit_shows_the_series_languages_first_side_by_side(organiser, world):
    response = organiser.get(url("series_edit", world))

    page = response.content.decode()
    title = page[page.index("<legend>Title</legend>"):page.index("<legend>Tagline</legend>")]
    shown, others = title.split("<details")
    assert re.findall(r'name="title_(\w+)"', shown) == ["en", "de", "bg"]
    assert re.findall(r'name="title_(\w+)"', others) == ["es", "it"]
    assert re.search(r'for="id_title_en">English <span class="badge">required</span>', shown)
    assert re.search(r'for="id_title_bg">Bulgarian <span class="badge badge-region">missing',
                     shown)


def test_series_edit_of_a_german_series_requires_german(organiser, world):
    world.series.default_language = "de"
    world.series.content_languages = ["de", "en"]
    world.series.save()

    response = organiser.post(url("series_edit", world), settings_data(
        world, default_language="de", content_languages=["de", "en"], title_de=""))

    assert errors_of(response) == {"title_de": [
        "Please enter the title in German, the main language of the series."]}


# Themes and regions -------------------------------------------------------------------


def test_theme_create_adds_it_at_the_end_with_an_address_from_its_name(organiser, world):
    response = organiser.post(url("theme_create", world), {
        "name_en": "Clean energy", "name_de": "Saubere Energie"})

    assert response.status_code == 302
    assert list(world.series.themes.values_list("slug", "position")) == [
        ("mobility", 0), ("clean-energy", 1)]
    entry = AuditEntry.objects.get(series=world.series, action="theme.create")
    assert entry.data == {"slug": "clean-energy"}


def test_theme_create_refuses_an_address_the_series_has(organiser, world):
    response = organiser.post(url("theme_create", world), {"name_en": "Mobility"})

    assert errors_of(response) == {"slug": [
        "The series has a theme with the address “mobility” already."]}
    assert world.series.themes.count() == 1


def test_theme_edit_records_the_changed_texts(organiser, world):
    theme = world.extra["theme"]

    organiser.post(url("theme_edit", world, pk=theme.pk), {
        "slug": "mobility", "name_en": "Mobility", "name_de": theme.name_de,
        "name_bg": "Мобилност"})

    entry = AuditEntry.objects.get(series=world.series, action="theme.update")
    assert entry.changes == {"name_bg": [None, "Мобилност"]}


def test_theme_delete_shows_what_uses_it_then_deletes_it(organiser, world):
    theme = world.extra["theme"]

    page = organiser.get(url("theme_delete", world, pk=theme.pk)).content.decode()
    response = organiser.post(url("theme_delete", world, pk=theme.pk))

    assert "1 event</li>" in page and "0 talks</li>" in page
    assert response["Location"] == url("themes", world)
    assert not Theme.objects.filter(pk=theme.pk).exists()
    assert world.leipzig_event.themes.count() == 0
    assert AuditEntry.objects.get(action="theme.delete").data == {
        "slug": "mobility", "name": "Mobility"}


def test_region_delete_is_refused_while_it_has_events(organiser, world):
    page = organiser.get(url("region_delete", world, pk=world.leipzig_region.pk))
    response = organiser.post(url("region_delete", world, pk=world.leipzig_region.pk),
                              follow=True)

    refusal = ("Leipzig has 1 event(s): move them to another region (or delete them) "
               "first.")
    assert page.context["refusal"] == refusal
    assert messages_of(response) == [refusal]
    assert Region.objects.filter(pk=world.leipzig_region.pk).exists()
    assert audit_actions(world.series) == []


def test_region_delete_is_refused_while_it_has_a_coordinator(organiser, world):
    world.leipzig_event.delete()

    response = organiser.post(url("region_delete", world, pk=world.leipzig_region.pk),
                              follow=True)

    assert messages_of(response) == [
        "Leipzig has 1 coordinator(s) in the team: give them another region (or remove them "
        "from the team) first."]
    assert Region.objects.filter(pk=world.leipzig_region.pk).exists()


def test_region_delete_removes_an_unused_region(organiser, world):
    region = region_create(series=world.series, name_en="Bologna", country="IT")

    response = organiser.post(url("region_delete", world, pk=region.pk), follow=True)

    assert messages_of(response) == ["“Bologna” is deleted."]
    assert not Region.objects.filter(pk=region.pk).exists()


def test_region_create_names_its_coordinating_organisation(organiser, world):
    coordinator = world.series.organiser

    organiser.post(url("region_create", world), {
        "name_en": "Bologna", "name_it": "Bologna", "country": "IT",
        "coordinator": coordinator.pk})

    region = world.series.regions.get(slug="bologna")
    assert (region.country.code, region.coordinator, region.position) == ("IT", coordinator, 1)


def test_move_puts_a_theme_one_place_up(organiser, world):
    energy = theme_create(series=world.series, slug="energy", name_en="Energy", position=1)
    ict = theme_create(series=world.series, slug="ict", name_en="ICT", position=2)

    response = organiser.post(url("theme_move", world, pk=ict.pk), {"direction": "up"})

    assert response.status_code == 302
    assert list(world.series.themes.order_by("position").values_list("slug", flat=True)) == [
        "mobility", "ict", "energy"]
    assert AuditEntry.objects.get(action="theme.move").changes == {"position": [2, 1]}
    energy.refresh_from_db()
    assert energy.position == 2


def test_move_at_the_top_changes_nothing(organiser, world):
    organiser.post(url("theme_move", world, pk=world.extra["theme"].pk), {"direction": "up"})

    assert audit_actions(world.series) == []


def test_parts_list_has_one_count_of_queries(organiser, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        organiser.get(url("regions", world))
    for number in range(10):
        region_create(series=world.series, slug=f"extra-{number}")
    with CaptureQueriesContext(connection) as many:
        response = organiser.get(url("regions", world))

    assert len(response.context["items"]) == 12
    assert len(many) == len(few)


# The privacy notice ---------------------------------------------------------------------


def test_privacy_notice_new_version_leaves_the_old_one_as_it_was(organiser, world):
    first = ConsentText.objects.get(series=world.series)
    old_text = first.text_en

    response = organiser.post(url("privacy_notice", world), {
        "text_en": "We keep your data for two years.", "text_de": "Zwei Jahre."})

    assert response.status_code == 302
    assert list(ConsentText.objects.filter(series=world.series).order_by("version")
                .values_list("version", "text_en")) == [
        (1, old_text), (2, "We keep your data for two years.")]
    assert AuditEntry.objects.get(action="consent_text.create").data == {"version": 2}


def test_privacy_notice_form_starts_from_the_current_version(organiser, world):
    current = ConsentText.objects.get(series=world.series)

    response = organiser.get(url("privacy_notice", world))

    assert response.context["form"]["text_en"].value() == current.text_en
    assert response.context["current"] == current


def test_privacy_notice_needs_the_main_language(organiser, world):
    response = organiser.post(url("privacy_notice", world), {"text_de": "Nur Deutsch."})

    assert errors_of(response) == {"text_en": [
        "Please enter the text in English, the main language of the series."]}
    assert ConsentText.objects.filter(series=world.series).count() == 1


# The team -------------------------------------------------------------------------------


def test_team_add_an_existing_user_by_user_name(organiser, world):
    newcomer = user_create("nina")

    response = organiser.post(url("team", world), {
        "who": "NINA", "role": "coordinator", "region": world.sofia_region.pk}, follow=True)

    assert messages_of(response) == ["nina is in the team now."]
    member = TeamMember.objects.get(series=world.series, user=newcomer)
    assert (member.role, member.region) == ("coordinator", world.sofia_region)
    assert AuditEntry.objects.get(action="team.add").data == {
        "user": newcomer.pk, "role": "coordinator", "region": world.sofia_region.pk}


def test_team_add_an_existing_user_by_address(organiser, world):
    newcomer = user_create("nina", email="Nina@Example.org")

    organiser.post(url("team", world), {"who": "nina@example.org", "role": "organiser"})

    assert TeamMember.objects.get(series=world.series, user=newcomer).role == "organiser"


def test_team_invite_creates_the_user_and_mails_a_link_to_set_a_password(
        organiser, world, client):
    response = organiser.post(url("team", world), {
        "who": "new.colleague@example.org", "role": "organiser"}, follow=True)

    user = get_user_model().objects.get(email="new.colleague@example.org")
    assert messages_of(response) == [
        "new.colleague@example.org is invited: we sent them a link to set their password."]
    assert not user.has_usable_password()
    assert TeamMember.objects.get(series=world.series, user=user).role == "organiser"
    mail = Mail.objects.get(to="new.colleague@example.org")
    assert mail.subject == "You are invited into the team of Connect Europe"
    link = re.search(r"http://\S+/en/orga/password/reset/\S+/", mail.text).group(0)
    client.logout()
    form_page = client.get(link.split("testserver")[-1].replace("http://127.0.0.1:8000", ""),
                           follow=True)
    assert form_page.context["validlink"] is True


def test_team_invite_again_sends_a_new_link(organiser, world):
    organiser.post(url("team", world), {"who": "new@example.org", "role": "organiser"},
                   follow=True)
    member = TeamMember.objects.get(user__email="new@example.org")

    response = organiser.post(url("team_member_invite", world, member=member.pk), follow=True)

    assert messages_of(response) == ["The invitation is sent to new@example.org again."]
    assert Mail.objects.filter(to="new@example.org").count() == 2


def test_team_invite_again_is_refused_once_a_password_is_set(organiser, world):
    member = TeamMember.objects.get(series=world.series, user=world.users["sofia"])

    response = organiser.post(url("team_member_invite", world, member=member.pk), follow=True)

    assert messages_of(response) == [
        "stoyan has set a password already: they can ask for a new one on the login page."]
    assert Mail.objects.count() == 0


@pytest.mark.parametrize(("data", "errors"), [
    ({"who": "nobody", "role": "organiser"}, {"who": [
        "There is no account with this user name. To invite somebody new, enter their e-mail "
        "address."]}),
    ({"who": "lena", "role": "organiser"}, {"who": ["lena is in the team already."]}),
    ({"who": "not@an@address", "role": "organiser"}, {"who": ["Enter a valid email address."]}),
    ({"who": "new@example.org", "role": "coordinator"}, {"region": [
        "A region coordinator needs their region."]}),
    ({"who": "new@example.org", "role": "chief"}, {"role": [
        "Select a valid choice. chief is not one of the available choices."]}),
])
def test_team_add_refuses_bad_input(organiser, world, data, errors):
    response = organiser.post(url("team", world), data)

    assert errors_of(response) == errors
    assert TeamMember.objects.filter(series=world.series).count() == 4
    assert Mail.objects.count() == 0


def test_team_add_refuses_another_series_region(organiser, world):
    other = region_create(series=world.other_series)

    response = organiser.post(url("team", world), {
        "who": "new@example.org", "role": "coordinator", "region": other.pk})

    assert errors_of(response) == {"region": ["Please choose a region of this series."]}


def test_team_member_change_records_the_new_role(organiser, world):
    member = TeamMember.objects.get(series=world.series, user=world.users["sofia"])

    organiser.post(url("team_member_edit", world, member=member.pk), {"role": "organiser"})

    member.refresh_from_db()
    assert (member.role, member.region) == ("organiser", None)
    entry = AuditEntry.objects.get(action="team.change")
    assert entry.changes == {"role": ["coordinator", "organiser"],
                             "region": [world.sofia_region.pk, None]}
    assert entry.data == {"user": world.users["sofia"].pk}


def test_the_last_organiser_cannot_step_down(organiser, world):
    member = TeamMember.objects.get(series=world.series, user=world.users["organiser"])

    response = organiser.post(url("team_member_edit", world, member=member.pk), {
        "role": "coordinator", "region": world.leipzig_region.pk}, follow=True)

    assert messages_of(response) == [
        "The series needs at least one organiser: make somebody else an organiser first."]
    member.refresh_from_db()
    assert member.role == "organiser"


def test_the_last_organiser_cannot_be_removed(organiser, world):
    member = TeamMember.objects.get(series=world.series, user=world.users["organiser"])

    response = organiser.post(url("team_member_remove", world, member=member.pk), follow=True)

    assert messages_of(response) == [
        "The series needs at least one organiser: make somebody else an organiser before you "
        "remove the last one."]
    assert TeamMember.objects.filter(pk=member.pk).exists()


def test_an_organiser_may_leave_when_another_remains(organiser, world):
    TeamMember.objects.filter(user=world.users["sofia"]).update(role="organiser", region=None)
    member = TeamMember.objects.get(series=world.series, user=world.users["organiser"])

    response = organiser.post(url("team_member_remove", world, member=member.pk))

    assert response["Location"] == reverse("orga:home")
    assert not TeamMember.objects.filter(pk=member.pk).exists()


def test_team_member_remove_records_who_it_was(organiser, world):
    member = TeamMember.objects.get(series=world.series, user=world.users["leipzig"])

    organiser.post(url("team_member_remove", world, member=member.pk))

    assert not TeamMember.objects.filter(pk=member.pk).exists()
    assert AuditEntry.objects.get(action="team.remove").data == {
        "user": world.users["leipzig"].pk, "role": "coordinator",
        "region": world.leipzig_region.pk}


def test_team_list_shows_roles_regions_and_two_factor(organiser, world):
    TOTPDevice.objects.create(user=world.users["leipzig"], name="TOTP", confirmed=True)

    response = organiser.get(url("team", world))

    rows = {member.user.username: (member.get_role_display(), str(member.region or ""),
                                   member.two_factor)
            for member in response.context["members"]}
    assert rows == {"olga": ("Organiser", "", False), "lena": ("Region coordinator",
                                                               "Leipzig", True),
                    "stoyan": ("Region coordinator", "Sofia", False),
                    "rita": ("Pitch reviewer", "", False)}


def test_team_list_has_one_count_of_queries(organiser, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        organiser.get(url("team", world))
    for number in range(8):
        TeamMember.objects.create(series=world.series, user=user_create(f"member{number}"),
                                  role="coordinator", region=world.sofia_region)
    with CaptureQueriesContext(connection) as many:
        response = organiser.get(url("team", world))

    assert len(response.context["members"]) == 12
    assert len(many) == len(few)


def test_settings_warn_of_a_missing_privacy_notice(organiser, world):
    ConsentText.objects.filter(series=world.series).delete()

    response = organiser.get(url("series_edit", world))

    assert "The series has no privacy notice yet" in response.content.decode()


def test_region_events_count_in_the_list(organiser, world):
    event_create(series=world.series, region=world.sofia_region)

    response = organiser.get(url("regions", world))

    assert [(region.name, region.event_count, region.coordinator_count)
            for region in response.context["items"]] == [("Leipzig", 1, 1), ("Sofia", 2, 1)]


# Races on PostgreSQL --------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_organisers_stepping_down_at_once_leave_one():
    from orga.services.series import SetupError, team_member_change, team_member_remove

    world = orga_world()
    series = world.series
    for round_number in range(5):
        TeamMember.objects.filter(series=series).delete()
        olga = TeamMember.objects.create(series=series, user=world.users["organiser"],
                                         role="organiser")
        stoyan = TeamMember.objects.create(series=series, user=world.users["sofia"],
                                           role="organiser")
        step_down = partial(team_member_change, actor=world.users["organiser"], member=olga,
                            role="coordinator", region=world.leipzig_region)
        leave = partial(team_member_remove, actor=world.users["sofia"], member=stoyan)

        errors = race([step_down, leave])

        assert [type(error) for error in errors] == [SetupError], round_number
        assert TeamMember.objects.filter(series=series, role="organiser").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_privacy_notices_at_once_get_the_next_two_versions():
    from orga.services.series import consent_text_publish

    world = orga_world()

    errors = race([
        lambda: consent_text_publish(actor=world.users["organiser"], series=world.series,
                                     texts={"text_en": "One."}),
        lambda: consent_text_publish(actor=world.users["organiser"], series=world.series,
                                     texts={"text_en": "Two."}),
    ])

    assert errors == []
    assert sorted(ConsentText.objects.filter(series=world.series)
                  .values_list("version", flat=True)) == [1, 2, 3]


# Bad input and the way in -------------------------------------------------------------


def test_series_edit_refuses_an_organisation_that_does_not_exist(organiser, world):
    organiser_before = world.series.organiser_id

    response = organiser.post(url("series_edit", world), settings_data(
        world, organiser="999999", retention_months="0"))

    assert errors_of(response) == {
        "organiser": ["Select a valid choice. That choice is not one of the available "
                      "choices."],
        "retention_months": ["Ensure this value is greater than or equal to 1."]}
    world.series.refresh_from_db()
    assert (world.series.organiser_id, world.series.retention_months) == (organiser_before, 24)
    assert audit_actions(world.series) == []


def test_series_edit_in_german_answers_in_german(client, world):
    client_as(client, world, "organiser")

    response = client.post(url("series_edit", world).replace("/en/", "/de/"), settings_data(
        world, content_languages=["de"]))

    assert errors_of(response) == {"content_languages": [
        "Die Hauptsprache (Englisch) muss eine der Inhaltssprachen sein."]}


def test_requiring_two_factor_sends_an_organiser_without_it_to_set_it_up(organiser, world):
    response = organiser.post(url("series_edit", world), settings_data(
        world, team_requires_two_factor="on"), follow=True)

    world.series.refresh_from_db()
    assert world.series.team_requires_two_factor is True
    assert response.redirect_chain[-1][0] == (
        reverse("orga:two_factor") + "?next=%2Fen%2Forga%2Fseries%2Fconnect%2Fsettings%2F")


def test_home_offers_a_new_series_to_organisers_only(client, world):
    organiser_home = client_as(client, world, "organiser").get(reverse("orga:home"))
    client.logout()
    coordinator_home = client_as(client, world, "leipzig").get(reverse("orga:home"))

    new_series = f'href="{reverse("orga:series_create")}"'
    assert new_series in organiser_home.content.decode()
    assert new_series not in coordinator_home.content.decode()


def test_series_create_refuses_the_address_of_its_own_page(organiser, world):
    response = organiser.post(reverse("orga:series_create"), {
        "slug": "new", "title_en": "New", "default_language": "en",
        "content_languages": ["en"], "organiser": world.series.organiser_id})

    assert errors_of(response) == {"slug": [
        "The address “new” is taken by another series; please choose another one."]}


def test_a_post_without_csrf_token_changes_nothing(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["organiser"])

    response = client.post(url("team", world), {"who": "lea", "role": "organiser"})

    assert response.status_code == 403
    assert not TeamMember.objects.filter(user=world.users["participant"]).exists()


def test_an_address_taken_after_the_form_checked_it_is_refused_not_an_error(world):
    from orga.services.series import SetupError, part_create, series_create

    with pytest.raises(SetupError, match="The address “mobility” was taken a moment ago"):
        part_create(actor=world.users["organiser"], part=Theme(series=world.series),
                    values={"slug": "mobility", "name_en": "Mobility again"})
    with pytest.raises(SetupError, match="The address “connect” was taken a moment ago"):
        series_create(actor=world.users["organiser"], values={
            "slug": "connect", "title_en": "Again", "organiser": world.series.organiser,
            "default_language": "en", "content_languages": ["en"]})

    assert world.series.themes.count() == 1
    assert Series.objects.filter(slug="connect").count() == 1


def test_a_member_added_twice_at_once_is_refused_not_an_error(world):
    from orga.services.series import SetupError, team_member_add

    with pytest.raises(SetupError, match="lena is in the team already."):
        team_member_add(actor=world.users["organiser"], series=world.series,
                        user=world.users["leipzig"], role="organiser", region=None)

    assert TeamMember.objects.get(user=world.users["leipzig"]).role == "coordinator"


def test_privacy_notice_unchanged_is_not_a_new_version(organiser, world):
    current = ConsentText.objects.get(series=world.series)

    response = organiser.post(url("privacy_notice", world), {
        f"text_{code}": getattr(current, f"text_{code}") or ""
        for code in ("de", "en", "es", "it", "bg")})

    assert errors_of(response) == {"__all__": [
        "This is the text of version 1 word for word: change it to publish a new version."]}
    assert ConsentText.objects.filter(series=world.series).count() == 1


def test_series_create_starts_in_the_organisers_language(client, world):
    client_as(client, world, "organiser")

    response = client.get(reverse("orga:series_create").replace("/en/", "/bg/"))

    page = response.content.decode()
    assert response.context["form"]["default_language"].value() == "bg"
    assert re.search(r'for="id_title_bg">Български <span class="badge">задължително</span>',
                     page)
    assert "липсва" not in page  # a new series misses nothing yet


def test_a_new_theme_misses_no_language_but_a_notice_to_revise_does(organiser, world):
    themes_page = organiser.get(url("themes", world)).content.decode()
    privacy_page = organiser.get(url("privacy_notice", world)).content.decode()

    assert "badge-region\">missing" not in themes_page
    assert re.search(r'for="id_text_bg">Bulgarian <span class="badge badge-region">missing',
                     privacy_page)
