from django.contrib import admin
from django.utils import formats
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from core.db import retry_on_conflict
from events import services
from events.admin_forms import LOCAL_TIMES, EventAdminForm, TalkAdminForm, TalkInlineFormSet
from events.models import Event, Organisation, Region, Series, Speaker, Talk, TalkSpeaker, Theme


def local_time(moment, zone: str) -> str:
    """A time in an event's zone, the zone named."""
    return f"{formats.date_format(moment, 'SHORT_DATETIME_FORMAT')} ({zone})"


@admin.register(Organisation)
class OrganisationAdmin(TabbedTranslationAdmin):
    list_display = ["name", "kind", "country", "city", "is_network_member"]
    list_filter = ["kind", "is_network_member", "country"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}


class ThemeInline(TranslationTabularInline):
    model = Theme
    extra = 0
    prepopulated_fields = {"slug": ["name_en"]}


class RegionInline(TranslationTabularInline):
    model = Region
    extra = 0
    fields = ["position", "slug", "name", "country", "coordinator"]
    autocomplete_fields = ["coordinator"]


@admin.register(Series)
class SeriesAdmin(TabbedTranslationAdmin):
    list_display = ["title", "organiser", "default_language", "registration_open", "is_published"]
    list_filter = ["is_published", "registration_open"]
    search_fields = ["title_de", "title_en", "slug"]
    autocomplete_fields = ["organiser"]
    inlines = [ThemeInline, RegionInline]


@admin.register(Theme)
class ThemeAdmin(TabbedTranslationAdmin):
    list_display = ["name", "series", "position"]
    list_filter = ["series"]
    search_fields = ["name_de", "name_en", "slug"]


@admin.register(Region)
class RegionAdmin(TabbedTranslationAdmin):
    list_display = ["name", "series", "country", "coordinator"]
    list_filter = ["series", "country"]
    search_fields = ["name_de", "name_en", "slug"]
    autocomplete_fields = ["coordinator"]


@admin.register(Speaker)
class SpeakerAdmin(TabbedTranslationAdmin):
    list_display = ["name", "role", "organisation"]
    list_filter = ["organisation__is_network_member", "organisation__kind"]
    search_fields = ["name", "organisation__name"]
    autocomplete_fields = ["organisation"]
    prepopulated_fields = {"slug": ["name"]}


class TalkInline(TranslationTabularInline):
    model = Talk
    form = TalkAdminForm
    formset = TalkInlineFormSet
    formfield_overrides = LOCAL_TIMES
    extra = 0
    fields = ["order", "kind", "start", "duration", "title"]
    show_change_link = True


@admin.register(Event)
class EventAdmin(TabbedTranslationAdmin):
    form = EventAdminForm
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
        through events.services.event_lifecycle_change, which registers the series'
        participants for a published event, cancels the registrations of a cancelled one
        and promotes the waiting list into new seats — with their mails. (The admin runs
        this in one transaction with the rest of the form.) Only what the organiser
        changed in the form changes: a cancellation or a capacity committed after the
        request read the event stays (read again under the event's lock)."""
        status, capacity = obj.status, obj.capacity
        obj.status = Event.Status.DRAFT
        if change:  # as the event is under its lock: a change since the form was read stays
            current = services.event_lock(event=obj)  # the lock order: the series first
            obj.status, obj.capacity = current.status, current.capacity
            status = status if "status" in form.changed_data else current.status
            capacity = capacity if "capacity" in form.changed_data else current.capacity
        super().save_model(request, obj, form, change)
        services.event_lifecycle_change(event=obj, status=status, capacity=capacity)

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
            services.event_publish(event=event)

    @admin.action(description=_("Cancel the selected events"))
    def cancel(self, request, queryset):
        for event in queryset.exclude(status=Event.Status.CANCELLED):
            services.event_cancel(event=event)


class TalkSpeakerInline(admin.TabularInline):
    model = TalkSpeaker
    extra = 1
    autocomplete_fields = ["speaker"]


@admin.register(Talk)
class TalkAdmin(TabbedTranslationAdmin):
    form = TalkAdminForm
    formfield_overrides = LOCAL_TIMES
    list_display = ["title", "event", "order", "kind", "local_start"]
    list_filter = ["event__series", "kind", "event"]
    search_fields = ["title_de", "title_en", "speakers__name"]
    filter_horizontal = ["themes"]
    inlines = [TalkSpeakerInline]

    @admin.display(description=_("start"), ordering="start")
    def local_start(self, talk):
        return local_time(talk.start.astimezone(talk.event.tzinfo), talk.event.time_zone)
