"""Judge pip-audit's JSON report over deploy/requirements.lock (run by deploy/audit-dependencies.sh).

Fails (exit 1) on any known vulnerability. A dependency the vulnerability service could not look up
is not a pass: it is listed as unchecked, and when nothing could be checked at all (the service is
unreachable from this machine) the audit says so loudly; with VERN_REQUIRE_DEPENDENCY_AUDIT=1 (a CI
that can reach it) that fails too.
"""
import json
import os
import sys


def verdict(report: dict, require_checked: bool) -> tuple[int, list[str]]:
    lines, vulnerable, unchecked = [], [], []
    for dependency in report.get("dependencies", []):
        name = f"{dependency['name']} {dependency.get('version', '')}".strip()
        if dependency.get("skip_reason"):
            unchecked.append(name)
        for vulnerability in dependency.get("vulns", []):
            fixed = ", ".join(vulnerability.get("fix_versions", [])) or "no fixed version yet"
            vulnerable.append(f"{name}: {vulnerability['id']} (fixed in {fixed})")
    checked = len(report.get("dependencies", [])) - len(unchecked)
    if not report.get("dependencies"):
        return (1 if require_checked else 0), ["dependency audit NOT RUN: pip-audit gave no report"]
    if vulnerable:
        lines += ["dependency audit FAILED: known vulnerabilities in the locked dependencies:", *vulnerable]
    if unchecked and not checked:
        lines.append(f"dependency audit NOT RUN: the vulnerability service could not be reached or knows none of "
                     f"the {len(unchecked)} locked dependencies; run `make audit-deps` where it can be reached")
    elif unchecked:
        lines.append(f"dependency audit: {len(unchecked)} dependencies could not be checked: {', '.join(unchecked)}")
    if not vulnerable and checked:
        lines.append(f"dependency audit: {checked} locked dependencies checked, no known vulnerabilities")
    failed = bool(vulnerable) or (require_checked and bool(unchecked))
    return (1 if failed else 0), lines


def main() -> int:
    code, lines = verdict(json.load(sys.stdin), os.environ.get("VERN_REQUIRE_DEPENDENCY_AUDIT") == "1")
    print("\n".join(lines), file=sys.stderr if code else sys.stdout)
    return code


if __name__ == "__main__":
    sys.exit(main())
