"""Whom to meet: the other profiles of a series ranked for one viewer by complementarity.
Pure Python, no Django: the caller (matchmaking.queries_people.suggestions_for) reads the
profiles and hands them over as plain data, and renders the reasons in the reader's
language.

A candidate scores for
  (a) the themes the viewer looks for that they offer                 THEME_MATCH each,
  (b) the themes they look for that the viewer offers                 THEME_MATCH each,
  (c) words of the viewer's "what we look for" in their "what we offer", and words of
      their "what we look for" in the viewer's "what we offer"        WORD_MATCH each
      (at most WORDS_COUNTED each way),
  (d) themes of interest both share, not named in (a) or (b)          SHARED_THEME each,
  (e) a country other than the viewer's, in which the viewer has no contact yet (no
      standing request or meeting with anyone from there)             NEW_COUNTRY.
The viewer and the people they have a standing request with are left out, and so is
anyone who scores nothing. Order: score, highest first, then id.

Words, in any language and script (Bulgarian Cyrillic as well as German or Spanish): the
case-folded runs of at least MIN_WORD letters, without a few very common words.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

THEME_MATCH = 3
WORD_MATCH = 1
WORDS_COUNTED = 5
SHARED_THEME = 1
NEW_COUNTRY = 2
MIN_WORD = 4
WORDS_SHOWN = 3

# Reasons' kinds, in the order an explanation names them.
OFFERS_NEEDED = "offers_needed"  # themes they offer that the viewer looks for
NEEDS_OFFERED = "needs_offered"  # themes they look for that the viewer offers
WORDS_OFFERED = "words_offered"  # words of the viewer's need found in their offer
WORDS_NEEDED = "words_needed"  # words of their need found in the viewer's offer
SHARED_THEMES = "shared_themes"  # themes of interest both share
NEW_COUNTRY_KIND = "new_country"  # their country, where the viewer knows nobody yet

_WORD = re.compile(r"[^\W\d_]+")
# Frequent words of four letters or more in the platform's languages, which say nothing
# of what a company does.
_STOP_WORDS = """
    about also been both could does each from have into more most
    need needs offer offers other ours such than that their them then there these
    they this those very want what when where which while will with would your yours
    looking search seeking partner partners company companies
    aber alle auch eine einen einer eines oder sind sowie suchen suche unsere unser
    unseren welche wird werden nach über bieten biete
    como para pero sobre esta este estos estas nuestra nuestro nuestros nuestras
    buscamos ofrecemos empresa empresas socios
    alla anche come della delle degli nella nelle sono questo questa nostra nostro
    nostri nostre cerchiamo offriamo aziende azienda
    като които която който както също нашата нашия нашите търсим предлагаме фирма
    фирми компания компании партньори чрез през
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())


@dataclass(frozen=True)
class Person:
    """A profile as the ranking sees it: themes by name (in the reader's language, in
    the series' order), the two texts, the country's code."""

    id: int
    offer_themes: tuple[str, ...] = ()
    need_themes: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()  # themes of interest besides offer and need themes
    offer: str = ""
    need: str = ""
    country: str = ""


@dataclass(frozen=True)
class Reason:
    kind: str
    themes: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    country: str = ""


@dataclass(frozen=True)
class Suggestion:
    person: Person
    score: int
    reasons: tuple[Reason, ...]


def words(text: str) -> set[str]:
    """The words of `text` that count: case-folded, of MIN_WORD letters or more, no stop
    words."""
    return {word for word in _WORD.findall(text.casefold())
            if len(word) >= MIN_WORD and word not in STOP_WORDS}


def _common(first: Sequence[str], second: Iterable[str]) -> tuple[str, ...]:
    """What both hold, in the order of `first`."""
    second = set(second)
    return tuple(item for item in dict.fromkeys(first) if item in second)


def _all_themes(person: Person) -> tuple[str, ...]:
    return tuple(dict.fromkeys(person.offer_themes + person.need_themes + person.interests))


def suggestion_for(viewer: Person, other: Person, *, known_countries: frozenset[str],
                   viewer_need_words: set[str] | None = None,
                   viewer_offer_words: set[str] | None = None) -> Suggestion:
    """How well `other` complements `viewer`, and why (reasons in a fixed order)."""
    need_words = words(viewer.need) if viewer_need_words is None else viewer_need_words
    offer_words = words(viewer.offer) if viewer_offer_words is None else viewer_offer_words
    reasons, score = [], 0
    offered = _common(other.offer_themes, viewer.need_themes)
    if offered:
        reasons.append(Reason(OFFERS_NEEDED, themes=offered))
        score += THEME_MATCH * len(offered)
    needed = _common(other.need_themes, viewer.offer_themes)
    if needed:
        reasons.append(Reason(NEEDS_OFFERED, themes=needed))
        score += THEME_MATCH * len(needed)
    for kind, mine, theirs in ((WORDS_OFFERED, need_words, other.offer),
                               (WORDS_NEEDED, offer_words, other.need)):
        found = sorted(mine & words(theirs))
        if found:
            reasons.append(Reason(kind, words=tuple(found[:WORDS_SHOWN])))
            score += WORD_MATCH * min(len(found), WORDS_COUNTED)
    named = set(offered) | set(needed)
    shared = tuple(theme for theme in _common(_all_themes(other), _all_themes(viewer))
                   if theme not in named)
    if shared:
        reasons.append(Reason(SHARED_THEMES, themes=shared))
        score += SHARED_THEME * len(shared)
    if other.country and other.country != viewer.country and (
            other.country not in known_countries):
        reasons.append(Reason(NEW_COUNTRY_KIND, country=other.country))
        score += NEW_COUNTRY
    return Suggestion(person=other, score=score, reasons=tuple(reasons))


def suggestions(viewer: Person, others: Iterable[Person], *,
                known_countries: Iterable[str] = (), excluded: Iterable[int] = (),
                limit: int | None = None) -> list[Suggestion]:
    """The others that complement `viewer`, best first (score, then id), without the
    viewer, the `excluded` ids and those scoring nothing; at most `limit`."""
    known = frozenset(known_countries)
    left_out = set(excluded) | {viewer.id}
    need_words, offer_words = words(viewer.need), words(viewer.offer)
    ranked = []
    for other in others:
        if other.id in left_out:
            continue
        suggestion = suggestion_for(viewer, other, known_countries=known,
                                    viewer_need_words=need_words,
                                    viewer_offer_words=offer_words)
        if suggestion.score > 0:
            ranked.append(suggestion)
    ranked.sort(key=lambda suggestion: (-suggestion.score, suggestion.person.id))
    return ranked if limit is None else ranked[:limit]
