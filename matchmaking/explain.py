"""A suggestion's reasons (matchmaking.suggest) as one line in the reader's language:
"Offers Mobility, which you look for · looks for Energy, which you offer · from Bulgaria,
a country you have no contact in yet"."""

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django_countries import countries

from matchmaking import suggest


def _words(words: tuple[str, ...]) -> str:
    return ", ".join(_("“%(word)s”") % {"word": word} for word in words)


def reason_text(reason: suggest.Reason) -> str:
    themes = ", ".join(reason.themes)
    if reason.kind == suggest.OFFERS_NEEDED:
        return _("offers %(themes)s, which you look for") % {"themes": themes}
    if reason.kind == suggest.NEEDS_OFFERED:
        return _("looks for %(themes)s, which you offer") % {"themes": themes}
    if reason.kind == suggest.WORDS_OFFERED:
        return _("what they offer mentions %(words)s, which you look for") % {
            "words": _words(reason.words)}
    if reason.kind == suggest.WORDS_NEEDED:
        return _("what they look for mentions %(words)s, which you offer") % {
            "words": _words(reason.words)}
    if reason.kind == suggest.SHARED_THEMES:
        return _("shares your interest in %(themes)s") % {"themes": themes}
    return _("from %(country)s, a country you have no contact in yet") % {
        "country": countries.name(reason.country) or reason.country}


def explanation(suggestion: suggest.Suggestion) -> str:
    """The reasons of a suggestion, in one line."""
    return capfirst(" · ".join(reason_text(reason) for reason in suggestion.reasons))
