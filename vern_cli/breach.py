"""`vern incidents breach-assess|decide|draft|notified|subjects-told`: a personal data breach from the
ENISA assessment to the notification sent to Datatilsynet (GDPR art. 33) and the data subjects told
(art. 34), through the same gateway routes as the breach page."""
from vern_cli import output
from vern_cli.output import text, when
from vern_cli.references import incident_id

ASSESS_FLAGS = {"data_types": "--data-type", "dpc": "--dpc", "dpc_justification": "--dpc-justification",
                "ease_of_identification": "--identification", "cb": "--confidentiality/--integrity/--availability",
                "data_subjects": "--subjects", "unintelligible": "--unintelligible",
                "vulnerable_subjects": "--vulnerable", "recipients_trusted": "--trusted-recipients"}
DECIDE_FLAGS = {"notify_authority": "--authority", "notify_data_subjects": "--data-subjects",
                "justification": "--justification", "subject_exemption": "--exemption"}
NOTIFIED_FLAGS = {"phase": "--phase", "phased": "--phased", "submitted_at": "--at", "channel": "--channel",
                  "reference": "--reference", "delay_reason": "--delay-reason", "summary": "--summary"}
TOLD_FLAGS = {"communicated_at": "--at", "channel": "--channel", "subjects_reached": "--reached",
              "summary": "--summary"}

ASSESSMENT_FIELDS = [("Version / Versjon", "version", text), ("Score / Poeng", "score", text),
                     ("Severity / Alvorlighet", "severity", text), ("Risk / Risiko", "risk", text)]
DECISION_FIELDS = [("Datatilsynet", "notify_authority", text), ("Data subjects / De berørte", "notify_data_subjects", text),
                   ("As recommended / Som anbefalt", "follows_recommendation", text),
                   ("Justification / Begrunnelse", "justification", text), ("Decided / Besluttet", "decided_at", when)]
NOTIFIED_FIELDS = [("Phase / Fase", "phase", text), ("Submitted / Sendt", "submitted_at", when),
                   ("Channel / Kanal", "channel", text), ("Reference / Referanse", "reference", text),
                   ("Late / For sent", "late", text)]
TOLD_FIELDS = [("Told / Informert", "communicated_at", when), ("Channel / Kanal", "channel", text),
               ("Reached / Nådd", "subjects_reached", text)]


def add_to(sub, common) -> None:
    assess = sub.add_parser("breach-assess", parents=[common],
                            help="the ENISA assessment of a breach and its recommendation / vurder bruddet",
                            description="The ENISA method: data processing context (the data types), ease of "
                                        "identification and the circumstances of the breach.")
    assess.add_argument("id", help="the incident's id or receipt reference")
    assess.add_argument("--data-type", action="append", dest="data_types", metavar="TYPE",
                        help="simple, behavioural, financial or sensitive (repeat for several); required")
    assess.add_argument("--dpc", type=int, help="adjust the base score (1-4); needs --dpc-justification")
    assess.add_argument("--dpc-justification")
    assess.add_argument("--identification", help="negligible, limited, significant or maximum; required")
    for loss in ("confidentiality", "integrity", "availability"):
        assess.add_argument(f"--{loss}", type=float, default=0.0, help=f"loss of {loss}: 0, 0.25 or 0.5 (default 0)")
    assess.add_argument("--malicious", action="store_true", help="done on purpose / med vilje")
    assess.add_argument("--subjects", type=int, help="number of people affected; required")
    assess.add_argument("--unintelligible", action="store_true", help="the data were unintelligible (encrypted)")
    assess.add_argument("--vulnerable", action="store_true", help="vulnerable people, e.g. children or patients")
    assess.add_argument("--trusted-recipients", action="store_true", help="the recipients are trusted")
    assess.set_defaults(gateway_command=assess_breach)

    decide = sub.add_parser("decide", parents=[common], help="decide on notifying / beslutt varsling")
    decide.add_argument("id", help="the incident's id or receipt reference")
    decide.add_argument("--authority", help="Datatilsynet (art. 33): required or not_required")
    decide.add_argument("--data-subjects", help="the data subjects (art. 34): required, not_required or exempt")
    decide.add_argument("--justification", help="why; needed when departing from the recommendation")
    decide.add_argument("--exemption", help="the art. 34(3) ground when exempt: 34_3_a, 34_3_b or 34_3_c")
    decide.set_defaults(gateway_command=decide_notification)

    draft = sub.add_parser("draft", parents=[common],
                           help="the art. 33(3) draft for Datatilsynet / utkast til melding")
    draft.add_argument("id", help="the incident's id or receipt reference")
    draft.set_defaults(gateway_command=show_draft)

    notified = sub.add_parser("notified", parents=[common],
                              help="record the notification sent to Datatilsynet; stops the 72-hour clock")
    notified.add_argument("id", help="the incident's id or receipt reference")
    notified.add_argument("--phase", help="initial (default) or supplementary")
    notified.add_argument("--phased", action="store_true", help="art. 33(4): more will follow")
    notified.add_argument("--at", help="when it was sent (default: now), e.g. 2026-03-02T14:00")
    notified.add_argument("--channel", help="altinn (default), phone, email or letter")
    notified.add_argument("--reference", help="the Altinn or Datatilsynet reference")
    notified.add_argument("--delay-reason", help="why later than 72 hours (art. 33(1))")
    notified.add_argument("--summary")
    notified.set_defaults(gateway_command=record_notification)

    told = sub.add_parser("subjects-told", parents=[common],
                          help="record how the data subjects were told (art. 34) / de berørte er informert")
    told.add_argument("id", help="the incident's id or receipt reference")
    told.add_argument("--channel", help="letter, email, sms, phone, digital_mailbox, meeting or public_notice")
    told.add_argument("--at", help="when (default: now)")
    told.add_argument("--reached", type=int, help="how many were reached")
    told.add_argument("--summary")
    told.set_defaults(gateway_command=record_subjects_told)


def assess_breach(args, gateway) -> int:
    body = {"data_types": args.data_types, "dpc": args.dpc, "dpc_justification": args.dpc_justification,
            "ease_of_identification": args.identification,
            "cb": {"confidentiality": args.confidentiality, "integrity": args.integrity,
                   "availability": args.availability, "malicious": args.malicious},
            "data_subjects": args.subjects, "unintelligible": args.unintelligible,
            "vulnerable_subjects": args.vulnerable, "recipients_trusted": args.trusted_recipients}
    assessment = gateway.post(f"/incidents/{incident_id(gateway, args.id)}/breach-assessment", output.given(body),
                              flags=ASSESS_FLAGS)
    if args.json:
        output.print_json(assessment)
        return 0
    print(output.fields(assessment, ASSESSMENT_FIELDS))
    for heading, key in (("Datatilsynet (art. 33)", "notify_authority"),
                         ("Data subjects / De berørte (art. 34)", "notify_data_subjects")):
        advice = assessment[key]
        print(f"\n{heading}: {advice['decision']}")
        for reason in advice.get("reason_texts") or []:
            print(f"  - {reason['text_en']} / {reason['text_nb']}")
    print("\nNext / Neste: vern incidents decide")
    return 0


def decide_notification(args, gateway) -> int:
    body = {"notify_authority": args.authority, "notify_data_subjects": args.data_subjects,
            "justification": args.justification, "subject_exemption": args.exemption}
    decision = gateway.post(f"/incidents/{incident_id(gateway, args.id)}/breach-decision", output.given(body),
                            flags=DECIDE_FLAGS)
    output.print_record(args, decision, DECISION_FIELDS)
    return 0


def show_draft(args, gateway) -> int:
    draft = gateway.get(f"/incidents/{incident_id(gateway, args.id)}/authority-notification")
    if args.json:
        output.print_json(draft)
        return 0
    print(draft["text"])
    if draft.get("missing_labels_en"):
        print("\nMissing / Mangler: " + "; ".join(
            f"{en} / {nb}" for en, nb in zip(draft["missing_labels_en"], draft["missing_labels_nb"])))
    print(f"\n72 h deadline / Frist: {when(draft.get('deadline'))}")
    return 0


def record_notification(args, gateway) -> int:
    body = {"phase": args.phase, "phased": True if args.phased else None, "submitted_at": args.at,
            "channel": args.channel, "reference": args.reference, "delay_reason": args.delay_reason,
            "summary": args.summary}
    notification = gateway.post(f"/incidents/{incident_id(gateway, args.id)}/authority-notifications",
                                output.given(body), flags=NOTIFIED_FLAGS)
    output.print_record(args, notification, NOTIFIED_FIELDS)
    return 0


def record_subjects_told(args, gateway) -> int:
    body = {"communicated_at": args.at, "channel": args.channel, "subjects_reached": args.reached,
            "summary": args.summary}
    told = gateway.post(f"/incidents/{incident_id(gateway, args.id)}/subject-communications", output.given(body),
                        flags=TOLD_FLAGS)
    output.print_record(args, told, TOLD_FIELDS)
    return 0

