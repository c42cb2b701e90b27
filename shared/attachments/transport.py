"""An attachment's bytes on nameko's RPC, which serializes to JSON and cannot carry bytes: the bytes
travel as base64 text in the payload.

The size limit (ATTACHMENT_MAX_BYTES) is checked on both sides of the decoding: the text's length
first, so that an oversized payload is refused before it is decoded into memory, and the decoded
bytes again, exactly. The limit exists because a whole file travels as one AMQP message and is held
in a worker's memory several times over (the JSON text, the base64 text, the bytes): it keeps a
message far below RabbitMQ's largest (max_message_size, 128 MiB by default) and a worker's memory
bounded, and base64 makes the message a third larger than the file.
"""
import base64
import binascii

from shared.errors import BadInput

FIELD = "file"  # the multipart field and the payload's field: every refusal names it


def encoded_length(size: int) -> int:
    """How long the base64 text of `size` bytes is (padded)."""
    return 4 * ((size + 2) // 3)


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB"


def too_large(max_bytes: int) -> BadInput:
    return BadInput("File too large / Filen er for stor",
                    {FIELD: [f"At most {megabytes(max_bytes)} / Høyst {megabytes(max_bytes)}."]})


def empty() -> BadInput:
    return BadInput("Empty file / Tom fil", {FIELD: ["The file is empty / Filen er tom."]})


def encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def decode(text, max_bytes: int) -> bytes:
    if not isinstance(text, str):
        raise BadInput("Invalid input / Ugyldige data", {FIELD: ["Not base64 text / Ikke base64-tekst."]})
    if len(text) > encoded_length(max_bytes):  # before decoding: an oversized payload is not decoded at all
        raise too_large(max_bytes)
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise BadInput("Invalid input / Ugyldige data", {FIELD: ["Not base64 text / Ikke base64-tekst."]}) from None
    if len(data) > max_bytes:
        raise too_large(max_bytes)
    if not data:
        raise empty()
    return data
