"""The texts of notification messages: subject, plain text and HTML, in bokmål and English.

Each message is two templates in templates/{language}/: `{name}.txt.j2` (first line the subject,
a blank line, then the body) and `{name}.html.j2` (extends base.html.j2). Templates turn codes
into words with the `label` filter, times into Oslo time with `local_time` and dates with `local_date`.
"""
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from shared.clock import OSLO
from shared.decimals import decimal

LANGUAGES = ("nb", "en")
TEMPLATES = Path(__file__).parent / "templates"
TEXT_SUFFIX = ".txt.j2"
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NOT_KNOWN = {"nb": "ikke kjent", "en": "not known"}

# Code -> (bokmål, English), per vocabulary. Codes follow shared/contracts/incidents.py,
# services/incidents/domain.py, shared/contracts/risk.py and shared/contracts/privacy_register.py (whose
# residual risk levels are risk_level's codes); a code missing here is shown as it is.
VOCABULARIES = {
    "kind": {
        "security_incident": ("informasjonssikkerhetshendelse", "information security incident"),
        "personal_data_breach": ("brudd på personopplysningssikkerheten", "personal data breach"),
        "deviation": ("avvik", "deviation"),
        "near_miss": ("nestenhendelse", "near miss"),
    },
    "severity": {
        "low": ("lav", "low"), "medium": ("middels", "medium"), "high": ("høy", "high"),
        "critical": ("kritisk", "critical"),
    },
    "breach_severity": {
        "low": ("lav", "low"), "medium": ("middels", "medium"), "high": ("høy", "high"),
        "very_high": ("svært høy", "very high"),
    },
    "role": {
        "leader": ("virksomhetsleder", "agency head"),
        "ombud": ("personvernombud", "data protection officer"),
        "central": ("Byrådsavdeling for finans", "central team (Department of Finance)"),
        "parent_department": ("overordnet byrådsavdeling", "parent department"),
        "datatilsynet": ("Datatilsynet", "the Norwegian Data Protection Authority"),
        "pko": ("personvernkoordinator", "privacy coordinator"),
        "isk": ("informasjonssikkerhetskoordinator", "information security coordinator"),
        "system_owner": ("systemeier", "system owner"),
        "system_administrator": ("systemforvalter", "system administrator"),
        "security_manager": ("sikkerhetsleder", "security manager"),
    },
    "reason": {
        "severity": ("alvorlighetsgraden er høy eller kritisk", "the severity is high or critical"),
        "breach_severity": ("ENISA-vurderingen av bruddet på personopplysningssikkerheten er høy eller svært høy",
                            "the ENISA assessment of the personal data breach is high or very high"),
        "marked_serious": ("en koordinator har markert hendelsen som alvorlig",
                           "a coordinator marked the incident as serious"),
    },
    "category": {
        "phishing": ("phishing (nettfisking)", "phishing"),
        "malware_ransomware": ("skadevare / løsepengevirus", "malware / ransomware"),
        "lost_or_stolen_device": ("tapt eller stjålet enhet", "lost or stolen device"),
        "misdirected_email_or_letter": ("feilsendt e-post eller brev", "misdirected e-mail or letter"),
        "unauthorised_access": ("uautorisert tilgang", "unauthorised access"),
        "excessive_access_rights": ("for vide tilganger", "excessive access rights"),
        "system_outage": ("systemutfall", "system outage"),
        "data_loss": ("tap av data", "data loss"),
        "physical_intrusion": ("fysisk innbrudd", "physical intrusion"),
        "vendor_incident": ("hendelse hos leverandør", "incident at a supplier"),
        "other": ("annet", "other"),
    },
    "data_subject_category": {
        "employees": ("ansatte", "employees"),
        "applicants": ("søkere", "applicants"),
        "pupils_students": ("elever og studenter", "pupils and students"),
        "children": ("barn", "children"),
        "patients_clients": ("pasienter og brukere", "patients and clients"),
        "residents": ("innbyggere", "residents"),
        "relatives": ("pårørende", "relatives"),
        "business_contacts": ("kontaktpersoner hos samarbeidspartnere", "contacts at business partners"),
        "other": ("andre", "others"),
    },
    "personal_data_category": {
        "identity_contact": ("identitets- og kontaktopplysninger", "identity and contact details"),
        "national_id": ("fødselsnummer", "national identity numbers"),
        "financial": ("økonomiske opplysninger", "financial data"),
        "health": ("helseopplysninger", "health data"),
        "special_category": ("særlige kategorier av personopplysninger (art. 9)",
                             "special categories of personal data (art. 9)"),
        "criminal_offences": ("opplysninger om straffedommer og lovovertredelser (art. 10)",
                              "criminal convictions and offences data (art. 10)"),
        "child_welfare": ("barnevernsopplysninger", "child welfare data"),
        "location": ("lokasjonsdata", "location data"),
        "communication_content": ("innhold i kommunikasjon", "content of communications"),
        "credentials": ("brukernavn og passord", "user names and passwords"),
        "other": ("annet", "other"),
    },
    "measure_kind": {
        "containment": ("begrensning", "containment"),
        "corrective": ("korrigerende", "corrective"),
        "preventive": ("forebyggende", "preventive"),
    },
    "measure_status": {  # an incident's measures, and a risk's (services/risk/domain.py MEASURE_STATUSES)
        "planned": ("planlagt", "planned"), "in_progress": ("pågår", "in progress"),
        "done": ("gjennomført", "done"), "cancelled": ("avlyst", "cancelled"),
        "proposed": ("foreslått", "proposed"), "decided": ("besluttet", "decided"),
        "continuous": ("løpende", "continuous"),
    },
    "channel": {
        "email": ("e-post", "e-mail"), "webhook": ("webhook (automatisk varsel)", "webhook"),
        "manual": ("manuelt", "by hand"),
    },
    "risk_level": {
        "low": ("lav", "low"), "medium": ("middels", "medium"), "high": ("høy", "high"),
    },
    "assessment_scope": {
        "overall": ("helhetlig (overordnet) risikovurdering", "overall risk assessment"),
        "system": ("risikovurdering av et system", "risk assessment of a system"),
        "process": ("risikovurdering av en prosess", "risk assessment of a process"),
        "project": ("risikovurdering av et prosjekt", "risk assessment of a project"),
        "procurement": ("risikovurdering av en anskaffelse", "risk assessment of a procurement"),
    },
    "treatment": {
        "reduce": ("redusere", "reduce"), "avoid": ("unngå", "avoid"),
        "share": ("dele eller overføre", "share or transfer"), "accept": ("akseptere", "accept"),
    },
    "unacceptable_reason": {
        "evaluated": ("risikovurderingen plasserer risikoen over akseptkriteriene",
                      "the risk assessment places the risk above the acceptance criteria"),
        "acceptance_expired": ("virksomhetsleders aksept av risikoen har utløpt",
                               "the agency head's acceptance of the risk has expired"),
        "acceptance_voided": ("en vesentlig endring har opphevet virksomhetsleders aksept av risikoen",
                              "a material change has voided the agency head's acceptance of the risk"),
    },
    "consultation_outcome": {  # Datatilsynet's answer to a prior consultation (art. 36(2), art. 58(2)(f))
        "no_objection": ("Datatilsynet har ingen innvendinger", "Datatilsynet has no objection"),
        "advice_given": ("Datatilsynet har gitt skriftlige råd", "Datatilsynet gave written advice"),
        "processing_prohibited": ("Datatilsynet har forbudt behandlingen", "Datatilsynet prohibited the processing"),
        "withdrawn": ("trukket tilbake av virksomheten", "withdrawn by the agency"),
    },
    # The breach assessment (services/incidents/breach.py): art. 33(1) notification and the risk behind it.
    "notify_authority": {
        "required": ("skal meldes til Datatilsynet", "must be notified to Datatilsynet"),
        "not_required": ("skal ikke meldes", "need not be notified"),
    },
    "risk": {
        "unlikely": ("usannsynlig at bruddet medfører risiko for de registrerte", "unlikely to result in a risk"),
        "risk": ("risiko", "a risk"),
        "high_risk": ("høy risiko", "a high risk"),
    },
    "document_kind": {  # shared/contracts/reporting.py DOCUMENT_KINDS
        "policy": ("overordnet policy", "policy"),
        "routine": ("rutine", "routine"),
        "instruction": ("instruks", "instruction"),
        "access_control_routine": ("rutine for tilgangsstyring", "access control routine"),
        "preparedness_routine": ("beredskapsrutine", "preparedness routine"),
    },
    "area": {  # shared/contracts/reporting.py AREAS, shared/contracts/training.py TOPICS
        "privacy": ("personvern", "privacy"),
        "security": ("informasjonssikkerhet", "information security"),
        "both": ("personvern og informasjonssikkerhet", "privacy and information security"),
    },
    "changed_field": {  # the facts a `changed` message reports, as the start of a line
        "severity": ("Alvorlighetsgrad", "Severity"),
        "breach_severity": ("ENISA-vurdering av bruddet", "ENISA assessment of the breach"),
        "personal_data_involved": ("Personopplysninger berørt", "Personal data involved"),
        "kind": ("Type", "Kind"),
        "category": ("Kategori", "Category"),
        "approx_data_subjects": ("Omtrentlig antall registrerte", "Approximate number of data subjects"),
        "notify_authority": ("Melding til Datatilsynet", "Notification to Datatilsynet"),
        "risk": ("Risiko for de registrerte", "Risk to the data subjects"),
    },
}
# The vocabulary of each field a `changed` message reports; fields not named here are shown as they are.
CHANGED_FIELD_VOCABULARY = {"severity": "severity", "breach_severity": "breach_severity", "kind": "kind",
                            "category": "category", "notify_authority": "notify_authority", "risk": "risk"}


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    html: str


def language_or_default(language: str | None) -> str:
    return language if language in LANGUAGES else LANGUAGES[0]


def local_time(value: str | datetime | None, language: str = "nb") -> str:
    """An aware time (or ISO 8601 string with offset) as people in Oslo read it."""
    language = language_or_default(language)
    if value is None or value == "":
        return NOT_KNOWN[language]
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        # A naive time would be read as the server's zone and shown wrong without a trace.
        raise ValueError(f"Time without offset: {value}")
    moment = moment.astimezone(OSLO)
    if language == "en":
        return f"{moment.day:02d} {MONTHS_EN[moment.month - 1]} {moment:%Y %H:%M}"
    return f"{moment:%d.%m.%Y} kl. {moment:%H:%M}"


def local_date(value: str | date | None, language: str = "nb") -> str:
    """A calendar date (or ISO date string "2026-11-30") as "30.11.2026" / "30 Nov 2026"."""
    language = language_or_default(language)
    if value is None or value == "":
        return NOT_KNOWN[language]
    day = date.fromisoformat(value) if isinstance(value, str) else value
    if isinstance(day, datetime):
        # A time would need a zone to give its Oslo date; it belongs in local_time.
        raise ValueError(f"A time, not a date: {value}")
    if language == "en":
        return f"{day.day:02d} {MONTHS_EN[day.month - 1]} {day:%Y}"
    return f"{day:%d.%m.%Y}"


def label(value: str, vocabulary: str, language: str = "nb") -> str:
    """The human label of a code; an unknown code is shown as it is, an unknown vocabulary is a bug."""
    labels = VOCABULARIES[vocabulary].get(value)
    return labels[LANGUAGES.index(language_or_default(language))] if labels else value


def hours(value: float, language: str = "nb") -> str:
    """Time left in whole hours, rounded down: "5 timer", "under 1 time"."""
    whole = int(value)
    if language_or_default(language) == "en":
        return "less than 1 hour" if whole < 1 else f"{whole} hour{'s' if whole > 1 else ''}"
    return "under 1 time" if whole < 1 else f"{whole} time{'r' if whole > 1 else ''}"


def changed_value(value, field: str, language: str = "nb") -> str:
    """One side of a change: a code in words, a yes/no, a number, or "ikke kjent" for None."""
    language = language_or_default(language)
    if value is None or value == "":
        return NOT_KNOWN[language]
    if isinstance(value, bool):
        return ("ja", "yes")[LANGUAGES.index(language)] if value else ("nei", "no")[LANGUAGES.index(language)]
    if field in CHANGED_FIELD_VOCABULARY:
        return label(value, CHANGED_FIELD_VOCABULARY[field], language)
    if isinstance(value, float):
        return decimal(value, language, places=2)
    return str(value)


def one_line(value) -> str:
    """Collapses line breaks and runs of spaces, so a title cannot break an e-mail subject."""
    return " ".join(str(value).split())


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html.j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(local_time=local_time, local_date=local_date, label=label, hours=hours, one_line=one_line,
                       changed_value=changed_value)
    return env


@lru_cache(maxsize=1)
def template_names() -> tuple[str, ...]:
    """Every message template; files starting with "_" hold shared macros."""
    return tuple(sorted(path.name.removesuffix(TEXT_SUFFIX) for path in (TEMPLATES / LANGUAGES[0]).glob(
        "*" + TEXT_SUFFIX) if not path.name.startswith("_")))


def template_for(event_name: str, recipient_role: str, override: str | None = None) -> str:
    """Template name for a task: `override` if given (must exist, else ValueError naming it), else
    f"{event_name}_{recipient_role}" if such a template exists, else f"{event_name}_default"."""
    if override is not None:
        if override not in template_names():
            raise ValueError(f"Unknown message template: {override}")
        return override
    specific = f"{event_name}_{recipient_role}"
    return specific if specific in template_names() else f"{event_name}_default"


def split_subject(rendered: str) -> tuple[str, str]:
    """The first line of a text template is the subject; blank lines after it are dropped."""
    subject, _, body = rendered.partition("\n")
    return subject.strip(), body.lstrip("\n")


def render(template: str, language: str, context: dict) -> Message:
    """language not in LANGUAGES falls back to "nb". Unknown template -> ValueError."""
    if template not in template_names():
        raise ValueError(f"Unknown message template: {template}")
    language = language_or_default(language)
    context = {**context, "language": language}
    subject, text = split_subject(environment().get_template(f"{language}/{template}.txt.j2").render(context))
    html = environment().get_template(f"{language}/{template}.html.j2").render(context)
    return Message(subject, text, html)
