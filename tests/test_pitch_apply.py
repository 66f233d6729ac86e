"""The applicant's side of the pitch session: who may apply (and is told why not, in their
language), applying, changing and withdrawing through the personal link, the slides (a
PDF judged by its content, served publicly only once the pitch is confirmed), the call's
notice on the public pages and the personal page, and what deleting one's data does.
Every bad input gets a clear message, changes nothing, and is never a server error."""

import os
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from events.models import Organisation
from pitches import queries
from pitches.models import PitchApplication, PitchCall
from pitches.services import PitchError, application_state_change
from pitches.services.applications import application_submit
from registrations import links
from registrations import services as registration_services
from tests.factories import event_create, organisation_create, series_create, theme_create
from tests.pitch_factories import (
    pdf_bytes,
    pitch_application_create,
    pitch_call_create,
    slides_upload,
)
from tests.test_registrations_factories import (
    participant_create,
    registration_create,
    series_registration_create,
)

pytestmark = pytest.mark.django_db
State = PitchApplication.State


@pytest.fixture
def series():
    series = series_create(slug="bridges", title_en="Bridges", title_de="Brücken",
                           content_languages=["en", "de"])
    theme_create(series=series, slug="energy", name_en="Energy", name_de="Energie")
    return series


@pytest.fixture
def call(series) -> PitchCall:
    return pitch_call_create(series=series)


def sme(series, **fields):
    """An SME's participant registered (confirmed) for an event of the series."""
    participant = participant_create(**({"organisation_name": "Acme Robotics GmbH"} | fields))
    registration_create(participant=participant, event=event_create(series=series))
    return participant


def token(participant) -> str:
    return links.personal_token(participant=participant)


def apply_path(participant, call, language="en") -> str:
    return f"/{language}/pitches/apply/{token(participant)}/{call.pk}/"


def edit_path(participant, application, language="en") -> str:
    return f"/{language}/pitches/application/{token(participant)}/{application.pk}/"


def form_data(series, **fields) -> dict:
    return {"summary_en": "We make robots that sort waste.",
            "description_en": "Acme builds sorting robots for recycling plants.",
            "summary_de": "", "description_de": "",
            "theme": str(series.themes.get(slug="energy").pk), "country": "DE",
            "website": "https://acme.example.org", "video_url": "",
            "presenter_name": "Ada Acme", "presenter_role": "CEO",
            "slides": slides_upload()} | fields


def page(response) -> str:
    return response.content.decode()


# --- who may apply --------------------------------------------------------------------


def test_an_sme_registered_for_the_series_may_apply(call, series):
    assert queries.apply_refusal(call=call, participant=sme(series)) is None


def test_a_series_registration_counts_as_registered(call, series):
    participant = participant_create()
    series_registration_create(participant=participant, series=series)
    assert queries.apply_refusal(call=call, participant=participant) is None


def test_someone_not_registered_for_the_series_is_told_so(call, series):
    other_series = series_create()
    participant = participant_create()
    registration_create(participant=participant, event=event_create(series=other_series))
    pending = participant_create()
    registration_create(participant=pending, event=event_create(series=series),
                        state="pending", confirmed_at=None)
    for who in (participant, pending):
        assert queries.apply_refusal(call=call, participant=who) == (
            "Only participants registered for this series may apply. Please register for "
            "one of its events first.")


def test_a_cancelled_series_registration_does_not_count(call, series):
    participant = participant_create()
    series_registration_create(participant=participant, series=series,
                               cancelled_at=timezone.now())
    assert "Only participants registered" in queries.apply_refusal(call=call,
                                                                   participant=participant)


def test_a_non_sme_is_told_so(call, series):
    participant = sme(series, organisation_kind=Organisation.Kind.RESEARCH)
    assert queries.apply_refusal(call=call, participant=participant) == (
        "Only SMEs may apply for a pitch; you registered for an organisation of the kind "
        "“Research”.")


def test_a_members_only_call_takes_members_named_in_any_case(call, series):
    call.open_to_non_members = False
    call.save()
    organisation_create(name="Acme Robotics GmbH", is_network_member=True)
    organisation_create(name="Beta Tools", is_network_member=False)
    assert queries.apply_refusal(call=call, participant=sme(
        series, organisation_name="acme  ROBOTICS gmbh")) is None
    assert queries.apply_refusal(call=call, participant=sme(
        series, organisation_name="Beta Tools")) == (
        "This call is open to members of the organiser network only, and “Beta Tools” is "
        "not one.")


def test_before_the_opening_and_after_the_closing_the_moment_is_named_in_the_events_zone(
        series):
    now = timezone.now()
    call = pitch_call_create(series=series, opens_at=now + timedelta(days=1),
                             closes_at=now + timedelta(days=9))
    call.event.time_zone = "Europe/Sofia"
    call.event.save()
    participant = sme(series)
    opening = queries.apply_refusal(call=call, participant=participant)
    assert opening.startswith("The call for pitches opens on ")
    assert opening.endswith("(Europe/Sofia).")
    closed = queries.apply_refusal(call=call, participant=participant,
                                   now=now + timedelta(days=10))
    assert closed.startswith("The call for pitches closed on ")
    assert closed.endswith("(Europe/Sofia).")


def test_an_organisation_applies_once_whatever_the_spelling_withdrawn_ones_aside(call, series):
    colleague = sme(series, organisation_name="Acme Robotics GmbH")
    application = pitch_application_create(call=call, participant=colleague,
                                           organisation_name="Acme Robotics GmbH")
    me = sme(series, organisation_name="  acme   robotics GMBH ")
    assert queries.apply_refusal(call=call, participant=me) == (
        "Your organisation “  acme   robotics GMBH ” has already applied to this call; one "
        "application per organisation.")
    application_state_change(application_id=application.pk, to=State.WITHDRAWN)
    assert queries.apply_refusal(call=call, participant=me) is None


def test_open_call_of_and_call_for_event(call, series):
    assert queries.open_call_of(series) == call
    assert queries.call_for_event(call.event) == call
    assert queries.open_call_of(series, now=call.closes_at) is None


# --- applying -------------------------------------------------------------------------


def test_the_apply_page_shows_the_form_and_the_series_languages(client, call, series):
    response = client.get(apply_path(sme(series), call))
    assert response.status_code == 200
    assert 'name="summary_en"' in page(response) and 'name="summary_de"' in page(response)
    assert 'name="summary_bg"' not in page(response)
    assert 'name="slides"' in page(response)


def test_applying_stores_the_application_and_its_slides_privately(client, call, series,
                                                                   settings):
    participant = sme(series)
    link = token(participant)
    response = client.post(f"/en/pitches/apply/{link}/{call.pk}/", form_data(series))
    assert response.status_code == 302
    assert response.url == f"/en/registration/me/{link}/"
    application = PitchApplication.objects.get()
    assert (application.participant, application.state) == (participant, State.SUBMITTED)
    assert (application.organisation_name, application.organisation_key) == (
        "Acme Robotics GmbH", "acme robotics gmbh")
    assert application.summary_en == "We make robots that sort waste."
    assert application.theme.slug == "energy"
    assert (application.presenter_name, application.presenter_role) == ("Ada Acme", "CEO")
    path = application.slides.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    with open(path, "rb") as stored:
        assert stored.read().startswith(b"%PDF-")


def test_a_presentation_in_german_only_will_do_but_one_language_is_needed(client, call, series):
    participant = sme(series)
    response = client.post(apply_path(participant, call), form_data(
        series, summary_en="", description_en=""))
    assert response.status_code == 400
    assert "Please write the short presentation in at least one language." in page(response)
    response = client.post(apply_path(participant, call), form_data(
        series, summary_en="", description_en="", summary_de="Wir bauen Roboter."))
    assert response.status_code == 302
    assert PitchApplication.objects.get().summary_de == "Wir bauen Roboter."


def test_a_theme_of_another_series_is_refused(client, call, series):
    other = theme_create(series=series_create())
    response = client.post(apply_path(sme(series), call), form_data(series, theme=str(other.pk)))
    assert response.status_code == 400
    assert PitchApplication.objects.count() == 0


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"GIF89a not a pdf at all", "slides.pdf",
     "This file is not a PDF. Please upload your slides as a PDF file."),
    (b"<html><script>alert(1)</script></html>", "slides.PDF",
     "This file is not a PDF. Please upload your slides as a PDF file."),
    (b"%PDF-1.7 and then nothing that parses", "slides.pdf",
     "This PDF cannot be read. Please export your slides as a PDF again."),
    (pdf_bytes(javascript="app.alert('hi');"), "slides.pdf",
     "This PDF contains scripts, actions or embedded files."),
    (pdf_bytes(open_action_js=True), "slides.pdf",
     "This PDF contains scripts, actions or embedded files."),
    (pdf_bytes(additional_action=True), "slides.pdf",
     "This PDF contains scripts, actions or embedded files."),
    (pdf_bytes(attachment=True), "slides.pdf",
     "This PDF contains scripts, actions or embedded files."),
    (pdf_bytes(password="secret"), "slides.pdf",
     "This PDF is encrypted or password-protected. Please upload it without a password."),
])
def test_slides_that_are_not_a_plain_pdf_are_refused_whatever_their_name(
        client, call, series, content, name, message):
    response = client.post(apply_path(sme(series), call), form_data(
        series, slides=SimpleUploadedFile(name, content, content_type="application/pdf")))
    assert response.status_code == 400
    assert message in page(response)
    assert PitchApplication.objects.count() == 0


def test_a_pdf_named_otherwise_is_taken_it_is_the_content_that_counts(client, call, series):
    response = client.post(apply_path(sme(series), call), form_data(
        series, slides=SimpleUploadedFile("slides.docx", pdf_bytes())))
    assert response.status_code == 302
    assert PitchApplication.objects.count() == 1


def test_slides_over_the_size_limit_are_refused(client, call, series, settings):
    settings.PITCH_SLIDES_MAX_MB = 1
    big = pdf_bytes() + b"%" + b"x" * (1024 * 1024)
    response = client.post(apply_path(sme(series), call), form_data(
        series, slides=SimpleUploadedFile("slides.pdf", big)))
    assert response.status_code == 400
    assert "slides may be at most 1.0\xa0MB" in page(response)
    assert PitchApplication.objects.count() == 0


def test_an_empty_post_is_answered_with_the_forms_messages(client, call, series):
    response = client.post(apply_path(sme(series), call), {})
    assert response.status_code == 400
    assert "Please correct the marked fields." in page(response)
    assert PitchApplication.objects.count() == 0


def test_slides_are_required_for_a_new_application(client, call, series):
    data = form_data(series)
    del data["slides"]
    response = client.post(apply_path(sme(series), call), data)
    assert response.status_code == 400
    assert PitchApplication.objects.count() == 0


def test_a_refused_applicant_sees_the_reason_and_no_form(client, call, series):
    participant = sme(series, organisation_kind=Organisation.Kind.LARGE_COMPANY)
    response = client.get(apply_path(participant, call))
    assert response.status_code == 200
    assert "Only SMEs may apply for a pitch" in page(response)
    assert 'name="slides"' not in page(response)
    response = client.post(apply_path(participant, call), form_data(series))
    assert response.status_code == 400
    assert PitchApplication.objects.count() == 0


def test_after_the_closing_date_the_refusal_comes_in_german_and_nothing_is_stored(
        client, series):
    now = timezone.now()
    call = pitch_call_create(series=series, opens_at=now - timedelta(days=9),
                             closes_at=now - timedelta(minutes=1))
    response = client.post(apply_path(sme(series, language="de"), call, language="de"),
                           form_data(series))
    assert response.status_code == 400
    assert "Die Bewerbungsfrist für Pitches endete am" in page(response)
    assert "(Europe/Berlin)" in page(response)
    assert PitchApplication.objects.count() == 0


def test_a_second_application_of_the_same_organisation_is_refused_in_bulgarian(
        client, call, series):
    pitch_application_create(call=call, participant=sme(series),
                             organisation_name="Acme Robotics GmbH")
    other = sme(series, organisation_name="ACME robotics  gmbh")
    response = client.post(apply_path(other, call, language="bg"), form_data(series))
    assert response.status_code == 400
    assert "вече е кандидатствала" in page(response)
    assert PitchApplication.objects.count() == 1


def test_a_call_that_does_not_exist_and_a_broken_link_are_pages_not_errors(client, call,
                                                                          series):
    participant = sme(series)
    response = client.get(f"/en/pitches/apply/{token(participant)}/99999/")
    assert response.status_code == 404
    assert "There is no such call for pitches." in page(response)
    response = client.get(f"/en/pitches/apply/not-a-token/{call.pk}/")
    assert response.status_code == 400


# --- changing and withdrawing -----------------------------------------------------------


@pytest.fixture
def application(call, series) -> PitchApplication:
    return pitch_application_create(call=call, participant=sme(series),
                                    organisation_name="Acme Robotics GmbH",
                                    slides=SimpleUploadedFile("s.pdf", pdf_bytes()))


def test_the_applicant_changes_their_application_and_keeps_their_slides(client, application,
                                                                        series):
    slides = application.slides.name
    data = form_data(series, summary_en="We sort waste with robots, faster.")
    del data["slides"]
    response = client.post(edit_path(application.participant, application), data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.summary_en == "We sort waste with robots, faster."
    assert application.slides.name == slides


def test_new_slides_replace_the_old_ones(client, application, series,
                                        django_capture_on_commit_callbacks):
    old = application.slides.path
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_path(application.participant, application),
                               form_data(series))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.slides.path != old
    assert not os.path.exists(old) and os.path.exists(application.slides.path)


def test_no_change_after_the_closing_date(client, application, series):
    PitchCall.objects.filter(pk=application.call_id).update(
        closes_at=timezone.now() - timedelta(minutes=1))
    response = client.get(edit_path(application.participant, application))
    assert "The call for pitches closed on" in page(response)
    assert 'name="summary_en"' not in page(response)
    response = client.post(edit_path(application.participant, application, language="de"),
                           form_data(series, summary_en="Changed"))
    assert response.status_code == 400
    assert "kann nicht mehr geändert werden" in page(response)
    application.refresh_from_db()
    assert application.summary_en == "Acme Robotics GmbH makes things."


def test_no_change_once_accepted(client, application, series):
    application_state_change(application_id=application.pk, to=State.ACCEPTED)
    response = client.post(edit_path(application.participant, application),
                           form_data(series, summary_en="Changed"))
    assert response.status_code == 400
    assert "An application that is “Accepted, to be confirmed” can no longer be changed." in \
        page(response)


def test_someone_elses_application_id_is_a_clear_page_and_changes_nothing(
        client, application, series):
    intruder = sme(series, organisation_name="Intruder Ltd")
    for path in (edit_path(intruder, application),
                 edit_path(intruder, application) + "withdraw/",
                 edit_path(intruder, application) + "slides.pdf"):
        response = client.get(path)
        assert response.status_code == 404
        assert "This application is not yours, or it does not exist." in page(response)
    response = client.post(edit_path(intruder, application), form_data(series,
                                                                        summary_en="Mine"))
    assert response.status_code == 404
    response = client.post(edit_path(intruder, application) + "withdraw/", {"confirm": "on"})
    assert response.status_code == 404
    application.refresh_from_db()
    assert (application.state, application.summary_en) == (
        State.SUBMITTED, "Acme Robotics GmbH makes things.")
    assert PitchApplication.objects.count() == 1


def test_withdrawing_asks_first_then_withdraws_and_the_organisation_may_apply_again(
        client, application, series):
    path = edit_path(application.participant, application) + "withdraw/"
    assert client.get(path).status_code == 200
    response = client.post(path, {})
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.state == State.SUBMITTED
    response = client.post(path, {"confirm": "on"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == State.WITHDRAWN and application.withdrawn_at is not None
    response = client.post(path, {"confirm": "on"})  # again: refused, still withdrawn
    assert response.status_code == 400
    response = client.post(apply_path(application.participant, application.call),
                           form_data(series))
    assert response.status_code == 302
    assert PitchApplication.objects.standing().count() == 1


def test_withdrawing_a_confirmed_pitch_after_the_call_closed_is_allowed(client, application):
    application_state_change(application_id=application.pk, to=State.ACCEPTED)
    application_state_change(application_id=application.pk, to=State.CONFIRMED)
    PitchCall.objects.filter(pk=application.call_id).update(
        closes_at=timezone.now() - timedelta(days=1))
    response = client.post(edit_path(application.participant, application) + "withdraw/",
                           {"confirm": "on"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == State.WITHDRAWN


# --- the slides -------------------------------------------------------------------------


def test_the_public_slides_only_once_the_pitch_is_confirmed(client, application):
    path = f"/en/pitches/slides/{application.pk}.pdf"
    assert client.get(path).status_code == 404
    application_state_change(application_id=application.pk, to=State.ACCEPTED)
    assert client.get(path).status_code == 404
    application_state_change(application_id=application.pk, to=State.CONFIRMED)
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client.get("/en/pitches/slides/99999.pdf").status_code == 404


def test_the_applicant_reads_their_own_slides_through_their_link(client, application):
    response = client.get(edit_path(application.participant, application) + "slides.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


# --- saying it ------------------------------------------------------------------------


def test_the_personal_page_offers_the_open_call_to_the_eligible_only(client, call, series):
    link = token(sme(series))
    response = client.get(f"/en/registration/me/{link}/")
    assert f'href="/en/pitches/apply/{link}/{call.pk}/"' in page(response)
    large = sme(series, organisation_kind=Organisation.Kind.LARGE_COMPANY)
    response = client.get(f"/en/registration/me/{token(large)}/")
    assert "/pitches/apply/" not in page(response)


def test_the_personal_page_shows_the_application_its_state_and_links(client, application):
    link = token(application.participant)
    response = client.get(f"/en/registration/me/{link}/")
    assert "Submitted" in page(response)
    edit = f"/en/pitches/application/{link}/{application.pk}/"
    assert f'href="{edit}"' in page(response)
    assert f'href="{edit}withdraw/"' in page(response)
    assert "/pitches/apply/" not in page(response)


def test_the_call_notice_on_the_series_and_pitch_session_pages_while_open(client, call,
                                                                         series):
    assert "Call for pitches open" in page(client.get(f"/en/series/{series.slug}/"))
    assert "Call for pitches open" in page(client.get(call.event.get_absolute_url()))
    PitchCall.objects.filter(pk=call.pk).update(closes_at=timezone.now() - timedelta(hours=1))
    from events import page_cache

    page_cache.invalidate()
    assert "Call for pitches open" not in page(client.get(f"/en/series/{series.slug}/"))


def test_saving_a_call_retires_the_cached_pages(client, series, settings):
    settings.PAGE_CACHE_SECONDS = 300
    assert "Call for pitches open" not in page(client.get(f"/en/series/{series.slug}/"))
    pitch_call_create(series=series)
    assert "Call for pitches open" in page(client.get(f"/en/series/{series.slug}/"))


def test_pages_with_a_call_are_kept_only_until_it_opens_or_closes(series):
    now = timezone.now()
    assert queries.notice_fresh_seconds(series=series, now=now) is None
    pitch_call_create(series=series, opens_at=now + timedelta(minutes=10),
                      closes_at=now + timedelta(days=3))
    assert queries.notice_fresh_seconds(series=series, now=now) == 600
    assert queries.notice_fresh_seconds(series=series, now=now + timedelta(days=1)) == 2 * 86400


# --- privacy ----------------------------------------------------------------------------


def test_deleting_ones_data_withdraws_the_application_and_erases_the_presenter(application):
    from mail.models import Mail

    registration_services.participant_delete(participant=application.participant)
    application.refresh_from_db()
    assert application.state == State.WITHDRAWN
    assert (application.presenter_name, application.presenter_role) == ("", "")
    assert not Mail.objects.filter(cause__startswith=f"pitch:{application.pk}:").exists()


def test_a_pitch_held_keeps_its_company_profile_without_the_person(application):
    application_state_change(application_id=application.pk, to=State.ACCEPTED)
    application_state_change(application_id=application.pk, to=State.CONFIRMED)
    event = application.call.event
    event.start, event.end = (timezone.now() - timedelta(days=2),
                              timezone.now() - timedelta(days=2) + timedelta(hours=2))
    event.save()
    registration_services.participant_delete(participant=application.participant)
    application.refresh_from_db()
    assert application.state == State.CONFIRMED
    assert application.presenter_name == ""
    assert application.summary_en == "Acme Robotics GmbH makes things."


def test_the_data_export_has_the_applications(application):
    data = registration_services.participant_export(participant=application.participant)
    assert [(entry["organisation"], entry["state"], entry["summary"]) for entry in
            data["pitches"]] == [("Acme Robotics GmbH", "submitted",
                                  {"en": "Acme Robotics GmbH makes things."})]


def test_the_service_refuses_what_the_page_refuses(call, series):
    participant = sme(series, organisation_kind=Organisation.Kind.OTHER)
    with pytest.raises(PitchError, match="Only SMEs"):
        application_submit(call_id=call.pk, participant_id=participant.pk,
                           fields={"country": "DE", "presenter_name": "X"})
    assert PitchApplication.objects.count() == 0


def test_a_logo_that_is_not_an_image_is_refused(client, call, series):
    response = client.post(apply_path(sme(series), call), form_data(
        series, logo=SimpleUploadedFile("logo.png", b"not an image", content_type="image/png")))
    assert response.status_code == 400
    assert PitchApplication.objects.count() == 0


def test_an_accepted_applicant_is_asked_to_confirm_on_their_page(client, application):
    application_state_change(application_id=application.pk, to=State.ACCEPTED)
    response = client.get(f"/en/registration/me/{token(application.participant)}/")
    assert response.status_code == 200
    assert "Your pitch has been accepted. Please confirm your slot by" in page(response)
    assert "/withdraw/" in page(response)
    assert "Change the application" not in page(response)
