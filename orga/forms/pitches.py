"""The forms of the pitch session in the workspace: the call's settings (times in the pitch
session's own zone) and its criteria, a review's scores, an organiser's decision, the
filter of the applications."""

from django import forms
from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from events.admin_forms import LocalTimesForm
from events.models import Event, Series
from orga.forms.events import LocalDateTimeInput, series_languages
from pitches.models import SCORE_MAX, SCORE_MIN, PitchApplication, PitchCall, PitchCriterion

LANGUAGE_NAMES = dict(settings.CONTENT_LANGUAGES)
State = PitchApplication.State


class PitchCallForm(LocalTimesForm):
    """The call: its pitch session, when applications open and close (typed and shown in
    the session's zone), the pitches' length and number, who may apply, days to confirm."""

    local_time_fields = ("opens_at", "closes_at")

    class Meta:
        model = PitchCall
        fields = ["event", "opens_at", "closes_at", "pitch_minutes", "pitch_count",
                  "open_to_non_members", "confirm_days"]
        widgets = {"opens_at": LocalDateTimeInput(), "closes_at": LocalDateTimeInput()}

    def __init__(self, *args, series: Series, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        events = series.events.filter(kind=Event.Kind.PITCH_SESSION).order_by("start", "pk")
        field = self.fields["event"]
        field.queryset = events
        field.label_from_instance = lambda event: "{} ({})".format(
            event.title, formats.date_format(event.local_start, "DATE_FORMAT"))
        field.empty_label = None if events.exists() else "—"
        field.help_text = _("An event of this series of the kind “pitch session”.")
        field.error_messages["invalid_choice"] = _(
            "Please choose a pitch session of this series.")

    def shown_zone(self) -> str | None:
        return self.instance.event.time_zone if self.instance.event_id else None

    def typed_zone(self) -> str | None:
        event = self.cleaned_data.get("event")
        return event.time_zone if event is not None else None

    def clean(self):
        cleaned_data = super().clean()
        opens, closes = cleaned_data.get("opens_at"), cleaned_data.get("closes_at")
        if opens is not None and closes is not None and closes <= opens:
            self.add_error("closes_at", _("Applications must close after they open."))
        return cleaned_data


class CriterionForm(forms.ModelForm):
    """A criterion's name in each of the series' languages (its main one required)."""

    class Meta:
        model = PitchCriterion
        fields: list[str] = []

    def __init__(self, *args, series: Series, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for index, code in enumerate(series_languages(series)):
            name = build_localized_fieldname("name", code)
            self.fields[name] = forms.CharField(
                label=_("Criterion (%(language)s)") % {"language": LANGUAGE_NAMES[code]},
                max_length=120, required=False,
                initial=getattr(self.instance, name, "") if self.instance.pk else "")
            self.fields[name].main = index == 0
        self.main_field = build_localized_fieldname("name", series.default_language)

    def clean(self):
        cleaned_data = super().clean()
        deleting = cleaned_data.get("DELETE")
        if self.has_changed() and not deleting and not cleaned_data.get(self.main_field):
            self.add_error(self.main_field, _("Please name the criterion in the series' main "
                                              "language."))
        return cleaned_data

    def names(self) -> dict[str, str]:
        return {name: (self.cleaned_data.get(name) or "").strip() for name in self.fields
                if name.startswith("name_")}


class BaseCriterionFormSet(forms.BaseModelFormSet):
    def __init__(self, *args, series: Series, **kwargs) -> None:
        self.series = series
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return super().get_form_kwargs(index) | {"series": self.series}

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        form.fields["ORDER"].label = _("Position")
        form.fields["DELETE"].label = _("Remove")

    @property
    def empty_form(self):
        form = self.form(auto_id=self.auto_id, prefix=self.add_prefix("__prefix__"),
                         empty_permitted=True, use_required_attribute=False,
                         series=self.series, renderer=self.renderer)
        self.add_fields(form, None)
        return form

    def criteria(self) -> list[tuple[int | None, dict[str, str]]]:
        """The criteria kept, in their new order: (id or None for a new one, names)."""
        return [(form.instance.pk, form.names()) for form in self.ordered_forms]

    def deleted(self) -> list[int]:
        return [form.instance.pk for form in self.deleted_forms if form.instance.pk]


CriterionFormSet = forms.modelformset_factory(
    PitchCriterion, form=CriterionForm, formset=BaseCriterionFormSet, fields=[], extra=2,
    can_delete=True, can_order=True, max_num=30, validate_max=True)


def criterion_formset(data, *, series: Series, call: PitchCall | None):
    queryset = call.criteria.all() if call is not None else PitchCriterion.objects.none()
    return CriterionFormSet(data, queryset=queryset, series=series, prefix="criteria")


class ReviewForm(forms.Form):
    """One score per criterion of the call, and a comment."""

    comment = forms.CharField(label=_("Comment"), required=False, max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, criteria, review=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        scores = review.scores if review is not None else {}
        choices = [(value, str(value)) for value in range(SCORE_MIN, SCORE_MAX + 1)]
        self.score_names = []
        for criterion in criteria:
            name = f"score_{criterion.pk}"
            self.fields[name] = forms.TypedChoiceField(
                label=criterion.name, choices=choices, coerce=int, widget=forms.RadioSelect,
                initial=scores.get(str(criterion.pk)),
                error_messages={
                    "required": _("Please give a score from %(low)d to %(high)d.") % {
                        "low": SCORE_MIN, "high": SCORE_MAX},
                    "invalid_choice": _("Please give a score from %(low)d to %(high)d.") % {
                        "low": SCORE_MIN, "high": SCORE_MAX}})
            self.fields[name].criterion_id = criterion.pk
            self.score_names.append(name)
        self.fields["comment"].initial = review.comment if review is not None else ""
        self.order_fields([*self.score_names, "comment"])

    def scores(self) -> dict[int, int]:
        return {self.fields[name].criterion_id: self.cleaned_data[name]
                for name in self.score_names}

    def score_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.score_names]


# the organisers' decisions: the form's value → the state it leads to
DECISIONS = {
    "shortlist": State.SHORTLISTED,
    "accept": State.ACCEPTED,
    "decline": State.DECLINED,
    "reopen": State.SUBMITTED,
}
DECISION_LABELS = {
    "shortlist": _("Shortlist"),
    "accept": _("Accept (offer a slot)"),
    "decline": _("Decline"),
    "reopen": _("Back to submitted"),
}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=list(DECISION_LABELS.items()),
                                 error_messages={"invalid_choice": _(
                                     "Please choose shortlist, accept, decline or back to "
                                     "submitted."), "required": _(
                                     "Please choose shortlist, accept, decline or back to "
                                     "submitted.")})

    def state(self) -> str:
        return DECISIONS[self.cleaned_data["decision"]]


SORTS = {"average": _("Average score"), "submitted": _("Date of application"),
         "reviews": _("Number of reviews")}


class ApplicationFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), required=False,
                              choices=[("", _("Every state")), *State.choices])
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=list(SORTS.items()))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _("Please choose from the list.")
