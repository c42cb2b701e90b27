"""The receivers themselves work, so a failing delivery test points at Vern and not at them."""
import json
import smtplib
import ssl
import time
from email.message import EmailMessage

import pytest
import requests

from shared.signing import new_secret, signed_headers
from tests.integration.receivers import MailSink, WebhookSink, self_signed_certificate


@pytest.fixture
def certificate(tmp_path):
    return self_signed_certificate(tmp_path / "tls")


@pytest.fixture
def mail_sink(tmp_path, certificate):
    with MailSink(tls=certificate, user="vern", password="s3cret", reject=["nobody@example.org"],
                  folder=tmp_path / "mail") as sink:
        yield sink


@pytest.fixture
def secret():
    return new_secret()


def smtp_session(sink, certificate) -> smtplib.SMTP:
    client = smtplib.SMTP("127.0.0.1", sink.port, timeout=10)
    client.starttls(context=ssl.create_default_context(cafile=str(certificate.cert)))
    client.login("vern", "s3cret")
    return client


def test_mail_sink_keeps_a_multipart_message_and_its_envelope(mail_sink, certificate):
    message = EmailMessage()
    message["From"] = "vern@example.org"
    message["To"] = "pko@example.org"
    message["Subject"] = "Breach reported: ÄÖ"
    message.set_content("plain body")
    message.add_alternative("<p>html body</p>", subtype="html")

    with smtp_session(mail_sink, certificate) as client:
        client.send_message(message, to_addrs=["pko@example.org", "cc@example.org"])

    [received] = mail_sink.messages()
    assert received.mail_from == "vern@example.org"
    assert received.rcpt_tos == ["pko@example.org", "cc@example.org"]
    assert received.message["Subject"] == "Breach reported: ÄÖ"
    assert received.message.get_body(("plain",)).get_content().strip() == "plain body"
    assert received.message.get_body(("html",)).get_content().strip() == "<p>html body</p>"


def test_mail_sink_refuses_a_rejected_recipient(mail_sink, certificate):
    with smtp_session(mail_sink, certificate) as client:
        with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
            client.sendmail("vern@example.org", ["nobody@example.org"], b"Subject: x\r\n\r\nbody\r\n")
    assert refused.value.recipients["nobody@example.org"][0] == 550
    assert mail_sink.messages() == []


def test_mail_sink_requires_starttls_and_login(mail_sink, certificate):
    with smtplib.SMTP("127.0.0.1", mail_sink.port, timeout=10) as client:
        with pytest.raises(smtplib.SMTPSenderRefused):
            client.sendmail("vern@example.org", ["pko@example.org"], b"Subject: x\r\n\r\nbody\r\n")
        client.starttls(context=ssl.create_default_context(cafile=str(certificate.cert)))
        with pytest.raises(smtplib.SMTPAuthenticationError):
            client.login("vern", "wrong")
        with pytest.raises(smtplib.SMTPSenderRefused):
            client.sendmail("vern@example.org", ["pko@example.org"], b"Subject: x\r\n\r\nbody\r\n")


def test_webhook_sink_answers_by_path(tmp_path, certificate):
    with WebhookSink(certificate, folder=tmp_path / "hooks") as sink:
        def post(path):
            return requests.post(sink.url(path), data=b"{}", verify=str(certificate.cert), timeout=10).status_code

        assert [post("/flaky/2/x") for _ in range(3)] == [500, 500, 200]
        assert post("/gone/x") == 410
        assert post("/ok/x") == 200
        assert [(r["path"], r["status"], r["verified"]) for r in sink.requests()] == [
            ("/flaky/2/x", 500, None), ("/flaky/2/x", 500, None), ("/flaky/2/x", 200, None),
            ("/gone/x", 410, None), ("/ok/x", 200, None)]


def test_webhook_sink_verifies_signatures(tmp_path, certificate, secret):
    body = json.dumps({"type": "case.opened"}).encode()
    headers = {"Content-Type": "application/json", **signed_headers(secret, "msg_1", int(time.time()), body)}
    with WebhookSink(certificate, secret=secret, folder=tmp_path / "hooks") as sink:
        genuine = requests.post(sink.url("/ok/x"), data=body, headers=headers,
                                verify=str(certificate.cert), timeout=10)
        tampered = requests.post(sink.url("/ok/x"), data=body + b" ", headers=headers,
                                 verify=str(certificate.cert), timeout=10)

        assert (genuine.status_code, tampered.status_code) == (200, 401)
        first, second = sink.requests()
        assert (first["verified"], second["verified"]) == (True, False)
        assert first["body"] == body.decode() and first["headers"]["webhook-id"] == "msg_1"


def test_webhook_sink_is_not_trusted_without_its_certificate(tmp_path, certificate):
    with WebhookSink(certificate, folder=tmp_path / "hooks") as sink:
        with pytest.raises(requests.exceptions.SSLError):
            requests.post(sink.url("/ok/x"), data=b"{}", timeout=10)
