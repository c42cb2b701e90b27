"""Where a webhook may go: public addresses, and the internal receivers an operator allow-listed; and
what the delivery log may say of a failure."""
import ipaddress
import socket

import pytest

from services.webhooks import addresses, domain, transport
from services.webhooks.schemas import WebhookDeliverySchema
from shared.allowed_targets import AllowedTarget, parse_allowed_target

LOOPBACK = (parse_allowed_target("127.0.0.1"),)


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.255.0.9", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "0.0.0.0",
    "100.64.0.1", "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1", "192.0.2.1",
    "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1",
    "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1",  # IPv4-mapped
    "2002:7f00:1::1", "2002:a9fe:a9fe::1",  # 6to4 of 127.0.0.1 and 169.254.169.254
    "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe",  # NAT64 of the same
])
def test_an_address_inside_or_special_is_forbidden(address):
    assert addresses.forbidden(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["1.1.1.1", "93.184.215.14", "151.101.1.1", "2a00:1450:4010:c05::64",
                                     "::ffff:1.1.1.1"])
def test_a_public_address_is_not(address):
    assert not addresses.forbidden(ipaddress.ip_address(address))


@pytest.mark.parametrize("host, address", [("0x7f000001", "127.0.0.1"), ("2130706433", "127.0.0.1"),
                                           ("127.1", "127.0.0.1"), ("0177.0.0.1", "127.0.0.1"),
                                           ("0xa9.0xfe.0xa9.0xfe", "169.254.169.254"), ("10.1", "10.0.0.1")])
def test_a_host_written_as_numbers_is_read_as_the_c_library_reads_it(host, address):
    assert addresses.numeric_ipv4(host) == ipaddress.ip_address(address)


@pytest.mark.parametrize("host", ["example.org", "cafe.be", "1password.com", "127.0.0.1.nip.io", "0x7g"])
def test_a_name_is_not_read_as_numbers(host):
    assert addresses.numeric_ipv4(host) is None


def test_every_address_of_a_name_must_be_public():
    public, private = ipaddress.ip_address("1.1.1.1"), ipaddress.ip_address("10.0.0.5")
    assert addresses.permitted("hooks.example.org", 443, [public], ())
    assert not addresses.permitted("hooks.example.org", 443, [public, private], ())
    assert not addresses.permitted("hooks.example.org", 443, [], ())


@pytest.mark.parametrize("entry, host, port, admitted", [
    ("sak.intern.kommune.no", "sak.intern.kommune.no", 443, True),
    ("sak.intern.kommune.no", "SAK.intern.kommune.no.", 8443, True),
    ("sak.intern.kommune.no", "annet.intern.kommune.no", 443, False),
    ("sak.intern.kommune.no:8443", "sak.intern.kommune.no", 8443, True),
    ("sak.intern.kommune.no:8443", "sak.intern.kommune.no", 443, False),
    ("10.20.30.40", "10.20.30.40", 443, True),
    ("10.20.0.0/16", "10.20.99.1", 443, True),
    ("10.20.0.0/16", "10.21.0.1", 443, False),
    ("10.20.0.0/16:443", "10.20.0.1", 8443, False),
    ("127.0.0.1:8443", "127.0.0.1", 8443, True),
    ("127.0.0.1:8443", "127.0.0.1", 15672, False),
    # an entry matches the host as written: another spelling of the address, or a name, is not admitted
    ("127.0.0.1", "0x7f000001", 443, False),
    ("127.0.0.1", "localhost", 443, False),
    ("127.0.0.0/8", "::ffff:127.0.0.1", 443, False),
    ("[fd00::7]:443", "fd00::7", 443, True),
    ("fd00::/8", "[fd00::9]", 443, True),
])
def test_an_allow_list_entry_admits_the_host_and_port_it_names(entry, host, port, admitted):
    assert parse_allowed_target(entry).admits(host, port) is admitted


@pytest.mark.parametrize("entry", ["", "sak intern", "10.0.0.1:0", "host:99999", "host:https", "[fd00::7",
                                   "[fd00::7]443", "-bad-.example"])
def test_a_malformed_allow_list_entry_is_refused(entry):
    with pytest.raises(ValueError):
        parse_allowed_target(entry)


def test_an_allow_listed_host_goes_wherever_it_resolves():
    allowed = (AllowedTarget(name="sak.intern.kommune.no"),)
    assert addresses.permitted("sak.intern.kommune.no", 443, [ipaddress.ip_address("10.1.2.3")], allowed)
    assert not addresses.permitted("annet.intern.kommune.no", 443, [ipaddress.ip_address("10.1.2.3")], allowed)


@pytest.mark.parametrize("url", ["https://127.0.0.1:15672/", "https://169.254.169.254/", "https://0x7f000001:15672/",
                                 "https://2130706433/", "https://127.1/", "https://[::ffff:127.0.0.1]/",
                                 "https://[::1]:8443/", "https://0.0.0.0/", "https://localhost:5432/"])
def test_a_url_whose_host_resolves_inside_is_refused_at_subscription(url):
    problem = transport.subscription_problem(url, ())
    assert problem and "public" in problem and " / " in problem  # bilingual


def test_a_name_that_does_not_resolve_yet_is_accepted_and_vetted_at_each_delivery():
    assert transport.subscription_problem("https://nowhere.invalid/hook", ()) is None
    attempt = transport.post("https://nowhere.invalid/hook", b"{}", {}, (), 1.0, None)
    assert attempt.status_code is None and attempt.error == domain.UNRESOLVED


def test_a_name_that_resolves_inside_at_delivery_is_blocked_there(monkeypatch):
    answers = {"hooks.example.org": "93.184.215.14"}
    monkeypatch.setattr(transport, "resolve", lambda host, port: [ipaddress.ip_address(answers[host])])
    assert transport.subscription_problem("https://hooks.example.org/", ()) is None
    answers["hooks.example.org"] = "127.0.0.1"  # DNS rebinding
    assert transport.post("https://hooks.example.org/", b"{}", {}, (), 1.0, None).error == domain.BLOCKED


@pytest.fixture
def listener():
    """A TCP port that accepts connections and never says a word."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(5)
        yield server


def test_a_closed_port_is_refused_and_says_only_that():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # bound, not listening: the connection is refused
        attempt = transport.post(f"https://127.0.0.1:{port}/", b"{}", {}, LOOPBACK, 2.0, None)
    assert (attempt.status_code, attempt.error) == (None, domain.REFUSED)


def test_a_silent_server_times_out(listener):
    port = listener.getsockname()[1]
    attempt = transport.post(f"https://127.0.0.1:{port}/", b"{}", {}, LOOPBACK, 0.3, None)
    assert attempt.error == domain.TIMED_OUT


def test_a_plain_http_server_on_an_https_url_is_a_tls_failure():
    from http.server import BaseHTTPRequestHandler, HTTPServer
    import threading

    server = HTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    threading.Thread(target=server.handle_request, daemon=True).start()
    try:
        attempt = transport.post(f"https://127.0.0.1:{server.server_port}/", b"{}", {}, LOOPBACK, 5.0, None)
    finally:
        server.server_close()
    assert attempt.error == domain.TLS


def test_a_redirect_is_the_answer_not_followed():
    from http.server import BaseHTTPRequestHandler, HTTPServer
    import threading

    class Redirecting(BaseHTTPRequestHandler):
        def do_POST(self):
            self.send_response(307)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Redirecting)
    threading.Thread(target=server.handle_request, daemon=True).start()
    try:
        attempt = transport.post(f"http://127.0.0.1:{server.server_port}/hook", b"{}", {}, LOOPBACK, 5.0, None)
    finally:
        server.server_close()
    assert (attempt.status_code, attempt.delivered, attempt.retryable) == (307, False, False)


@pytest.mark.parametrize("recorded, shown", [
    (None, None), ("HTTP 410", "HTTP 410"), ("timeout", "timeout"), ("blocked", "blocked"),
    ("ConnectionError: HTTPSConnectionPool(host='127.0.0.1', port=15672): Max retries exceeded with url: / "
     "(Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f>: Failed to establish a "
     "new connection: [Errno 111] Connection refused'))", "refused"),
    ("ReadTimeout: HTTPSConnectionPool(host='10.0.0.8', port=22): Read timed out. (read timeout=10.0)", "timeout"),
    ("SSLError: HTTPSConnectionPool(host='10.0.0.8', port=22): Max retries exceeded (Caused by "
     "SSLError(SSLError(1, '[SSL: WRONG_VERSION_NUMBER] wrong version number')))", "TLS"),
    ("ConnectionError: ('Connection aborted.', RemoteDisconnected('Remote end closed connection'))", "no answer"),
    ("InvalidURL: something else entirely", "error"),
])
def test_the_delivery_log_shows_a_category_also_for_errors_recorded_before(recorded, shown):
    assert domain.shown_error(recorded) == shown
    dumped = WebhookDeliverySchema(only=("last_error", "recent_attempts")).dump(
        {"last_error": recorded, "recent_attempts": [{"at": "2026-11-20T08:15:00+00:00", "error": recorded}]})
    assert dumped["last_error"] == shown and dumped["recent_attempts"][0]["error"] == shown


def test_this_machine_is_allowed_in_demo_mode_only():
    from services.webhooks.sending import SendingPolicy
    from shared.config import settings

    base = {"AMQP_URI": "amqp://guest:guest@127.0.0.1:5672/", "JWT_SECRET": "k" * 40,
            "WEBHOOK_ALLOWED_TARGETS": ["sak.intern.kommune.no"]}
    production, demo = (SendingPolicy.of(settings({**base, "MODE": mode})).allowed_targets
                        for mode in ("production", "demo"))
    assert not addresses.allow_listed("127.0.0.1", 15672, production)
    assert addresses.allow_listed("sak.intern.kommune.no", 443, production)
    assert all(addresses.allow_listed(host, 8080, demo) for host in ("127.0.0.1", "localhost", "::1"))
    assert not addresses.allow_listed("10.0.0.1", 443, demo)
