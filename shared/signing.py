"""Standard Webhooks signatures (https://www.standardwebhooks.com): sign what Vern sends, verify what arrives.

signature = base64(HMAC-SHA256(secret, f"{webhook-id}.{webhook-timestamp}.{body}")), sent as
`webhook-signature: v1,<signature>`; the secret is shared as `whsec_<base64>`. While a secret is being
rotated a message carries one signature per secret, space-separated, and a receiver holding either accepts it.

Shared by reporting (notification messages to webhook contacts) and webhooks (event subscriptions).
"""
import base64
import hashlib
import hmac
import secrets
from collections.abc import Sequence

SECRET_PREFIX = "whsec_"
TOLERANCE_SECONDS = 5 * 60


class InvalidSignature(Exception):
    pass


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def signature(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(_key(secret), signed, hashlib.sha256).digest()).decode()


def signed_headers(secret: str | Sequence[str], message_id: str, timestamp: int, body: bytes) -> dict:
    """`secret`: one, or several (the new and the old during a rotation): one signature each."""
    keys = [secret] if isinstance(secret, str) else list(secret)
    return {"webhook-id": message_id, "webhook-timestamp": str(timestamp),
            "webhook-signature": " ".join(signature(key, message_id, timestamp, body) for key in keys)}


def verify(secret: str, headers: dict, body: bytes, now: int) -> str:
    """The message id when the headers prove `body` came from the holder of `secret`; raises otherwise."""
    lowered = {key.lower(): value for key, value in headers.items()}
    try:
        message_id, timestamp = lowered["webhook-id"], int(lowered["webhook-timestamp"])
        offered = lowered["webhook-signature"].split()
    except (KeyError, ValueError):
        raise InvalidSignature("missing or malformed webhook headers") from None
    if abs(now - timestamp) > TOLERANCE_SECONDS:
        raise InvalidSignature("timestamp outside the tolerance")
    expected = signature(secret, message_id, timestamp, body)
    if not any(hmac.compare_digest(expected, candidate) for candidate in offered):
        raise InvalidSignature("no matching signature")
    return message_id
