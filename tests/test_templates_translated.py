"""Every text a reader sees in a template is marked for translation: a visible text node
(or a title, alt, aria-label or placeholder attribute) with letters outside
{% translate %} / {% blocktranslate %} fails, unless the allow-list below names it."""

import re
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted(
    path.relative_to(ROOT)
    for app in ("clustermeet", "events", "mail", "registrations", "reports")
    for path in (ROOT / app / "templates").rglob("*")
    if path.is_file() and path.suffix in (".html", ".txt")
)
# texts that are the same in every language: the product's name
ALLOWED = {"clustermeet"}
HOLE = "\x00"  # where a variable or a tag stood
SKIPPED_BLOCKS = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans",
                  "comment": "endcomment", "verbatim": "endverbatim"}
INVISIBLE_BLOCKS = {"block bodyclass"}  # the admin's CSS classes of <body>
ATTRIBUTES = re.compile(r'\b(?:title|alt|aria-label|placeholder)="([^"]*)"')


def visible_text(source: str) -> str:
    """The template with its tags, variables and translated blocks replaced by holes."""
    parts, closing = [], None
    for token in Lexer(source).tokenize():
        if closing:
            if token.token_type == TokenType.BLOCK and token.contents.split()[0] == closing:
                closing = None
            continue
        if token.token_type == TokenType.TEXT:
            parts.append(token.contents)
            continue
        if token.token_type == TokenType.BLOCK:
            closing = (SKIPPED_BLOCKS.get(token.contents.split()[0])
                       or ("endblock" if token.contents in INVISIBLE_BLOCKS else None))
        parts.append(HOLE)
    return "".join(parts)


def untranslated(source: str) -> list[str]:
    text = re.sub(r"<!--.*?-->", HOLE, visible_text(source), flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", HOLE, text, flags=re.S | re.I)
    found = ATTRIBUTES.findall(text)
    text = re.sub(r"<[^>]*>", HOLE, text)
    text = re.sub(r"&[#\w]+;", HOLE, text)
    found += text.split(HOLE)
    pieces = [piece.replace(HOLE, " ").strip(" \n·—–-|:,.()") for piece in found]
    return [piece for piece in pieces
            if re.search(r"[^\W\d_]", piece) and piece not in ALLOWED]


@pytest.mark.parametrize("template", TEMPLATES, ids=str)
def test_every_visible_template_text_is_marked_for_translation(template):
    assert untranslated((ROOT / template).read_text()) == []


def test_the_check_finds_a_text_left_out_of_translation():
    assert untranslated('<p>{% translate "Hello" %}</p>\n<p>Welcome back</p>') == [
        "Welcome back"]
    assert untranslated('<img alt="Our logo" src="{{ logo }}">') == ["Our logo"]
    assert untranslated("{% blocktranslate %}Hi {{ name }}{% endblocktranslate %}") == []
