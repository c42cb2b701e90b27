"""The draft notification to Datatilsynet (art. 33(3)), in the sections of its breach form.

A pure function of the incident and the DPO contact: JSON for systems, a bokmål text
to paste into Altinn. It uses everything known: the incident's facts first, then the
latest breach assessment's (the number of people, the data types, the kind of breach).
`missing` lists what the coordinator has yet to fill in, by key and by label in both languages.
"""
from datetime import datetime

from services.incidents.models import Incident
from shared.clock import OSLO

NOT_GIVEN = "Ikke oppgitt"

CATEGORY_NB = {
    "phishing": "phishing (nettfisking)", "malware_ransomware": "skadevare / løsepengevirus",
    "lost_or_stolen_device": "tapt eller stjålet enhet", "misdirected_email_or_letter": "feilsendt e-post eller brev",
    "unauthorised_access": "uautorisert tilgang", "excessive_access_rights": "for vide tilganger",
    "system_outage": "systemutfall", "data_loss": "tap av data", "physical_intrusion": "fysisk innbrudd",
    "vendor_incident": "hendelse hos leverandør", "other": "annet",
}
DATA_SUBJECTS_NB = {
    "employees": "ansatte", "applicants": "søkere", "pupils_students": "elever/studenter", "children": "barn",
    "patients_clients": "pasienter/brukere", "residents": "innbyggere", "relatives": "pårørende",
    "business_contacts": "kontaktpersoner hos samarbeidspartnere", "other": "andre",
}
PERSONAL_DATA_NB = {
    "identity_contact": "identitets- og kontaktopplysninger", "national_id": "fødselsnummer",
    "financial": "økonomiske opplysninger", "health": "helseopplysninger",
    "special_category": "særlige kategorier (art. 9)", "criminal_offences": "straffbare forhold (art. 10)",
    "child_welfare": "barnevernsopplysninger", "location": "lokasjonsdata",
    "communication_content": "innhold i kommunikasjon", "credentials": "brukernavn og passord", "other": "annet",
}
# ENISA's data types (the breach assessment), for when the incident names no personal data categories.
DATA_TYPE_NB = {
    "simple": "alminnelige personopplysninger (for eksempel navn og kontaktopplysninger)",
    "behavioural": "opplysninger om atferd (for eksempel vaner, lokasjon eller trafikkdata)",
    "financial": "økonomiske opplysninger", "sensitive": "sensitive opplysninger (for eksempel helseopplysninger)",
}
BREACH_TYPE_NB = {"confidentiality": "konfidensialitet", "integrity": "integritet", "availability": "tilgjengelighet"}
RISK_NB = {"unlikely": "usannsynlig at bruddet medfører risiko", "risk": "risiko", "high_risk": "høy risiko"}
SEVERITY_NB = {"low": "lav", "medium": "middels", "high": "høy", "very_high": "svært høy"}
MEASURE_STATUS_NB = {"planned": "planlagt", "in_progress": "pågår", "done": "gjennomført", "cancelled": "avlyst"}
CHANNEL_NB = {"letter": "brev", "email": "e-post", "sms": "SMS", "phone": "telefon",
              "digital_mailbox": "digital postkasse", "meeting": "møte", "public_notice": "offentlig kunngjøring"}
SUBJECT_STATE_NB = {
    "pending": "De berørte skal informeres, men er ikke informert ennå.",
    "not_required": "De berørte informeres ikke: bruddet medfører ikke høy risiko (art. 34 nr. 1).",
    "exempt": "De berørte informeres ikke: unntak etter art. 34 nr. 3.",
}


def authority_notification(incident: Incident, contact: dict | None, now: datetime) -> dict:
    sections = [
        _section("description", "Beskrivelse av avviket", "Description of the breach", _description(incident)),
        _section("consequences", "Konsekvenser for de berørte", "Likely consequences", _consequences(incident)),
        _section("measures", "Tiltak", "Measures taken and proposed", _measures(incident)),
        _section("information", "Informasjon til de berørte", "Information to the data subjects",
                 _information(incident)),
        _section("contact", "Kontaktinformasjon", "Contact point (DPO)", _contact(contact)),
    ]
    missing = [{"key": f"{s['key']}.{f['key']}", "label_nb": f["label_nb"], "label_en": f["label_en"]}
               for s in sections for f in s["fields"] if f["value"] in (None, "", [])]
    document = {
        "incident_id": incident.id, "agency": incident.agency, "generated_at": now,
        "deadline": incident.authority_deadline, "authority_notification": incident.authority_notification,
        "late": now > incident.authority_deadline and not incident.authority_notifications,
        "sections": sections, "missing": missing,
        "missing_labels_nb": [item["label_nb"] for item in missing],
        "missing_labels_en": [item["label_en"] for item in missing],
    }
    document["text"] = render_text(document)
    return document


def _section(key, title_nb, title_en, fields) -> dict:
    return {"key": key, "title_nb": title_nb, "title_en": title_en,
            "fields": [{"key": k, "label_nb": label_nb, "label_en": label_en, "value": value}
                       for k, label_nb, label_en, value in fields]}


def _local(moment: datetime | None) -> str | None:
    return moment.astimezone(OSLO).strftime("%d.%m.%Y kl. %H:%M") if moment else None


def _latest_assessment(incident: Incident):
    return incident.breach_assessments[-1] if incident.breach_assessments else None


def _first_given(*values):
    return next((value for value in values if value not in (None, "", [])), None)


def _description(incident: Incident) -> list:
    latest = _latest_assessment(incident)
    facts = latest.facts if latest is not None else {}
    return [
        ("main_cause", "Hovedårsak", "Main cause", CATEGORY_NB.get(incident.category, incident.category)),
        ("period", "Tidsrom", "Period", f"Fra {_local(incident.occurred_at)}"),
        ("detected_at", "Når avviket ble oppdaget", "When the breach was detected", _local(incident.detected_at)),
        ("aware_at", "Når virksomheten fikk kjennskap til avviket", "When the agency became aware of the breach",
         _local(incident.aware_at)),
        ("data_subjects", "Antall berørte personer (omtrent)", "Approximate number of people affected",
         _first_given(incident.approx_data_subjects, facts.get("data_subjects"))),
        ("records", "Antall berørte registreringer (omtrent)", "Approximate number of records affected",
         incident.approx_records),
        ("what_happened", "Hva har skjedd", "What happened", incident.description),
        ("how", "Hvordan oppstod avviket", "How the breach came about", incident.root_cause),
        ("breach_type", "Type brudd", "Type of breach", ", ".join(_breach_types(incident, facts)) or None),
        ("personal_data", "Type personopplysninger", "Types of personal data", _personal_data(incident, facts)),
        ("relation", "Virksomhetens relasjon til de berørte", "The agency's relation to the people affected",
         ", ".join(DATA_SUBJECTS_NB.get(c, c) for c in incident.data_subject_categories or []) or None),
        ("whereabouts", "Hvor personopplysningene befinner seg etter avviket",
         "Where the personal data are after the breach", incident.data_whereabouts),
    ]


def _breach_types(incident: Incident, facts: dict) -> list:
    """From the incident's impact, else from the assessment's circumstances (CB > 0)."""
    impact = {"confidentiality": incident.impact_confidentiality, "integrity": incident.impact_integrity,
              "availability": incident.impact_availability}
    if any(level is not None for level in impact.values()):
        return [BREACH_TYPE_NB[key] for key, level in impact.items() if level not in (None, "none")]
    circumstances = facts.get("cb") or {}
    return [BREACH_TYPE_NB[key] for key in BREACH_TYPE_NB if (circumstances.get(key) or 0) > 0]


def _personal_data(incident: Incident, facts: dict) -> str | None:
    """The incident's categories; without them, the breach assessment's data types."""
    if incident.personal_data_categories:
        return ", ".join(PERSONAL_DATA_NB.get(c, c) for c in incident.personal_data_categories)
    return ", ".join(DATA_TYPE_NB.get(t, t) for t in facts.get("data_types") or []) or None


def _consequences(incident: Incident) -> list:
    latest = _latest_assessment(incident)
    assessment = (f"Alvorlighetsgrad etter ENISA: {SEVERITY_NB[latest.severity]} (poeng {latest.score:g}); "
                  f"vurdert risiko: {RISK_NB[latest.risk]}.") if latest else None
    return [("likely_consequences", "Sannsynlige konsekvenser", "Likely consequences", incident.likely_consequences),
            ("assessment", "Risikovurdering", "Risk assessment", assessment)]


def _measures(incident: Incident) -> list:
    """Measures taken: what was done right away (actions_taken), then the measures done."""
    def line(m):
        due = f", frist {m.due_date.strftime('%d.%m.%Y')}" if m.due_date else ""
        return f"{m.title} ({MEASURE_STATUS_NB[m.status]}{due})"
    at_once = [incident.actions_taken.strip()] if (incident.actions_taken or "").strip() else []
    taken = at_once + [line(m) for m in incident.measures if m.status == "done"]
    planned = [line(m) for m in incident.measures if m.status in ("planned", "in_progress")]
    return [("taken", "Tiltak som er gjennomført", "Measures taken", taken),
            ("planned", "Tiltak som er planlagt", "Measures planned", planned)]


def _information(incident: Incident) -> list:
    told = [f"{_local(c.communicated_at)} via {CHANNEL_NB[c.channel]}"
            + (f", {c.subjects_reached} personer" if c.subjects_reached is not None else "")
            for c in incident.subject_communications]
    decision = incident.breach_decisions[-1] if incident.breach_decisions else None
    state = SUBJECT_STATE_NB.get(incident.subject_communication) if not told else None
    if state and decision and decision.subject_exemption:
        state = state.replace("art. 34 nr. 3", f"art. 34 nr. 3 bokstav {decision.subject_exemption[-1]}")
    return [("informed", "Er de berørte informert, og hvordan", "Whether and how the people affected were told",
             "; ".join(told) or state)]


def _contact(contact: dict | None) -> list:
    contact = contact or {}
    return [("name", "Personvernombud eller annet kontaktpunkt", "Data protection officer or other contact point",
             contact.get("name")),
            ("address", "Kontaktadresse", "Contact address", contact.get("address"))]


def render_text(document: dict) -> str:
    lines = ["Melding om brudd på personopplysningssikkerheten (utkast)",
             f"Frist for melding (72 timer): {_local(document['deadline'])}", ""]
    for section in document["sections"]:
        lines.append(section["title_nb"].upper())
        for field in section["fields"]:
            value = field["value"]
            if isinstance(value, list):
                value = "; ".join(value)
            lines.append(f"{field['label_nb']}: {value if value not in (None, '') else NOT_GIVEN}")
        lines.append("")
    if document["late"]:
        lines.append("Meldingen sendes etter fristen: oppgi grunnen til forsinkelsen (art. 33 nr. 1).")
    return "\n".join(lines).rstrip() + "\n"
