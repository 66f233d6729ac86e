from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Feedback")

    def ready(self) -> None:
        from feedback.mails import INVITATION_MAIL, invitation_render
        from feedback.queries import participant_answers_export
        from feedback.services import feedback_answers_anonymise
        from mail.services import mail_renderer_register
        from registrations.services import (
            participant_eraser_register,
            participant_exporter_register,
        )

        # The invitations are rendered when they are sent (written in bulk, unrendered).
        mail_renderer_register(INVITATION_MAIL, invitation_render)
        # Deleting one's data erases one's words in the answers (the counts stay).
        participant_eraser_register(feedback_answers_anonymise)
        # Their answers are part of the data a participant downloads.
        participant_exporter_register("feedback", participant_answers_export)
