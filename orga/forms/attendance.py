"""Forms of the attendance pages: the upload of a report, the choices made on its preview
(suggestions accepted, rows matched by hand, walk-ins added), and the check-in's search and
tick."""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from attendance.matching import MATCHED, Preview
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
    the suggested rows accepted), `match-<index>` (a registration id for an unmatched row),
    `add` (the indices of unmatched rows to add as walk-ins), `consent`."""

    accept = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": NOT_ON_OFFER})
    add = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": NOT_ON_OFFER})
    consent = forms.BooleanField(
        label=_("The people I add agreed to the privacy notice."), required=False)

    def __init__(self, *args, preview: Preview, consent_text: ConsentText | None,
                 **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.preview, self.consent_text = preview, consent_text
        self.fields["accept"].choices = [(row.index, row.index) for row in preview.suggested]
        self.fields["add"].choices = [(row.index, row.index) for row in preview.unmatched
                                      if row.can_add]
        self.registration_choices = [("", _("— not matched —"))] + [
            (candidate.registration_id, _label(candidate))
            for candidate in preview.unclaimed()]
        for row in preview.unmatched:
            self.fields[f"match-{row.index}"] = forms.TypedChoiceField(
                label=_("Registration of this person"), required=False, coerce=int,
                empty_value=None, choices=self.registration_choices,
                error_messages={"invalid_choice": NOT_THIS_EVENT})

    def clean(self):
        data = super().clean()
        added = set(data.get("add") or [])
        for row in self.preview.unmatched:
            if row.index in added and data.get(f"match-{row.index}"):
                self.add_error(f"match-{row.index}", _(
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
        return [(row, self.match_select(row.index), str(row.index) in ticked,
                 self.errors.get(f"match-{row.index}", []) if self.is_bound else [])
                for row in self.preview.unmatched]

    def match_select(self, index: int) -> SafeString:
        """The select of an unmatched row: the field's widget when the organiser chose a
        value already (it shows it), else the shared options, rendered once for all rows
        (a report may have hundreds of unmatched rows and an event hundreds of
        registrations)."""
        name = f"match-{index}"
        if self.is_bound and self.data.get(name):
            return self[name].as_widget()
        if not hasattr(self, "_options"):
            self._options = format_html_join("", '<option value="{}">{}</option>',
                                             self.registration_choices)
        return format_html('<select name="{}" id="id_{}">{}</select>', name, name,
                           self._options)


def _label(candidate) -> str:
    return f"{candidate.name} <{candidate.email}>" if candidate.name else candidate.email


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
