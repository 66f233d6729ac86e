from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PitchesConfig(AppConfig):
    name = "pitches"
    verbose_name = _("Pitches")
