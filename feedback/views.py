"""The survey page, opened through the attendee's personal link (the token of their
personal page): the questions, their answer given (to change while the survey is open),
or why there is no survey for them."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from events.content_language import series_fallback
from feedback import queries, services
from feedback.forms import SurveyForm
from registrations import links


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def survey(request: HttpRequest, event: int, token: str) -> HttpResponse:
    try:
        participant = links.participant_from_personal_token(token)
    except links.LinkError as error:
        return render(request, "registrations/link_error.html", {"message": str(error)},
                      status=400)
    registration = queries.survey_registration(participant=participant, event_id=event)
    refusal = queries.survey_refusal(registration)
    if refusal:
        return _refused(request, refusal, token=token, registration=registration)
    event_obj = registration.event
    with series_fallback(event_obj.series.default_language):
        talks = list(queries.survey_talks(event=event_obj))
        answer = queries.answer_of(registration=registration)
        form = (SurveyForm(request.POST, talks=talks) if request.method == "POST"
                else SurveyForm.for_answer(answer, talks=talks))
        if form.is_bound and form.is_valid():
            try:
                _answer, created = services.feedback_answer_save(
                    participant_id=participant.pk, event_id=event_obj.pk,
                    data=form.answer_data())
            except services.FeedbackError as error:
                return _refused(request, str(error), token=token, registration=registration)
            messages.success(request, _("Thank you for your feedback.") if created
                             else _("Your feedback has been changed."))
            return redirect("feedback:survey", event=event_obj.pk, token=token)
        return render(request, "feedback/survey.html", {
            "event": event_obj, "series": event_obj.series, "form": form, "answer": answer,
            "token": token, "closes_at": queries.survey_closes_at(event_obj)},
            status=400 if form.errors else 200)


def _refused(request: HttpRequest, message: str, *, token: str, registration) -> HttpResponse:
    return render(request, "feedback/refused.html", {
        "message": message, "token": token,
        "event": registration.event if registration else None}, status=403)
