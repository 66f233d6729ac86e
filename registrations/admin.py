from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from registrations.models import ConsentText, Participant, Registration, SeriesRegistration


@admin.register(ConsentText)
class ConsentTextAdmin(TranslationAdmin):
    list_display = ["series", "version", "created_at"]
    list_filter = ["series"]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "organisation_name", "country", "language",
                    "listed_publicly", "anonymised_at"]
    search_fields = ["name", "email", "organisation_name"]
    exclude = ["confirm_nonce", "link_key"]


@admin.register(SeriesRegistration)
class SeriesRegistrationAdmin(admin.ModelAdmin):
    list_display = ["participant", "series", "requested_at", "confirmed_at", "cancelled_at"]
    list_filter = ["series"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["participant", "event", "state", "requested_at", "confirmed_at", "attended"]
    list_filter = ["state", "event__series", "event"]
    list_select_related = ["participant", "event"]
    readonly_fields = ["state", "confirmed_at", "cancelled_at"]
