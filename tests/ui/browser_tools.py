"""What the web interface's browser tests need on the machine, installed when missing.

Debian's chromium (deploy/ensure-tools.sh), driven by Playwright without its own browser download,
and axe-core from npm (`npm ci` here when node_modules is missing or older than the lock file)."""
import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "var" / "screenshots"
# the violations that fail a page: WCAG 2.1 AA is the bar; "moderate" and "minor" are reported, not failed
FAILING_IMPACTS = ("serious", "critical")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def ensure_chromium() -> str:
    if not Path(CHROMIUM).exists():
        subprocess.run([str(ROOT / "deploy" / "ensure-tools.sh"), "chromium"], check=True, timeout=900)
    return CHROMIUM


def axe_source() -> str:
    installed = HERE / "node_modules" / ".package-lock.json"
    if not installed.exists() or installed.stat().st_mtime < (HERE / "package-lock.json").stat().st_mtime:
        if shutil.which("npm") is None:
            subprocess.run([str(ROOT / "deploy" / "ensure-tools.sh"), "nodejs", "npm"], check=True, timeout=900)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True,
                       timeout=600, stdout=subprocess.DEVNULL)
    return AXE.read_text()


def run_axe(page, source: str) -> list[dict]:
    """axe-core in the page (evaluated over the DevTools protocol, so the page's strict CSP, which
    forbids inline script, does not have to be loosened for the test); the failing violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(source)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [node["target"] for node in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in FAILING_IMPACTS]


def describe(violations: list[dict]) -> str:
    return json.dumps(violations, indent=2, ensure_ascii=False)
