"""`vern register export` asks for the record by role and language (art. 30(1) or 30(2), bokmål or English)."""
import argparse

from vern_cli import register
from vern_cli.api import Download


class Gateway:
    def __init__(self):
        self.asked = []

    def download(self, path, params=None, flags=None):
        self.asked.append((path, params, flags))
        return Download(b"Behandlingsaktivitet;Rolle\n", "text/csv", "behandlingsprotokoll.csv")


def parse(*argv):
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command")
    register.add_to(commands, argparse.ArgumentParser(add_help=False))
    return parser.parse_args(["register", "export", *argv])


def test_role_and_language_are_sent_and_bokmal_is_the_default(tmp_path):
    gateway = Gateway()
    args = parse("--format", "csv", "--role", "processor", "--language", "en", "--output", str(tmp_path / "r.csv"))
    args.json = False
    assert register.export_register(args, gateway) == 0
    path, params, flags = gateway.asked[0]
    assert path == "/processing-activities/export"
    assert params == {"format": "csv", "status": None, "role": "processor", "language": "en"}
    assert flags["role"] == "--role" and flags["language"] == "--language"
    assert parse().language == "nb" and parse().role is None
