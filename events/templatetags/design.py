"""Template tags of the design system (docs/design.md): avatars for people and
organisations."""

from functools import lru_cache

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core import colour

register = template.Library()


@register.simple_tag
def avatar(person, *, size: int = 48, large: bool = False):
    """A speaker's photo or an organisation's logo where there is one, else the initials of
    its name on a colour drawn from the name, as inline SVG (no request, no inline style:
    presentation attributes pass a strict CSP). Decorative: the name stands beside it."""
    image = getattr(person, "photo", None) or getattr(person, "logo", None)
    classes = "avatar" + (" avatar--large" if large else "")
    if image:
        if getattr(person, "logo", None):
            classes += " avatar--logo"
        return format_html('<img class="{}" src="{}" alt="" width="{}" height="{}" '
                           'loading="lazy" decoding="async">', classes, image.url, size, size)
    return _initials_avatar(str(person), classes, size)


@lru_cache(maxsize=4096)  # the same few hundred names on every page
def _initials_avatar(name: str, classes: str, size: int) -> SafeString:
    return format_html(
        '<svg class="{}" viewBox="0 0 48 48" width="{}" height="{}" aria-hidden="true" '
        'focusable="false"><circle cx="24" cy="24" r="24" fill="{}"/>'
        '<text x="24" y="24" dy="0.35em" text-anchor="middle" font-size="18" fill="#ffffff">{}'
        '</text></svg>', classes, size, size, colour.name_colour(name), colour.initials(name))
