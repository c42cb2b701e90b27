"""An HTTPS endpoint that answers webhooks by path and records every request to DIR/requests.jsonl.

    python -m tests.integration.webhook_sink --port P --folder DIR --cert CERT --key KEY [--secret whsec_...]

POST /ok/<name> -> 200, /flaky/<n>/<name> -> 500 for the first n requests to that path then 200,
/gone/<name> -> 410, /slow/<seconds>/<name> -> 200 after that long; anything else 404.
With --secret, a request whose Standard Webhooks signature does not verify gets 401 whatever the path.
"""
import argparse
import json
import ssl
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from shared.signing import InvalidSignature, verify


class Sink(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, folder: Path, secret: str | None):
        super().__init__(address, Handler)
        self.log_path = folder / "requests.jsonl"
        self.secret = secret
        self.lock = threading.Lock()
        self.seen = Counter()

    def count(self, path: str) -> int:
        with self.lock:
            self.seen[path] += 1
            return self.seen[path]

    def record(self, entry: dict):
        with self.lock, self.log_path.open("a") as log:
            log.write(json.dumps(entry) + "\n")
            log.flush()


class Handler(BaseHTTPRequestHandler):
    server: Sink
    timeout = 30  # a client that never finishes its TLS handshake or body must not hold a thread forever

    def do_POST(self):
        received_at = time.time()
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = dict(self.headers.items())
        verified, delay = None, 0.0
        if self.server.secret is not None:
            try:
                verify(self.server.secret, headers, body, now=int(time.time()))
                verified = True
            except InvalidSignature:
                verified = False
        if verified is False:
            status = 401
        else:
            status, delay = self.behaviour()
        # Recorded before answering, so a client that has its answer will find the request in the file,
        # and a client that gave up on /slow still finds the request it sent.
        self.server.record({"path": self.path, "status": status, "headers": headers,
                            "body": body.decode("utf-8", errors="replace"), "verified": verified,
                            "received_at": received_at})
        time.sleep(delay)
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def behaviour(self) -> tuple[int, float]:
        parts = self.path.strip("/").split("/")
        try:
            match parts:
                case ["ok", _]:
                    return 200, 0.0
                case ["flaky", failures, _]:
                    return (500 if self.server.count(self.path) <= int(failures) else 200), 0.0
                case ["gone", _]:
                    return 410, 0.0
                case ["slow", seconds, _]:
                    return 200, float(seconds)
        except ValueError:
            pass
        return 404, 0.0

    def log_message(self, format, *args):
        pass


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--secret")
    args = parser.parse_args(argv)

    args.folder.mkdir(parents=True, exist_ok=True)
    server = Sink(("127.0.0.1", args.port), args.folder, args.secret)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    # The handshake then happens on first read, in the request's own thread rather than in accept().
    server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("ready", flush=True)
    # Until SIGTERM, or until the parent's end of our stdin closes, so a crashed test leaves nothing behind.
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
