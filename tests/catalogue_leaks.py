"""Interface text of another language on a page or in a mail, found with the catalogues.

A page shown to a Bulgarian visitor must not carry an English source string, nor the
German, Spanish or Italian translation of an interface string. The strings to look for
come from the compiled catalogues a visitor can meet: ours, Django's own (form errors,
month and weekday names) and django-countries' (country names). Each string is cut at its
placeholders and markup into the pieces that reach the page as one run of text; a piece
counts when it is at least MIN_LENGTH characters long and is not found in any string of
the expected language (so words two languages share, "Online", "Italia", never count).
Pieces are matched whole-word and case-sensitively, after links and addresses are taken
out of the text; text the page marks with another `lang` is not the page's language and
is left out by `page_texts` (the language switch, a fallback in another language).
"""

import re
import struct
from functools import cache
from pathlib import Path

import django
import django_countries

LANGUAGES = ("de", "en", "es", "it", "bg")
MIN_LENGTH = 5
ROOT = Path(__file__).resolve().parent.parent
_CATALOGUE_FOLDERS = [
    *sorted(ROOT.glob("*/locale")),
    Path(django.__file__).parent / "conf" / "locale",
    Path(django_countries.__file__).parent / "locale",
]
# placeholders (%(name)s, %s, {name}, {{ name }}), markup, line ends: where a string is cut
_CUTS = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]|\{\{.*?\}\}|\{[^}]*\}"
                   r"|<[^>]*>|[\n\r\t]")
_URLS_AND_ADDRESSES = re.compile(r"\S+://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|/\S*/")


def _entries(path: Path) -> list[tuple[list[str], list[str]]]:
    """(source texts, translations) of each message of a compiled catalogue: the msgid and
    its plural, the translated forms (GNU .mo format, read directly so that the plural
    source text, which Python's gettext drops, is kept)."""
    data = path.read_bytes()
    order = "<" if data[:4] == b"\xde\x12\x04\x95" else ">"
    count, sources_at, translations_at = struct.unpack(order + "3I", data[8:20])
    entries = []
    for index in range(count):
        length, offset = struct.unpack(order + "2I", data[sources_at + 8 * index:][:8])
        source = data[offset:offset + length].decode()
        length, offset = struct.unpack(order + "2I", data[translations_at + 8 * index:][:8])
        translation = data[offset:offset + length].decode()
        source = source.split("\x04")[-1]  # a context comes before EOT
        if source:  # the empty msgid holds the header
            entries.append((source.split("\x00"), [t for t in translation.split("\x00") if t]))
    return entries


def _catalogues(language: str) -> list[Path]:
    return [path for folder in _CATALOGUE_FOLDERS
            if (path := folder / language / "LC_MESSAGES" / "django.mo").exists()]


@cache
def _strings(language: str) -> tuple[str, ...]:
    """Every interface string a page in `language` may show: the translations, or for
    English the source texts of every catalogue."""
    strings = set()
    if language == "en":
        for other in LANGUAGES:
            if other != "en":
                for path in _catalogues(other):
                    for sources, _translations in _entries(path):
                        strings.update(sources)
    else:
        for path in _catalogues(language):
            for _sources, translations in _entries(path):
                strings.update(translations)
    return tuple(sorted(strings))


def _pieces(text: str) -> set[str]:
    pieces = set()
    for piece in _CUTS.split(text):
        piece = " ".join(piece.split()).strip(" .,:;·–—()")
        if len(piece) >= MIN_LENGTH and any(character.isalpha() for character in piece):
            pieces.add(piece)
    return pieces


def _pattern(piece: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(piece) + r"(?!\w)")


@cache
def foreign_pieces(language: str) -> tuple[tuple[str, str, re.Pattern], ...]:
    """(piece, its language, its pattern) for every interface piece of another language
    that no string of `language` contains."""
    own = "\n".join(_strings(language))
    found = {}
    for other in LANGUAGES:
        if other == language:
            continue
        for text in _strings(other):
            for piece in _pieces(text):
                if piece in found:
                    continue
                pattern = _pattern(piece)
                if piece in own and pattern.search(own):
                    continue
                found[piece] = (other, pattern)
    return tuple((piece, other, pattern) for piece, (other, pattern) in sorted(found.items()))


def leaks(text: str, *, language: str, allowed: tuple[str, ...] = ()) -> list[str]:
    """The interface pieces of other languages in `text` (a page or mail shown in
    `language`), as "piece [language]"; `allowed` names content that may show anyway
    (people's and organisations' names)."""
    text = _URLS_AND_ADDRESSES.sub(" ", text)
    for name in allowed:
        text = text.replace(name, " ")
    found = [(piece, other) for piece, other, pattern in foreign_pieces(language)
             if piece in text and pattern.search(text)]
    # "Register for the series" is reported once, not with "Register" and "Register for".
    return [f"{piece!r} [{other}]" for piece, other in found
            if not any(piece != longer and piece in longer for longer, _other in found)]


# Every run of text of the page in its own language: text nodes (hidden ones too, as a
# screen reader reads them) and the attributes people meet (alt, title, aria-label,
# placeholder, a button's value, the description and the sharing cards' texts), one run
# a line; a run inside an element whose `lang` is another language is left out.
_PAGE_TEXTS_JS = """
(language) => {
  const own = (element) => {
    const marked = element && element.closest('[lang]');
    return !marked || marked.getAttribute('lang').split('-')[0].toLowerCase() === language;
  };
  const runs = [];
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, template') || !own(parent)) continue;
    runs.push(node.data);
  }
  const attributes = ['alt', 'title', 'aria-label', 'aria-description', 'placeholder'];
  for (const element of document.querySelectorAll('*')) {
    if (!own(element)) continue;
    for (const name of attributes) {
      if (element.hasAttribute(name)) runs.push(element.getAttribute(name));
    }
    if (element.matches('input[type=submit], input[type=button], input[type=reset]')) {
      runs.push(element.value);
    }
    if (element.matches('meta[name=description], meta[property="og:title"], '
                        + 'meta[property="og:description"], meta[property="og:image:alt"], '
                        + 'meta[name="twitter:title"], meta[name="twitter:description"], '
                        + 'meta[name="twitter:image:alt"]')) {
      runs.push(element.getAttribute('content'));
    }
  }
  return runs.map((run) => run.replace(/\\s+/g, ' ').trim()).filter(Boolean).join('\\n');
}
"""


def page_texts(page, *, language: str) -> str:
    """The text of the page loaded in a Playwright `page` that claims to be `language`."""
    return page.evaluate(_PAGE_TEXTS_JS, language)
