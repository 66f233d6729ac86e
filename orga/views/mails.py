"""Organiser views: writing to participants (compose, preview, send or schedule), the
composed mails, the outbox of a series (retry, withdraw), a participant's page."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core import local_forms
from mail.models import Mail
from orga import mail_queries
from orga.access import orga_login_required, series_for
from orga.forms.mails import ComposeForm, OutboxFilterForm
from orga.queries import registrations_visible
from orga.services import mails as services
from registrations.models import Participant, Registration

PAGE_SIZE = 50


def _zone() -> str:
    """The zone the workspace shows times in, named ("Berlin time (CET, UTC+1)")."""
    return local_forms.zone_label(timezone.get_current_timezone_name(), timezone.now())


@orga_login_required
def mail_compose(request: HttpRequest, series: str) -> HttpResponse:
    """The form; "preview" shows the recipients' count and the mail as one of them gets
    it, "send" stores it and writes its mails to the outbox (now or at the time set)."""
    series_obj = series_for(request, series, "orga.send_mail")
    form = ComposeForm(request.POST or None, series=series_obj, user=request.user)
    context = {"series": series_obj, "form": form}
    if request.method == "POST" and form.is_valid():
        recipients = form.recipients()
        count = recipients.count()
        sending = request.POST.get("action") == "send"
        if sending and count and request.POST.get("count") == str(count):
            data = form.cleaned_data
            composed, new = services.composed_mail_send(
                series=series_obj, author=request.user, texts=data["texts"],
                events=data["event_list"], states=data["states"], send_at=data["send_at"],
                key=data["key"])
            if not new:
                messages.error(request, _("This form was sent already; its mail is below. "
                                          "Open the form again to write another."))
                return redirect("orga:mail_list", series=series_obj.slug)
            messages.success(request, ngettext(
                "The mail is in the outbox for %(count)d recipient.",
                "The mail is in the outbox for %(count)d recipients.",
                composed.recipient_count) % {"count": composed.recipient_count})
            return redirect("orga:mail_list", series=series_obj.slug)
        context |= {"count": count, "count_changed": sending and count > 0}
        participant = form.preview_recipient(recipients)
        if participant is not None:
            data = form.cleaned_data
            context["preview_as"] = participant
            context["preview"] = services.composed_preview(
                texts=data["texts"], series=series_obj, participant=participant,
                event_ids=[event.pk for event in data["event_list"]], states=data["states"])
    return render(request, "orga/mails/compose.html", context)


@orga_login_required
def mail_list(request: HttpRequest, series: str) -> HttpResponse:
    """The mails written to the series' participants (a coordinator: their own)."""
    series_obj = series_for(request, series, "orga.send_mail")
    page = Paginator(mail_queries.composed_mails_visible(request.user, series=series_obj),
                     PAGE_SIZE).get_page(request.GET.get("page"))
    labels = dict(Registration.State.choices)
    for composed in page.object_list:
        composed.state_labels = [labels.get(state, state) for state in composed.states]
        composed.can_withdraw = request.user.has_perm("orga.withdraw_mail", composed)
    return render(request, "orga/mails/list.html", {
        "series": series_obj, "page": page, "zone": _zone(),
        "can_see_outbox": request.user.has_perm("orga.view_outbox", series_obj)})


@require_POST
@orga_login_required
def mail_withdraw(request: HttpRequest, series: str, composed: int) -> HttpResponse:
    series_obj = series_for(request, series, "orga.send_mail")
    composed_obj = get_object_or_404(
        mail_queries.composed_mails_visible(request.user, series=series_obj), pk=composed)
    if not request.user.has_perm("orga.withdraw_mail", composed_obj):
        raise Http404
    try:
        withdrawn = services.composed_mail_withdraw(composed=composed_obj, actor=request.user)
    except services.MailActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, ngettext(
            "%(count)d mail withdrawn: it will not be sent.",
            "%(count)d mails withdrawn: they will not be sent.", withdrawn) % {"count": withdrawn})
    return redirect("orga:mail_list", series=series_obj.slug)


@orga_login_required
def outbox(request: HttpRequest, series: str) -> HttpResponse:
    """Every mail of the series with its state, attempts and last error; filter, pages."""
    series_obj = series_for(request, series, "orga.view_outbox")
    form = OutboxFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(mail_queries.outbox(series=series_obj, state=filters.get("state", ""),
                                         composed_id=filters.get("composed")),
                     PAGE_SIZE).get_page(filters.get("page"))
    participants = mail_queries.participants_by_address(
        series=series_obj, addresses=[mail.to for mail in page.object_list])
    rows = [(mail, participants.get(mail.to.lower())) for mail in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "orga/mails/outbox.html", {
        "series": series_obj, "form": form, "page": page, "rows": rows, "zone": _zone(),
        "query": query.urlencode(), "retryable": (Mail.State.FAILED, Mail.State.UNCONFIRMED)})


@require_POST
@orga_login_required
def outbox_retry(request: HttpRequest, series: str, mail: int) -> HttpResponse:
    series_obj = series_for(request, series, "orga.view_outbox")
    mail_obj = get_object_or_404(Mail, pk=mail, series=series_obj)
    try:
        services.outbox_mail_retry(series=series_obj, mail=mail_obj, actor=request.user)
    except services.MailActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The mail is queued again."))
    return redirect(_outbox_url(series_obj.slug, request.POST.get("query", "")))


def _outbox_url(slug: str, query: str) -> str:
    """The outbox with the filter and page it was seen with (nothing else of `query`)."""
    form = OutboxFilterForm(QueryDict(query))
    kept = {key: value for key, value in form.cleaned_data.items() if value} if (
        form.is_valid()) else {}
    return f"{reverse('orga:outbox', kwargs={'series': slug})}?{urlencode(kept)}"


@orga_login_required
def participant(request: HttpRequest, series: str, participant: int) -> HttpResponse:
    """A participant's data, their registrations in the series (a coordinator: their
    region's events only, and nobody without one) and their mails of the series."""
    series_obj = series_for(request, series, "orga.view_registrations")
    registrations = list(registrations_visible(request.user, series=series_obj)
                         .filter(participant_id=participant).select_related("event")
                         .order_by("event__start", "pk"))
    if not registrations:
        raise Http404
    person = Participant.objects.get(pk=participant)
    mails = mail_queries.participant_mails(request.user, series=series_obj, participant=person)
    return render(request, "orga/mails/participant.html", {
        "series": series_obj, "participant": person, "registrations": registrations,
        "mails": mails[:PAGE_SIZE], "zone": _zone()})


urlpatterns = [
    path("mails/", mail_list, name="mail_list"),
    path("mails/new/", mail_compose, name="mail_compose"),
    path("mails/<int:composed>/withdraw/", mail_withdraw, name="mail_withdraw"),
    path("outbox/", outbox, name="outbox"),
    path("outbox/<int:mail>/retry/", outbox_retry, name="outbox_retry"),
    path("participants/<int:participant>/", participant, name="participant"),
]
