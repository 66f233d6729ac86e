from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Series and events")

    def ready(self) -> None:
        from events import content_language, page_cache

        content_language.install()
        page_cache.connect_invalidation()
