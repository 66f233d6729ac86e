from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgaConfig(AppConfig):
    name = "orga"
    verbose_name = _("Organiser workspace")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from orga import rules  # noqa: F401  (registers the workspace's permissions)
