from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgaConfig(AppConfig):
    name = "orga"
    verbose_name = _("Organiser workspace")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from mail.services import mail_renderer_register
        from orga import rules  # noqa: F401  (registers the workspace's permissions)
        from orga.services.mails import COMPOSED_MAIL, composed_mail_render

        # A composed mail is rendered for each recipient when it is sent.
        mail_renderer_register(COMPOSED_MAIL, composed_mail_render)
