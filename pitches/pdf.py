"""The slides an applicant uploads: a PDF judged by its content, never by its name.

Refused: a file that does not start with the PDF signature or that pypdf cannot read, an
encrypted one, one with scripts or actions that run by themselves (/JS, /JavaScript, /AA,
an /OpenAction with a script, /Launch) or with embedded files, and one larger than
settings.PITCH_SLIDES_MAX_MB. The whole object tree is walked (not the raw bytes: names
may be written with escapes, and objects may sit in compressed object streams).
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"
# keys that make a PDF run something, or carry files of its own
ACTIVE_KEYS = {"/JS", "/JavaScript", "/AA", "/Launch", "/EmbeddedFile", "/EmbeddedFiles",
               "/RichMedia", "/XFA"}
# a walk longer than this is refused rather than finished (a hostile file may be huge)
MAX_OBJECTS = 200_000


class _Refused(Exception):
    pass


def slides_max_bytes() -> int:
    return settings.PITCH_SLIDES_MAX_MB * 1024 * 1024


def _walk(root) -> None:
    """Raise _Refused on an active key anywhere under `root`."""
    seen: set[tuple[int, int]] = set()
    todo = [root]
    visited = 0
    while todo:
        node = todo.pop()
        visited += 1
        if visited > MAX_OBJECTS:
            raise _Refused("too many objects")
        if isinstance(node, IndirectObject):
            ref = (node.idnum, node.generation)
            if ref in seen:
                continue
            seen.add(ref)
            node = node.get_object()
        if isinstance(node, DictionaryObject):  # streams too (their data is not read)
            for key, value in node.items():
                if key in ACTIVE_KEYS:
                    raise _Refused(key)
                if key == "/S" and value == "/JavaScript":
                    raise _Refused(key)
                todo.append(value)
        elif isinstance(node, ArrayObject):
            todo.extend(node)


def validate_slides(upload) -> None:
    """Raise ValidationError (translated) unless `upload` is a plain, unencrypted PDF
    within the size limit. Reads the file; leaves it at its start."""
    if upload.size > slides_max_bytes():
        raise ValidationError(
            _("This file is %(size)s; slides may be at most %(limit)s."),
            params={"size": filesizeformat(upload.size),
                    "limit": filesizeformat(slides_max_bytes())}, code="too_large")
    upload.seek(0)
    if upload.read(len(PDF_MAGIC)) != PDF_MAGIC:
        upload.seek(0)
        raise ValidationError(_("This file is not a PDF. Please upload your slides as a PDF "
                                "file."), code="not_pdf")
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted:
            raise ValidationError(_("This PDF is encrypted or password-protected. Please "
                                    "upload it without a password."), code="encrypted")
        if len(reader.pages) < 1:
            raise ValueError("no pages")
        _walk(reader.trailer)
    except ValidationError:
        raise
    except _Refused as refused:
        logger.info("Slides refused: %s", refused)
        raise ValidationError(_("This PDF contains scripts, actions or embedded files. "
                                "Please upload plain slides (export them again as PDF)."),
                              code="active") from None
    except Exception as error:  # noqa: BLE001 - whatever pypdf raises on a broken file
        # the error's kind only: its message may quote the file's content
        logger.info("Slides refused: unreadable PDF (%s)", type(error).__name__)
        raise ValidationError(_("This PDF cannot be read. Please export your slides as a "
                                "PDF again."), code="unreadable") from None
    finally:
        upload.seek(0)
