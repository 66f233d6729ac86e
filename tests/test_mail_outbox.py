"""Writing to the outbox: rendered in the recipient's language, in the caller's transaction,
one mail per cause, the send enqueued only after commit; and the organiser's view of it."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mail.models import Mail, MailAttachment
from mail.services import (
    Attachment,
    mail_queue,
    mail_retry,
    mail_retry_delay,
    mail_send,
    mails_anonymise,
)

ERIKA = {"to": "erika.mustermann@example.org", "language": "de"}
JOHN = {"to": "john.smith@example.org", "language": "en"}

CONTEXT = {"title": "Welcome", "to": "someone@example.org", "message": "See you."}


def queue(*, persona: dict, cause: str, **context) -> Mail:
    return mail_queue(cause=cause, template="test", context=CONTEXT | context, **persona)


def send_tasks() -> list[dict]:
    return [task.args_kwargs["kwargs"]
            for task in DBTaskResult.objects.filter(task_path="mail.tasks.mail_send")]


@pytest.mark.django_db
def test_mail_queue_renders_in_the_recipients_language():
    german = queue(persona=ERIKA, cause="test:de", to=ERIKA["to"])
    english = queue(persona=JOHN, cause="test:en", to=JOHN["to"])

    assert (german.language, german.state, german.attempts) == ("de", Mail.State.QUEUED, 0)
    assert german.text == (
        "Welcome\n\nE-Mail-Adresse: erika.mustermann@example.org\n\nSee you.\n\n"
        "-- \nhttp://127.0.0.1:8000/de/\n"  # the site in the recipient's language
    )
    assert "<p>E-Mail-Adresse: erika.mustermann@example.org</p>" in german.html
    assert '<html lang="de">' in german.html
    assert "Email address: john.smith@example.org" in english.text
    assert '<html lang="en">' in english.html


@pytest.mark.django_db
def test_mail_queue_escapes_html_only_and_keeps_the_subject_on_one_line():
    mail = queue(persona=JOHN, cause="test:escape", title="  Fish &\n<Chips>  ",
                 message='"Quotes" & <b>tags</b>')

    assert mail.subject == "Fish & <Chips>"
    assert '"Quotes" & <b>tags</b>' in mail.text
    assert "<p>&quot;Quotes&quot; &amp; &lt;b&gt;tags&lt;/b&gt;</p>" in mail.html
    assert "<title>Fish &amp; &lt;Chips&gt;</title>" in mail.html


@pytest.mark.django_db
def test_mail_queue_cuts_a_long_subject_to_the_field():
    mail = queue(persona=JOHN, cause="test:long", title="word " * 100)

    assert len(mail.subject) == 255
    assert mail.subject.endswith("word…")


@pytest.mark.django_db
def test_mail_queue_keeps_attachments():
    calendar = Attachment(filename="event.ics", content=b"BEGIN:VCALENDAR\r\n",
                          content_type="text/calendar")

    mail = mail_queue(cause="test:attachment", template="test", context=CONTEXT,
                      attachments=[calendar], **ERIKA)

    assert [(a.filename, a.content_type, bytes(a.content)) for a in mail.attachments.all()] == [
        ("event.ics", "text/calendar", b"BEGIN:VCALENDAR\r\n")]


@pytest.mark.django_db(transaction=True)
def test_mail_queue_enqueues_the_send_only_on_commit():
    with transaction.atomic():
        mail = queue(persona=JOHN, cause="test:commit")
        before_commit = send_tasks()

    assert before_commit == []
    assert send_tasks() == [{"mail_id": mail.pk}]


@pytest.mark.django_db(transaction=True)
def test_mail_queue_in_a_rolled_back_transaction_leaves_no_mail_and_enqueues_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue(persona=ERIKA, cause="test:rollback",
              attachments=[Attachment(filename="a.txt", content=b"a", content_type="text/plain")])
        raise RuntimeError("the change that caused the mail failed")

    assert Mail.objects.count() == 0
    assert MailAttachment.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_mail_queue_same_cause_twice_gives_one_mail_and_one_send():
    with transaction.atomic():
        first = queue(persona=ERIKA, cause="registration:42:confirmed", title="First")
    with transaction.atomic():
        second = queue(persona=ERIKA, cause="registration:42:confirmed", title="Second")

    assert second.pk == first.pk
    assert list(Mail.objects.values_list("cause", "subject")) == [
        ("registration:42:confirmed", "First")]
    assert send_tasks() == [{"mail_id": first.pk}]


@pytest.mark.django_db
def test_mail_queue_refuses_a_bad_address_and_a_missing_template():
    with pytest.raises(ValidationError):
        queue(persona={"to": "not an address\nBcc: x@example.org", "language": "en"},
              cause="test:bad-address")
    with pytest.raises(TemplateDoesNotExist):
        mail_queue(cause="test:no-template", to=JOHN["to"], language="en",
                   template="no-such-mail", context={})

    assert Mail.objects.count() == 0


def test_mail_retry_delay_doubles_from_30_seconds_up_to_an_hour():
    delays = [mail_retry_delay(attempts=attempts) for attempts in (1, 2, 3, 7, 8, 15)]

    assert delays == [timedelta(seconds=30), timedelta(seconds=60), timedelta(seconds=120),
                      timedelta(seconds=1920), timedelta(hours=1), timedelta(hours=1)]


@pytest.mark.django_db
def test_mail_retry_queues_a_failed_mail_again_and_leaves_a_sent_one(
        django_capture_on_commit_callbacks):
    failed = queue(persona=ERIKA, cause="test:failed")
    sent = queue(persona=JOHN, cause="test:sent")
    Mail.objects.filter(pk=failed.pk).update(state=Mail.State.FAILED, attempts=15,
                                             next_attempt_at=timezone.now() - timedelta(days=1))
    Mail.objects.filter(pk=sent.pk).update(state=Mail.State.SENT, attempts=1)

    with django_capture_on_commit_callbacks(execute=True):
        failed = mail_retry(mail=failed)
        sent = mail_retry(mail=sent)

    assert (failed.state, failed.attempts) == (Mail.State.QUEUED, 0)
    assert failed.next_attempt_at > timezone.now() - timedelta(minutes=1)
    assert (sent.state, sent.attempts) == (Mail.State.SENT, 1)
    assert send_tasks() == [{"mail_id": failed.pk}]


@pytest.mark.django_db
def test_mails_anonymise_blanks_one_address_mails_and_stops_their_sending():
    calendar = Attachment(filename="event.ics", content=b"BEGIN", content_type="text/calendar")
    queued = queue(persona=ERIKA, cause="registration:1:confirmed", attachments=[calendar])
    sent = queue(persona=ERIKA, cause="registration:1:cancelled")
    Mail.objects.filter(pk=sent.pk).update(state=Mail.State.SENT, attempts=1)
    johns = queue(persona=JOHN, cause="registration:2:confirmed")

    count = mails_anonymise(to="Erika.Mustermann@example.org")

    assert count == 2
    assert list(Mail.objects.filter(pk__in=[queued.pk, sent.pk]).order_by("pk").values_list(
        "cause", "to", "subject", "text", "html", "state")) == [
        ("registration:1:confirmed", "", "", "", "", Mail.State.FAILED),
        ("registration:1:cancelled", "", "", "", "", Mail.State.SENT),
    ]
    assert MailAttachment.objects.count() == 0
    assert mail_send(mail_id=queued.pk) is None
    assert Mail.objects.get(pk=johns.pk).to == JOHN["to"]


@pytest.fixture
def organiser_client(client):
    user = get_user_model().objects.create_superuser("alice", "alice@example.org", "pw-alice-1")
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_mail_admin_filters_searches_and_shows_mails_read_only(organiser_client):
    queue(persona=ERIKA, cause="registration:7:confirmed", title="Erika's mail")
    queue(persona=JOHN, cause="registration:8:confirmed", title="John's mail")
    changelist = reverse("admin:mail_mail_changelist")

    found = organiser_client.get(changelist, {"state__exact": "queued", "q": "erika"})
    by_cause = organiser_client.get(changelist, {"q": "registration:8"})
    erika = Mail.objects.get(to=ERIKA["to"])
    detail = organiser_client.get(reverse("admin:mail_mail_change", args=[erika.pk]))
    add = organiser_client.get(reverse("admin:mail_mail_add"))

    assert "Erika&#x27;s mail" in found.content.decode()
    assert "John&#x27;s mail" not in found.content.decode()
    assert "John&#x27;s mail" in by_cause.content.decode()
    assert "Erika&#x27;s mail" not in by_cause.content.decode()
    assert "registration:7:confirmed" in detail.content.decode()
    assert 'name="_save"' not in detail.content.decode()
    assert add.status_code == 403


@pytest.mark.django_db
def test_mail_admin_action_queues_failed_mails_again(organiser_client,
        django_capture_on_commit_callbacks):
    failed = queue(persona=ERIKA, cause="test:admin-failed")
    Mail.objects.filter(pk=failed.pk).update(state=Mail.State.FAILED, attempts=15)

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(reverse("admin:mail_mail_changelist"),
                                         {"action": "retry", "_selected_action": [failed.pk]},
                                         follow=True)

    assert "1 mail queued again." in response.content.decode()
    assert Mail.objects.get(pk=failed.pk).state == Mail.State.QUEUED
    assert send_tasks() == [{"mail_id": failed.pk}]
