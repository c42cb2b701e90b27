"""An SMTP server that keeps what it receives: `python -m tests.integration.mail_sink --port P --folder DIR`.

Each message becomes DIR/<n>.eml (the raw bytes) with DIR/<n>.json ({"mail_from", "rcpt_tos"}) beside it.
Runs in its own process because the test process is monkeypatched by eventlet and cannot host asyncio.
"""
import argparse
import json
import os
import ssl
import sys
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Keeper:
    def __init__(self, folder: Path, reject: set[str]):
        self.folder, self.reject = folder, reject
        self.count = len(list(folder.glob("*.eml")))  # a restarted sink keeps what it has

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.reject:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        # The sidecar goes first: readers look for <n>.eml and expect <n>.json to be there already.
        write_atomically(self.folder / f"{self.count}.json",
                         json.dumps({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}).encode())
        write_atomically(self.folder / f"{self.count}.eml", envelope.original_content)
        return "250 OK"


def write_atomically(path: Path, data: bytes):
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def authenticator_for(user: str, password: str):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == user.encode() and auth_data.password == password.encode())
        return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 235 or 535
    return authenticate


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--reject", action="append", default=[])
    args = parser.parse_args(argv)

    options = {}
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        options.update(tls_context=context, require_starttls=True)
    if args.user:
        options.update(authenticator=authenticator_for(args.user, args.password or ""), auth_required=True,
                       auth_require_tls=bool(args.tls_cert))
    args.folder.mkdir(parents=True, exist_ok=True)
    handler = Keeper(args.folder, {address.lower() for address in args.reject})
    controller = Controller(handler, hostname="127.0.0.1", port=args.port, **options)
    controller.start()
    print("ready", flush=True)
    # Until SIGTERM, or until the parent's end of our stdin closes, so a crashed test leaves nothing behind.
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
