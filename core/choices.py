"""Labels of model choices."""

from django.db import models


def choice_label(choices: type[models.Choices], value) -> str:
    """The label of `value` in `choices`, translated into the active language, or the value
    itself when it is none of them — what get_FOO_display() gives, without building the
    field's choices anew on every call (a mail's event item called it twice, 40 % of its
    time)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value
