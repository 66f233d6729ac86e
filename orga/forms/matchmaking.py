"""The forms of B2B matchmaking in the workspace: the series' settings, and a networking
block (its start typed and shown in its event's own zone)."""

from urllib.parse import urlsplit

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from events.admin_forms import LocalTimesForm
from events.models import Event, Series
from matchmaking.models import MatchmakingSettings, NetworkingBlock
from orga.forms.events import LocalDateTimeInput

ROOM_PLACEHOLDER = "{room}"


class MatchmakingSettingsForm(forms.ModelForm):
    """Whether matchmaking is open, how many unanswered requests one person may have sent,
    the address pattern of online meetings' rooms."""

    class Meta:
        model = MatchmakingSettings
        fields = ["is_open", "max_open_requests", "room_url_pattern"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["max_open_requests"].widget.attrs.update({"min": 1, "max": 100})

    def clean_room_url_pattern(self) -> str:
        pattern = self.cleaned_data["room_url_pattern"].strip()
        if not pattern:
            return ""
        if ROOM_PLACEHOLDER not in pattern:
            raise forms.ValidationError(_("The address must contain {room}, where each "
                                          "meeting's room name goes."))
        parts = urlsplit(pattern.replace(ROOM_PLACEHOLDER, "room"))
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in pattern:
            raise forms.ValidationError(_("Please enter an address beginning with https:// "
                                          "(or http://), e.g. "
                                          "https://meet.example.org/{room}."))
        return pattern


class NetworkingBlockForm(LocalTimesForm):
    """A networking block: its event (a draft or published one of the series), its start
    (in the event's zone), the minutes per meeting, the number of slots, the tables (empty:
    online). It must lie within its event's time."""

    local_time_fields = ("starts_at",)

    class Meta:
        model = NetworkingBlock
        fields = ["event", "starts_at", "slot_minutes", "slot_count", "tables"]
        widgets = {"starts_at": LocalDateTimeInput()}
        field_classes = {"starts_at": forms.DateTimeField}

    def __init__(self, *args, series: Series, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        events = (series.events.filter(status__in=[Event.Status.DRAFT, Event.Status.PUBLISHED])
                  .order_by("start", "pk"))
        field = self.fields["event"]
        field.queryset = events
        field.label_from_instance = lambda event: "{} ({})".format(
            event.title, formats.date_format(event.local_start, "DATE_FORMAT"))
        field.empty_label = None if events.exists() else "—"
        field.error_messages["invalid_choice"] = _(
            "Please choose a draft or published event of this series.")
        self.fields["tables"].widget.attrs["min"] = 1
        self.fields["slot_minutes"].widget.attrs.update({"min": 5, "max": 120})
        self.fields["slot_count"].widget.attrs.update({"min": 1, "max": 48})

    def shown_zone(self) -> str | None:
        return self.instance.event.time_zone if self.instance.event_id else None

    def typed_zone(self) -> str | None:
        event = self.cleaned_data.get("event")
        return event.time_zone if event is not None else None
