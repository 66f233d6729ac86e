from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Series


class EventFilterForm(forms.Form):
    """The filters of the event list; every choice comes from the series itself."""

    theme = forms.ChoiceField(label=_("Theme"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args, series: Series, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("All themes"))] + [
            (theme.slug, theme.name) for theme in series.themes.all()
        ]
        self.fields["region"].choices = [("", _("All regions"))] + [
            (region.slug, region.name) for region in series.regions.all()
        ]
        self.fields["theme"].error_messages["invalid_choice"] = _(
            "There is no theme “%(value)s” in this series."
        )
        self.fields["region"].error_messages["invalid_choice"] = _(
            "There is no region “%(value)s” in this series."
        )
