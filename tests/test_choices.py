"""core.choices.choice_label gives what get_FOO_display() gives, in every language."""

import pytest
from django.utils import translation

from core.choices import choice_label
from events.models import Event, Talk
from registrations.models import Registration

LANGUAGES = ["de", "en", "es", "it", "bg"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("model, field, choices", [
    (Event, "format", Event.Format), (Talk, "kind", Talk.Kind),
    (Registration, "state", Registration.State),
])
def test_the_label_is_the_display_value(language, model, field, choices):
    with translation.override(language):
        for value in [*choices.values, "not-a-choice"]:
            instance = model(**{field: value})
            display = getattr(instance, f"get_{field}_display")()

            assert choice_label(choices, value) == display
