"""The forms of the workspace's registrations: the list's filters, adding a participant by
hand, the capacity."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from events.models import Event, Organisation, Theme
from orga.queries_registrations import (
    ATTENDED_NO,
    ATTENDED_UNKNOWN,
    ATTENDED_YES,
    SORT_DEFAULT,
    SORTS,
    RegistrationFilters,
)
from registrations.forms import NAME_MAX, CountryField, ObjectsChoiceField, email_not_reserved
from registrations.models import ConsentText, Participant, Registration
from registrations.services import ParticipantData

SEARCH_MAX = 100


class FilterForm(forms.Form):
    """The filters, search and sorting above a registration list (the address's query).

    A value that is not on offer (a forged or stale address) is named in the form's errors
    and left out: the list shows what the valid rest of the filters give."""

    search = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_MAX,
                             help_text=_("Name, e-mail address or organisation"))
    event = forms.TypedChoiceField(label=_("Event"), required=False, coerce=int,
                                   empty_value=None)
    state = forms.ChoiceField(label=_("State"), required=False,
                              choices=[("", _("All states"))] + Registration.State.choices)
    country = CountryField(label=_("Country"), required=False, autocomplete="off")
    organisation_kind = forms.ChoiceField(
        label=_("Kind of organisation"), required=False,
        choices=[("", _("All kinds"))] + Organisation.Kind.choices)
    theme = forms.TypedChoiceField(label=_("Theme of interest"), required=False, coerce=int,
                                   empty_value=None)
    attended = forms.ChoiceField(label=_("Attended"), required=False, choices=[
        ("", _("Attended or not")), (ATTENDED_YES, _("Attended")),
        (ATTENDED_NO, _("Did not attend")), (ATTENDED_UNKNOWN, _("Not known yet"))])
    sort = forms.ChoiceField(required=False, widget=forms.HiddenInput, choices=[
        (prefix + key, key) for key in SORTS for prefix in ("", "-")])

    def __init__(self, *args, events: list[Event] | None, themes: list[Theme],
                 **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if events is None:  # the list of one event
            del self.fields["event"]
        else:
            self.fields["event"].choices = [("", _("All events"))] + [
                (event.pk, event.title) for event in events]
        self.fields["theme"].choices = [("", _("All themes"))] + [
            (theme.pk, str(theme)) for theme in themes]
        for name, message in (("event", _("There is no such event in this list.")),
                              ("theme", _("There is no such theme in this series.")),
                              ("sort", _("The list cannot be sorted this way.")),
                              ("state", _("There is no such state.")),
                              ("organisation_kind", _("There is no such kind of organisation.")),
                              ("attended", _("There is no such choice."))):
            if name in self.fields:
                self.fields[name].error_messages["invalid_choice"] = message

    def filters(self) -> RegistrationFilters:
        """The filters chosen, each left out when it is not valid."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items()
                if value not in (None, "")}
        return RegistrationFilters(**(data | {"sort": data.get("sort", SORT_DEFAULT)}))


class RegistrationAddForm(forms.Form):
    """A participant registered by an organiser: their address, and for a new address the
    rest of what the public form asks; the consent the person gave the organiser."""

    email = forms.EmailField(label=_("E-mail address"), max_length=254,
                             validators=[email_not_reserved],
                             help_text=_("Somebody already registered with this address (in "
                                         "any letter case) is registered as they are: their "
                                         "data stays as they entered it."))
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX, required=False)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=NAME_MAX,
                                        required=False)
    organisation_kind = forms.ChoiceField(
        label=_("Kind of organisation"), required=False,
        choices=[("", _("Choose a kind"))] + list(Organisation.Kind.choices))
    organisation_country = CountryField(label=_("Country of the organisation"),
                                        autocomplete="off", required=False)
    job_title = forms.CharField(label=_("Job title"), max_length=NAME_MAX, required=False)
    country = CountryField(label=_("Country"), autocomplete="off", required=False)
    language = forms.ChoiceField(label=_("Language for mails"),
                                 choices=settings.CONTENT_LANGUAGES)
    themes = ObjectsChoiceField(label=_("Themes of interest"), required=False)
    consent = forms.BooleanField(
        error_messages={"required": _("A participant can only be registered with their "
                                      "consent to the privacy notice.")})
    consent_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1,
                                         max_value=2**31 - 1)
    send_mail = forms.BooleanField(
        label=_("Send the confirmation mail (seat or waiting-list place, calendar file, "
                "personal link)"), required=False, initial=True)

    NEW_PARTICIPANT_FIELDS = ("name", "organisation_name", "organisation_kind",
                              "organisation_country", "country")

    def __init__(self, *args, themes: list[Theme], consent: ConsentText | None,
                 **kwargs) -> None:
        kwargs.setdefault("initial", {"consent_version": consent.version if consent else None})
        super().__init__(*args, **kwargs)
        self.consent_text = consent
        self.fields["themes"].set_objects(themes)
        self.fields["themes"].error_messages["invalid_choice"] = _(
            "There is no such theme in this series.")
        self.fields["consent"].label = (
            _("The person has agreed to the privacy notice (version %(version)s).")
            % {"version": consent.version} if consent else _("Privacy notice"))
        self.existing: Participant | None = None

    def clean_consent_version(self) -> int:
        version = self.cleaned_data["consent_version"]
        if self.consent_text is None:
            raise forms.ValidationError(_("This series has no privacy notice yet: nobody can "
                                          "be registered before it has one."))
        if version != self.consent_text.version:
            raise forms.ValidationError(_("The privacy notice has changed. Please read it "
                                          "again and ask the person to agree to it."))
        return version

    def clean(self) -> dict:
        data = super().clean()
        if data.get("email"):
            self.existing = Participant.objects.active().with_email(data["email"]).first()
        if self.existing is None:
            for name in self.NEW_PARTICIPANT_FIELDS:
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Please fill this in for a new participant."))
        return data

    def participant_data(self) -> ParticipantData:
        data = self.cleaned_data
        return ParticipantData(
            email=data["email"], name=data["name"], organisation_name=data["organisation_name"],
            organisation_kind=data["organisation_kind"],
            organisation_country=data["organisation_country"], country=data["country"],
            language=data["language"], job_title=data["job_title"], themes=data["themes"])


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("Capacity"), min_value=0, max_value=2**31 - 1,
                                  help_text=_("Seats freed go to the waiting list in its "
                                              "order, each told by mail."))
