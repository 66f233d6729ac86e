"""The forms of an event in the workspace: its details (times typed in the event's own zone,
texts with their languages side by side), the date of a duplicate."""

from datetime import date, datetime, timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core import local_forms
from events.admin_forms import LocalTimesForm
from events.models import Event, Region, Series, Theme

TRANSLATED = ("title", "summary", "venue")
LANGUAGE_NAMES = dict(settings.CONTENT_LANGUAGES)
TEXT_LABELS = {"title": _("Title"), "summary": _("Summary"), "venue": _("Venue")}


def series_languages(series: Series) -> list[str]:
    """The languages an event of the series is written in: its main language first, then
    the others it publishes, in the order of settings.CONTENT_LANGUAGES."""
    published = set(series.content_languages or ()) | {series.default_language}
    return [series.default_language] + [code for code in LANGUAGE_NAMES
                                        if code in published and code != series.default_language]


def zone_choices(current: str | None, moment: datetime) -> list[tuple[str, str]]:
    """The zones events are likely held in, each named as people say it in the reader's
    language ("Sofia time (EET, UTC+2)" at `moment`), and the event's own zone if it is
    another one. The database's name ("Europe/Sofia") is not shown: it is English."""
    zones = ["UTC", *local_forms.ZONE_CITIES]
    if current and current not in zones:
        zones.append(current)
    return [(zone, local_forms.zone_label(zone, moment)) for zone in zones]


class LocalDateTimeInput(forms.DateTimeInput):
    """One control per time (the browser's date-and-time input), in the event's zone."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class EventForm(LocalTimesForm):
    """An event's details. The region is narrowed to the coordinator's own (`region`); the
    themes and regions offered are the series' own, so another series' id is refused."""

    local_time_fields = ("start", "end", "registration_opens", "registration_closes")

    time_zone = forms.ChoiceField(label=_("Time zone"))
    themes = forms.ModelMultipleChoiceField(queryset=Theme.objects.none(), required=False,
                                            widget=forms.CheckboxSelectMultiple,
                                            label=_("Themes"))

    class Meta:
        model = Event
        fields = ["kind", "region", "themes", "start", "end", "time_zone", "format",
                  "join_url", "capacity", "registration_opens", "registration_closes", "slug",
                  *(build_localized_fieldname(name, code)
                    for name in TRANSLATED for code in LANGUAGE_NAMES)]
        widgets = {name: LocalDateTimeInput for name in
                   ("start", "end", "registration_opens", "registration_closes")}
        field_classes = {name: forms.DateTimeField for name in
                         ("start", "end", "registration_opens", "registration_closes")}

    def __init__(self, *args, series: Series, region: Region | None = None, **kwargs):
        self.series = series
        super().__init__(*args, **kwargs)
        self.instance.series = series
        self.languages = series_languages(series)
        for name in TRANSLATED:
            for code in LANGUAGE_NAMES:
                field_name = build_localized_fieldname(name, code)
                if code not in self.languages:
                    del self.fields[field_name]
                    continue
                field = self.fields[field_name]
                field.label = f"{TEXT_LABELS[name]} ({LANGUAGE_NAMES[code]})"
                field.widget.attrs["lang"] = code
                if name == "summary":
                    field.widget.attrs["rows"] = 4
                if not self[field_name].value():  # a translation still missing: marked
                    field.widget.attrs["class"] = "missing"
        main_title = build_localized_fieldname("title", series.default_language)
        self.fields[main_title].required = True
        regions = series.regions.all()
        self.fields["region"].queryset = regions.filter(pk=region.pk) if region else regions
        if region is not None:
            self.fields["region"].required = True
            self.fields["region"].empty_label = None
            self.initial.setdefault("region", region.pk)
        self.fields["themes"].queryset = series.themes.all()
        moment = self.instance.start if self.instance.pk else timezone.now()
        self.fields["time_zone"].choices = zone_choices(self.instance.time_zone, moment)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("The last part of the event's address; made from "
                                          "the title when left empty.")
        self.fields["capacity"].widget.attrs["min"] = 0

    def shown_zone(self) -> str | None:
        return self.instance.time_zone if self.instance.pk else None

    def typed_zone(self) -> str | None:
        return self.cleaned_data.get("time_zone")

    def text_groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """Each translated text with its languages side by side."""
        return [(TEXT_LABELS[name], [self[build_localized_fieldname(name, code)]
                                for code in self.languages]) for name in TRANSLATED]

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug") or ""
        taken = Event.objects.filter(series=self.series, slug=slug).exclude(pk=self.instance.pk)
        if slug and taken.exists():
            raise forms.ValidationError(_("Another event of this series has this address "
                                          "already."))
        return slug

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("start"), cleaned_data.get("end")
        if start and end and end <= start and "end" not in self.errors:
            self.add_error("end", _("The event must end after it starts."))
        opens = cleaned_data.get("registration_opens")
        closes = cleaned_data.get("registration_closes")
        if opens and closes and closes <= opens and "registration_closes" not in self.errors:
            self.add_error("registration_closes",
                           _("Registration must close after it opens."))
        return cleaned_data

    def event_fields(self) -> dict:
        """The cleaned values of the event's own fields (the themes apart)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "themes"}


class DuplicateForm(forms.Form):
    """The day the copy takes place (at the original's time of day, in its zone)."""

    start_date = forms.DateField(label=_("Date of the new event"),
                                 widget=forms.DateInput(attrs={"type": "date"},
                                                        format="%Y-%m-%d"))

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["start_date"].initial = event.local_start.date() + timedelta(days=7)

    def clean_start_date(self) -> date:
        start_date = self.cleaned_data["start_date"]
        if start_date < timezone.now().astimezone(self.event.tzinfo).date():
            raise forms.ValidationError(_("Please choose a day that has not passed."))
        return start_date
