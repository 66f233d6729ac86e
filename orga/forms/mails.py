"""The forms of the workspace's mails: composing a mail to participants, the outbox filter."""

from uuid import uuid4

from django import forms
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core import local_forms
from events.content_language import translated
from events.models import Event, Series
from mail.models import Mail
from orga import mail_queries
from orga.services.mails import EVENT_PLACEHOLDERS, PLACEHOLDERS, placeholders_in
from registrations.models import Participant, Registration

SUBJECT_MAX_LENGTH = 200
BODY_MAX_LENGTH = 20_000


class EventChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, event: Event) -> str:
        when = local_forms.when(event.start, event.end, event.time_zone)
        return f"{translated(event, 'title').text} ({when.start}, {when.zone})"


def mail_languages(series: Series) -> list[str]:
    """The languages a mail of `series` is written in: its main language first, then its
    other content languages."""
    known = [code for code, _name in settings.CONTENT_LANGUAGES]
    chosen = [series.default_language, *(series.content_languages or [])]
    return [code for code in dict.fromkeys(chosen) if code in known]


class ComposeForm(forms.Form):
    """Who a mail goes to (registrations of some events in some states), its text per
    language, and when it is sent. Only the events the user runs can be chosen."""

    events = EventChoiceField(
        queryset=Event.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        label=_("Events"), help_text=_("None ticked: every event you may write about."))
    states = forms.MultipleChoiceField(
        choices=Registration.State.choices, widget=forms.CheckboxSelectMultiple,
        label=_("Registrations that are"), initial=[Registration.State.CONFIRMED])
    send_at = forms.DateTimeField(
        required=False, label=_("Send at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    preview_as = forms.EmailField(
        required=False, label=_("Preview as"),
        help_text=_("The e-mail address of a recipient; empty: the first by name."))
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, series: Series, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.series = series
        self.fields["events"].queryset = mail_queries.events_mailable(user, series=series)
        self.fields["key"].initial = uuid4().hex
        zone = timezone.get_current_timezone_name()
        self.fields["send_at"].help_text = _(
            "Your time zone: %(zone)s. Empty: send now.") % {
            "zone": local_forms.zone_label(zone, timezone.now())}
        self.languages = mail_languages(series)
        for code in self.languages:
            name = translation.get_language_info(code)["name_local"]
            self.fields[f"subject_{code}"] = forms.CharField(
                required=False, max_length=SUBJECT_MAX_LENGTH,
                label=_("Subject (%(language)s)") % {"language": name})
            self.fields[f"body_{code}"] = forms.CharField(
                required=False, max_length=BODY_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 10, "lang": code}),
                label=_("Text (%(language)s)") % {"language": name})
            self.fields[f"subject_{code}"].widget.attrs["lang"] = code

    def versions(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        """For the template: (language, subject field, text field) per language."""
        return [(code, self[f"subject_{code}"], self[f"body_{code}"]) for code in self.languages]

    def clean(self) -> dict:
        cleaned = super().clean()
        events = list(cleaned.get("events") or self.fields["events"].queryset)
        cleaned["event_list"] = events
        texts = {}
        for code in self.languages:
            subject = " ".join(cleaned.get(f"subject_{code}", "").split())
            body = cleaned.get(f"body_{code}", "").strip()
            if subject and body:
                texts[code] = {"subject": subject, "body": body}
            elif subject or body:
                missing = f"body_{code}" if subject else f"subject_{code}"
                self.add_error(missing, _("Write both a subject and a text in this language, "
                                          "or neither."))
            for field in (f"subject_{code}", f"body_{code}"):
                self._check_placeholders(field, cleaned.get(field, ""), events=events)
        if not texts and not self.errors:
            raise forms.ValidationError(_("Write the mail in at least one language."))
        cleaned["texts"] = texts
        send_at = cleaned.get("send_at")
        if send_at is not None and send_at <= timezone.now():
            self.add_error("send_at", _("This time has passed. Choose a later one, or leave "
                                        "it empty to send now."))
        return cleaned

    def _check_placeholders(self, field: str, text: str, *, events: list[Event]) -> None:
        known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
        for name in placeholders_in(text):
            if name not in PLACEHOLDERS:
                self.add_error(field, _("There is no placeholder {%(name)s}. You can use: "
                                        "%(known)s.") % {"name": name, "known": known})
            elif name in EVENT_PLACEHOLDERS and len(events) != 1:
                self.add_error(field, _("The placeholder {%(name)s} needs exactly one event "
                                        "among the recipients; for several, use "
                                        "{events}.") % {"name": name})

    def recipients(self):
        """The participants this mail goes to (a valid form)."""
        return mail_queries.recipients(
            event_ids=[event.pk for event in self.cleaned_data["event_list"]],
            states=self.cleaned_data["states"])

    def preview_recipient(self, recipients) -> Participant | None:
        """The recipient to preview as: the one named by address, else the first by name;
        None (with a form error) for an address that is no recipient's."""
        address = self.cleaned_data.get("preview_as")
        if not address:
            return recipients.first()
        participant = recipients.with_email(address).first()
        if participant is None:
            self.add_error("preview_as", _("None of the recipients has this address."))
        return participant


class OutboxFilterForm(forms.Form):
    state = forms.ChoiceField(choices=[("", _("Any state")), *Mail.State.choices],
                              required=False, label=_("State"))
    composed = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
