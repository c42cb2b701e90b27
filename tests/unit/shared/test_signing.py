"""Standard Webhooks signing: a receiver can prove who sent a message and that it is unchanged."""
import base64
import hashlib
import hmac

import pytest

from shared import signing

SECRET = "whsec_" + base64.b64encode(b"k" * 32).decode()
BODY = b'{"task_id": "t-1"}'


def test_the_signature_follows_the_specification():
    expected = base64.b64encode(hmac.new(b"k" * 32, b"msg_1.1700000000." + BODY, hashlib.sha256).digest()).decode()
    assert signing.signature(SECRET, "msg_1", 1700000000, BODY) == f"v1,{expected}"


def test_a_receiver_verifies_what_was_sent():
    headers = signing.signed_headers(SECRET, "msg_1", 1700000000, BODY)
    assert signing.verify(SECRET, headers, BODY, now=1700000060) == "msg_1"


@pytest.mark.parametrize("tamper", ["body", "secret", "id", "old", "missing"])
def test_tampering_is_detected(tamper):
    headers = signing.signed_headers(SECRET, "msg_1", 1700000000, BODY)
    body, secret, now = BODY, SECRET, 1700000000
    if tamper == "body":
        body = b'{"task_id": "t-2"}'
    elif tamper == "secret":
        secret = signing.new_secret()
    elif tamper == "id":
        headers["webhook-id"] = "msg_2"
    elif tamper == "old":
        now += signing.TOLERANCE_SECONDS + 1
    else:
        del headers["webhook-signature"]
    with pytest.raises(signing.InvalidSignature):
        signing.verify(secret, headers, body, now)


def test_a_rotated_secret_can_be_offered_beside_the_old_one():
    new = signing.new_secret()
    headers = signing.signed_headers(SECRET, "msg_1", 1700000000, BODY)
    headers["webhook-signature"] += " " + signing.signature(new, "msg_1", 1700000000, BODY)
    assert signing.verify(new, headers, BODY, 1700000000) == "msg_1"


def test_signed_with_two_secrets_each_holder_verifies():
    new = signing.new_secret()
    headers = signing.signed_headers([new, SECRET], "msg_1", 1700000000, BODY)
    assert len(headers["webhook-signature"].split(" ")) == 2
    assert signing.verify(new, headers, BODY, 1700000000) == "msg_1"
    assert signing.verify(SECRET, headers, BODY, 1700000000) == "msg_1"
    with pytest.raises(signing.InvalidSignature):
        signing.verify(signing.new_secret(), headers, BODY, 1700000000)
