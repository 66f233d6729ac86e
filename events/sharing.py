"""What a page shows when its link is shared (LinkedIn, Mastodon, mail clients, search
engines): the Open Graph and Twitter card tags, the canonical address and the share image.

LinkedIn, where networks advertise their events, reads `og:title`, `og:description` and
`og:image` and shows nothing for an SVG: the share image is a PNG of IMAGE_SIZE (1200 × 627,
LinkedIn's own advice; 1.91:1 as Open Graph's), drawn with Pillow in the series' accent
colour, with the title, the date and the region, in Noto Sans (vendored in share_fonts/,
Latin, Greek and Cyrillic, SIL Open Font Licence). Every address is absolute, from
SITE_URL, so that a page kept by the page cache is right for every visitor.
"""

import hashlib
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import get_language
from PIL import Image, ImageDraw, ImageFont

from core import local_forms
from core.choices import choice_label
from events.models import Event, Series

IMAGE_SIZE = (1200, 627)
BRAND = "#0b5563"  # site.css --brand: the series' colour where it sets none
ACCENT_MARK = "#f2b134"  # site.css --accent
FONTS = Path(__file__).resolve().parent / "share_fonts"
DESCRIPTION_WORDS = 40

# The Open Graph locale of each interface language (language_TERRITORY).
OG_LOCALES = {"de": "de_DE", "en": "en_GB", "es": "es_ES", "it": "it_IT", "bg": "bg_BG"}


@dataclass(frozen=True)
class ShareCard:
    """What the tags and the image of one page say."""
    title: str
    description: str
    kind: str  # og:type
    lines: tuple[str, ...]  # the image's small print under the title: date, place
    heading: str  # the image's line above the title: the series
    colour: str
    published: str = ""  # article:published_time, ISO 8601


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def og_locale(language: str | None = None) -> str:
    code = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return OG_LOCALES.get(code, code)


def series_colour(series: Series) -> str:
    """The series' accent colour (dark enough for white text, as its form demands)."""
    return getattr(series, "accent_colour", "") or BRAND


def event_when(event: Event) -> str:
    """"Thursday 17 June 2021, 09:30–12:30 Berlin time (CEST, UTC+2)": the event's time as
    its page says it (core.local_forms), in the active language."""
    return str(local_forms.when(event.start, event.end, event.time_zone))


def event_place(event: Event) -> str:
    parts = [choice_label(Event.Format, event.format)]
    if event.region:
        country = event.region.country.name if event.region.country else ""
        parts.append(f"{event.region.name} ({country})" if country else event.region.name)
    return " · ".join(parts)


def next_event(series: Series) -> Event | None:
    """The series' next published event, as its page shows it first."""
    return (Event.objects.published().filter(series=series, end__gte=timezone.now())
            .select_related("region", "series").order_by("start").first())


def _words(text: str, count: int = DESCRIPTION_WORDS) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def event_card(event: Event) -> ShareCard:
    when, place = event_when(event), event_place(event)
    summary = _words(event.summary)
    return ShareCard(
        title=event.title,
        description=" ".join(filter(None, [f"{when} · {place}.", summary])),
        kind="website",
        lines=(when, place), heading=event.series.title, colour=series_colour(event.series))


def series_card(series: Series, *, next_event: Event | None = None) -> ShareCard:
    lines = ((event_when(next_event), next_event.title) if next_event
             else tuple(filter(None, [series.tagline])))
    description = series.tagline or series.title
    if next_event:
        description = f"{description} — {next_event.title}: {event_when(next_event)}."
    return ShareCard(
        title=series.title, description=description, kind="website",
        lines=lines, heading=series.organiser.name if series.organiser_id else "",
        colour=series_colour(series))


def report_card(report) -> ShareCard:
    published = formats.date_format(report.published_at, "DATE_FORMAT")
    summary = _words(report.summary)
    lines = (published, report.event.title) if report.event else (published,)
    return ShareCard(
        title=report.title,
        description=" ".join(filter(None, [f"{published}.", summary])),
        kind="article",
        lines=lines, heading=report.series.title, colour=series_colour(report.series),
        published=report.published_at.isoformat())


def image_path(page_path: str, card: ShareCard) -> str:
    """The share image of the page at `page_path` (each is the page's address + share.png:
    clustermeet.urls), with a short hash of what it shows: a changed title or date gives a
    new address, which LinkedIn and other sites (which keep images for days) fetch anew."""
    return f"{page_path}share.png?v={image_version(card)}"


def image_version(card: ShareCard) -> str:
    text = "\n".join([card.heading, card.title, *card.lines, card.colour])
    return hashlib.sha256(text.encode()).hexdigest()[:10]


# The image ---------------------------------------------------------------------------------

@cache
def _font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / f"NotoSans-{weight}.ttf"), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _fit(draw: ImageDraw.ImageDraw, text: str, weight: str, *, sizes: range, width: int,
         max_lines: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest of `sizes` at which `text` takes at most `max_lines` lines of `width`;
    at the smallest, the lines beyond are cut with an ellipsis."""
    for size in sizes:
        font = _font(weight, size)
        lines = _wrap(draw, text, font, width)
        if len(lines) <= max_lines and all(draw.textlength(line, font=font) <= width
                                           for line in lines):
            return font, lines
    lines = lines[:max_lines]
    while lines and draw.textlength(lines[-1] + " …", font=font) > width:
        lines[-1] = lines[-1][:-1]
    if lines:
        lines[-1] = lines[-1].rstrip() + " …"
    return font, lines


def share_image_png(card: ShareCard) -> bytes:
    """The card as a PNG of IMAGE_SIZE: white text on the series' colour, an accent bar."""
    width, height = IMAGE_SIZE
    margin = 80
    image = Image.new("RGB", IMAGE_SIZE, card.colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, height), fill=ACCENT_MARK)
    text_width = width - 2 * margin
    heading, _lines = _fit(draw, card.heading, "Regular", sizes=range(36, 23, -2),
                           width=text_width, max_lines=1)
    draw.text((margin, 70), "\n".join(_lines), font=heading, fill="#ffffff")
    title_font, title_lines = _fit(draw, card.title, "Bold", sizes=range(68, 39, -4),
                                   width=text_width, max_lines=3)
    top = 150
    line_height = int(title_font.size * 1.2)
    for line in title_lines:
        draw.text((margin, top), line, font=title_font, fill="#ffffff")
        top += line_height
    small_top = height - 80 - 50 * len(card.lines)
    for text in card.lines:
        font, lines = _fit(draw, text, "Regular", sizes=range(34, 21, -2), width=text_width,
                           max_lines=1)
        draw.text((margin, small_top), lines[0] if lines else "", font=font, fill="#ffffff")
        small_top += 50
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()
