"""Form widgets that render long option lists without a template per option."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


class LongSelect(forms.Select):
    """A select for long flat lists such as the ~250 countries.

    Django renders every option through its own template: 20–30 ms for a country list, most
    of a registration page's CPU. This joins the options in Python into the same markup
    (Django's select attributes, `selected` on the chosen value). Grouped choices are not
    supported: use forms.Select for them.
    """

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        chosen = {str(item) for item in self.format_value(value)}
        options = []
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                raise TypeError("LongSelect renders flat choices only")
            option_value = "" if option_value is None else str(option_value)
            selected = ' selected' if option_value in chosen else ''
            options.append(f'<option value="{escape(option_value)}"{selected}>'
                           f'{escape(label)}</option>')
        final_attrs = self.build_attrs(self.attrs, attrs)
        return mark_safe(f'<select name="{escape(name)}"{flatatt(final_attrs)}>\n'
                         + "\n".join(options) + "\n</select>")
