"""`vern incidents report|list|show|assess` and `vern categories`: the incident routes of the gateway
(POST/GET /incidents ...); the breach and the case work are in vern_cli.breach and vern_cli.casework.
An incident is named by its id or by the reference on the employee's receipt (vern_cli.references).

Field names are the API's (services/incidents/schemas.py); the gateway validates, and its 400 names
the field and the option that sets it.
"""
import argparse
from datetime import datetime, timezone

from vern_cli import breach, casework, output
from vern_cli.output import text, when
from vern_cli.references import incident_id

REPORT_FLAGS = {"title": "--title", "description": "--description", "kind": "--kind", "category": "--category",
                "occurred_at": "--occurred-at", "aware_at": "--aware-at", "detected_at": "--detected-at",
                "reporting_unit": "--unit"}
ASSESS_FLAGS = {"severity": "--severity", "personal_data_involved": "--personal-data/--no-personal-data",
                "marked_serious": "--serious", "rationale": "--rationale"}
LIST_FLAGS = {"status": "--status", "kind": "--kind", "severity": "--severity", "q": "--search",
              "page": "--page", "page_size": "--page-size"}

LIST_COLUMNS = [("ID", "id", text), ("Reported / Meldt", "reported_at", when), ("Kind / Type", "kind", text),
                ("Severity / Alvorlighet", "severity", text), ("Serious / Alvorlig", "serious", text),
                ("Status", "status", text), ("Title / Tittel", "title", text)]
LABELS = {"id": ("ID", text), "title": ("Title / Tittel", text), "kind": ("Kind / Type", text),
          "category": ("Category / Kategori", text), "status": ("Status", text),
          "allowed_transitions": ("Next / Neste", text), "severity": ("Severity / Alvorlighet", text),
          "serious": ("Serious / Alvorlig", text),
          "personal_data_involved": ("Personal data / Personopplysninger", text),
          "occurred_at": ("Occurred / Skjedde", when), "aware_at": ("Aware / Kjent", when),
          "reported_at": ("Reported / Meldt", when), "reported_by": ("Reported by / Meldt av", text),
          "handler": ("Handler / Saksbehandler", text),
          "authority_deadline": ("72 h deadline / Frist Datatilsynet", when),
          "authority_notification": ("Notification / Melding", text),
          "authority_overdue": ("Overdue / Forsinket", text), "description": ("Description / Beskrivelse", text)}


def labelled(*keys) -> list:
    return [(LABELS[key][0], key, LABELS[key][1]) for key in keys]


SHOW_FIELDS = labelled(*LABELS)
ASSESSMENT_COLUMNS = [("Assessed / Vurdert", "assessed_at", when), ("By / Av", "assessed_by", text),
                      ("Severity / Alvorlighet", "severity", text),
                      ("Personal data / Personopplysninger", "personal_data_involved", text),
                      ("Marked serious / Markert alvorlig", "marked_serious", text),
                      ("Rationale / Begrunnelse", "rationale", text)]
MEASURE_COLUMNS = [("ID", "id", text), ("Kind / Type", "kind", text), ("Status", "status", text),
                   ("Owner / Ansvarlig", "owner", text), ("Due / Frist", "due_date", text),
                   ("Title / Tittel", "title", text)]
JOURNAL_COLUMNS = [("At / Tid", "at", when), ("By / Av", "by", text), ("Entry / Hendelse", "entry_type", text),
                   ("Text / Tekst", "text", text)]


def add_to(commands, common) -> None:
    categories = commands.add_parser("categories", parents=[common],
                                     help="the categories an incident may have / kategorier")
    categories.set_defaults(gateway_command=list_categories)

    incidents = commands.add_parser("incidents", help="report, find and work incidents and breaches / hendelser")
    sub = incidents.add_subparsers(dest="incidents_command", required=True)

    report = sub.add_parser("report", parents=[common], help="report an incident or deviation / meld en hendelse",
                            description="Times are ISO 8601; without an offset they are Norwegian local time.")
    report.add_argument("--title", required=True)
    report.add_argument("--kind", required=True,
                        help="security_incident, personal_data_breach, deviation or near_miss")
    report.add_argument("--category", required=True, help="one of `vern categories`, e.g. phishing")
    report.add_argument("--occurred-at", required=True, help="when it happened, e.g. 2026-03-02T14:00")
    report.add_argument("--aware-at", help="when the agency became aware; starts the 72-hour clock (default: now)")
    report.add_argument("--detected-at", help="when it was detected")
    report.add_argument("--description", help="what happened (the gateway requires it)")
    report.add_argument("--unit", help="the reporting unit")
    report.set_defaults(gateway_command=report_incident)

    listing = sub.add_parser("list", parents=[common], help="incidents, newest first / hendelser")
    listing.add_argument("--status", help="e.g. reported, triage, investigating, closed")
    listing.add_argument("--kind")
    listing.add_argument("--severity")
    listing.add_argument("--serious", action=argparse.BooleanOptionalAction, help="only serious (or not serious)")
    listing.add_argument("--overdue", action="store_true", help="72-hour clocks run out without a notification")
    listing.add_argument("--search", help="words in title or description")
    listing.add_argument("--page", type=int, default=1)
    listing.add_argument("--page-size", type=int)
    listing.set_defaults(gateway_command=list_incidents)

    show = sub.add_parser("show", parents=[common], help="one incident with its assessments and journal")
    show.add_argument("id", help="the incident's id or receipt reference (e.g. 93495295)")
    show.set_defaults(gateway_command=show_incident)

    assess = sub.add_parser("assess", parents=[common], help="assess severity and personal data / vurder")
    assess.add_argument("id", help="the incident's id or receipt reference")
    assess.add_argument("--severity", help="low, medium, high or critical (default: from impact and scope)")
    assess.add_argument("--personal-data", action=argparse.BooleanOptionalAction,
                        help="personal data involved (or not); required")
    assess.add_argument("--serious", action="store_true", help="mark it serious whatever the severity")
    assess.add_argument("--rationale", help="why / begrunnelse")
    assess.set_defaults(gateway_command=assess_incident)

    breach.add_to(sub, common)
    casework.add_to(sub, common)


def list_categories(args, gateway) -> int:
    categories = gateway.get("/incident-categories")
    if args.json:
        output.print_json(categories)
    else:
        print("\n".join(categories["categories"]))
    return 0


def report_incident(args, gateway) -> int:
    body = {"title": args.title, "kind": args.kind, "category": args.category, "occurred_at": args.occurred_at,
            "aware_at": args.aware_at or datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "description": args.description, "detected_at": args.detected_at, "reporting_unit": args.unit}
    incident = gateway.post("/incidents", {key: value for key, value in body.items() if value is not None},
                            flags=REPORT_FLAGS)
    if args.json:
        output.print_json(incident)
    else:
        print(f"Reported / Meldt: {incident['id']}")
        print(output.fields(incident, labelled("title", "kind", "category", "status", "authority_deadline")))
    return 0


def list_incidents(args, gateway) -> int:
    page = gateway.get("/incidents", {"status": args.status, "kind": args.kind, "severity": args.severity,
                                      "serious": _flag(args.serious), "overdue": "true" if args.overdue else None,
                                      "q": args.search, "page": args.page, "page_size": args.page_size},
                       flags=LIST_FLAGS)
    output.print_page(page, LIST_COLUMNS, "incidents / hendelser", args.json)
    return 0


def show_incident(args, gateway) -> int:
    incident = gateway.get(f"/incidents/{incident_id(gateway, args.id)}")
    if args.json:
        output.print_json(incident)
        return 0
    print(output.fields(incident, SHOW_FIELDS))
    for heading, key, columns in (("Assessments / Vurderinger", "assessments", ASSESSMENT_COLUMNS),
                                  ("Measures / Tiltak", "measures", MEASURE_COLUMNS),
                                  ("Journal / Logg", "journal", JOURNAL_COLUMNS)):
        if incident.get(key):
            print(f"\n{heading}\n{output.table(incident[key], columns)}")
    return 0


def assess_incident(args, gateway) -> int:
    body = {"severity": args.severity, "personal_data_involved": args.personal_data,
            "marked_serious": True if args.serious else None, "rationale": args.rationale}
    incident = gateway.post(f"/incidents/{incident_id(gateway, args.id)}/assessment",
                            {key: value for key, value in body.items() if value is not None}, flags=ASSESS_FLAGS)
    if args.json:
        output.print_json(incident)
    else:
        print(f"Assessed / Vurdert: {incident['id']}")
        print(output.fields(incident, labelled("severity", "serious", "personal_data_involved",
                                               "authority_deadline")))
        if incident.get("serious"):
            print("Serious: the notification tasks follow (vern tasks list) / "
                  "Alvorlig: varslingsoppgavene kommer (vern tasks list)")
    return 0


def _flag(value):
    return None if value is None else ("true" if value else "false")
