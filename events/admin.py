"""The admin of the events app. The Event admin is registered from orga/admin.py: changing an
event's status or capacity changes its registrations, a workflow of the organiser area
(orga.services.events), which this app may not import."""

from django.contrib import admin
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from events.admin_forms import LOCAL_TIMES, TalkAdminForm, TalkInlineFormSet
from events.models import Organisation, Region, Series, Speaker, Talk, TalkSpeaker, Theme


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
