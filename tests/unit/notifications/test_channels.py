from services.notifications.channels import Outgoing, email_message, send_email
from services.notifications.delivery import TemporaryFailure
from services.notifications.messages import Message

OUTGOING = Outgoing(message_id="5b0e2f0c-8a51-4a3b-9d0e-1c7f6a2b9e33", address="leder@demo.example.test",
                    message=Message("Alvorlig hendelse: Phishing", "Tekst æøå", "<p>Tekst æøå</p>"), payload={})


def test_an_email_has_both_parts_and_the_stable_message_id():
    mail = email_message("vern@example.test", OUTGOING)
    assert mail["Message-ID"] == "<5b0e2f0c-8a51-4a3b-9d0e-1c7f6a2b9e33@vern>"
    assert mail["To"] == "leder@demo.example.test" and mail["Subject"] == "Alvorlig hendelse: Phishing"
    assert mail.get_body(("plain",)).get_content().strip() == "Tekst æøå"
    assert mail.get_body(("html",)).get_content().strip() == "<p>Tekst æøå</p>"


def test_without_a_mail_server_the_message_waits_and_is_retried():
    outcome = send_email(None, None, OUTGOING)
    assert isinstance(outcome, TemporaryFailure) and "SMTP_HOST" in outcome.reason
