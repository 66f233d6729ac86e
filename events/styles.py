"""A series' accent colour as CSS custom properties (the tokens of site.css), with the
shades derived from it so that every pair the site uses keeps WCAG AA contrast."""

from core import colour

DARK_SURFACE = "#232b33"  # site.css, dark scheme: --cm-surface-sunk, the lightest background
DARK_INK = "#0b1d22"      # text on the accent in the dark scheme
LIGHT_SURFACE = "#ffffff"


def series_css(*, accent: str) -> str:
    """The stylesheet for `accent` (#rrggbb, validated on save); empty without one."""
    if not colour.HEX_COLOUR.fullmatch(accent or ""):
        return "/* no accent colour: the defaults of site.css */\n"
    light = {
        "--cm-accent": accent,
        "--cm-accent-ink": "#ffffff",
        "--cm-accent-strong": colour.mix(accent, "#000000", 0.3),
        "--cm-accent-soft": colour.mix(accent, LIGHT_SURFACE, 0.88),
    }
    bright = colour.readable_on(accent, DARK_SURFACE, towards="#ffffff")
    dark = {
        "--cm-accent": bright,
        "--cm-accent-ink": DARK_INK,
        "--cm-accent-strong": colour.mix(bright, "#ffffff", 0.35),
        "--cm-accent-soft": colour.mix(accent, DARK_SURFACE, 0.75),
    }

    def block(values: dict[str, str]) -> str:
        return ":root { " + " ".join(f"{name}: {value};" for name, value in values.items()) + " }"

    return (f"{block(light)}\n@media (prefers-color-scheme: dark) {{ {block(dark)} }}\n"
            f"@media print {{ :root {{ --cm-accent: #000; }} }}\n")
