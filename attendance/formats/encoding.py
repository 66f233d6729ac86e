"""The text of a report file, in whichever encoding it was written.

Tried in this order: a byte-order mark (UTF-8, UTF-16 LE/BE); UTF-16 without a mark,
recognised by its NUL bytes (every other byte of Latin text is NUL); UTF-8; and last the
Windows code pages of our languages: Windows-1251 when the letters above ASCII form whole
words (Bulgarian names: "Иван Петров"), else Windows-1252 (German, Spanish and Italian
names: "Müller", "Peña", "Niccolò", where such letters sit among ASCII letters).
A text full of control characters is no text (random bytes, a binary file).
"""

import re

from django.utils.translation import gettext_lazy as _

from attendance.formats.base import ReportUnreadable

SAMPLE = 4096
# Control characters other than tab, line feed, form feed and carriage return; C1 codes.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
WORD = re.compile(r"[^\W\d_]+")


def text_decode(data: bytes) -> str:
    """The file's text, or ReportUnreadable when it is no text in an encoding we know."""
    text = _decode(data)
    sample = text[:SAMPLE * 4]
    if sample and len(CONTROL.findall(sample)) > max(2, len(sample) // 200):
        raise ReportUnreadable(_("This file is not a text file (it holds binary data): "
                                 "export the attendance report as CSV or Excel."))
    return text


def _decode(data: bytes) -> str:
    for mark, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                        (b"\xfe\xff", "utf-16-be")):
        if data.startswith(mark):
            return _strict(data[len(mark):], codec)
    codec = _utf16_without_mark(data[:SAMPLE])
    if codec:
        return _strict(data, codec)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _windows_code_page(data)


def _strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise ReportUnreadable(
            _("This file says it is written in %(encoding)s but is not: save it again as "
              "CSV (UTF-8) or export the report once more.") % {"encoding": codec.upper()}
        ) from None


def _utf16_without_mark(head: bytes) -> str:
    """'utf-16-le' or 'utf-16-be' when NUL bytes fall on every other byte, else ''."""
    head = head[: len(head) // 2 * 2]
    if len(head) < 4:
        return ""
    even, odd = head[0::2], head[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return ""


def _windows_code_page(data: bytes) -> str:
    as_cyrillic = data.decode("cp1251", errors="replace")
    whole, mixed = 0, 0
    for word in WORD.findall(as_cyrillic[:SAMPLE * 16]):
        cyrillic = len(CYRILLIC.findall(word))
        if not cyrillic:
            continue
        if cyrillic == len(word):
            whole += 1
        else:
            mixed += 1
    if whole > mixed and "\ufffd" not in as_cyrillic:
        return as_cyrillic
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")
