"""What a file is, judged by its bytes alone: neither its name nor the content type a client declared
is trusted, since both are the sender's to choose (an .exe renamed .pdf keeps its MZ header).

Allowed: PDF, PNG, JPEG, plain text (and CSV, which is plain text), and Office Open XML documents
(DOCX, XLSX). Everything else, macro-enabled Office files and archives included, is refused.
"""
import io
import re
import zipfile

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TEXT = "text/plain"
CSV = "text/csv"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ALLOWED = (PDF, PNG, JPEG, TEXT, CSV, DOCX, XLSX)
# the main part's content type an OOXML package declares in [Content_Types].xml (ECMA-376 part 2)
_OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
_CONTENT_TYPE = re.compile(rb'ContentType\s*=\s*"([^"]{1,200})"')
# [Content_Types].xml is a few kilobytes; a larger one (a zip bomb's) is not read
_MAX_CONTENT_TYPES_BYTES = 256 * 1024
# control characters that do not occur in text: all below 0x20 but tab, LF, FF and CR, and DEL
_BINARY = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def sniff(data: bytes, file_name: str = "") -> str | None:
    """The media type of `data`, or None when it is not an allowed kind. `file_name` only chooses
    between text/csv and text/plain for bytes that are text either way."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return _ooxml(data)
    if _is_text(data):
        return CSV if file_name.lower().endswith(".csv") else TEXT
    return None


def _ooxml(data: bytes) -> str | None:
    """DOCX or XLSX: a zip whose [Content_Types].xml declares the document's or workbook's main part."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            info = package.getinfo("[Content_Types].xml")
            if info.file_size > _MAX_CONTENT_TYPES_BYTES:
                return None
            with package.open(info) as member:
                declared = member.read(_MAX_CONTENT_TYPES_BYTES + 1)
    except (zipfile.BadZipFile, KeyError, RuntimeError, NotImplementedError, OSError, EOFError, ValueError):
        return None  # not a zip, encrypted, or without the part
    kinds = {_OOXML_MAIN.get(found.decode("ascii", "replace")) for found in _CONTENT_TYPE.findall(declared)}
    kinds.discard(None)
    return kinds.pop() if len(kinds) == 1 else None


def _is_text(data: bytes) -> bool:
    """UTF-8 (with or without a byte order mark), or Windows-1252 as Norwegian spreadsheets save CSV,
    without the control characters binary files are full of."""
    if not data or _BINARY.search(data):
        return False
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        pass
    try:
        data.decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False
