"""What each report says, as plain functions: sections built from the period's figures and the
coordinators' and the agency head's own words. A section whose source service is not deployed
says so instead of showing figures it cannot have."""
from services.reporting import annual_plan_rules as plan_rules

KINDS = ("incident_summary", "management_review", "self_declaration", "annual_plan_followup")

TITLES = {
    "incident_summary": ("Oppsummering av hendelser og avvik", "Incident and deviation summary"),
    "management_review": ("Ledelsens gjennomgang", "Management review"),
    "self_declaration": ("Virksomhetsleders egenerklæring", "Agency head's self-declaration"),
    "annual_plan_followup": ("Årsplan – oppfølging", "Annual plan follow-up"),
}

# ISO/IEC 27001:2022 9.3.2 inputs (a)-(g) and the results (9.3.3), with the figures that feed each
MANAGEMENT_REVIEW = (
    ("a", "Status for tiltak fra tidligere ledelsesgjennomganger", "Status of actions from previous reviews", None),
    ("b", "Endringer i eksterne og interne forhold", "Changes in external and internal issues", None),
    ("c", "Endringer i interessentenes behov og forventninger", "Changes in needs and expectations of "
                                                                  "interested parties", None),
    ("d", "Tilbakemelding om informasjonssikkerhetsytelse: avvik, måling, revisjon, mål",
     "Information security performance: nonconformities, measurement, audits, objectives", ("incidents", "training")),
    ("e", "Tilbakemeldinger fra interessenter", "Feedback from interested parties", None),
    ("f", "Resultater av risikovurderinger og status for risikohåndtering", "Results of risk assessment and "
                                                                              "status of risk treatment",
     ("risk", "privacy_register")),
    ("g", "Muligheter for kontinuerlig forbedring", "Opportunities for continual improvement", None),
    ("decisions", "Beslutninger om forbedringer og endringsbehov", "Decisions on improvements and changes", None),
)

# The self-declaration (docs/domain/self-declaration.md): each statement with the service its records come from.
# The keys are stable (stored comments are named after them); `declaration_rules` answers each one.
SELF_DECLARATION = (
    ("ropa_complete", "Protokollen over behandlingsaktiviteter er fullstendig",
     "The record of processing activities is complete", "privacy_register"),
    ("dpias_in_place", "DPIA er gjennomført der det kreves", "A DPIA is in place wherever one is required",
     "privacy_register"),
    ("processor_agreements_in_place", "Det finnes databehandleravtale med alle databehandlere",
     "A data processor agreement is in place with every processor", "privacy_register"),
    ("risk_assessed_and_decided", "Risikovurderinger er gjennomført, og uakseptabel risiko er besluttet",
     "Risk assessments were carried out and every unacceptable risk decided", "risk"),
    ("breaches_notified_in_time", "Brudd er avgjort innen 72 timer: meldt Datatilsynet eller dokumentert som "
                                  "ikke meldepliktig",
     "Breaches were decided within 72 hours: notified to Datatilsynet or documented as not notifiable",
     "incidents"),
    ("training_conducted", "Opplæring og bevisstgjøring er gjennomført", "Training and awareness were conducted",
     "training"),
    ("exercise_held", "Beredskapsøvelse er holdt", "A preparedness exercise was held", "training"),
    ("management_review_held", "Ledelsens gjennomgang er holdt", "A management review was held", None),
)

INPUT_KEYS = {
    "incident_summary": ("summary", "lessons_learned"),
    "management_review": tuple(key for key, *_ in MANAGEMENT_REVIEW),
    "self_declaration": ("weaknesses_and_measures", "signature_place")
                        + tuple(f"comment_{key}" for key, *_ in SELF_DECLARATION),
    "annual_plan_followup": ("assessment", "next_year"),
}

# the follow-up's table of the plan: (key, title_nb, title_en)
PLAN_COLUMNS = (
    ("due_month", "Frist (måned)", "Due (month)"),
    ("area", "Område", "Area"),
    ("kind", "Type", "Kind"),
    ("title", "Aktivitet", "Activity"),
    ("owner_role", "Ansvarlig", "Owner"),
    ("status", "Status", "Status"),
    ("standing", "Mot plan", "Against plan"),
    ("done_on", "Utført", "Done on"),
    ("evidence", "Dokumentasjon", "Evidence"),
    ("note", "Merknad", "Note"),
)


def not_deployed(service: str) -> dict:
    return {"available": False, "source": service,
            "note": f"{service} er ikke tatt i bruk i denne virksomheten / {service} is not deployed"}


def figure_section(service: str, figures: dict, deployed: set) -> dict:
    if service not in deployed:
        return not_deployed(service)
    return {"available": True, "source": service, "figures": figures[service]}


def plan_table(activities: list[dict]) -> dict:
    """The plan as a generic table: a row per activity, codes as values (see `labels`)."""
    rows = []
    for activity in activities:
        done_at = activity.get("done_at")
        rows.append({
            **{key: activity.get(key) for key in ("due_month", "area", "kind", "title", "owner_role", "status",
                                                  "standing")},
            "done_on": plan_rules.local_date(done_at).isoformat() if done_at else None,
            "evidence": "; ".join(entry["title"] for entry in activity.get("evidence") or []) or None,
            "note": activity.get("cancel_reason")})  # why it was cancelled
    return {"columns": [{"key": key, "title_nb": nb, "title_en": en} for key, nb, en in PLAN_COLUMNS], "rows": rows}


def plan_labels() -> dict:
    """What the codes in the plan's table mean, for a renderer that shows words instead of codes."""
    return {code: {"nb": nb, "en": en} for titles in (plan_rules.KIND_TITLES, plan_rules.AREA_TITLES,
                                                     plan_rules.STANDING_TITLES)
            for code, (nb, en) in titles.items()}


def compose(kind: str, figures: dict, inputs: dict, deployed: set, previous_decisions: str | None) -> dict:
    """The report's sections from the figures (`{service: figures}`) and the written inputs."""
    if kind == "annual_plan_followup":
        plan = figures["annual_plan"]
        return {"year": plan["year"], "sections": [
            {"key": "figures", "title_nb": f"Plan mot faktisk {plan['year']}",
             "title_en": f"Plan versus actual {plan['year']}", "figures": plan["figures"]},
            {"key": "activities", "title_nb": "Aktiviteter", "title_en": "Activities",
             "table": plan_table(plan["activities"]), "labels": plan_labels()},
            {"key": "assessment", "title_nb": "Vurdering", "title_en": "Assessment", "text": inputs.get("assessment")},
            {"key": "next_year", "title_nb": "Neste år", "title_en": "Next year", "text": inputs.get("next_year")}]}
    if kind == "incident_summary":
        return {"sections": [
            {"key": "incidents", "title_nb": "Hendelser og avvik", "title_en": "Incidents and deviations",
             **figure_section("incidents", figures, deployed)},
            {"key": "summary", "title_nb": "Vurdering", "title_en": "Assessment", "text": inputs.get("summary")},
            {"key": "lessons_learned", "title_nb": "Læring", "title_en": "Lessons learned",
             "text": inputs.get("lessons_learned")}]}
    if kind == "management_review":
        sections = []
        for key, title_nb, title_en, sources in MANAGEMENT_REVIEW:
            section = {"key": key, "title_nb": title_nb, "title_en": title_en, "text": inputs.get(key)}
            if key == "a":
                section["previous_decisions"] = previous_decisions
            if sources:
                section["parts"] = [{"key": source, **figure_section(source, figures, deployed)}
                                    for source in sources]
            sections.append(section)
        return {"sections": sections}
    return declaration(figures["declaration"], inputs, deployed, figures)


def declaration(verdicts: dict, inputs: dict, deployed: set, figures: dict | None = None) -> dict:
    """The statements, each with its answer, the rule behind it and the records it counted
    (`declaration_rules.evidence`); a statement whose service is not deployed answers "no_source"."""
    statements = []
    for key, statement_nb, statement_en, source in SELF_DECLARATION:
        available = source is None or source in deployed
        found = verdicts[key] if available else {
            "answer": "no_source", "records": [],
            "rule_nb": f"Kilden ({source}) er ikke tatt i bruk i denne virksomheten",
            "rule_en": f"The source ({source}) is not deployed in this agency"}
        statements.append({
            "key": key, "statement_nb": statement_nb, "statement_en": statement_en, "source": source,
            "answer": found["answer"], "rule_nb": found["rule_nb"], "rule_en": found["rule_en"],
            "records": found["records"],
            "figures": (figures or {}).get(source) if available and source else None,
            "comment": inputs.get(f"comment_{key}")})
    return {"statements": statements, "weaknesses_and_measures": inputs.get("weaknesses_and_measures")}
