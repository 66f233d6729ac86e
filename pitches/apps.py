from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PitchesConfig(AppConfig):
    name = "pitches"
    verbose_name = _("Pitches")

    def ready(self) -> None:
        from events import page_cache
        from pitches.queries import notice_fresh_seconds, participant_applications_export
        from pitches.services.applications import participant_applications_erase
        from registrations.services import (
            participant_eraser_register,
            participant_exporter_register,
        )

        # The call's notice is on the series' and the pitch session's pages: a call saved
        # retires the cached pages (its opening and closing: events.views keeps such pages
        # only until then).
        page_cache.watch_model("pitches.PitchCall")
        page_cache.freshness_register(notice_fresh_seconds)
        # Deleting one's data withdraws one's applications and erases the presenter.
        participant_eraser_register(participant_applications_erase)
        # Their applications are part of the data a participant downloads.
        participant_exporter_register("pitches", participant_applications_export)
