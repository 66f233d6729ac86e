from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "matchmaking"
    verbose_name = _("Matchmaking")

    def ready(self) -> None:
        from mail.services import mail_renderer_register
        from matchmaking.integrity import CHECKS
        from matchmaking.mails import MAIL_KIND, matchmaking_mail_render
        from matchmaking.services.profiles import (
            participant_profiles_erase,
            participant_profiles_export,
        )
        from registrations.integrity import integrity_check_register
        from registrations.services import (
            participant_eraser_register,
            participant_exporter_register,
        )

        # Deleting one's data deletes one's profiles (their meetings are cancelled), and
        # the profiles are part of the data a participant downloads.
        participant_eraser_register(participant_profiles_erase)
        participant_exporter_register("matchmaking", participant_profiles_export)
        # The mails of requests and meetings are rendered when sent (written under locks).
        mail_renderer_register(MAIL_KIND, matchmaking_mail_render)
        # Its invariants are part of `manage.py check_integrity`.
        for check in CHECKS:
            integrity_check_register(check)
