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
from shared.vocabularies import VOCABULARIES  # code -> (bokmål, English), shared with the reports

LANGUAGES = ("nb", "en")
TEMPLATES = Path(__file__).parent / "templates"
TEXT_SUFFIX = ".txt.j2"
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NOT_KNOWN = {"nb": "ikke kjent", "en": "not known"}

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
