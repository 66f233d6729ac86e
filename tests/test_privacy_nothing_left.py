"""After 'delete my data', nothing stored identifies the person: no table (the admin's
history, sessions, the task queue's arguments and results, the outbox), and no entry of
the shared cache (pages, forms, rate limits)."""

import pickle

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.management import call_command

from mail.models import Mail
from registrations import links
from registrations.models import Participant
from tests.factories import event_create, series_create
from tests.test_admin_and_models import admin_change
from tests.test_mail_delivery import signal_handlers_kept
from tests.test_registrations_factories import consent_text_create
from tests.test_registrations_views import form_data, link_in

TRACES = ("ada.lovelace@example.org", "Ada Lovelace", "Analytical Engines", "Chief Engine")


def stored_texts() -> list[str]:
    """Every value of every row of every table, sessions decoded."""
    texts = []
    for model in apps.get_models():
        for row in model.objects.values_list():
            texts.append(f"{model._meta.label}: {row!r}")
    texts += [repr(session.get_decoded()) for session in Session.objects.all()]
    return texts


def cached_texts() -> list[str]:
    """Every key and value in the (local-memory) shared cache, unpickled."""
    kept = caches["default"]._cache
    return [f"{key}: {pickle.loads(value)!r}" for key, value in kept.items()]  # noqa: S301


@pytest.mark.django_db(transaction=True)
def test_nothing_identifies_a_person_after_they_deleted_their_data(client, organiser_client,
                                                                   settings):
    settings.PAGE_CACHE_SECONDS = 300
    series = series_create(slug="bridges")
    consent_text_create(series=series)
    event_create(series=series, capacity=10)
    # ada registers, confirms, opts in to the public list, is seen there
    client.get("/en/series/bridges/register/")
    client.post("/en/series/bridges/register/", form_data(
        email="ada.lovelace@example.org", name="Ada Lovelace",
        organisation_name="Analytical Engines Ltd", job_title="Engineer", listed_publicly="on"))
    with signal_handlers_kept():  # the worker takes the request the form queued
        call_command("run_worker", batch=True, verbosity=0)
    confirm = link_in(Mail.objects.get(), "confirm")
    client.get(confirm)
    personal = client.post(confirm, follow=True).redirect_chain[-1][0]
    client.post(personal + "settings/", {"language": "de", "listed_publicly": "on"})
    assert "Ada Lovelace" in client.get("/en/series/bridges/participants/").content.decode()
    ada = Participant.objects.get()
    token = links.personal_token(participant=ada)
    # an organiser corrects her job title; the worker sends her mails
    admin_change(organiser_client, ada, job_title="Chief Engineer")
    with signal_handlers_kept():
        call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    assert any("Ada Lovelace" in text for text in stored_texts())

    client.post(personal + "delete/", {"sure": "on"})
    with signal_handlers_kept():  # the worker with its sweep (it forgets the queued requests)
        call_command("run_worker", batch=True, verbosity=0)
    client.get("/en/series/bridges/participants/")

    left = [text for text in stored_texts() + cached_texts()
            if any(trace.lower() in text.lower() for trace in (*TRACES, token, ada.link_key))]
    assert left == []
    assert client.get(personal).status_code == 400  # her links open nothing
