"""`vern register export`: the record of processing activities (behandlingsprotokoll) as a file for
Datatilsynet (GET /processing-activities/export)."""
from vern_cli import output


def add_to(commands, common) -> None:
    register = commands.add_parser("register", help="the record of processing activities / behandlingsprotokollen")
    sub = register.add_subparsers(dest="register_command", required=True)
    export = sub.add_parser("export", parents=[common], help="the whole record as a file / hele protokollen som fil")
    export.add_argument("--format", choices=("xlsx", "csv", "json"), default="xlsx")
    export.add_argument("--status", help="only activities in this status")
    export.add_argument("--role", choices=("controller", "processor"),
                        help="only the record as controller (art. 30(1)) or as processor (art. 30(2))")
    export.add_argument("--language", choices=("nb", "en"), default="nb", help="headings and values in this language")
    export.add_argument("--output", "-o", help="file to write, '-' for stdout (default: the gateway's file name)")
    export.set_defaults(gateway_command=export_register)


def export_register(args, gateway) -> int:
    download = gateway.download("/processing-activities/export",
                                {"format": args.format, "status": args.status, "role": args.role,
                                 "language": args.language},
                                flags={"format": "--format", "status": "--status", "role": "--role",
                                       "language": "--language"})
    output.save_document(download, args.output, f"behandlingsprotokoll.{args.format}", args.json)
    return 0
