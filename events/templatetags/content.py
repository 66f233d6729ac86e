"""Content in the reader's language, a fallback marked with its own language.

    {% load content %}
    <h1>{{ event|content:"title" }}</h1>            text; <span lang="de">…</span> if a fallback
    <title>{{ event|content_text:"title" }}</title>  plain text (titles, attributes, text mails)
    {{ talk|content_paragraphs:"abstract" }}        paragraphs (linebreaks), in <div lang> if so
    <div{{ report|content_lang:"body" }}>            ` lang="de"` on the holding element, or nothing
    {% in_language title title_language as marked %}  a text whose language is known already

The object is a model instance with translated fields (the rule of
events.content_language.translated), or a mail's plain dict holding `field` and
`field_language`. "Differs" means: from the language the page (or mail) is rendered in.
"""

from typing import Any

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils import translation
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe

from events.content_language import translated

register = template.Library()


def _resolve(obj: Any, field: str) -> tuple[str, str | None]:
    """The text and, when it is in another language than the page's, that language."""
    page = translation.get_language() or ""
    if isinstance(obj, dict):
        text, language = obj.get(field) or "", obj.get(f"{field}_language") or page
    elif obj is None or obj == "":
        return "", None
    else:
        text, language = translated(obj, field, language=page or None)
    return text, (language if text and language != page else None)


def _span(text: str, language: str) -> SafeString:
    return mark_safe(f'<span lang="{escape(language)}">{conditional_escape(text)}</span>')


@register.filter
def content(obj: Any, field: str) -> SafeString:
    """The text, escaped; in <span lang="…"> when it is in another language than the page."""
    text, foreign = _resolve(obj, field)
    return _span(text, foreign) if foreign else conditional_escape(text)


@register.filter
def content_text(obj: Any, field: str) -> str:
    """The text alone (for <title>, meta tags, attributes and the text part of mails)."""
    return _resolve(obj, field)[0]


@register.filter
def content_paragraphs(obj: Any, field: str) -> SafeString:
    """The text as paragraphs (linebreaks); in <div lang="…"> when in another language."""
    text, foreign = _resolve(obj, field)
    paragraphs = linebreaks_filter(text, autoescape=True) if text else ""
    if foreign:
        return format_html('<div lang="{}">{}</div>', foreign, paragraphs)
    return mark_safe(paragraphs)


@register.filter
def content_lang(obj: Any, field: str) -> SafeString:
    """` lang="…"` for the element holding the text when it is in another language, else
    nothing."""
    _text, foreign = _resolve(obj, field)
    return format_html(' lang="{}"', foreign) if foreign else mark_safe("")


@register.simple_tag
def in_language(text: Any, language: str = "") -> SafeString:
    """A text whose language is known (e.g. a mail's series title): escaped, in
    <span lang="…"> when that language is not the page's. A tag, not a filter, so that a
    context without the language (an empty one) renders the text unmarked:
    {% in_language series_title series_title_language as title %}."""
    if text and language and language != translation.get_language():
        return _span(text, language)
    return conditional_escape(text)
