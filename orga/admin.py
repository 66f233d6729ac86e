"""The Django admin's part of the organiser area: the Event admin, whose status and capacity
change through the event's lifecycle (orga.services.events), registered here because the
events app may not import the registration rules that lifecycle runs."""

from django import forms
from django.contrib import admin
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from core.db import retry_on_conflict
from events.admin import TalkInline, local_time
from events.admin_forms import LOCAL_TIMES, EventAdminForm
from events.models import Event
from orga.services import events as events_services


class EventLifecycleAdminForm(EventAdminForm):
    def clean_status(self) -> str:
        """As the workspace has it: a published event that holds registrations does not go
        back to draft (orga.services.events.event_unpublish)."""
        status = super().clean_status()
        if (self.instance.pk and self.instance.status == Event.Status.PUBLISHED
                and status == Event.Status.DRAFT):
            counts = events_services.event_registration_counts(event=self.instance)
            if any(counts.values()):
                raise forms.ValidationError(events_services.unpublish_refusal(counts))
        return status


@admin.register(Event)
class EventAdmin(TabbedTranslationAdmin):
    form = EventLifecycleAdminForm
    formfield_overrides = LOCAL_TIMES
    list_display = ["title", "series", "region", "local_start", "format", "status", "capacity"]
    list_filter = ["series", "status", "format", "kind", "region"]
    search_fields = ["title_de", "title_en", "slug"]
    date_hierarchy = "start"
    autocomplete_fields = ["region"]
    filter_horizontal = ["themes"]
    inlines = [TalkInline]
    actions = ["publish", "cancel"]

    def save_model(self, request, obj, form, change):
        """The rest of the form is saved as it is; the status and the capacity change
        through orga.services.events.event_lifecycle_change, which registers the series'
        participants for a published event, cancels the registrations of a cancelled one
        and promotes the waiting list into new seats — with their mails. (The admin runs
        this in one transaction with the rest of the form.) Only what the organiser
        changed in the form changes: a cancellation or a capacity committed after the
        request read the event stays (read again under the event's lock)."""
        status, capacity = obj.status, obj.capacity
        obj.status = Event.Status.DRAFT
        if change:  # as the event is under its lock: a change since the form was read stays
            current = events_services.event_lock(event=obj)  # the lock order: the series first
            obj.status, obj.capacity = current.status, current.capacity
            status = status if "status" in form.changed_data else current.status
            capacity = capacity if "capacity" in form.changed_data else current.capacity
        super().save_model(request, obj, form, change)
        events_services.event_lifecycle_change(event=obj, status=status, capacity=capacity,
                                               actor=request.user)

    @method_decorator(retry_on_conflict)
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """The whole form in one transaction (the admin's), run again after a deadlock."""
        return super().changeform_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("start"), ordering="start")
    def local_start(self, event):
        return local_time(event.local_start, event.time_zone)

    @admin.action(description=_("Publish the selected events"))
    def publish(self, request, queryset):
        for event in queryset.filter(status=Event.Status.DRAFT):  # a cancelled one stays so
            events_services.event_publish(event=event, actor=request.user)

    @admin.action(description=_("Cancel the selected events"))
    def cancel(self, request, queryset):
        for event in queryset.exclude(status=Event.Status.CANCELLED):
            events_services.event_cancel(event=event, actor=request.user)
