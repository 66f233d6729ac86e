"""The participant's side: register, confirm, the personal page, the public list.

Views parse input through a form, call a service, render. Which link opens which
participant is decided in registrations.links (the `personal_link` guard below uses it).
"""

import json
import secrets
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from events import page_cache
from events.calendars import Method, calendar_content_type
from events.content_language import series_fallback
from events.models import Series
from events.queries import series_get_published
from registrations import forms, links, queries, services, tasks
from registrations.calendars import registrations_calendar
from registrations.models import Participant
from registrations.ratelimit import Limit, client_address, rate_limits_hit
from registrations.services import RegistrationError

REGISTER_PAGE = "registrations/register.html"


def _posted(request: HttpRequest):
    """The form data of a POST (even an empty one), None for a GET."""
    return request.POST if request.method == "POST" else None


def _rate_limited(request: HttpRequest, *, email: str) -> str | None:
    """The translated refusal once an address or an IP asked too often, else None."""
    if rate_limits_hit(
            Limit("ip", client_address(request), settings.REGISTRATION_RATE_LIMIT_PER_IP),
            Limit("address", email, settings.REGISTRATION_RATE_LIMIT_PER_ADDRESS),
            window_seconds=settings.REGISTRATION_RATE_LIMIT_WINDOW_SECONDS):
        return _("Too many requests. Please wait an hour and try again.")
    return None


def _registration_request_enqueue(form: forms.RegistrationForm, *, series: Series) -> None:
    """Leave the registration to the worker (registrations.tasks): the same work for every
    address, known or not. The task keeps ids and the plain values of the form."""
    data, events = form.cleaned_data, form.chosen_events()
    tasks.registration_request_process.enqueue(
        request_id=secrets.token_hex(8), series_slug=series.slug,
        consent_id=form.consent_text.pk,
        event_ids=None if events is None else [event.pk for event in events],
        theme_ids=[theme.pk for theme in data["themes"]],
        participant_id=queries.participant_id_with_email(email=data["email"]),
        data={name: data[name] for name in (
            "email", "name", "organisation_name", "organisation_kind", "organisation_country",
            "country", "language", "job_title", "listed_publicly")})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def register(request: HttpRequest, series: str) -> HttpResponse:
    offer = queries.registration_offer(slug=series)
    series_obj, consent = offer.series, offer.consent
    with series_fallback(series_obj.default_language):
        events = offer.events_open()
        preselect = forms.PreselectForm(request.GET, events=events)
        form_arguments = {"series": series_obj, "events": events, "themes": offer.themes,
                          "consent": consent, "initial": preselect.initial_choice()}
        if request.method != "POST":  # the same page for every visitor: kept, but the token
            return page_cache.form_page_cached(
                request, key=forms.RegistrationForm.render_key(**form_arguments),
                template=REGISTER_PAGE, context=lambda: _register_context(
                    series_obj, forms.RegistrationForm(**form_arguments)))
        form = forms.RegistrationForm(request.POST, **form_arguments)
        if form.is_valid():
            if form.is_spam:
                return redirect("registrations:sent", series=series_obj.slug)
            # what depends on whose address it is waits for the worker: the same answer,
            # after the same work, for everybody (checked again there)
            refusal = _rate_limited(request, email=form.cleaned_data["email"]) or \
                queries.registration_request_refusal(
                    series=series_obj, consent_id=consent.pk, events=form.chosen_events())
            if refusal is None:
                _registration_request_enqueue(form, series=series_obj)
                return redirect("registrations:sent", series=series_obj.slug)
            form.add_error(None, refusal)
        return render(request, REGISTER_PAGE, _register_context(series_obj, form),
                      status=400 if form.errors else 200)


def _register_context(series: Series, form: forms.RegistrationForm) -> dict:
    return {"series": series, "form": form, "consent": form.consent_text,
            "refusal": queries.series_registration_refusal(series=series)}


def register_sent(request: HttpRequest, series: str) -> HttpResponse:
    series_obj = series_get_published(slug=series)
    with series_fallback(series_obj.default_language):
        return render(request, "registrations/register_sent.html", {"series": series_obj})


def _link_error(request: HttpRequest, error: links.LinkError) -> HttpResponse:
    return render(request, "registrations/link_error.html", {"message": str(error)}, status=400)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners open links); the click, a POST (the link is all
    it carries), confirms."""
    try:
        if request.method == "POST":
            return _confirm_click(request, token)
        participant, nonce = links.participant_from_confirm_token(token)
    except links.LinkError as error:
        return _link_error(request, error)
    used = queries.confirm_link_used(participant=participant, nonce=nonce)
    return page_cache.form_page_cached(  # the same page for everyone but name and link
        request, key=f"used={used}", template="registrations/confirm.html",
        context=lambda: {"used": used}, personal={"name": participant.name, "token": token})


def _confirm_click(request: HttpRequest, token: str) -> HttpResponse:
    """Confirm, then on to the personal page; LinkError for a link that cannot be used."""
    participant_id, nonce = links.confirm_token_read(token)
    try:
        participant, _registrations = services.registration_confirm(
            participant_id=participant_id, nonce=nonce)
    except RegistrationError as error:
        raise links.LinkError(str(error)) from error
    messages.success(request, _("Thank you: your e-mail address is confirmed."))
    return redirect("registrations:personal", token=links.personal_token(participant=participant))


def personal_link(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The guard of every personal-page view: the signed link names the participant."""

    @wraps(view)
    @never_cache
    def wrapper(request: HttpRequest, token: str) -> HttpResponse:
        try:
            participant = links.participant_from_personal_token(token)
        except links.LinkError as error:
            return _link_error(request, error)
        return view(request, participant, token)

    return wrapper


@personal_link
def personal(request: HttpRequest, participant: Participant, token: str) -> HttpResponse:
    registrations = queries.participant_registrations(participant=participant)
    addable = queries.events_addable(participant=participant, registrations=registrations)
    return render(request, "registrations/personal.html", {
        "participant": participant, "token": token, "registrations": registrations,
        "add_form": forms.AddEventsForm(events=addable) if addable else None,
        "settings_form": forms.SettingsForm(initial={
            "language": participant.language, "listed_publicly": participant.listed_publicly}),
    })


def _back(request: HttpRequest, token: str, *, error: str | None = None,
          done: str | None = None) -> HttpResponse:
    if error:
        messages.error(request, error)
    if done:
        messages.success(request, done)
    return redirect("registrations:personal", token=token)


def _form_error(form) -> str:
    return " ".join(message for errors in form.errors.values() for message in errors)


@require_POST
@personal_link
def cancel(request: HttpRequest, participant: Participant, token: str) -> HttpResponse:
    form = forms.CancelForm(request.POST, participant=participant)
    if not form.is_valid():
        return _back(request, token, error=_form_error(form))
    try:
        if form.cleaned_data.get("registration"):
            services.registration_cancel(registration=form.cleaned_data["registration"])
        else:
            services.registrations_cancel_all(participant=participant)
    except RegistrationError as error:
        return _back(request, token, error=str(error))
    return _back(request, token, done=_("Your registration has been cancelled."))


@require_POST
@personal_link
def add(request: HttpRequest, participant: Participant, token: str) -> HttpResponse:
    registrations = queries.participant_registrations(participant=participant)
    addable = queries.events_addable(participant=participant, registrations=registrations)
    form = forms.AddEventsForm(request.POST, events=addable)
    if not form.is_valid():
        return _back(request, token, error=_form_error(form))
    try:
        services.registrations_add(participant=participant,
                                   events=list(form.cleaned_data["events"]))
    except RegistrationError as error:
        return _back(request, token, error=str(error))
    return _back(request, token, done=_("You are registered for the events you chose."))


@require_POST
@personal_link
def change_settings(request: HttpRequest, participant: Participant, token: str) -> HttpResponse:
    form = forms.SettingsForm(request.POST)
    if not form.is_valid():
        return _back(request, token, error=_form_error(form))
    services.participant_settings_change(participant=participant, **form.cleaned_data)
    return _back(request, token, done=_("Your settings have been saved."))


@require_http_methods(["GET", "HEAD"])
@personal_link
def personal_calendar(request: HttpRequest, participant: Participant, token: str
                      ) -> HttpResponse:
    registrations = queries.participant_registrations(participant=participant)
    content = registrations_calendar(registrations, name=_("My events"))
    if content is None:
        return _back(request, token, error=_("You have no registrations for a calendar."))
    response = HttpResponse(content, content_type=calendar_content_type(Method.PUBLISH))
    response["Content-Disposition"] = 'attachment; filename="my-events.ics"'
    return response


@require_http_methods(["GET", "HEAD"])
@personal_link
def export(request: HttpRequest, participant: Participant, token: str) -> HttpResponse:
    data = services.participant_export(participant=participant)
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@personal_link
def delete(request: HttpRequest, participant: Participant, token: str) -> HttpResponse:
    form = forms.DeleteForm(_posted(request))
    if form.is_bound and form.is_valid():
        services.participant_delete(participant=participant)
        return render(request, "registrations/deleted.html")
    return render(request, "registrations/delete.html",
                  {"participant": participant, "token": token, "form": form},
                  status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def link_request(request: HttpRequest) -> HttpResponse:
    """Send the personal link again; the answer never tells whether the address is known."""
    form = forms.LinkRequestForm(_posted(request))
    if form.is_bound and form.is_valid():
        refusal = _rate_limited(request, email=form.cleaned_data["email"])
        if refusal is None:  # the same work for a known and an unknown address: the worker
            tasks.participant_link_request_process.enqueue(  # sends the link, or nothing
                participant_id=queries.participant_id_with_email(
                    email=form.cleaned_data["email"]))
            return redirect("registrations:link_sent")
        form.add_error(None, refusal)
    return render(request, "registrations/link_request.html", {"form": form},
                  status=400 if form.errors else 200)


def link_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "registrations/link_sent.html")


def participant_list(request: HttpRequest, series: str) -> HttpResponse:
    series_obj = series_get_published(slug=series)
    with series_fallback(series_obj.default_language):
        return render(request, "registrations/participant_list.html", {
            "series": series_obj,
            "participants": list(queries.participants_listed(series=series_obj)),
        })
