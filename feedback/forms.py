"""The survey's form: every input of an answer goes through it."""

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events.models import Talk
from events.templatetags.content import content
from feedback.models import FeedbackAnswer
from feedback.services import AnswerData

NEXT_TOPICS_MAX = 1000
COMMENT_MAX = 2000
TOO_LONG = {"max_length": _("Please shorten this to at most %(limit_value)d characters (it "
                            "has %(show_value)d).")}
RATINGS = [("5", _("5 – excellent")), ("4", _("4 – good")), ("3", _("3 – fair")),
           ("2", _("2 – poor")), ("1", _("1 – very poor"))]


class SurveyForm(forms.Form):
    """Overall rating (required), the most useful talk, come again, next topics, comment.
    The talks are those the view read (feedback.queries.survey_talks): a choice is checked
    against them without a query."""

    rating = forms.ChoiceField(
        label=_("Overall, how would you rate the event?"), choices=RATINGS,
        widget=forms.RadioSelect, error_messages={
            "required": _("Please rate the event from 1 to 5."),
            "invalid_choice": _("Please rate the event from 1 to 5.")})
    most_useful_talk = forms.ChoiceField(
        label=_("Which talk was the most useful to you?"), required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Please choose one of the talks of this event.")})
    come_again = forms.ChoiceField(
        label=_("Would you come to an event of this series again?"), required=False,
        choices=[*FeedbackAnswer.ComeAgain.choices, ("", _("No answer"))],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Please answer yes, maybe or no.")})
    next_topics = forms.CharField(
        label=_("What should the series cover next?"), required=False,
        max_length=NEXT_TOPICS_MAX, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=TOO_LONG)
    comment = forms.CharField(
        label=_("Anything else you would like to tell the organisers?"), required=False,
        max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=TOO_LONG)

    def __init__(self, *args, talks: Sequence[Talk], disabled: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["next_topics"].help_text = gettext(
            "Themes, regions, kinds of talks: at most %(count)d characters.") % {
            "count": NEXT_TOPICS_MAX}
        self.fields["comment"].help_text = gettext(
            "At most %(count)d characters. Your answer reaches the organisers without your "
            "name: please write no names here either.") % {"count": COMMENT_MAX}
        self.talks = {str(talk.pk): talk for talk in talks}
        field = self.fields["most_useful_talk"]
        field.choices = [*((key, content(talk, "title")) for key, talk in self.talks.items()),
                         ("", _("No answer"))]
        if not self.talks:
            del self.fields["most_useful_talk"]
        for field in self.fields.values():
            field.disabled = disabled

    @classmethod
    def for_answer(cls, answer: FeedbackAnswer | None, **kwargs) -> "SurveyForm":
        """The form filled in with the answer given (to change it), or empty."""
        if answer is None:
            return cls(**kwargs)
        return cls(initial={"rating": str(answer.rating),
                            "most_useful_talk": str(answer.most_useful_talk_id or ""),
                            "come_again": answer.come_again,
                            "next_topics": answer.next_topics, "comment": answer.comment},
                   **kwargs)

    def answer_data(self) -> AnswerData:
        data = self.cleaned_data
        talk = data.get("most_useful_talk") or ""
        return AnswerData(rating=int(data["rating"]),
                          most_useful_talk_id=int(talk) if talk else None,
                          come_again=data.get("come_again", ""),
                          next_topics=data.get("next_topics", "").strip(),
                          comment=data.get("comment", "").strip())
