"""Forms of the attendance pages: the upload of a report, the choices made on its preview
(suggestions accepted, rows matched by hand, walk-ins added), and the check-in's search and
tick."""

from django import forms
from django.utils.translation import gettext_lazy as _

from attendance.matching import MATCHED, Preview, email_key
from attendance.services import UPLOAD_MAX_BYTES, WalkIn
from registrations.models import ConsentText

NOT_THIS_EVENT = _("This registration is not one of this event's: choose one from the list.")
NOT_ON_OFFER = _("This row is not one of the report's: reload the preview and choose again.")


class UploadForm(forms.Form):
    report = forms.FileField(
        label=_("Attendance report"), allow_empty_file=True,
        help_text=_("The participants report of Zoom, the attendance report of Microsoft "
                    "Teams, or a table (CSV or Excel) with e-mail addresses or names and "
                    "minutes; at most 10 MB."),
        error_messages={"required": _("Please choose the report file to upload."),
                        "invalid": _("Please choose the report file to upload.")})

    def clean_report(self):
        report = self.cleaned_data["report"]
        if report.size > UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB: an attendance "
                                          "report is much smaller. Is it the right file?"))
        if report.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return report


class SaveForm(forms.Form):
    """What the organiser decided on the preview. Field names: `accept` (the indices of
    the suggested rows accepted), `match-<index>` (for an unmatched row: the e-mail
    address of the registration of the event it is, offered by a datalist; any other
    address is refused), `add` (the indices of unmatched rows to add as walk-ins),
    `consent` (the people added agreed to the privacy notice)."""

    accept = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": NOT_ON_OFFER})
    add = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": NOT_ON_OFFER})
    consent = forms.BooleanField(
        label=_("The people I add agreed to the privacy notice."), required=False)

    def __init__(self, *args, preview: Preview, consent_text: ConsentText | None,
                 other_day: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.preview, self.consent_text = preview, consent_text
        if other_day:  # the report's meeting began on another day than the event
            self.fields["this_event"] = forms.BooleanField(
                label=_("This is the report of this event all the same."),
                error_messages={"required": _(
                    "The report's meeting began on another day than the event: tick that it "
                    "is this event's report to save it, or upload the right report.")})
        self.fields["accept"].choices = [(row.index, row.index) for row in preview.suggested]
        self.fields["add"].choices = [(row.index, row.index) for row in preview.unmatched
                                      if row.can_add]
        self.unclaimed = {candidate.email: candidate for candidate in preview.unclaimed()}
        for row in preview.unmatched:
            self.fields[f"match-{row.index}"] = forms.CharField(
                label=_("Registration of this person"), required=False, max_length=254,
                widget=forms.TextInput(attrs={"list": "attendance-registrations",
                                              "autocomplete": "off", "inputmode": "email"}))

    def clean(self):
        data = super().clean()
        added = set(data.get("add") or [])
        for row in self.preview.unmatched:
            name = f"match-{row.index}"
            if not data.get(name):
                data[name] = None
                continue
            candidate = self.unclaimed.get(email_key(data[name]))
            if candidate is None:
                self.add_error(name, NOT_THIS_EVENT)
                continue
            data[name] = candidate.registration_id
            if row.index in added:
                self.add_error(name, _(
                    "Either match “%(name)s” to a registration or add them, not both.")
                    % {"name": row.name or row.email})
        if added and self.consent_text is None:
            self.add_error("add", _("This series has no privacy notice yet: nobody can be "
                                    "added before it has one."))
        elif added and not data.get("consent"):
            self.add_error("consent", _("Please confirm that the people you add agreed to "
                                        "the privacy notice, or add nobody."))
        return data

    def decisions(self) -> tuple[dict[int, int], list[WalkIn]]:
        """The minutes per registration (rows matched by address, suggestions accepted,
        rows matched by hand, summed) and the walk-ins to add."""
        minutes: dict[int, int] = {}

        def give(registration_id: int, value: int) -> None:
            minutes[registration_id] = minutes.get(registration_id, 0) + value

        accepted = set(self.cleaned_data["accept"])
        for row in self.preview.rows:
            if row.kind == MATCHED or row.index in accepted:
                give(row.candidate.registration_id, row.minutes)
        added = set(self.cleaned_data["add"])
        walk_ins = []
        for row in self.preview.unmatched:
            if row.index in added:
                walk_ins.append(WalkIn(email=row.email, name=row.name, minutes=row.minutes))
            elif (registration_id := self.cleaned_data.get(f"match-{row.index}")) is not None:
                give(registration_id, row.minutes)
        return minutes, walk_ins

    def suggested_rows(self) -> list[tuple]:
        """The suggested rows, each with whether its box is ticked (when the form comes
        back with errors)."""
        ticked = set(self.data.getlist("accept")) if self.is_bound else set()
        return [(row, str(row.index) in ticked) for row in self.preview.suggested]

    def unmatched_rows(self) -> list[tuple]:
        """The unmatched rows, each with its select, whether its 'add' box is ticked and
        its errors."""
        ticked = set(self.data.getlist("add")) if self.is_bound else set()
        return [(row, self[f"match-{row.index}"], str(row.index) in ticked)
                for row in self.preview.unmatched]

    def registrations_offered(self) -> list[tuple[str, str]]:
        """The addresses and names of the registrations rows may be matched to by hand
        (the datalist of the `match-<index>` fields, rendered once)."""
        return [(candidate.email, _label(candidate)) for candidate in self.unclaimed.values()]


def _label(candidate) -> str:
    return candidate.name or candidate.email


class CheckInSearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100,
                        help_text=_("Part of the name, address or organisation"))


class CheckInForm(forms.Form):
    registration = forms.IntegerField(
        min_value=1, max_value=2**63 - 1,
        error_messages={key: NOT_THIS_EVENT
                        for key in ("invalid", "required", "min_value", "max_value")})
    checked_in = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1",
        error_messages={"invalid_choice": NOT_THIS_EVENT, "required": NOT_THIS_EVENT})
