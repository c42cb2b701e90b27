"""`vern risks ...`: the risk register, one risk, adding a risk to an assessment, the assessments, and the
register as a spreadsheet (GET /risks, /risks/{id}, /risk-assessments; POST /risk-assessments/{id}/risks)."""
from vern_cli import output
from vern_cli.output import text, when

ADD_FLAGS = {"title": "--title", "likelihood": "--likelihood", "consequence": "--consequence",
             "scenario": "--scenario", "threat": "--threat", "vulnerability": "--vulnerability", "asset": "--asset",
             "owner": "--owner", "treatment": "--treatment", "existing_controls": "--existing-controls"}
REGISTER_FLAGS = {"assessment_id": "--assessment", "level": "--level", "residual_level": "--residual-level",
                  "status": "--status", "owner": "--owner", "page": "--page", "page_size": "--page-size"}
RISK_COLUMNS = [("ID", "id", text), ("Level / Nivå", "level", text), ("Residual / Restrisiko", "residual_level", text),
                ("Acceptable / Akseptabel", "acceptable", text), ("Status", "status", text),
                ("Owner / Eier", "owner", text), ("Title / Tittel", "title", text)]
RISK_FIELDS = [("ID", "id", text), ("Title / Tittel", "title", text), ("Assessment / Vurdering", "assessment_title", text),
               ("Status", "status", text), ("Scenario", "scenario", text), ("Threat / Trussel", "threat", text),
               ("Vulnerability / Sårbarhet", "vulnerability", text), ("Asset / Verdi", "asset", text),
               ("Likelihood / Sannsynlighet", "likelihood", text), ("Consequence / Konsekvens", "consequence", text),
               ("Score", "score", text), ("Level / Nivå", "level", text), ("Treatment / Behandling", "treatment", text),
               ("Residual / Restrisiko", "residual_level", text), ("Acceptable / Akseptabel", "acceptable", text),
               ("Owner / Eier", "owner", text), ("Review / Revisjon", "review_date", text),
               ("Updated / Endret", "updated_at", when)]
MEASURE_COLUMNS = [("ID", "id", text), ("Status", "status", text), ("Owner / Ansvarlig", "owner", text),
                   ("Due / Frist", "due_date", text), ("Overdue / Forsinket", "overdue", text),
                   ("Title / Tittel", "title", text)]
ASSESSMENT_COLUMNS = [("ID", "id", text), ("Scope / Omfang", "scope", text), ("Status", "status", text),
                      ("Date / Dato", "assessment_date", text), ("Next review / Neste", "next_review_date", text),
                      ("Title / Tittel", "title", text)]
ASSESSMENT_FIELDS = [("ID", "id", text), ("Title / Tittel", "title", text), ("Scope / Omfang", "scope", text),
                     ("Status", "status", text), ("Method / Metode", "method", text), ("Owner / Eier", "owner", text),
                     ("Date / Dato", "assessment_date", text), ("Next review / Neste", "next_review_date", text),
                     ("Approved / Godkjent", "approved_at", when), ("Approved by / Av", "approved_by", text)]


def add_to(commands, common) -> None:
    risks = commands.add_parser("risks", help="the risk register and risk assessments / risikostyring")
    sub = risks.add_subparsers(dest="risks_command", required=True)

    listing = sub.add_parser("list", parents=[common], help="the risk register / risikoregisteret")
    listing.add_argument("--assessment", help="only the risks of this assessment")
    listing.add_argument("--level", help="low, medium or high (before treatment)")
    listing.add_argument("--residual-level")
    listing.add_argument("--status", help="draft, open, closed or dismissed")
    listing.add_argument("--owner")
    listing.add_argument("--unacceptable", action="store_true", help="only risks beyond the acceptance criteria")
    listing.add_argument("--overdue", action="store_true", help="a measure or the review date is overdue")
    listing.add_argument("--page", type=int, default=1)
    listing.add_argument("--page-size", type=int)
    listing.set_defaults(gateway_command=list_risks)

    show = sub.add_parser("show", parents=[common], help="one risk with its measures / én risiko")
    show.add_argument("id")
    show.set_defaults(gateway_command=show_risk)

    add = sub.add_parser("add", parents=[common], help="add a risk to an assessment / legg til risiko")
    add.add_argument("assessment", help="the risk assessment's id")
    add.add_argument("--title", required=True)
    add.add_argument("--likelihood", type=int, required=True, help="on the assessment's scale (1..5 by default)")
    add.add_argument("--consequence", type=int, required=True, help="on the assessment's scale")
    for option in ("scenario", "threat", "vulnerability", "asset", "owner", "existing-controls"):
        add.add_argument(f"--{option}")
    add.add_argument("--treatment", help="reduce, avoid, share or accept")
    add.set_defaults(gateway_command=add_risk)

    assessments = sub.add_parser("assessments", parents=[common], help="risk assessments / risikovurderinger")
    assessments.add_argument("--status", help="planned, in_progress, completed or approved")
    assessments.add_argument("--scope")
    assessments.add_argument("--page", type=int, default=1)
    assessments.set_defaults(gateway_command=list_assessments)

    assessment = sub.add_parser("assessment", parents=[common], help="one assessment with its risks")
    assessment.add_argument("id")
    assessment.set_defaults(gateway_command=show_assessment)

    export = sub.add_parser("export", parents=[common], help="the register as a spreadsheet")
    export.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    export.add_argument("--output", "-o", help="file to write, '-' for stdout (default: the gateway's file name)")
    export.set_defaults(gateway_command=export_risks)


def list_risks(args, gateway) -> int:
    page = gateway.get("/risks", {"assessment_id": args.assessment, "level": args.level,
                                  "residual_level": args.residual_level, "status": args.status, "owner": args.owner,
                                  "acceptable": "false" if args.unacceptable else None,
                                  "overdue": "true" if args.overdue else None, "page": args.page,
                                  "page_size": args.page_size}, flags=REGISTER_FLAGS)
    output.print_page(page, RISK_COLUMNS, "risks / risikoer", args.json)
    return 0


def show_risk(args, gateway) -> int:
    risk = gateway.get(f"/risks/{args.id}")
    if args.json:
        output.print_json(risk)
        return 0
    print(output.fields(risk, RISK_FIELDS))
    if risk.get("measures"):
        print(f"\nMeasures / Tiltak\n{output.table(risk['measures'], MEASURE_COLUMNS)}")
    return 0


def add_risk(args, gateway) -> int:
    body = {"title": args.title, "likelihood": args.likelihood, "consequence": args.consequence,
            "scenario": args.scenario, "threat": args.threat, "vulnerability": args.vulnerability,
            "asset": args.asset, "owner": args.owner, "treatment": args.treatment,
            "existing_controls": args.existing_controls}
    risk = gateway.post(f"/risk-assessments/{args.assessment}/risks",
                        {key: value for key, value in body.items() if value is not None}, flags=ADD_FLAGS)
    if args.json:
        output.print_json(risk)
    else:
        print(f"Added / Lagt til: {risk['id']}")
        print(output.fields(risk, [field for field in RISK_FIELDS if field[1] in
                                   ("title", "score", "level", "acceptable")]))
    return 0


def list_assessments(args, gateway) -> int:
    page = gateway.get("/risk-assessments", {"status": args.status, "scope": args.scope, "page": args.page},
                       flags={"status": "--status", "scope": "--scope", "page": "--page"})
    output.print_page(page, ASSESSMENT_COLUMNS, "assessments / vurderinger", args.json)
    return 0


def show_assessment(args, gateway) -> int:
    assessment = gateway.get(f"/risk-assessments/{args.id}")
    risks = gateway.get("/risks", {"assessment_id": args.id, "page_size": 100})
    if args.json:
        output.print_json({**assessment, "risks": risks["items"]})
        return 0
    print(output.fields(assessment, ASSESSMENT_FIELDS))
    print(f"\nRisks / Risikoer\n{output.table(risks['items'], RISK_COLUMNS)}")
    if risks["total"] > len(risks["items"]):
        print(f"(first {len(risks['items'])} of {risks['total']}: vern risks list --assessment {args.id})")
    return 0


def export_risks(args, gateway) -> int:
    download = gateway.download("/risks/export", {"format": args.format}, flags={"format": "--format"})
    output.save_document(download, args.output, f"risikoregister.{args.format}", args.json)
    return 0
