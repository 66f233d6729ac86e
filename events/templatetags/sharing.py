"""Tags for the page's head: its canonical address and language alternates (every page),
and the Open Graph and Twitter card tags of a page worth sharing (events.sharing)."""

from django import template
from django.conf import settings
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
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
        return SafeString("")
    default = urls.get(settings.LANGUAGE_CODE, current)
    prefix = f"{settings.SITE_URL}/{settings.LANGUAGE_CODE}/"
    if default.startswith(prefix):
        default = f"{settings.SITE_URL}/{default.removeprefix(prefix)}"
    return format_html(
        '<link rel="canonical" href="{}">\n  {}\n  '
        '<link rel="alternate" hreflang="x-default" href="{}">',
        current,
        format_html_join("\n  ", '<link rel="alternate" hreflang="{}" href="{}">', urls.items()),
        default)


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
    url = _language_urls(context).get(language) or sharing.absolute(obj.get_absolute_url())
    image = sharing.absolute(f"{card.image_path}?v={sharing.image_version(card)}")
    width, height = sharing.IMAGE_SIZE
    alternates = [sharing.og_locale(code) for code in _language_urls(context)
                  if code != language]
    tags = [
        ("property", "og:type", card.kind),
        ("property", "og:site_name", getattr(obj, "series", obj).title),
        ("property", "og:title", card.title),
        ("property", "og:description", card.description),
        ("property", "og:url", url),
        ("property", "og:image", image),
        ("property", "og:image:type", "image/png"),
        ("property", "og:image:width", str(width)),
        ("property", "og:image:height", str(height)),
        ("property", "og:image:alt", " · ".join([card.title, *card.lines])),
        ("property", "og:locale", sharing.og_locale(language)),
        *[("property", "og:locale:alternate", locale) for locale in alternates],
        *([("property", "article:published_time", card.published)] if card.published else []),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", card.title),
        ("name", "twitter:description", card.description),
        ("name", "twitter:image", image),
        ("name", "twitter:image:alt", " · ".join([card.title, *card.lines])),
    ]
    return format_html_join("\n  ", '<meta {}="{}" content="{}">', tags)
