from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from registrations import queries, services
from registrations.models import (
    Consent,
    ConsentText,
    Participant,
    Registration,
    SeriesRegistration,
)
from registrations.services.base import participant_lock


def _each(model_admin: admin.ModelAdmin, request, items, change) -> int:
    """An admin action's service call for each item; a refusal is shown as a warning.
    Returns how many items were changed."""
    changed = 0
    for item in items:
        try:
            change(item)
        except services.RegistrationError as error:
            model_admin.message_user(request, f"{item}: {error}", messages.WARNING)
        else:
            changed += 1
    return changed


@admin.register(ConsentText)
class ConsentTextAdmin(TranslationAdmin):
    """A version someone agreed to stays as they read it: a new text is a new version."""

    list_display = ["series", "version", "created_at"]
    list_filter = ["series"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and queries.consent_text_agreed_to(consent_text=obj):
            return self.replace_orig_field(["series", "version", "text"])
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (
            obj is not None and queries.consent_text_agreed_to(consent_text=obj))


class ConsentInline(admin.TabularInline):
    """The notices the participant agreed to, as recorded."""

    model = Consent
    extra = 0
    fields = readonly_fields = ["text", "given_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "organisation_name", "country", "language",
                    "listed_publicly", "anonymised_at"]
    search_fields = ["name", "email", "organisation_name"]
    exclude = ["confirm_nonce", "link_key"]
    inlines = [ConsentInline]
    actions = ["delete_personal_data"]

    def has_delete_permission(self, request, obj=None):
        """Deleting would free seats without promoting and lose statistics: the action
        below anonymises instead."""
        return False

    def get_readonly_fields(self, request, obj=None):
        """Whether data is deleted is the action's to say; once it is, nothing is editable:
        a form opened before the deletion and saved after it would write it all back."""
        if obj is not None and obj.is_anonymised:
            return [field.name for field in self.model._meta.get_fields()
                    if field.concrete and field.editable and not field.primary_key
                    and field.name not in self.exclude]
        return ["anonymised_at"]

    def save_model(self, request, obj, form, change):
        """Refused when the data was deleted after this request read the participant (the
        participant's lock, taken first in the lock order, makes it certain)."""
        if change and participant_lock(participant_id=obj.pk).is_anonymised:
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Delete the personal data of the selected participants"))
    def delete_personal_data(self, request, queryset):
        """Through registrations.services.participant_delete, once confirmed on a page of
        its own (it cannot be undone): their registrations are cancelled and the waiting
        lists move up, with the mails."""
        participants = list(queryset.active().order_by("pk"))
        if request.POST.get("post") != "yes":
            return TemplateResponse(
                request, "admin/registrations/participant/delete_personal_data.html",
                {**self.admin_site.each_context(request), "opts": self.model._meta,
                 "title": _("Delete personal data"), "participants": participants,
                 "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME})
        deleted = _each(self, request, participants, lambda participant:
                        services.participant_delete(participant=participant))
        self.message_user(request, ngettext(
            "The personal data of %(count)d participant was deleted.",
            "The personal data of %(count)d participants was deleted.", deleted,
        ) % {"count": deleted})


@admin.register(SeriesRegistration)
class SeriesRegistrationAdmin(admin.ModelAdmin):
    """To be read: participants register and cancel themselves (organisers cancel their
    registrations of events, or delete their data)."""

    list_display = ["participant", "series", "requested_at", "confirmed_at", "cancelled_at"]
    list_filter = ["series"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Participants register themselves; a registration ends through the cancel action,
    never by deletion, so that the freed seat goes to the waiting list."""

    list_display = ["participant", "event", "state", "requested_at", "confirmed_at", "attended"]
    list_filter = ["state", "event__series", "event"]
    list_select_related = ["participant", "event"]
    readonly_fields = ["participant", "event", "series_registration", "state", "confirmed_at",
                       "cancelled_at"]
    actions = ["cancel"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Cancel the selected registrations"))
    def cancel(self, request, queryset):
        """Through registrations.services.registration_cancel: a freed seat goes to the
        first on the waiting list in the same transaction, with the mails."""
        cancelled = _each(self, request, queryset.active().order_by("pk"), lambda registration:
                          services.registration_cancel(registration=registration))
        self.message_user(request, ngettext(
            "%(count)d registration was cancelled.", "%(count)d registrations were cancelled.",
            cancelled,
        ) % {"count": cancelled})
