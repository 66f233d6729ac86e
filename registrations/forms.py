"""Every input of the participant's side goes through one of these forms."""

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import local_forms
from core.countries import NAME_MAX as COUNTRY_NAME_MAX
from core.countries import country_code, country_names
from core.widgets import CountryInput
from events.models import Event, Organisation, Series, Theme
from registrations import queries
from registrations.models import ConsentText, Participant, Registration

NAME_MAX = 200


def _country_names() -> tuple[tuple[str, str], ...]:
    return country_names(get_language())


class CountryField(forms.CharField):
    """A country, typed: its name in any of the site's languages (the list the browser
    offers while typing has those of the page's language) or its ISO code; cleaned to the
    two-letter code. Without JavaScript, and without a 250-line select on a phone."""

    default_error_messages = {
        "unknown": _("We do not know a country called “%(value)s”. Please type its name "
                     "and choose it from the list."),
    }

    def __init__(self, *, autocomplete: str = "country-name", **kwargs):
        super().__init__(max_length=COUNTRY_NAME_MAX, widget=CountryInput(
            names=_country_names, attrs={"autocomplete": autocomplete, "spellcheck": "false"}),
            **kwargs)

    def to_python(self, value) -> str:
        text = super().to_python(value)
        if text in self.empty_values:
            return ""
        code = country_code(text, language=get_language())
        if code is None:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown",
                                        params={"value": text[:COUNTRY_NAME_MAX]})
        return code


class ObjectsChoiceField(forms.MultipleChoiceField):
    """A choice among objects the view already holds: checked without a query, so no
    input can reach the database (a ModelMultipleChoiceField would query any number)."""

    widget = forms.CheckboxSelectMultiple

    def set_objects(self, objects: Sequence, *, label: Callable[[Any], str] = str) -> None:
        self.objects = {str(obj.pk): obj for obj in objects}
        self.choices = [(key, label(obj)) for key, obj in self.objects.items()]

    def clean(self, value) -> list:
        """The chosen objects, each once (a tampered form may name one twice)."""
        return [self.objects[key] for key in dict.fromkeys(super().clean(value))]


def event_label(event: Event) -> str:
    """An event as a choice: its title and its time in the active language with the zone
    named ("Thursday 5 March 2026, 09:30–13:00 Sofia time (EET, UTC+2)")."""
    return f"{event.title} — {local_forms.when(event.start, event.end, event.time_zone)}"


def email_not_reserved(value: str) -> None:
    """Refuse an address that never receives mail (registrations.queries.email_reserved),
    where deleted participants' placeholder addresses are: in the form, for everybody
    alike, so that the answer never depends on whose address it is."""
    if queries.email_reserved(value):
        raise forms.ValidationError(_("This e-mail address cannot be registered."))


class RegistrationForm(forms.Form):
    """The registration for a series or chosen events (issue item 1)."""

    SCOPE_SERIES, SCOPE_EVENTS = "series", "events"

    email = forms.EmailField(label=_("E-mail address"), max_length=254,
                             validators=[email_not_reserved])
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=NAME_MAX)
    organisation_kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        choices=[("", _("Choose a kind"))] + list(Organisation.Kind.choices))
    organisation_country = CountryField(label=_("Country of the organisation"),
                                        autocomplete="off")
    job_title = forms.CharField(label=_("Job title"), max_length=NAME_MAX, required=False)
    country = CountryField(label=_("Your country"))
    language = forms.ChoiceField(label=_("Preferred language for mails"),
                                 choices=settings.CONTENT_LANGUAGES)
    scope = forms.ChoiceField(
        label=_("Register for"), widget=forms.RadioSelect,
        choices=[(SCOPE_SERIES, _("the whole series, including events added later")),
                 (SCOPE_EVENTS, _("the events I choose"))])
    events = ObjectsChoiceField(label=_("Events"), required=False)
    themes = ObjectsChoiceField(label=_("Themes of interest"), required=False)
    listed_publicly = forms.BooleanField(
        label=_("List me in the public participant list (name, organisation, country)"),
        required=False)
    consent = forms.BooleanField(label=_("I agree to the privacy notice above."),
                                 error_messages={"required": _(
                                     "Please agree to the privacy notice to register.")})
    consent_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1,
                                         max_value=2**31 - 1)
    website = forms.CharField(
        label=_("Leave this field empty"), required=False, max_length=NAME_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, series: Series, events: list[Event], themes: list[Theme],
                 consent: ConsentText | None, **kwargs):
        kwargs["initial"] = self.initial_values(consent=consent,
                                                chosen=kwargs.get("initial") or {})
        super().__init__(*args, **kwargs)
        self.series, self.consent_text = series, consent
        self.fields["events"].set_objects(events, label=event_label)
        self.fields["themes"].set_objects(themes)
        self.fields["events"].error_messages["invalid_choice"] = _(
            "Registration for one of the chosen events is not open.")
        self.fields["themes"].error_messages["invalid_choice"] = _(
            "There is no such theme in this series.")

    @classmethod
    def initial_values(cls, *, consent: ConsentText | None, chosen: dict) -> dict:
        """What the unbound form shows filled in: `chosen` (PreselectForm) over the
        defaults."""
        return {"language": get_language(), "scope": cls.SCOPE_SERIES,
                "consent_version": consent.version if consent else None} | chosen

    @classmethod
    def render_key(cls, *, series: Series, events: list[Event], themes: list[Theme],
                   consent: ConsentText | None, initial: dict) -> str:
        """Everything the unbound form would show, hashed, without building it: the
        registration page is kept under this key (events.page_cache.form_page_cached), so
        that a change to any of it (events, themes, notice, language, the preselected
        event) is a new key, never a stale form."""
        parts = (get_language(), series.pk, cls.initial_values(consent=consent, chosen=initial),
                 consent and (consent.pk, consent.version, consent.text),
                 [(event.pk, event_label(event)) for event in events],
                 [(theme.pk, str(theme)) for theme in themes])
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    @property
    def is_spam(self) -> bool:
        """A bot filled the honeypot: the view answers as if all went well, and does nothing."""
        return bool(self.cleaned_data.get("website"))

    def clean_consent_version(self) -> int:
        version = self.cleaned_data["consent_version"]
        if self.consent_text is None or version != self.consent_text.version:
            raise forms.ValidationError(_(
                "The privacy notice has changed. Please read it again and agree to it."))
        return version

    def clean(self) -> dict:
        data = super().clean()
        if (data.get("scope") == self.SCOPE_EVENTS and not data.get("events")
                and "events" not in self.errors):
            self.add_error("events", _("Please choose at least one event."))
        return data

    def chosen_events(self) -> list[Event] | None:
        """None for the whole series, else the chosen events in date order."""
        if self.cleaned_data["scope"] == self.SCOPE_SERIES:
            return None
        return sorted(self.cleaned_data["events"], key=lambda event: (event.start, event.pk))


class PreselectForm(forms.Form):
    """`?event=<slug>` on the registration page: the event a visitor came from."""

    event = forms.SlugField(required=False, max_length=80)

    def __init__(self, *args, events: list[Event], **kwargs):
        super().__init__(*args, **kwargs)
        self.events = events

    def initial_choice(self) -> dict:
        if not self.is_valid() or not self.cleaned_data["event"]:
            return {}
        chosen = [event for event in self.events if event.slug == self.cleaned_data["event"]]
        if not chosen:
            return {}
        return {"scope": RegistrationForm.SCOPE_EVENTS, "events": [str(chosen[0].pk)]}


class LinkRequestForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)


class CancelForm(forms.Form):
    """Cancel one registration (its id) or all of them."""

    registration = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1,
                                      widget=forms.HiddenInput)
    all = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, participant: Participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.participant = participant

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("all") and not data.get("registration"):
            raise forms.ValidationError(_("Please choose a registration to cancel."))
        if data.get("registration"):
            registration = (Registration.objects.filter(participant=self.participant,
                                                        pk=data["registration"])
                            .select_related("event__series", "participant").first())
            if registration is None:
                raise forms.ValidationError(_("This registration does not exist."))
            data["registration"] = registration
        return data


class AddEventsForm(forms.Form):
    events = ObjectsChoiceField(label=_("Events"), error_messages={
        "required": _("Please choose at least one event."),
        "invalid_choice": _("Registration for one of the chosen events is not open."),
    })

    def __init__(self, *args, events: list[Event], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["events"].set_objects(events, label=event_label)


class SettingsForm(forms.Form):
    language = forms.ChoiceField(label=_("Preferred language for mails"),
                                 choices=settings.CONTENT_LANGUAGES)
    listed_publicly = forms.BooleanField(
        label=_("List me in the public participant list (name, organisation, country)"),
        required=False)


class DeleteForm(forms.Form):
    sure = forms.BooleanField(
        label=_("Yes, delete my personal data. My registrations for upcoming events are "
                "cancelled."),
        error_messages={"required": _("Please tick the box to confirm the deletion.")})
