"""Real receivers for what Vern sends out: an SMTP server and an HTTPS webhook endpoint.

Each runs as a subprocess (mail_sink.py, webhook_sink.py), since `nameko test` monkeypatches this process
with eventlet; they record what arrives to files, which these classes read back.
"""
import email
import email.policy
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from tests.integration.harness import free_port, wait_for

REPOSITORY = Path(__file__).resolve().parents[2]


@dataclass
class Certificate:
    cert: Path
    key: Path


def self_signed_certificate(folder: Path) -> Certificate:
    """A certificate for 127.0.0.1 and localhost; clients trust it by using `cert` as their CA bundle."""
    folder.mkdir(parents=True, exist_ok=True)
    certificate = Certificate(folder / "cert.pem", folder / "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", str(certificate.key), "-out", str(certificate.cert)],
                   check=True, capture_output=True)
    return certificate


class _Receiver:
    """A sink subprocess: started on a free port, ready once it prints "ready", stopped for sure."""

    module: str

    def __init__(self, folder: Path | None):
        self._own_folder = folder is None
        self.folder = Path(tempfile.mkdtemp(prefix="vern-sink-")) if folder is None else folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.log = self.folder / f"{self.module.rsplit('.', 1)[-1]}.log"
        self.port = None
        self.process = None

    def arguments(self) -> list[str]:
        raise NotImplementedError

    def start(self):
        self.port = free_port()
        # Output goes to a file, not a pipe, so the child can never block on a full pipe; stdin stays a pipe
        # only so that the child exits when this process does.
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", self.module, "--port", str(self.port), "--folder", str(self.folder),
                 *self.arguments()],
                cwd=REPOSITORY, stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT)
        ready = wait_for(lambda: self.process.poll() is not None or "ready" in self.log.read_text(), 10)
        if not ready or self.process.poll() is not None:
            output = self.log.read_text()
            self.stop()
            raise RuntimeError(f"{self.module} did not start:\n{output}")
        return self

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process.stdin.close()
            self.process = None
        if self._own_folder:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


@dataclass
class ReceivedMail:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage


class MailSink(_Receiver):
    """An SMTP server on 127.0.0.1; with `tls` it requires STARTTLS, with `user` it requires AUTH."""

    module = "tests.integration.mail_sink"

    def __init__(self, tls: Certificate | None = None, user: str | None = None, password: str | None = None,
                 reject: list[str] | None = None, folder: Path | None = None):
        self.tls, self.user, self.password, self.reject = tls, user, password, list(reject or [])
        super().__init__(folder)

    def arguments(self) -> list[str]:
        arguments = []
        if self.tls:
            arguments += ["--tls-cert", str(self.tls.cert), "--tls-key", str(self.tls.key)]
        if self.user:
            arguments += ["--user", self.user, "--password", self.password or ""]
        for address in self.reject:
            arguments += ["--reject", address]
        return arguments

    def messages(self) -> list[ReceivedMail]:
        """Everything accepted so far, in order of arrival."""
        received = []
        for raw in sorted(self.folder.glob("*.eml"), key=lambda path: int(path.stem)):
            envelope = json.loads(raw.with_suffix(".json").read_text())
            message = email.message_from_bytes(raw.read_bytes(), policy=email.policy.default)
            received.append(ReceivedMail(envelope["mail_from"], envelope["rcpt_tos"], message))
        return received


class WebhookSink(_Receiver):
    """An HTTPS endpoint on 127.0.0.1; see webhook_sink.py for what each path answers."""

    module = "tests.integration.webhook_sink"

    def __init__(self, certificate: Certificate, secret: str | None = None, folder: Path | None = None):
        self.certificate, self.secret = certificate, secret
        super().__init__(folder)

    def arguments(self) -> list[str]:
        arguments = ["--cert", str(self.certificate.cert), "--key", str(self.certificate.key)]
        return arguments + (["--secret", self.secret] if self.secret else [])

    def url(self, path: str) -> str:
        return f"https://127.0.0.1:{self.port}{path}"

    def requests(self) -> list[dict]:
        """Every request so far, in order of arrival: path, status, headers, body, verified, received_at."""
        log = self.folder / "requests.jsonl"
        if not log.exists():
            return []
        # The last piece is empty, or a line still being written.
        return [json.loads(line) for line in log.read_text().split("\n")[:-1]]
