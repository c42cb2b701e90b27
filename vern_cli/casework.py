"""`vern incidents status|handler|note|measure-add|measure-update|close|reopen`: an incident's case work,
through the same gateway routes as its page."""
from vern_cli import output
from vern_cli.output import text, when
from vern_cli.references import incident_id

STATE_FIELDS = [("ID", "id", text), ("Status", "status", text), ("Next / Neste", "allowed_transitions", text),
                ("Handler / Saksbehandler", "handler", text), ("Closed / Lukket", "closed_at", when)]
MEASURE_FIELDS = [("ID", "id", text), ("Title / Tittel", "title", text), ("Kind / Type", "kind", text),
                  ("Status", "status", text), ("Owner / Ansvarlig", "owner", text), ("Due / Frist", "due_date", text)]
MEASURE_FLAGS = {"title": "--title", "kind": "--kind", "owner": "--owner", "due_date": "--due",
                 "status": "--status", "owner_role": "--owner-role", "owner_system": "--owner-system"}


def add_to(sub, common) -> None:
    status = sub.add_parser("status", parents=[common], help="move it along its life cycle / endre status")
    status.add_argument("id", help="the incident's id or receipt reference")
    status.add_argument("status", help="e.g. triage, investigating, contained, rejected (close with `close`)")
    status.add_argument("--note", help="why; required for rejected")
    status.set_defaults(gateway_command=change_status)

    handler = sub.add_parser("handler", parents=[common], help="assign the handler / tildel saksbehandler")
    handler.add_argument("id", help="the incident's id or receipt reference")
    handler.add_argument("handler", help="the coordinator's pseudonymous id")
    handler.add_argument("--role", help="pko or isk")
    handler.set_defaults(gateway_command=assign_handler)

    note = sub.add_parser("note", parents=[common], help="write in the journal / skriv i loggen")
    note.add_argument("id", help="the incident's id or receipt reference")
    note.add_argument("text")
    note.set_defaults(gateway_command=add_note)

    add = sub.add_parser("measure-add", parents=[common], help="add a measure / legg til tiltak")
    add.add_argument("id", help="the incident's id or receipt reference")
    add.add_argument("--title")
    add.add_argument("--kind", help="containment, corrective (default) or preventive")
    add.add_argument("--owner", help="a role or a pseudonymous id")
    add.add_argument("--due", help="due date, e.g. 2027-01-15")
    add.add_argument("--status", help="planned (default), in_progress or done")
    add.add_argument("--owner-role", help="system_owner, system_administrator or security_manager: gets a task")
    add.add_argument("--owner-system", help="the directory's system whose contact holds --owner-role")
    add.set_defaults(gateway_command=add_measure)

    update = sub.add_parser("measure-update", parents=[common], help="move a measure along / oppdater tiltak")
    update.add_argument("id", help="the incident's id or receipt reference")
    update.add_argument("measure", type=int, help="the measure's number (vern incidents show)")
    update.add_argument("--title")
    update.add_argument("--owner")
    update.add_argument("--due")
    update.add_argument("--status", help="planned, in_progress, done or cancelled")
    update.set_defaults(gateway_command=update_measure)

    close = sub.add_parser("close", parents=[common], help="close with root cause and lessons / lukk saken",
                           description="Refused, with the outstanding work named, while a measure is open or "
                                       "the notification is undecided or still due.")
    close.add_argument("id", help="the incident's id or receipt reference")
    close.add_argument("--root-cause")
    close.add_argument("--lessons", help="lessons learned / læringspunkter")
    close.add_argument("--risk", action="append", dest="risks", metavar="RISK_ID",
                       help="a risk in the register it led to (repeat for several)")
    close.set_defaults(gateway_command=close_incident)

    reopen = sub.add_parser("reopen", parents=[common], help="reopen with a reason / gjenåpne")
    reopen.add_argument("id", help="the incident's id or receipt reference")
    reopen.add_argument("--reason")
    reopen.set_defaults(gateway_command=reopen_incident)


def change_status(args, gateway) -> int:
    incident = gateway.post(f"/incidents/{incident_id(gateway, args.id)}/status",
                            output.given({"status": args.status, "note": args.note}),
                            flags={"status": "STATUS", "note": "--note"})
    output.print_record(args, incident, STATE_FIELDS)
    return 0


def assign_handler(args, gateway) -> int:
    incident = gateway.put(f"/incidents/{incident_id(gateway, args.id)}/handler",
                           output.given({"handler": args.handler, "role": args.role}),
                           flags={"handler": "HANDLER", "role": "--role"})
    output.print_record(args, incident, STATE_FIELDS)
    return 0


def add_note(args, gateway) -> int:
    incident = gateway.post(f"/incidents/{incident_id(gateway, args.id)}/notes", {"text": args.text},
                            flags={"text": "TEXT"})
    output.print_record(args, incident, STATE_FIELDS)
    return 0


def add_measure(args, gateway) -> int:
    body = {"title": args.title, "kind": args.kind, "owner": args.owner, "due_date": args.due,
            "status": args.status, "owner_role": args.owner_role, "owner_system": args.owner_system}
    measure = gateway.post(f"/incidents/{incident_id(gateway, args.id)}/measures", output.given(body),
                           flags=MEASURE_FLAGS)
    output.print_record(args, measure, MEASURE_FIELDS)
    return 0


def update_measure(args, gateway) -> int:
    body = {"title": args.title, "owner": args.owner, "due_date": args.due, "status": args.status}
    measure = gateway.patch(f"/incidents/{incident_id(gateway, args.id)}/measures/{args.measure}", output.given(body),
                            flags=MEASURE_FLAGS)
    output.print_record(args, measure, MEASURE_FIELDS)
    return 0


def close_incident(args, gateway) -> int:
    body = {"root_cause": args.root_cause, "lessons_learned": args.lessons, "linked_risk_ids": args.risks}
    incident = gateway.post(f"/incidents/{incident_id(gateway, args.id)}/close", output.given(body),
                            flags={"root_cause": "--root-cause", "lessons_learned": "--lessons",
                                   "linked_risk_ids": "--risk"})
    output.print_record(args, incident, STATE_FIELDS)
    return 0


def reopen_incident(args, gateway) -> int:
    incident = gateway.post(f"/incidents/{incident_id(gateway, args.id)}/reopen", output.given({"reason": args.reason}),
                            flags={"reason": "--reason"})
    output.print_record(args, incident, STATE_FIELDS)
    return 0
