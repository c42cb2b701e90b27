"""Jinja2 for the pages: autoescaped templates, the translation catalogues, and the UI's own CSP."""
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from werkzeug.wrappers import Response

from services.gateway.web import i18n
from services.gateway.web.periods import period_in_words
from shared.decimals import decimal

TEMPLATES = Path(__file__).with_name("templates")
OSLO = ZoneInfo("Europe/Oslo")
# Styles, scripts and images only from the gateway itself; no inline script or style anywhere.
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")



def local_time(value, with_time: bool = True) -> str:
    """Oslo time as Norwegians write it (23.11.2026 kl. 08:10), the same in both languages."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    value = value.astimezone(OSLO)
    return value.strftime("%d.%m.%Y %H:%M") if with_time else value.strftime("%d.%m.%Y")


def local_date(value) -> str:
    """A calendar date (2026-12-31) as Norwegians write it (31.12.2026)."""
    if not value:
        return ""
    return date.fromisoformat(str(value)[:10]).strftime("%d.%m.%Y")


def number(value, lang: str, places: int = 1) -> str:
    """A figure as the reader writes it: "66,7" in bokmål, "66.7" in English, "90" for 90.0, "–" for none."""
    if value is None:
        return "–"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return decimal(value, lang, places) if isinstance(value, (int, float)) and not isinstance(value, bool) \
        else str(value)


def language_environment(lang: str) -> Environment:
    """The templates in one language: jinja2.ext.i18n with that language's catalogue, so `gettext`/`_` and
    {% trans %} translate, and `t(key, **values)` (the pages' call; values in braces) and `label(prefix, value)`."""
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                              undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              extensions=["jinja2.ext.i18n"])
    environment.install_gettext_translations(i18n.translations(lang), newstyle=True)
    environment.globals["t"] = lambda key, **values: i18n.text(key, lang, **values)
    environment.globals["label"] = lambda prefix, value: i18n.label(prefix, value, lang)
    environment.filters["local_time"] = local_time
    environment.filters["local_date"] = local_date
    environment.globals["period_in_words"] = lambda start, end: period_in_words(start, end, lang)
    return environment


# Built once per process (each compiles and caches its templates), one per language: a request picks its own.
_environments = {lang: language_environment(lang) for lang in i18n.LANGUAGES}


class _FieldLabels(HTMLParser):
    """Each field's visible label in a rendered page: <label for=id> and a fieldset's <legend>."""

    def __init__(self):
        super().__init__()
        self.labels: dict[str, str] = {}
        self._field = None      # the id whose label is being read
        self._fieldset = None   # a fieldset's id, until its legend is read
        self._skip = 0          # inside <span class="optional"> ("valgfritt") or a hint

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label" and attrs.get("for"):
            self._field, self._text = attrs["for"], []
        elif tag == "fieldset" and attrs.get("id"):
            self._fieldset = attrs["id"]
        elif tag == "legend" and self._fieldset:
            self._field, self._fieldset, self._text = self._fieldset, None, []
        elif tag == "span" and self._field and "optional" in (attrs.get("class") or ""):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "span" and self._skip:
            self._skip -= 1
        elif tag in ("label", "legend") and self._field:
            text = " ".join("".join(self._text).split())
            if text:
                self.labels.setdefault(self._field, text)
            self._field = None

    def handle_data(self, data):
        if self._field and not self._skip:
            self._text.append(data)


def field_labels(page: str) -> dict[str, str]:
    parser = _FieldLabels()
    parser.feed(page)
    return parser.labels


# Messages that do not say which field they are about: in the summary, each is preceded by its field's label.
GENERIC_MESSAGES = frozenset({
    "err.choice_required", "err.text_required", "err.text_too_long", "err.number_required", "err.number_invalid",
    "err.date_required", "err.date_invalid", "err.datetime_invalid", "err.yes_no_required",
    "err.justification_required", "err.rating_required", "err.rate_invalid", "err.dpia_part_required",
    "err.changed_by_both"})


def summary_line(message: str, field: str | None, lang: str) -> str:
    """One line of a form's error summary, naming its field: "Velg alvorlighet." rather than "Gjør et valg."
    four times, "Frist: Oppgi en dato."; a message that names its field already ("Beskriv formålet.") is
    kept as it is, and a service's own message gets the label before it."""
    text = i18n.text(message, lang)
    if not field or (message in i18n.KEYS and message not in GENERIC_MESSAGES):
        return text
    name = field.rstrip(":").strip()
    if message == "err.choice_required" and not name.endswith("?"):
        lowered = name[:1].lower() + name[1:] if name[1:2].islower() else name
        return i18n.text("err.choose_field", lang, field=lowered)
    return f"{name}: {text}"


def render(template: str, context: dict, status: int = 200) -> Response:
    lang = context["lang"]
    labels: dict[str, str] = {}

    def page_text() -> str:
        return _environments.get(lang, _environments[i18n.DEFAULT]).get_template(template).render(
            number=lambda value, places=1: number(value, lang, places),
            summary_line=lambda message, name: summary_line(message, labels.get(name), lang),
            **context)

    page = page_text()
    if context.get("errors"):
        # The summary stands above the fields it names: read their labels from the page, then write it again.
        labels.update(field_labels(page))
        page = page_text()
    response = Response(page, status=status, mimetype="text/html")
    response.headers["Content-Security-Policy"] = PAGE_POLICY
    response.headers["Cache-Control"] = "no-store"  # pages show incidents and personal matters
    return response
