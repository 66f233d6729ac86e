"""The survey after an event: sending it to the event's attendees (its results are part of
the figures, orga/views/figures.py)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from events.content_language import series_fallback
from feedback import queries
from feedback.forms import SurveyForm
from feedback.services import FeedbackError
from orga.access import event_for, orga_login_required, series_for
from orga.forms.feedback import FeedbackSendForm
from orga.services.feedback import event_feedback_invite


@orga_login_required
@require_http_methods(["GET", "HEAD", "POST"])
def feedback_send(request: HttpRequest, series: str, event: int) -> HttpResponse:
    """GET: the attendees, invited and answered counts, the survey as attendees see it,
    and the button (?confirm=1 asks to confirm); POST (confirmed): invite those not yet
    invited."""
    series_obj = series_for(request, series)
    event_obj = event_for(request, series_obj, event, "orga.send_feedback")
    if request.method == "POST":
        form = FeedbackSendForm(request.POST)
        if not form.is_valid():
            messages.error(request, form.errors["confirm"][0])
        else:
            try:
                count = event_feedback_invite(event=event_obj, actor=request.user)
            except FeedbackError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, ngettext(
                    "%(count)d attendee invited to the survey.",
                    "%(count)d attendees invited to the survey.", count) % {"count": count}
                    if count else _("Nobody to invite: every attendee has been invited."))
        return redirect("orga:feedback_send", series=series_obj.slug, event=event_obj.pk)
    with series_fallback(series_obj.default_language):
        preview = SurveyForm(talks=list(queries.survey_talks(event=event_obj)), disabled=True)
        return render(request, "orga/feedback/send.html", {
            "series": series_obj, "event": event_obj, "preview": preview,
            "counts": queries.survey_counts(event=event_obj),
            "refusal": queries.survey_event_refusal(event_obj),
            "closes_at": queries.survey_closes_at(event_obj),
            "open_days": queries.SURVEY_OPEN_DAYS,
            "confirming": FeedbackSendForm(request.GET).is_valid(),
            "confirm_form": FeedbackSendForm(initial={"confirm": True})})


urlpatterns = [
    path("events/<int:event>/feedback/", feedback_send, name="feedback_send"),
]
