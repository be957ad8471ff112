"""Checking a governance document by its content, not its name: a PDF, a Word document (DOCX), or a
JPEG or PNG (a photo of a certificate, saved afresh with no camera data, as return photos are)."""

from __future__ import annotations

import io
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from youdecide.delivery.services import checked_photo

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# A Word document unpacks to a few times its size; far more is a file built to fill the disk.
MAX_DOCX_UNPACKED_BYTES = 100 * 1024 * 1024
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FIELD = "document"


def _not_accepted(name: str) -> ValidationError:
    return ValidationError(
        {
            FIELD: _(
                "%(name)s is not a PDF, Word (DOCX), JPEG or PNG file: save it as one of those and "
                "choose it again."
            )
            % {"name": name}
        }
    )


def _checked_pdf(name: str, content: bytes) -> None:
    if b"%%EOF" not in content[-2048:]:
        raise ValidationError(
            {FIELD: _("%(name)s is not a complete PDF: it may be damaged. Save it again.") % {"name": name}}
        )


def _checked_docx(name: str, content: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise _not_accepted(name) from None
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise _not_accepted(name)
    if any(entry.lower().endswith("vbaproject.bin") for entry in names):
        raise ValidationError(
            {FIELD: _("%(name)s contains macros: save it as a plain Word document (DOCX).") % {"name": name}}
        )
    if unpacked > MAX_DOCX_UNPACKED_BYTES:
        raise _not_accepted(name)


def checked_document(upload: UploadedFile) -> tuple[str, str, bytes]:
    """(content type, extension, file to keep) of an accepted document of at most 10 MB."""
    name = upload.name or _("the file")
    size = upload.size if upload.size is not None else 0
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            {
                FIELD: _("%(name)s is %(size).1f MB: a document can be at most 10 MB.")
                % {"name": name, "size": size / (1024 * 1024)}
            }
        )
    if size == 0:
        raise ValidationError({FIELD: _("%(name)s is empty: choose the document again.") % {"name": name}})
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if len(content) > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            {FIELD: _("%(name)s is larger than 10 MB: a document can be at most 10 MB.") % {"name": name}}
        )
    if content.startswith(b"%PDF-"):
        _checked_pdf(name, content)
        return "application/pdf", "pdf", content
    if content.startswith(b"PK\x03\x04"):
        _checked_docx(name, content)
        return DOCX_TYPE, "docx", content
    if content.startswith(b"\xff\xd8\xff") or content.startswith(b"\x89PNG\r\n\x1a\n"):
        content_type, extension, _width, _height, clean = checked_photo(
            upload, field=FIELD, size_checked=True
        )
        return content_type, extension, clean
    raise _not_accepted(name)
