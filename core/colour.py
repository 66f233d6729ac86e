"""Colours that stay readable: WCAG 2.1 contrast, and colours derived so that they keep it.

Colours are "#rrggbb" strings. Framework-free (used by the series' accent colour, its
stylesheet and the initials avatars)."""

import hashlib
import re
from functools import lru_cache

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
AA_TEXT = 4.5  # WCAG 2.1 AA, normal text


def _rgb(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2.1)."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """The contrast ratio of two colours, 1 to 21."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """`colour` with `share` (0–1) of `other` mixed in."""
    return _hex(tuple(a + (b - a) * share for a, b in zip(_rgb(colour), _rgb(other), strict=True)))


def readable_on(colour: str, background: str, *, towards: str, ratio: float = AA_TEXT) -> str:
    """`colour`, mixed towards `towards` (white or black) in small steps until it has
    `ratio` against `background` (the first mix that does; `towards` itself at worst)."""
    for step in range(21):
        candidate = mix(colour, towards, step / 20)
        if contrast(candidate, background) >= ratio:
            return candidate
    return towards


@lru_cache(maxsize=4096)  # the same few hundred names on every page
def name_colour(name: str) -> str:
    """A colour for a name's initials avatar, the same for the same name on every page:
    a hue from the name, dark enough for white initials (at least 4.5:1)."""
    digest = hashlib.sha256(name.strip().lower().encode()).digest()
    hue = digest[0] / 255 * 6  # the hue on the colour wheel, in sixths
    x = 1 - abs(hue % 2 - 1)
    r, g, b = [(1, x, 0), (x, 1, 0), (0, 1, x), (0, x, 1), (x, 0, 1), (1, 0, x)][int(hue) % 6]
    base = _hex((0.25 + 0.45 * r, 0.25 + 0.45 * g, 0.25 + 0.45 * b))
    return readable_on(base, "#ffffff", towards="#000000")


def initials(name: str) -> str:
    """Up to two initials: of the first and the last word ("Ana María López" → "AL")."""
    words = [word for word in re.split(r"[\s\-–.,]+", name) if word and word[0].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()
