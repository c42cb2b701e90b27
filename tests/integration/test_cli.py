"""The `vern` command line against a live Vern, as a coordinator and a script use it: log in, report a
breach, assess it, work the notification tasks, export the register, download the management review;
and the exit codes a script relies on (2 bad input, 1 refused, 3 unreachable)."""
import io
import json
import os
import stat
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import openpyxl
import pytest

from shared.clock import today as oslo_today
from shared.config import ROOT
from tests.integration.harness import free_port, wait_for
from tests.integration.test_risk import new_assessment
from vern_cli import credentials
from vern_cli.main import main


@pytest.fixture
def cli(capsys, tmp_path, monkeypatch):
    """Run `vern ...` in this process: (exit code, stdout, stderr), with its own config home and folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("VERN_URL", raising=False)
    monkeypatch.delenv("VERN_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)

    def run(*argv):
        capsys.readouterr()
        code = main([str(arg) for arg in argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def gateway_url(vern) -> str:
    return vern.base_url.removesuffix("/api/v1")  # as a person types it


def json_of(result):
    code, out, err = result
    assert code == 0, err
    return json.loads(out)


def test_a_coordinator_works_a_breach_from_the_command_line(vern, cli, tmp_path):
    token = vern.token(roles=("pko",), sub="cli-pko")
    code, out, err = cli("login", "--url", gateway_url(vern), "--token", token)
    assert code == 0, err
    assert "cli-pko" in out and "pko" in out
    stored = credentials.credentials_path()
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert json.loads(stored.read_text()) == {"url": vern.base_url, "token": token}

    now = datetime.now(timezone.utc)
    incident = json_of(cli("incidents", "report", "--json", "--title", "Elevliste sendt til feil mottaker",
                           "--kind", "personal_data_breach", "--category", "misdirected_email_or_letter",
                           "--occurred-at", (now - timedelta(hours=3)).isoformat(),
                           "--aware-at", (now - timedelta(hours=1)).isoformat(),
                           "--description", "Sendt til ekstern adresse."))
    iid = incident["id"]
    assert incident["status"] == "reported"

    code, out, err = cli("incidents", "list")
    assert code == 0, err
    header, *rows = out.splitlines()
    assert header.split("  ")[0] == "ID" and "Title / Tittel" in header
    assert any(row.startswith(iid) and "Elevliste sendt til feil mottaker" in row for row in rows)
    assert rows[-1].startswith(f"{json_of(cli('incidents', 'list', '--json'))['total']} incidents")
    assert iid in [item["id"] for item in json_of(cli("incidents", "list", "--json", "--kind", "personal_data_breach"))
                   ["items"]]

    code, out, err = cli("incidents", "show", iid)
    assert code == 0, err
    assert f"ID:" in out and iid in out and "Sendt til ekstern adresse." in out
    assert json_of(cli("incidents", "show", iid, "--json"))["title"] == "Elevliste sendt til feil mottaker"

    code, out, err = cli("incidents", "assess", iid, "--severity", "high", "--personal-data",
                         "--rationale", "Helseopplysninger")
    assert code == 0, err
    assert "vern tasks list" in out  # serious: the tasks follow
    assessed = json_of(cli("incidents", "show", iid, "--json"))
    assert assessed["serious"] is True and assessed["personal_data_involved"] is True

    # The notification tasks come from reporting, asynchronously.
    def open_tasks():
        return json_of(cli("tasks", "list", "--json", "--incident", iid, "--status", "open"))["items"]

    tasks = wait_for(lambda: len(open_tasks()) >= 5 and open_tasks(), timeout=20)
    assert tasks, "no notification tasks appeared"
    assert "datatilsynet" in {task["recipient_role"] for task in tasks}
    code, out, err = cli("tasks", "list", "--incident", iid)
    assert code == 0 and all(task["id"] in out for task in tasks), err
    first = next(task["id"] for task in tasks if task["action"] == "triage")  # done by hand; Datatilsynet's is not
    completed = json_of(cli("tasks", "complete", first, "--note", "Varslet", "--json"))
    assert completed["status"] == "completed" and completed["completion_note"] == "Varslet"
    assert first not in [task["id"] for task in open_tasks()]
    code, out, err = cli("tasks", "complete", first)  # done already: refused
    assert code == 1 and "HTTP 409" in err and out == ""

    # The record of processing activities, as the file for Datatilsynet.
    code, out, err = cli("register", "export", "--format", "xlsx")
    assert code == 0, err
    assert "behandlingsprotokoll.xlsx" in out
    workbook = openpyxl.load_workbook(tmp_path / "behandlingsprotokoll.xlsx")
    assert workbook.active.max_row >= 1 and workbook.active["A1"].value
    exported = json_of(cli("register", "export", "--format", "csv", "--output", "register.csv", "--json"))
    assert exported["file"] == "register.csv" and (tmp_path / "register.csv").read_bytes().startswith(b"\xef\xbb\xbf")

    # The year's management review: drafted when there is none, then the same one again.
    year = oslo_today().year  # the year as the services count it, in Oslo
    code, out, err = cli("report", "management-review", "--year", year, "--format", "pdf", "--output", "review.pdf")
    assert code == 0, err
    assert (tmp_path / "review.pdf").read_bytes().startswith(b"%PDF")
    assert "drafted" in err
    again = json_of(cli("report", "management-review", "--year", year, "--format", "json", "--json"))
    assert again["report"]["kind"] == "management_review" and again["report"]["version"] == 1
    view = json.loads((tmp_path / again["file"]).read_text())
    assert view["id"] == again["report"]["id"] and view["period_start"] == f"{year}-01-01"

    # Risks: a risk added to an assessment shows in the register.
    assessment = new_assessment(vern.client(roles=("isk",)))
    risk = json_of(cli("risks", "add", assessment["id"], "--title", "Delt konto i fagsystemet",
                       "--likelihood", 4, "--consequence", 4, "--owner", "systemeier", "--json"))
    code, out, err = cli("risks", "list", "--assessment", assessment["id"])
    assert code == 0 and risk["id"] in out and "Delt konto i fagsystemet" in out, err
    code, out, err = cli("risks", "assessment", assessment["id"])
    assert code == 0 and risk["id"] in out and assessment["title"] in out, err
    assert json_of(cli("risks", "show", risk["id"], "--json"))["owner"] == "systemeier"

    code, out, err = cli("logout")
    assert code == 0 and not stored.exists()


def test_bad_input_is_exit_2_naming_the_field_and_its_option(vern, cli, monkeypatch):
    monkeypatch.setenv("VERN_URL", vern.base_url)
    monkeypatch.setenv("VERN_TOKEN", vern.token(roles=("pko",)))
    code, out, err = cli("incidents", "report", "--title", "Ukjent type", "--kind", "volcano", "--category", "phishing",
                         "--occurred-at", "2026-01-05T10:00", "--description", "x")
    assert code == 2 and out == ""
    assert err.startswith("vern: Invalid input / Ugyldige data (HTTP 400, validation_error): kind (--kind): ")
    assert len(err.strip().splitlines()) == 1

    code, out, err = cli("incidents", "assess", "no-such-id", "--severity", "high")
    assert code == 2 and "personal_data_involved (--personal-data/--no-personal-data)" in err

    code, out, err = cli("incidents", "show", "no-such-id")
    assert code == 1 and "HTTP 404" in err


def test_a_wrong_token_is_exit_1_with_the_gateways_401_message(vern, cli, monkeypatch):
    monkeypatch.setenv("VERN_URL", vern.base_url)
    monkeypatch.setenv("VERN_TOKEN", "not-a-token")
    code, out, err = cli("tasks", "list")
    assert code == 1 and out == ""
    assert "Invalid token / Ugyldig innloggingstoken (HTTP 401, unauthenticated)" in err
    assert "VERN_TOKEN" in err  # where the refused token came from

    monkeypatch.delenv("VERN_TOKEN")
    code, out, err = cli("login", "--url", vern.base_url, "--token", "not-a-token")
    assert code == 1 and "HTTP 401" in err
    assert not credentials.credentials_path().exists()  # a refused token is not stored


def test_a_token_piped_on_stdin_is_read_and_never_printed(vern, cli, monkeypatch):
    token = vern.token(roles=("leader",), sub="cli-leader")
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"Bearer {token}\n"))
    code, out, err = cli("login", "--url", vern.base_url, "--json")
    assert code == 0, err
    assert json.loads(out)["sub"] == "cli-leader" and token not in out + err
    assert credentials.current().token == token


def test_an_unreachable_gateway_is_exit_3(cli, monkeypatch):
    monkeypatch.setenv("VERN_URL", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("VERN_TOKEN", "whatever")
    code, out, err = cli("incidents", "list")
    assert code == 3 and out == ""
    assert err.startswith("vern: cannot reach the gateway at http://127.0.0.1:") and "Connection refused" in err


def test_the_installed_command_runs_as_its_own_process(vern, tmp_path):
    """The entry point's module as a process, as `vern` runs it: a script reads --json from stdout."""
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "VERN_URL": vern.base_url,
           "VERN_TOKEN": vern.token(roles=("pko",)), "PYTHONWARNINGS": "ignore"}
    finished = subprocess.run([sys.executable, "-m", "vern_cli.main", "tasks", "list", "--json"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=60)
    assert finished.returncode == 0, finished.stderr
    assert set(json.loads(finished.stdout)) >= {"items", "total", "page"}
    finished = subprocess.run([sys.executable, "-m", "vern_cli.main", "incidents", "list", "--page", "zero"],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert finished.returncode == 2 and "invalid int value" in finished.stderr  # usage errors: argparse's 2


def test_a_breach_is_worked_from_report_to_closed_by_its_receipt_reference(vern, cli, monkeypatch):
    """The case work of a breach with `vern` alone, naming the incident by the receipt's reference."""
    monkeypatch.setenv("VERN_URL", vern.base_url)
    monkeypatch.setenv("VERN_TOKEN", vern.token(roles=("pko",), sub="cli-case"))
    code, out, err = cli("categories")
    assert code == 0 and "misdirected_email_or_letter" in out.split(), err

    now = datetime.now(timezone.utc)
    incident = json_of(cli("incidents", "report", "--json", "--title", "Vedtak sendt til feil adresse",
                           "--kind", "personal_data_breach", "--category", "misdirected_email_or_letter",
                           "--occurred-at", (now - timedelta(hours=5)).isoformat(),
                           "--aware-at", (now - timedelta(hours=2)).isoformat(), "--description", "Brev med vedtak."))
    iid, reference = incident["id"], incident["id"][:8].upper()  # as the receipt shows it

    assert json_of(cli("incidents", "show", reference, "--json"))["id"] == iid
    code, out, err = cli("incidents", "assess", reference, "--personal-data", "--severity", "medium")
    assert code == 0, err

    code, out, err = cli("incidents", "breach-assess", reference, "--data-type", "sensitive",
                         "--identification", "maximum", "--confidentiality", "0.25", "--subjects", 1)
    assert code == 0, err
    assert "Datatilsynet (art. 33): required" in out and "Next / Neste: vern incidents decide" in out

    # two mistakes at once: a duty out of the vocabulary and an exemption without its ground
    code, out, err = cli("incidents", "decide", reference, "--authority", "maybe", "--data-subjects", "exempt")
    assert code == 2 and "notify_authority (--authority)" in err and "subject_exemption (--exemption)" in err

    decision = json_of(cli("incidents", "decide", reference, "--authority", "required", "--data-subjects",
                           "required", "--json"))
    assert decision["follows_recommendation"] is True
    code, out, err = cli("incidents", "draft", reference)
    assert code == 0 and out.startswith("Melding om brudd på personopplysningssikkerheten") and "72 h" in out, err

    code, out, err = cli("incidents", "close", reference, "--root-cause", "Feil adresse", "--lessons", "Sjekk")
    assert code == 1 and "HTTP 409" in err  # still outstanding work

    notified = json_of(cli("incidents", "notified", reference, "--reference", "AR123", "--json"))
    assert notified["channel"] == "altinn" and notified["late"] is False
    told = json_of(cli("incidents", "subjects-told", reference, "--channel", "letter", "--reached", 1, "--json"))
    assert told["subjects_reached"] == 1
    measure = json_of(cli("incidents", "measure-add", reference, "--title", "Kontroller adresse før utsending",
                          "--owner", "saksbehandlerteamet", "--json"))
    assert json_of(cli("incidents", "measure-update", reference, measure["id"], "--status", "done", "--json"))[
        "status"] == "done"
    for status in ("triage", "investigating", "resolved"):
        code, out, err = cli("incidents", "status", reference, status)
        assert code == 0, err
    closed = json_of(cli("incidents", "close", reference, "--root-cause", "Manuell adressering",
                         "--lessons", "Adresser hentes fra Folkeregisteret", "--json"))
    assert closed["status"] == "closed"
    reopened = json_of(cli("incidents", "reopen", reference, "--reason", "Også et vedlegg ble sendt", "--json"))
    assert reopened["status"] == "investigating"
    shown = json_of(cli("incidents", "show", iid, "--json"))
    assert shown["authority_notification"] in ("submitted", "late") and shown["measures"][0]["status"] == "done"
