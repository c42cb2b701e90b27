"""`vern tasks list|complete`: the caller's notification tasks (GET /notification-tasks, most urgent first)."""
from vern_cli import output
from vern_cli.output import text, when

LIST_FLAGS = {"status": "--status", "incident_id": "--incident", "risk_id": "--risk", "role": "--role",
              "page": "--page", "page_size": "--page-size"}
COLUMNS = [("ID", "id", text), ("Due / Frist", "due_at", when), ("Overdue / Forsinket", "overdue", text),
           ("Status", "status", text), ("To / Til", "recipient_role", text), ("Channel / Kanal", "channel", text),
           ("Title / Tittel", "title", text)]
DETAIL = [("ID", "id", text), ("Title / Tittel", "title", text), ("Status", "status", text),
          ("Completed / Utført", "completed_at", when), ("By / Av", "completed_by", text),
          ("Note / Merknad", "completion_note", text)]


def add_to(commands, common) -> None:
    tasks = commands.add_parser("tasks", help="notification tasks / varslingsoppgaver")
    sub = tasks.add_subparsers(dest="tasks_command", required=True)

    listing = sub.add_parser("list", parents=[common], help="your inbox, most urgent first / innboks")
    listing.add_argument("--status", help="open or completed (default: both)")
    listing.add_argument("--incident", help="only the tasks of this incident")
    listing.add_argument("--risk", help="only the tasks of this risk")
    listing.add_argument("--role", help="recipient role, e.g. leader, ombud")
    listing.add_argument("--overdue", action="store_true", help="only open tasks past due")
    listing.add_argument("--page", type=int, default=1)
    listing.add_argument("--page-size", type=int)
    listing.set_defaults(gateway_command=list_tasks)

    complete = sub.add_parser("complete", parents=[common], help="mark a task done / marker som utført")
    complete.add_argument("id")
    complete.add_argument("--note", help="what was done / hva som ble gjort")
    complete.set_defaults(gateway_command=complete_task)


def list_tasks(args, gateway) -> int:
    page = gateway.get("/notification-tasks", {
        "status": args.status, "incident_id": args.incident, "risk_id": args.risk, "role": args.role,
        "overdue": "true" if args.overdue else None, "page": args.page, "page_size": args.page_size},
        flags=LIST_FLAGS)
    output.print_page(page, COLUMNS, "tasks / oppgaver", args.json)
    return 0


def complete_task(args, gateway) -> int:
    body = {"note": args.note} if args.note is not None else {}
    task = gateway.post(f"/notification-tasks/{args.id}/complete", body, flags={"note": "--note"})
    if args.json:
        output.print_json(task)
    else:
        print(output.fields(task, DETAIL))
    return 0
