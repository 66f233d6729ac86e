"""The survey after an event, from the attendee's side: the invitation mail in their
language with their own link, the survey page through that link, answering and changing
the one answer, every refusal (a clear page, never a server error), bad input, and what
is left of an answer when its author deletes their data."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from feedback import queries, services
from feedback.mails import invitation_cause, invitation_render
from feedback.models import FeedbackAnswer, FeedbackInvitation
from mail.models import Mail
from mail.services import mail_render_deferred
from registrations import links
from registrations import services as registration_services
from registrations.models import Registration
from tests.factories import event_create, series_create, speaker_create, talk_create
from tests.test_registrations_factories import participant_create, registration_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    """An event that ended two days ago, with two talks with speakers and a break."""
    series = series_create(slug="bridges", title_en="Bridges", title_de="Brücken",
                           title_bg="Мостове")
    start = timezone.now() - timedelta(days=2, hours=3)
    event = event_create(series=series, slug="leipzig", start=start, title_en="Leipzig showcase",
                         title_de="Leipzig-Schaufenster", title_bg="Витрина Лайпциг")
    talk_create(event=event, speakers=[speaker_create()], title_en="Hydrogen logistics",
                title_de="Wasserstofflogistik", title_bg="Водородна логистика")
    talk_create(event=event, speakers=[speaker_create()], title_en="Batteries",
                title_de="Batterien")  # no Bulgarian title: falls back, marked
    talk_create(event=event, title_en="Coffee break", kind="break")
    return event


def attendee(event, **fields) -> Registration:
    participant = participant_create(**fields)
    return registration_create(participant=participant, event=event, attended=True,
                               attended_minutes=120)


def survey_path(registration: Registration, language: str = "en") -> str:
    token = links.personal_token(participant=registration.participant)
    return f"/{language}/feedback/{registration.event_id}/{token}/"


def talk(event, title: str):
    return event.talks.get(title_en=title)


# --- the invitation mail ---------------------------------------------------------------


@pytest.mark.parametrize(("language", "subject", "greeting", "title"), [
    ("de", "Wie war Leipzig-Schaufenster? Ihr Feedback", "Hallo Dora Deutsch,",
     "Leipzig-Schaufenster"),
    ("bg", "Как беше Витрина Лайпциг? Вашата обратна връзка", "Здравейте, Боряна Българска,",
     "Витрина Лайпциг"),
])
def test_the_invitation_comes_in_the_attendees_language_with_their_survey_link(
        event, language, subject, greeting, title):
    name = {"de": "Dora Deutsch", "bg": "Боряна Българска"}[language]
    registration = attendee(event, name=name, language=language)

    assert services.feedback_invitations_queue(event=event) == [registration.pk]

    mail = mail_render_deferred(mail=Mail.objects.get(cause=invitation_cause(registration.pk)))
    assert (mail.to, mail.language, mail.subject) == (
        registration.participant.email, language, subject)
    assert greeting in mail.text and title in mail.text and title in mail.html
    link = re.search(r"https?://\S+/feedback/\S+/", mail.text).group(0)
    site, prefix, token = re.fullmatch(r"(https?://[^/]+)(/\w+/feedback/\d+/)([^/]+)/",
                                       link).groups()
    assert (site, prefix) == (settings.SITE_URL, f"/{language}/feedback/{event.pk}/")
    assert links.participant_from_personal_token(token) == registration.participant
    assert f'href="{link}"' in mail.html


def test_the_survey_page_opens_from_the_mails_link_in_the_readers_language(client, event):
    registration = attendee(event, language="bg")
    services.feedback_invitations_queue(event=event)
    mail = mail_render_deferred(mail=Mail.objects.get())
    link = re.search(r"https?://\S+/feedback/\S+/", mail.text).group(0)

    page = client.get(urlsplit(link).path)

    assert page.status_code == 200
    body = page.content.decode()
    assert "Витрина Лайпциг" in body and "Водородна логистика" in body
    assert '<span lang="en">Batteries</span>' in body  # no Bulgarian title: marked
    assert "Coffee break" not in body  # a talk without speakers is no choice
    assert registration.pk == FeedbackInvitation.objects.get().registration_id


def test_an_invitation_is_not_rendered_once_its_attendee_deleted_their_data(event):
    registration = attendee(event)
    services.feedback_invitations_queue(event=event)
    registration_services.participant_delete(participant=registration.participant)

    mail = Mail.objects.get(cause=invitation_cause(registration.pk))
    assert (mail.to, mail.state, mail.render) == ("", Mail.State.FAILED, None)
    assert invitation_render({"registration": registration.pk}, "en") is None


# --- answering -------------------------------------------------------------------------


def answer_form(**fields) -> dict:
    return {"rating": "4", "most_useful_talk": "", "come_again": "yes",
            "next_topics": "Ports and logistics", "comment": "Well organised."} | fields


def test_an_attendee_answers_through_their_link_and_sees_their_answer(client, event):
    registration = attendee(event)
    hydrogen = talk(event, "Hydrogen logistics")

    response = client.post(survey_path(registration), answer_form(
        most_useful_talk=str(hydrogen.pk)), follow=True)

    assert "Thank you for your feedback." in response.content.decode()
    answer = FeedbackAnswer.objects.get()
    assert (answer.registration, answer.rating, answer.most_useful_talk, answer.come_again,
            answer.next_topics, answer.comment, answer.changed_at) == (
        registration, 4, hydrogen, "yes", "Ports and logistics", "Well organised.", None)
    page = response.content.decode()
    assert "You answered on" in page and "Change my feedback" in page
    assert 'value="4" required id="id_rating_1" checked' in page.replace('\n', ' ') or \
        re.search(r'value="4"[^>]*checked', page)


def test_only_the_rating_is_required(client, event):
    registration = attendee(event)

    response = client.post(survey_path(registration), {"rating": "2"})

    assert response.status_code == 302
    answer = FeedbackAnswer.objects.get()
    assert (answer.rating, answer.most_useful_talk, answer.come_again, answer.next_topics,
            answer.comment) == (2, None, "", "", "")


def test_an_attendee_changes_their_answer_until_the_survey_closes_still_one_answer(
        client, event):
    registration = attendee(event)
    client.post(survey_path(registration), answer_form(rating="3"))

    response = client.post(survey_path(registration), answer_form(
        rating="5", come_again="", comment=""), follow=True)

    assert "Your feedback has been changed." in response.content.decode()
    answer = FeedbackAnswer.objects.get()
    assert (answer.rating, answer.come_again, answer.comment) == (5, "", "")
    assert answer.changed_at is not None and answer.changed_at >= answer.answered_at


def test_the_personal_page_offers_the_survey_to_attendees_while_it_is_open(client, event):
    registration = attendee(event)
    not_there = registration_create(participant=registration.participant, event=event_create(
        series=event.series, start=event.start - timedelta(days=1)), attended=False)
    token = links.personal_token(participant=registration.participant)
    personal = f"/en/registration/me/{token}/"

    page = client.get(personal).content.decode()
    assert page.count("Give feedback") == 1
    assert f'href="/en/feedback/{event.pk}/{token}/"' in page
    assert f"/feedback/{not_there.event_id}/" not in page

    client.post(survey_path(registration), answer_form())
    page = client.get(personal).content.decode()
    assert "Change your feedback" in page and "Give feedback" not in page

    event.start = timezone.now() - timedelta(days=queries.SURVEY_OPEN_DAYS, hours=4)
    event.end = event.start + timedelta(hours=3)
    event.save()
    assert "feedback" not in client.get(personal).content.decode().lower()


# --- refusals: a clear page, nothing written --------------------------------------------


def refusal_of(client, path: str, data: dict | None = None) -> tuple[int, str]:
    response = client.post(path, data) if data is not None else client.get(path)
    text = re.search(r'<p class="alert" role="alert">(.*?)</p>',
                     response.content.decode(), re.S).group(1)
    return response.status_code, text


@pytest.mark.parametrize("method", ["get", "post"])
def test_no_survey_for_who_did_not_attend_or_cancelled(client, event, method):
    data = answer_form() if method == "post" else None
    absent = registration_create(participant=participant_create(), event=event, attended=False)
    unknown = registration_create(participant=participant_create(), event=event)  # not known
    cancelled = attendee(event)
    Registration.objects.filter(pk=cancelled.pk).update(state=Registration.State.CANCELLED,
                                                       cancelled_at=timezone.now())

    no_record = ("The survey is for those who attended this event, and we have no record of "
                 "your attendance. If you were there, please tell the organisers.")
    assert refusal_of(client, survey_path(absent), data) == (403, no_record)
    assert refusal_of(client, survey_path(unknown), data) == (403, no_record)
    assert refusal_of(client, survey_path(cancelled), data) == (403, (
        "Your registration for this event was cancelled: the survey is for those who "
        "attended it."))
    assert not FeedbackAnswer.objects.exists()


def test_no_survey_before_the_event_is_over_nor_after_it_closed(client, event):
    registration = attendee(event)
    event.end = timezone.now() + timedelta(minutes=5)
    event.save()
    assert refusal_of(client, survey_path(registration), answer_form()) == (
        403, "This event is not over yet: its survey opens when it has ended.")

    event.start = timezone.now() - timedelta(days=31)
    event.end = event.start + timedelta(hours=3)
    event.save()
    status, message = refusal_of(client, survey_path(registration), answer_form())
    assert status == 403 and message.startswith("The survey of this event closed on ")
    assert not FeedbackAnswer.objects.exists()


def test_no_survey_of_an_event_one_was_not_registered_for(client, event):
    registration = attendee(event)
    other = event_create(series=event.series, start=event.start)
    token = links.personal_token(participant=registration.participant)

    assert refusal_of(client, f"/en/feedback/{other.pk}/{token}/") == (
        403, "You were not registered for this event, so it has no survey for you.")
    assert client.get(f"/en/feedback/999999/{token}/").status_code == 403


def test_a_forged_an_expired_or_a_deleted_participants_link_opens_nothing(client, event,
                                                                            settings):
    registration = attendee(event)
    path = survey_path(registration)
    forged = signing.dumps({"p": registration.participant_id, "k": "guessed"},
                           salt="wrong salt")

    assert refusal_of(client, f"/en/feedback/{event.pk}/{forged}/", answer_form()) == (
        400, "This link is not valid. Please use the link from your e-mail exactly as it "
             "was sent.")
    assert refusal_of(client, path[:-5] + "xxxx/", answer_form())[0] == 400
    settings.PERSONAL_LINK_MAX_AGE_DAYS = -1
    assert refusal_of(client, path, answer_form()) == (400, "This link has expired.")
    settings.PERSONAL_LINK_MAX_AGE_DAYS = 60
    registration_services.participant_delete(participant=registration.participant)
    assert refusal_of(client, path, answer_form()) == (
        400, "The data of this participant has been deleted.")
    assert not FeedbackAnswer.objects.exists()


def test_the_refusals_are_translated(client, event):
    registration = attendee(event)
    Registration.objects.filter(pk=registration.pk).update(attended=False)

    status, message = refusal_of(client, survey_path(registration, "bg"))

    assert status == 403 and message.startswith("Анкетата е за")


# --- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"rating": "0"}, "rating", "Please rate the event from 1 to 5."),
    ({"rating": "6"}, "rating", "Please rate the event from 1 to 5."),
    ({"rating": "x"}, "rating", "Please rate the event from 1 to 5."),
    ({"rating": ""}, "rating", "Please rate the event from 1 to 5."),
    ({"come_again": "perhaps"}, "come_again", "Please answer yes, maybe or no."),
    ({"most_useful_talk": "abc"}, "most_useful_talk",
     "Please choose one of the talks of this event."),
    ({"next_topics": "x" * 1001}, "next_topics",
     "Please shorten this to at most 1000 characters (it has 1001)."),
    ({"comment": "y" * 2001}, "comment",
     "Please shorten this to at most 2000 characters (it has 2001)."),
])
def test_bad_input_gets_a_clear_message_and_changes_nothing(client, event, fields, field,
                                                            message):
    registration = attendee(event)

    response = client.post(survey_path(registration), answer_form(**fields))

    assert response.status_code == 400
    assert response.context["form"].errors == {field: [message]}
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not FeedbackAnswer.objects.exists()


def test_a_talk_of_another_event_or_without_speakers_is_refused(client, event):
    registration = attendee(event)
    other_event = event_create(series=event.series, start=event.start)
    elsewhere = talk_create(event=other_event, speakers=[speaker_create()])

    for talk_id in (elsewhere.pk, talk(event, "Coffee break").pk):
        response = client.post(survey_path(registration),
                               answer_form(most_useful_talk=str(talk_id)))
        assert response.status_code == 400
        assert response.context["form"].errors == {
            "most_useful_talk": ["Please choose one of the talks of this event."]}
    with pytest.raises(services.FeedbackError, match="one of the talks of this event"):
        services.feedback_answer_save(
            participant_id=registration.participant_id, event_id=event.pk,
            data=services.AnswerData(rating=3, most_useful_talk_id=elsewhere.pk))
    assert not FeedbackAnswer.objects.exists()


def test_bad_input_in_bulgarian(client, event):
    registration = attendee(event, language="bg")

    response = client.post(survey_path(registration, "bg"), answer_form(rating="6"))

    assert response.status_code == 400
    assert response.context["form"].errors["rating"] == ["Моля, оценете събитието от 1 до 5."]


# --- deleting one's data -----------------------------------------------------------------


def test_deleting_ones_data_erases_the_answers_words_and_keeps_the_counts(client, event):
    registration = attendee(event, name="Ada Lovelace")
    hydrogen = talk(event, "Hydrogen logistics")
    client.post(survey_path(registration), answer_form(
        most_useful_talk=str(hydrogen.pk), next_topics="Ada Lovelace wants engines",
        comment="Call me: Ada Lovelace"))

    registration_services.participant_delete(participant=registration.participant)

    answer = FeedbackAnswer.objects.get()
    assert (answer.rating, answer.most_useful_talk, answer.come_again, answer.next_topics,
            answer.comment) == (4, hydrogen, "yes", "", "")
    assert "Ada" not in repr(FeedbackAnswer.objects.values_list())


def test_the_personal_page_asks_once_whatever_the_number_of_surveys_open(client, event):
    registration = attendee(event)
    token = links.personal_token(participant=registration.participant)

    def page_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/en/registration/me/{token}/").status_code == 200
        return len(queries)

    one = page_queries()
    for days in (3, 5, 7):
        registration_create(participant=registration.participant, attended=True,
                            event=event_create(series=event.series,
                                               start=event.start - timedelta(days=days)))
    client.post(survey_path(registration), answer_form())

    assert page_queries() == one
    page = client.get(f"/en/registration/me/{token}/").content.decode()
    assert (page.count("Give feedback"), page.count("Change your feedback")) == (3, 1)


def test_a_participants_answers_are_part_of_their_data_export(client, event):
    registration = attendee(event)
    client.post(survey_path(registration), answer_form(
        most_useful_talk=str(talk(event, "Hydrogen logistics").pk)))
    token = links.personal_token(participant=registration.participant)

    data = client.get(f"/en/registration/me/{token}/data.json").json()

    answer = FeedbackAnswer.objects.get()
    assert data["feedback"] == [{
        "series": "bridges", "event": "leipzig", "rating": 4,
        "most_useful_talk": "Hydrogen logistics", "come_again": "yes",
        "next_topics": "Ports and logistics", "comment": "Well organised.",
        "answered_at": answer.answered_at.isoformat(), "changed_at": None}]
