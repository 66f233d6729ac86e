from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self) -> None:
        from events import page_cache
        from mail.services import mail_check_register, mail_renderer_register
        from registrations.mails import REGISTRATION_MAIL, registration_mail_render
        from registrations.reminders import reminder_still_wanted

        # The privacy notice is on the registration page, whose reads are cached with the
        # public content.
        page_cache.watch_model("registrations.ConsentText")
        # A reminder waiting in the outbox is checked again when it is sent.
        mail_check_register("reminder:", reminder_still_wanted)
        # The mails of an event's changes are rendered when they are sent.
        mail_renderer_register(REGISTRATION_MAIL, registration_mail_render)
