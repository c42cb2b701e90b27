"""`vern report management-review --year 2026 --format pdf`: a year's report for leadership as a document.

The latest version of the report covering the whole year is used (an approved one is frozen; a
draft shows live figures); when the year has none, a draft is made (POST /reports), which needs a
coordinator's or the agency head's role."""
import json
import sys

from vern_cli import output
from vern_cli.api import Download

KINDS = {"management-review": ("management_review", "management review / ledelsens gjennomgang"),
         "incident-summary": ("incident_summary", "incident summary / oppsummering av hendelser"),
         "self-declaration": ("self_declaration", "self-declaration / egenerklæring"),
         "annual-plan-followup": ("annual_plan_followup", "annual plan follow-up / årsplan – oppfølging")}


def add_to(commands, common) -> None:
    report = commands.add_parser("report", help="reports for leadership as PDF, DOCX or JSON / rapporter")
    sub = report.add_subparsers(dest="report_kind", required=True)
    for name, (kind, title) in KINDS.items():
        one = sub.add_parser(name, parents=[common], help=f"the year's {title}")
        one.add_argument("--year", type=int, required=True)
        one.add_argument("--format", choices=("pdf", "docx", "json"), default="pdf")
        one.add_argument("--language", choices=("nb", "en"), default="nb", help="of the document (default nb)")
        one.add_argument("--output", "-o", help="file to write, '-' for stdout (default: the report's file name)")
        one.set_defaults(gateway_command=download_report, kind=kind)


def download_report(args, gateway) -> int:
    report = year_report(gateway, args.kind, args.year)
    about = {"report": {key: report.get(key) for key in ("id", "kind", "version", "status", "period_start",
                                                         "period_end")}}
    if args.format == "json":
        view = gateway.get(f"/reports/{report['id']}")
        download = Download(json.dumps(view, indent=2, ensure_ascii=False).encode(), "application/json", None)
    else:
        download = gateway.download(f"/reports/{report['id']}/document",
                                    {"format": args.format, "language": args.language},
                                    flags={"format": "--format", "language": "--language"})
    fallback = f"{args.kind}-{args.year}-v{report.get('version', 1)}-{args.language}.{args.format}"
    output.save_document(download, args.output, fallback, args.json, **about)
    if not args.json and args.output != "-":
        print(f"Report / Rapport {report['id']}, version {report.get('version')}, {report.get('status')}")
    return 0


def year_report(gateway, kind: str, year: int) -> dict:
    """The latest version covering the whole year (the list is newest version first), or a new draft."""
    period = {"period_start": f"{year}-01-01", "period_end": f"{year}-12-31"}
    found = gateway.get("/reports", {"kind": kind, "year": year}, flags={"year": "--year"})["items"]
    for report in found:
        if report.get("period_start") == period["period_start"] and report.get("period_end") == period["period_end"]:
            return report
    draft = gateway.post("/reports", {"kind": kind, **period}, flags={"period_start": "--year", "period_end": "--year"})
    print(f"vern: no {kind} for {year} yet; drafted one with live figures ({draft['id']}) / "
          f"laget et utkast", file=sys.stderr)
    return draft
