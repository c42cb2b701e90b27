"""The transports: one attempt to hand a message to a mail server or a webhook endpoint.

Each function makes exactly one attempt and reports it as an Outcome; whether and when
to try again is decided by `delivery.after_attempt`. Both carry the delivery id as the
message id, so a receiver can drop the duplicate that at-least-once delivery may bring.
"""
import json
import smtplib
import ssl
import time
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate

import requests

from services.notifications.delivery import Outcome, TemporaryFailure, http_outcome, smtp_outcome
from services.notifications.messages import Message
from shared import signing
from shared.config import SmtpSettings


@dataclass(frozen=True)
class Outgoing:
    message_id: str
    address: str
    message: Message
    payload: dict  # the JSON body of a webhook
    secret: str | None = None  # the endpoint's Standard Webhooks secret


def email_message(sender: str, outgoing: Outgoing) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = outgoing.address
    mail["Subject"] = outgoing.message.subject
    mail["Date"] = formatdate(localtime=False, usegmt=True)
    mail["Message-ID"] = f"<{outgoing.message_id}@vern>"
    mail.set_content(outgoing.message.text)
    mail.add_alternative(outgoing.message.html, subtype="html")
    return mail


def send_email(smtp: SmtpSettings | None, ca_bundle: str | None, outgoing: Outgoing) -> Outcome:
    if smtp is None:
        return TemporaryFailure("no mail server configured (SMTP_HOST)")
    try:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout_seconds) as server:
            if smtp.starttls:
                server.starttls(context=ssl.create_default_context(cafile=ca_bundle))
            if smtp.user:
                server.login(smtp.user, smtp.password or "")
            server.send_message(email_message(smtp.sender, outgoing))
    except smtplib.SMTPRecipientsRefused as refused:
        code, reply = next(iter(refused.recipients.values()))
        return smtp_outcome(code, _text(reply))
    except smtplib.SMTPResponseException as answer:
        return smtp_outcome(answer.smtp_code, _text(answer.smtp_error))
    except (smtplib.SMTPException, OSError) as error:  # refused connection, TLS, timeout, dropped line
        return TemporaryFailure(f"SMTP: {type(error).__name__}: {error}")
    return smtp_outcome(250)


def send_webhook(timeout: float, ca_bundle: str | None, outgoing: Outgoing) -> Outcome:
    body = json.dumps(outgoing.payload, ensure_ascii=False).encode()
    headers = {"Content-Type": "application/json"}
    if outgoing.secret:
        headers.update(signing.signed_headers(outgoing.secret, outgoing.message_id, int(time.time()), body))
    try:
        # TLS verification stays on: the system's CAs, or the configured bundle of an internal CA
        response = requests.post(outgoing.address, data=body, headers=headers, timeout=timeout,
                                 verify=ca_bundle or True, allow_redirects=False)
    except requests.RequestException as error:
        return TemporaryFailure(f"webhook: {type(error).__name__}: {error}")
    return http_outcome(response.status_code)


def _text(reply) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
