"""The dependency audit's verdict on pip-audit's report, and the lock it audits being the one installed."""
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy"))
from audit_dependencies import verdict  # noqa: E402

CLEAN = {"name": "requests", "version": "2.34.2", "vulns": []}
UNKNOWN = {"name": "vine", "skip_reason": "Dependency not found on PyPI and could not be audited: vine (5.1.0)"}
VULNERABLE = {"name": "jinja2", "version": "3.1.4", "vulns": [{"id": "GHSA-q2x7-8rv6-6q7h", "fix_versions": ["3.1.5"]}]}


def test_a_known_vulnerability_fails_the_audit_naming_the_package_and_the_fix():
    code, lines = verdict({"dependencies": [CLEAN, VULNERABLE]}, require_checked=False)
    assert code == 1 and "jinja2 3.1.4: GHSA-q2x7-8rv6-6q7h (fixed in 3.1.5)" in lines


def test_a_clean_report_passes_and_says_how_much_it_checked():
    assert verdict({"dependencies": [CLEAN]}, require_checked=False) == (
        0, ["dependency audit: 1 locked dependencies checked, no known vulnerabilities"])


def test_nothing_checked_is_reported_as_not_run_never_as_a_pass():
    code, lines = verdict({"dependencies": [UNKNOWN]}, require_checked=False)
    assert code == 0 and lines[0].startswith("dependency audit NOT RUN")
    assert verdict({"dependencies": [UNKNOWN]}, require_checked=True)[0] == 1
    assert verdict({"dependencies": []}, require_checked=True)[0] == 1


def test_the_lock_holds_every_pin_of_pyproject_at_the_same_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = [requirement for requirement in project["dependencies"] + project["optional-dependencies"]["test"]
            if "==" in requirement]
    lock = {name.lower().replace("_", "-"): version for name, version in
            re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)$", (ROOT / "deploy/requirements.lock").read_text(), re.M)}
    mismatched = [pin for pin in pins if lock.get(pin.split("==")[0].split("[")[0].lower().replace("_", "-"))
                  != pin.split("==")[1].split()[0]]
    assert mismatched == []
