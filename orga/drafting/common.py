"""What every language of the report draft shares: the draft itself, Markdown escaping,
joining words into an enumeration, picking sentences from an abstract.

Nothing here knows a language's words; `de.py`, `en.py`, … hold those.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils import translation
from django_countries import countries


@dataclass(frozen=True)
class ReportDraft:
    language: str
    title: str
    summary: str
    body: str  # Markdown


# What could turn a name or a title into Markdown of its own (emphasis, a link, code, an
# escape, raw HTML, an entity). Python-Markdown reads a backslash before each of these
# characters as the character itself; '<' and '&' become entities.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]])")


def md(text: str) -> str:
    """`text` from the database, safe inside a Markdown paragraph: it reads as itself."""
    text = " ".join(text.split())  # a line break in a title must not start a new block
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def bold(text: str) -> str:
    return f"**{md(text)}**"


def enumerate_words(items: Sequence[str], *, conjunction: str | Callable[[str], str],
                    serial: str = "") -> str:
    """"A", "A and B", "A, B and C": `conjunction` is the word before the last item (or a
    function of that item, for Spanish y/e); `serial` is put before it when there are three
    or more (the English serial comma: ',')."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    word = conjunction(items[-1]) if callable(conjunction) else conjunction
    head = ", ".join(items[:-1])
    comma = serial if len(items) > 2 else ""
    return f"{head}{comma} {word} {items[-1]}"


def lower_first(text: str) -> str:
    """A theme's name inside a sentence: 'Mobility' → 'mobility', but 'ICT' stays."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


# A sentence ends at . ! ? … before a space and a capital letter or an opening quote; not
# after abbreviations such as "e.V.", "u. a.", "z. B.", "Dr." or "St." (a letter or two).
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“„«¿¡(]?[A-ZÀ-ÖØ-ÞА-ЯЁ0-9])")
_ABBREVIATION = re.compile(r"(\b\w{1,3}\.\w{1,3}\.|\b\w{1,2}\.|\b(Dr|Prof|Nr|Str|bzw|ca|vgl)\.)$")
MIN_EXCERPT = 80  # characters: a shorter first sentence gets the next one too


def sentences(text: str) -> list[str]:
    pieces = _SENTENCE_END.split(" ".join(text.split()))
    merged: list[str] = []
    for piece in pieces:
        if merged and _ABBREVIATION.search(merged[-1]):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return [piece for piece in merged if piece]


def excerpt(text: str) -> str:
    """A sentence or two of an abstract for the report: from the first one that is not a
    question (an abstract often opens with one), a second when the first is short."""
    found = sentences(text)
    if not found:
        return ""
    start = next((index for index, item in enumerate(found) if not item.endswith("?")), 0)
    chosen = found[start:start + 1]
    if len(chosen[0]) < MIN_EXCERPT and start + 1 < len(found):
        chosen.append(found[start + 1])
    return " ".join(chosen)


def paragraphs(*blocks: str) -> str:
    """The body: the non-empty blocks, a blank line between them, a final newline."""
    return "\n\n".join(block for block in blocks if block) + "\n"


def country_name(code: str, language: str) -> str:
    """A country's name in `language` (django-countries' translations)."""
    with translation.override(language):
        return str(countries.name(code)) or code


def full_stop(text: str) -> str:
    """A sentence that ends with a name: 'NEU e.V.' takes no second full stop."""
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."
