"""A file name as a person gave it, made safe to keep as metadata and to send back in a header.

The bytes are stored under a generated key (shared/attachments/store.py), never under this name, so
the name cannot reach a path; it is still cleaned, because it is shown on pages and sent back in
Content-Disposition: no directory parts, no control or invisible characters, no characters Windows
refuses in a name, and at most MAX_LENGTH characters with the extension kept.
"""
import re
import unicodedata
from urllib.parse import quote

MAX_LENGTH = 120
FALLBACK = "vedlegg"
_RESERVED = re.compile(r'[<>:"|?*]')
_ASCII_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]")
_NO_DECOMPOSITION = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss"})  # NFKD leaves these


def clean_name(name: str | None) -> str:
    text = unicodedata.normalize("NFC", name or "")
    text = text.replace("\\", "/").rsplit("/", 1)[-1]  # C:\Users\x\a.pdf and ../../a.pdf alike
    # Cc control, Cf format (bidirectional overrides that disguise an extension), Cs, Co, Cn
    text = "".join(" " if char.isspace() else "" if unicodedata.category(char).startswith("C") else char
                   for char in text)
    text = _RESERVED.sub("_", text)
    text = " ".join(text.split()).strip(" .")  # no hidden dot-file, no "..", no trailing dot
    if not text:
        return FALLBACK
    if len(text) > MAX_LENGTH:
        stem, dot, extension = text.rpartition(".")
        if dot and 0 < len(extension) <= 10 and stem:
            text = stem[:MAX_LENGTH - len(extension) - 1].rstrip(" .") + "." + extension
        else:
            text = text[:MAX_LENGTH].rstrip(" .")
    return text or FALLBACK


def content_disposition(name: str) -> str:
    """`attachment` with an ASCII fallback and the UTF-8 name (RFC 6266, RFC 8187), from a clean name."""
    ascii_name = unicodedata.normalize("NFKD", name.translate(_NO_DECOMPOSITION)).encode("ascii", "ignore").decode()
    ascii_name = _ASCII_UNSAFE.sub("_", ascii_name).strip(" .") or FALLBACK
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
