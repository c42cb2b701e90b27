"""How an event envelope travels over AMQP, and what a message that cannot be read becomes.

Vern publishes in the CloudEvents AMQP binding's structured content mode: the body is the whole
event as JSON, with the content type `application/cloudevents+json` (CloudEvents AMQP protocol
binding 1.0, section 3.1; JSON event format 1.0), so a CloudEvents SDK reads it unchanged. Earlier
versions published the same body as `application/json`; consumers read both, so events still queued
at an upgrade are handled as before.

kombu, under nameko, picks a message's decoder by its content type: the `cloudevents` serializer is
registered here, at import, so every Vern process that imports the envelope can decode and publish it.
"""
import json
from dataclasses import dataclass

from kombu import serialization

STRUCTURED_CONTENT_TYPE = "application/cloudevents+json"
LEGACY_CONTENT_TYPE = "application/json"  # what Vern published before structured mode
CONTENT_TYPES = (STRUCTURED_CONTENT_TYPE, LEGACY_CONTENT_TYPE)
SERIALIZER = "cloudevents"  # kombu's name for the structured mode; "json" is the legacy one
PREVIEW_CHARS = 2_000  # of an unreadable body kept in its dead letter: enough to see what it was


def encode(envelope: dict) -> bytes:
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(body: bytes | str) -> dict:
    # plain json, not kombu's: kombu's hook would turn {"__type__": ..., "__value__": ...} into objects
    return json.loads(body.decode("utf-8") if isinstance(body, (bytes, bytearray)) else body)


serialization.register(SERIALIZER, encoder=encode, decoder=decode, content_type=STRUCTURED_CONTENT_TYPE,
                       content_encoding="utf-8")


@dataclass(frozen=True)
class Undecodable:
    """A message whose body could not be decoded: handed to the event handler in place of the body,
    so that it is parked as a dead letter with the reason, like an invalid event."""
    reason: str
    content_type: str | None
    size: int
    preview: str

    def as_letter(self) -> dict:
        """What the dead letter keeps of the message (never more than PREVIEW_CHARS of the body)."""
        return {"undecodable": True, "content_type": self.content_type, "bytes": self.size, "preview": self.preview}


def undecodable(body, content_type: str | None) -> Undecodable:
    """Describe a message that kombu could not decode (or that came with a content type events never
    have): why, in words an operator can act on."""
    raw = body if isinstance(body, (bytes, bytearray)) else str(body or "").encode("utf-8", "replace")
    return Undecodable(reason=unreadable_reason(raw, content_type), content_type=content_type, size=len(raw),
                       preview=raw[:PREVIEW_CHARS * 4].decode("utf-8", "replace")[:PREVIEW_CHARS])


def unreadable_reason(raw: bytes, content_type: str | None) -> str:
    if content_type not in CONTENT_TYPES:
        return (f"content type {content_type or '(none)'} is not {STRUCTURED_CONTENT_TYPE} or {LEGACY_CONTENT_TYPE} "
                f"/ innholdstypen er ikke en CloudEvents-hendelse i JSON")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"body is not UTF-8 text ({error}) / innholdet er ikke UTF-8-tekst"
    try:
        json.loads(text)
    except ValueError as error:
        return f"body is not JSON ({error}) / innholdet er ikke gyldig JSON"
    return "body could not be decoded / innholdet kunne ikke leses"
