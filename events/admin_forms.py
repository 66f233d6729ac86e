"""Admin forms that show and read an event's times in the event's own time zone."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.local_forms import zone_city
from events.models import Event
from events.queries import event_status_refusal


class LocalDateTimeWidget(forms.SplitDateTimeWidget):
    """The browser's own date and time inputs. The admin's widget would add a note on the
    difference between the browser's zone and the server's, and a "Now" in the server's
    zone: both wrong for times in an event's zone."""

    def __init__(self, attrs=None):
        super().__init__(attrs, date_format="%Y-%m-%d", time_format="%H:%M",
                         date_attrs={"type": "date"}, time_attrs={"type": "time"})


# for ModelAdmin.formfield_overrides of the admins that use these forms
LOCAL_TIMES = {models.DateTimeField: {"widget": LocalDateTimeWidget}}


class LocalTimesForm(forms.ModelForm):
    """A form whose datetimes are wall-clock times in an event's zone, as shown and typed.

    The fields read the typed times as if in UTC (a zone without gaps or overlaps); clean()
    then puts them in the event's zone, which is known only once every field is cleaned: a
    new event's zone is chosen in the same form.
    """

    local_time_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = self.shown_zone()
        for name in self.local_time_fields:
            self.fields[name].help_text = (
                _("In the time zone of the event: %(zone)s.") % {"zone": zone_city(zone)} if zone
                else _("In the time zone of the event."))
            value = self.initial.get(name)
            if zone and isinstance(value, datetime) and timezone.is_aware(value):
                self.initial[name] = timezone.make_naive(value, ZoneInfo(zone))

    def shown_zone(self) -> str | None:
        """The zone the stored times are shown in; None while it is not known yet."""
        raise NotImplementedError

    def typed_zone(self) -> str | None:
        """The zone the typed times are in, from the cleaned data; None if it is invalid."""
        raise NotImplementedError

    def full_clean(self):
        with timezone.override(UTC):
            super().full_clean()

    def clean(self):
        cleaned_data = super().clean()
        zone = self.typed_zone()
        for name in self.local_time_fields:
            value = cleaned_data.get(name)
            if zone is None or value is None:
                continue
            local = value.replace(tzinfo=ZoneInfo(zone))
            if local.utcoffset() != local.replace(fold=1).utcoffset():
                self.add_error(name, _("This time is skipped or repeated in %(zone)s when the "
                                       "clocks change.") % {"zone": zone_city(zone)})
            else:
                cleaned_data[name] = local
        return cleaned_data


class EventAdminForm(LocalTimesForm):
    local_time_fields = ("start", "end", "registration_opens", "registration_closes")

    def clean_status(self):
        status = self.cleaned_data["status"]
        if refusal := event_status_refusal(event=self.instance, status=status):
            raise forms.ValidationError(refusal)
        return status

    def shown_zone(self) -> str | None:
        return self.instance.time_zone if self.instance.pk else None

    def typed_zone(self) -> str | None:
        return self.cleaned_data.get("time_zone")


class TalkAdminForm(LocalTimesForm):
    """A talk's start, in the zone of its event (the formset of the event's form hands the
    event over: its zone may be changing in that form)."""

    local_time_fields = ("start",)

    def __init__(self, *args, event: Event | None = None, **kwargs):
        self.event = event
        super().__init__(*args, **kwargs)

    def shown_zone(self) -> str | None:
        event = self.event or (self.instance.event if self.instance.event_id else None)
        return event.time_zone if event is not None and event.pk else None

    def typed_zone(self) -> str | None:
        event = self.cleaned_data.get("event")
        return event.time_zone if event is not None else None


class TalkInlineFormSet(forms.BaseInlineFormSet):
    def get_form_kwargs(self, index):
        return super().get_form_kwargs(index) | {"event": self.instance}
