"""Tags for the page's head: its canonical address and language alternates (every page),
and the Open Graph and Twitter card tags of a page worth sharing (events.sharing).

They are on every uncached render, so they write their HTML directly (html.escape on each
value) rather than through format_html, a third of their cost."""

from html import escape

from django import template
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from events import sharing
from events.models import Event, Series

register = template.Library()


def _language_urls(context) -> dict[str, str]:
    """The page's absolute address in each language the switch offers, without the query."""
    return {link["code"]: sharing.absolute(link["url"].split("?", 1)[0])
            for link in context.get("language_links") or ()}


@register.simple_tag(takes_context=True)
def page_links(context) -> SafeString:
    """<link rel="canonical"> and one <link rel="alternate" hreflang> per language, and
    x-default: the address without a language prefix, which leads each browser to its
    language (as the sitemap says). Absolute, without the query (a filtered list is the
    same page)."""
    urls = _language_urls(context)
    current = urls.get(get_language())
    if current is None:
        return mark_safe("")  # noqa: S308
    default = urls.get(settings.LANGUAGE_CODE, current)
    prefix = f"{settings.SITE_URL}/{settings.LANGUAGE_CODE}/"
    if default.startswith(prefix):
        default = f"{settings.SITE_URL}/{default.removeprefix(prefix)}"
    links = [f'<link rel="canonical" href="{escape(current)}">',
             *(f'<link rel="alternate" hreflang="{escape(code)}" href="{escape(url)}">'
               for code, url in urls.items()),
             f'<link rel="alternate" hreflang="x-default" href="{escape(default)}">']
    return mark_safe("\n  ".join(links))  # noqa: S308 — every value escaped


@register.simple_tag(takes_context=True)
def share_meta(context, obj) -> SafeString:
    """The Open Graph and Twitter card tags of an event, a series or a report page."""
    if isinstance(obj, Event):
        card = sharing.event_card(obj)
    elif isinstance(obj, Series):
        card = sharing.series_card(obj, next_event=context.get("next_event"))
    else:
        card = sharing.report_card(obj)
    language = get_language()
    urls = _language_urls(context)
    url = urls.get(language) or sharing.absolute(obj.get_absolute_url())
    image = sharing.image_path(url, card)
    width, height = sharing.IMAGE_SIZE
    alt = " · ".join([card.title, *card.lines])
    tags = [
        ("property", "og:type", card.kind),
        ("property", "og:site_name", card.title if isinstance(obj, Series) else card.heading),
        ("property", "og:title", card.title),
        ("property", "og:description", card.description),
        ("property", "og:url", url),
        ("property", "og:image", image),
        ("property", "og:image:type", "image/png"),
        ("property", "og:image:width", str(width)),
        ("property", "og:image:height", str(height)),
        ("property", "og:image:alt", alt),
        ("property", "og:locale", sharing.og_locale(language)),
        *[("property", "og:locale:alternate", sharing.og_locale(code))
          for code in urls if code != language],
        *([("property", "article:published_time", card.published)] if card.published else []),
        # X (Twitter) reads the og: tags for the rest (title, description, image)
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:image:alt", alt),
    ]
    return mark_safe("\n  ".join(  # noqa: S308 — every value escaped
        f'<meta {attribute}="{key}" content="{escape(value)}">'
        for attribute, key, value in tags))
