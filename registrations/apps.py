from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self) -> None:
        from events import page_cache

        # The privacy notice is on the registration page, whose reads are cached with the
        # public content.
        page_cache.watch_model("registrations.ConsentText")
