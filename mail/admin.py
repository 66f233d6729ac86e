from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mail import services
from mail.models import Mail, MailAttachment


class MailAttachmentInline(admin.TabularInline):
    model = MailAttachment
    fields = ["filename", "content_type", "size"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    @admin.display(description=_("size (bytes)"))
    def size(self, attachment: MailAttachment) -> int:
        return len(attachment.content)

    def has_add_permission(self, request: HttpRequest, obj: Mail | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Mail | None = None) -> bool:
        return False


@admin.register(Mail)
class MailAdmin(admin.ModelAdmin):
    """The outbox, read-only: what was sent to whom, and what is still waiting."""

    list_display = ["created_at", "to", "subject", "language", "state", "attempts",
                    "next_attempt_at", "sent_at"]
    list_filter = ["state", "language", "series"]
    search_fields = ["to", "cause"]
    date_hierarchy = "created_at"
    fields = ["cause", "to", "language", "subject", "text", "html", "state", "attempts",
              "next_attempt_at", "claimed_until", "last_error", "created_at", "sent_at"]
    readonly_fields = fields
    inlines = [MailAttachmentInline]
    actions = ["retry"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Mail | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Mail | None = None) -> bool:
        return False

    def has_retry_permission(self, request: HttpRequest) -> bool:
        """Queueing again is for those who may change mails, though nobody edits them here."""
        return request.user.has_perm("mail.change_mail")

    @admin.action(description=_("Send failed or unconfirmed mails again"),
                  permissions=["retry"])
    def retry(self, request: HttpRequest, queryset: QuerySet[Mail]) -> None:
        """Failed mails, and unconfirmed ones (which may have arrived: the organiser's call)."""
        mails = [services.mail_retry(mail=mail) for mail in queryset.filter(
            state__in=[Mail.State.FAILED, Mail.State.UNCONFIRMED])]
        count = sum(mail.state == Mail.State.QUEUED for mail in mails)
        self.message_user(
            request,
            ngettext("%(count)d mail queued again.",
                     "%(count)d mails queued again.", count) % {"count": count},
            messages.SUCCESS,
        )
