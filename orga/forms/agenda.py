"""The agenda editor's forms: a talk with its texts in the series' languages side by side,
its themes, its speakers in order and a new speaker (and organisation) made on the spot;
moving a talk."""

from datetime import datetime, timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.countries import country_names
from core.local_forms import zone_city
from events.models import Event, Organisation, Series, Speaker, Talk
from orga import agenda_queries
from orga.services.agenda import NewOrganisation, NewSpeaker, SpeakerInput, TalkInput

DURATION_MAX_MINUTES = 24 * 60
SPEAKER_ROWS_FREE = 2       # empty speaker rows below the talk's speakers
SPEAKER_ROWS_MIN = 3


class PlainSelect(forms.Select):
    """A select whose options are written in Python: Django renders each option through a
    template of its own, and the agenda's forms list every organisation, country and
    speaker (a thousand options cost half a second that way)."""

    def render(self, name, value, attrs=None, renderer=None) -> str:
        chosen = set(self.format_value(value))
        options = "".join(
            f'<option value="{escape(option)}"{" selected" if str(option) in chosen else ""}>'
            f"{escape(label)}</option>" for option, label in self.choices)
        return mark_safe(f'<select name="{escape(name)}"'  # noqa: S308 — every value escaped
                         f"{flatatt(self.build_attrs(self.attrs, attrs))}>{options}</select>")


def _language_name(code: str) -> str:
    return str(dict(settings.CONTENT_LANGUAGES)[code])


class TalkForm(forms.Form):
    """A talk of `event`. The start is typed in the event's time zone; the texts in each of
    the series' content languages (one title at least); speakers are picked in order from
    those the series may name (agenda_queries.speaker_choices), and a new speaker may be
    added after them."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Talk.Kind.choices,
                             initial=Talk.Kind.TALK)
    start_date = forms.DateField(label=_("Date"),
                                 widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("Time"),
                                 widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}))
    duration = forms.IntegerField(label=_("Duration (minutes)"), min_value=1,
                                  max_value=DURATION_MAX_MINUTES, initial=20)
    themes = forms.ModelMultipleChoiceField(label=_("Themes"), queryset=None, required=False,
                                            widget=forms.CheckboxSelectMultiple)
    new_speaker_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    new_speaker_organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None, required=False, widget=PlainSelect,
        empty_label=_("— none, or a new one below —"))
    new_organisation_name = forms.CharField(label=_("New organisation"), max_length=200,
                                            required=False)
    new_organisation_kind = forms.ChoiceField(
        label=_("Kind of the new organisation"), required=False,
        choices=[("", "—"), *Organisation.Kind.choices])
    new_organisation_country = forms.ChoiceField(label=_("Country of the new organisation"),
                                                 required=False, widget=PlainSelect)

    def __init__(self, *args, event: Event, series: Series, talk: Talk | None = None,
                 talks: list[Talk] | None = None, **kwargs) -> None:
        """`talks`: the event's talks where already read (a new talk starts after them)."""
        self.event, self.series, self.talk = event, series, talk
        self._talks = talks
        self.languages = agenda_queries.series_languages(series)
        kwargs.setdefault("initial", self._initial(talk))
        # ids unique on a page that shows several talks' forms
        self.id_prefix = f"talk-{talk.pk}-" if talk else "talk-new-"
        kwargs.setdefault("auto_id", f"{self.id_prefix}%s")
        super().__init__(*args, **kwargs)
        self.start_help = _("In the time zone of the event: %(zone)s.") % {
            "zone": zone_city(event.time_zone)}
        self.fields["themes"].queryset = series.themes.all()
        self.has_themes = any(True for _theme in self.fields["themes"].queryset)
        self.fields["new_speaker_organisation"].queryset = agenda_queries.organisation_choices()
        self.fields["new_organisation_country"].choices = [
            ("", "—"), *country_names(get_language() or settings.LANGUAGE_CODE)]
        for code in self.languages:
            name = _language_name(code)
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name}, max_length=300,
                required=False, widget=forms.TextInput(attrs={"lang": code}))
            self.fields[f"abstract_{code}"] = forms.CharField(
                label=_("Abstract (%(language)s)") % {"language": name}, required=False,
                widget=forms.Textarea(attrs={"lang": code, "rows": 4}))
            self.fields[f"new_speaker_role_{code}"] = forms.CharField(
                label=_("Role (%(language)s)") % {"language": name}, max_length=200,
                required=False, widget=forms.TextInput(attrs={"lang": code}))
        self._speakers = {speaker.pk: speaker for speaker in
                          agenda_queries.speaker_choices(series=series)}
        choices = [("", "—"), *((pk, _speaker_label(speaker))
                                for pk, speaker in self._speakers.items())]
        for row in range(self._speaker_rows()):
            self.fields[f"speaker_{row}"] = forms.TypedChoiceField(
                label=_("Speaker %(number)s") % {"number": row + 1}, choices=choices,
                coerce=int, required=False, empty_value=None, widget=PlainSelect)

    # --- what the template shows -----------------------------------------------------

    def title_fields(self) -> list[forms.BoundField]:
        return [self[f"title_{code}"] for code in self.languages]

    def abstract_fields(self) -> list[forms.BoundField]:
        return [self[f"abstract_{code}"] for code in self.languages]

    def role_fields(self) -> list[forms.BoundField]:
        return [self[f"new_speaker_role_{code}"] for code in self.languages]

    def speaker_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("speaker_")]

    # --- reading it ------------------------------------------------------------------

    def clean(self) -> dict:
        data = super().clean()
        if not any(data.get(f"title_{code}", "").strip() for code in self.languages):
            self.add_error(f"title_{self.languages[0]}",
                           _("Give the title in at least one language."))
        data["start"] = self._start(data)
        start, minutes = data["start"], data.get("duration")
        if start is not None and minutes is not None:
            try:
                Talk(event=self.event, start=start, duration=timedelta(minutes=minutes)).clean()
            except ValidationError as error:  # {"start": the event's times}
                self.add_error("start_time", error.message_dict["start"])
        self._clean_speakers(data)
        self._clean_new_speaker(data)
        return data

    def _start(self, data: dict) -> datetime | None:
        """The typed date and time as a moment in the event's zone (None, with an error,
        for a time the clocks skip or pass twice that day)."""
        day, time = data.get("start_date"), data.get("start_time")
        if day is None or time is None:
            return None
        local = datetime.combine(day, time.replace(second=0, microsecond=0),
                                 tzinfo=self.event.tzinfo)
        if local.utcoffset() != local.replace(fold=1).utcoffset():
            self.add_error("start_time", _(
                "This time is skipped or repeated in %(zone)s when the clocks change.")
                % {"zone": zone_city(self.event.time_zone)})
            return None
        return local

    def _clean_speakers(self, data: dict) -> None:
        seen: set[int] = set()
        for field in self.speaker_fields():
            pk = data.get(field.name)
            if pk is not None and pk in seen:
                self.add_error(field.name, _("This speaker is on the talk already."))
            elif pk is not None:
                seen.add(pk)

    def _clean_new_speaker(self, data: dict) -> None:
        name = data.get("new_speaker_name", "").strip()
        others = [data.get("new_speaker_organisation"), data.get("new_organisation_name"),
                  data.get("new_organisation_kind"), data.get("new_organisation_country"),
                  *(data.get(f"new_speaker_role_{code}") for code in self.languages)]
        if not name and any(others):
            self.add_error("new_speaker_name",
                           _("Give the new speaker's name, or leave the new speaker's "
                             "fields empty."))
        if data.get("new_organisation_name", "").strip():
            if data.get("new_speaker_organisation"):
                self.add_error("new_organisation_name",
                               _("Choose an organisation above or name a new one, not both."))
            if not data.get("new_organisation_kind"):
                self.add_error("new_organisation_kind",
                               _("Choose the kind of the new organisation."))
            if not data.get("new_organisation_country"):
                self.add_error("new_organisation_country",
                               _("Choose the country of the new organisation."))
        elif data.get("new_organisation_kind") or data.get("new_organisation_country"):
            self.add_error("new_organisation_name", _("Give the new organisation's name."))

    def talk_input(self) -> TalkInput:
        data = self.cleaned_data
        speakers = [self._speakers[data[field.name]] for field in self.speaker_fields()
                    if data.get(field.name) is not None]
        return TalkInput(
            kind=data["kind"], start=data["start"],
            duration=timedelta(minutes=data["duration"]),
            titles={code: data[f"title_{code}"].strip() for code in self.languages},
            abstracts={code: data[f"abstract_{code}"].strip() for code in self.languages},
            themes=list(data["themes"]), speakers=speakers, new_speaker=self._new_speaker())

    def _new_speaker(self) -> NewSpeaker | None:
        data = self.cleaned_data
        name = data["new_speaker_name"].strip()
        if not name:
            return None
        organisation_name = data["new_organisation_name"].strip()
        return NewSpeaker(
            name=name,
            roles={code: data[f"new_speaker_role_{code}"].strip() for code in self.languages},
            organisation=data["new_speaker_organisation"],
            new_organisation=NewOrganisation(
                name=organisation_name, kind=data["new_organisation_kind"],
                country=data["new_organisation_country"]) if organisation_name else None)

    # --- its start ---------------------------------------------------------------------

    def _speaker_rows(self) -> int:
        taken = len(self.initial.get("speakers", []))
        return max(SPEAKER_ROWS_MIN, taken + SPEAKER_ROWS_FREE)

    def _initial(self, talk: Talk | None) -> dict:
        zone = self.event.tzinfo
        if talk is None:
            talks = self._talks if self._talks is not None else self.event.talks.all()
            last_end = max((other.end for other in talks), default=self.event.start)
            start = min(last_end, self.event.end - timedelta(minutes=1))
            if start.second or start.microsecond:  # the form's times are whole minutes
                start = start.replace(second=0, microsecond=0) + timedelta(minutes=1)
            local = _local(start, zone)
            return {"start_date": local.date(), "start_time": local.time()}
        initial = {
            "kind": talk.kind, "start_date": _local(talk.start, zone).date(),
            "start_time": _local(talk.start, zone).time(),
            "duration": int(talk.duration.total_seconds() // 60),
            "themes": [theme.pk for theme in talk.themes.all()],
            "speakers": [link.speaker_id for link in talk.talk_speakers.all()],
        }
        for code in self.languages:
            initial[f"title_{code}"] = getattr(talk, f"title_{code}", None) or ""
            initial[f"abstract_{code}"] = getattr(talk, f"abstract_{code}", None) or ""
        for row, pk in enumerate(initial["speakers"]):
            initial[f"speaker_{row}"] = pk
        return initial


def _local(moment: datetime, zone) -> datetime:
    """A stored time as the event's wall clock (naive: the widget shows it as it is)."""
    return timezone.make_naive(moment, zone)


def _speaker_label(speaker: Speaker) -> str:
    if speaker.organisation is not None:
        return f"{speaker.name} ({speaker.organisation.name})"
    return speaker.name


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])


class PlaceForm(forms.Form):
    position = forms.IntegerField(min_value=1, max_value=10_000)


class SpeakerForm(forms.Form):
    """A speaker: name, organisation, and role and biography in the series' languages."""

    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None,
                                          required=False, empty_label=_("— none —"),
                                          widget=PlainSelect)

    def __init__(self, *args, speaker: Speaker, series: Series, **kwargs) -> None:
        self.languages = agenda_queries.series_languages(series)
        initial = {"name": speaker.name, "organisation": speaker.organisation_id}
        for code in self.languages:
            initial[f"role_{code}"] = getattr(speaker, f"role_{code}", None) or ""
            initial[f"bio_{code}"] = getattr(speaker, f"bio_{code}", None) or ""
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = agenda_queries.organisation_choices()
        for code in self.languages:
            name = _language_name(code)
            self.fields[f"role_{code}"] = forms.CharField(
                label=_("Role (%(language)s)") % {"language": name}, max_length=200,
                required=False, widget=forms.TextInput(attrs={"lang": code}))
            self.fields[f"bio_{code}"] = forms.CharField(
                label=_("Biography (%(language)s)") % {"language": name}, required=False,
                widget=forms.Textarea(attrs={"lang": code, "rows": 5}))

    def role_fields(self) -> list[forms.BoundField]:
        return [self[f"role_{code}"] for code in self.languages]

    def bio_fields(self) -> list[forms.BoundField]:
        return [self[f"bio_{code}"] for code in self.languages]

    def speaker_input(self) -> SpeakerInput:
        data = self.cleaned_data
        return SpeakerInput(
            name=data["name"].strip(), organisation=data["organisation"],
            roles={code: data[f"role_{code}"].strip() for code in self.languages},
            bios={code: data[f"bio_{code}"].strip() for code in self.languages})
