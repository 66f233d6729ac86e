"""Markdown to safe HTML: rendered with Python-Markdown, then sanitised with nh3.

Images pass only from this site's media (MEDIA_URL: a relative /media/… address, or
/media/… under SITE_URL's origin, or MEDIA_URL itself where that is absolute, as with an
S3-compatible storage): an image of another host would tell it who reads the page (a
tracking pixel), so it is dropped whole, as is one whose address is a `javascript:` or
`data:` URL or anything else. An image keeps its src, alt, width and height, nothing else.
"""

import re
from urllib.parse import unquote, urlsplit

import markdown
import nh3
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h2", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td", "img",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"},
                      "img": {"src", "alt", "width", "height"}}
_DIMENSION = re.compile(r"[1-9][0-9]{0,3}")
# an img nh3 left without its src (the filter below refused it): dropped whole. nh3 writes
# every attribute quoted and escapes ">" inside values, so a tag ends at the first ">".
_IMG_WITHOUT_SRC = re.compile(r'<img(?![^>]*\ssrc=")[^>]*>')


def render_markdown(text: str, *, absolute: bool = False) -> SafeString:
    """`text` (Markdown) as sanitised HTML; `absolute`: images' addresses with SITE_URL's
    origin (for a feed, read elsewhere than on this site)."""
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"])
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_absolute_filter if absolute else _attribute_filter,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(_IMG_WITHOUT_SRC.sub("", clean))


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    if element != "img":
        return value
    if attribute == "src":
        return value if is_site_media_url(value) else None
    if attribute in ("width", "height"):
        return value if _DIMENSION.fullmatch(value.strip()) else None
    return value if attribute == "alt" else None  # nh3's generic title and lang too


def _absolute_filter(element: str, attribute: str, value: str) -> str | None:
    kept = _attribute_filter(element, attribute, value)
    if element == "img" and attribute == "src" and kept and kept.startswith("/"):
        return settings.SITE_URL + kept
    return kept


def is_site_media_url(url: str) -> bool:
    """Whether `url` names a file of this site's media (and nothing else: no other host, no
    way out of the media folder, no scheme but http(s))."""
    url = url.strip()
    decoded = unquote(url)
    if (not url or "\\" in decoded or any(ord(char) < 32 for char in decoded)
            or "/../" in f"{decoded}/".replace("/./", "/")):
        return False
    media = settings.MEDIA_URL
    if urlsplit(media).netloc:  # media on another host of its own (S3-compatible storage)
        return url.startswith(media.rstrip("/") + "/")
    parts = urlsplit(url)
    if not parts.path.startswith(media.rstrip("/") + "/") or parts.path.startswith("//"):
        return False
    if not parts.scheme and not parts.netloc:
        return True
    site = urlsplit(settings.SITE_URL)
    return (parts.scheme in ("http", "https") and parts.scheme == site.scheme
            and parts.netloc.lower() == site.netloc.lower())
