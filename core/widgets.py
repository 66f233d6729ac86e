"""Form widgets that render long option lists without a template per option."""

from collections.abc import Callable, Sequence

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


class CountryInput(forms.TextInput):
    """A text input searched by typing: a <datalist> offers the names (from `names`, a
    callable giving (code, name) pairs in the active language) that contain what was typed.
    Plain HTML, so it works without JavaScript; the field resolves the typed name.

    A known code is shown as its name. The ~250 options are joined in Python: Django's
    template per option costs 20–30 ms for a country list, most of a form page's CPU.
    """

    input_type = "text"

    def __init__(self, names: Callable[[], Sequence[tuple[str, str]]], attrs=None):
        super().__init__(attrs)
        self.names = names

    def format_value(self, value) -> str:
        if value is None or value == "":
            return ""
        text = str(value)
        return next((name for code, name in self.names() if code == text), text)

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        list_id = f"{final_attrs.get('id') or 'id_' + name}-list"
        final_attrs["list"] = list_id
        shown = self.format_value(value)
        value_attr = f' value="{escape(shown)}"' if shown else ""
        options = "".join(f'<option value="{escape(label)}">' for _code, label in self.names())
        return mark_safe(f'<input type="text" name="{escape(name)}"{value_attr}'
                         f'{flatatt(final_attrs)}>'
                         f'<datalist id="{escape(list_id)}">{options}</datalist>')
