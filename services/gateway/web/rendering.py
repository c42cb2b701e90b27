"""Jinja2 for the pages: autoescaped templates, the translation table, and the UI's own CSP."""
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from werkzeug.wrappers import Response

from services.gateway.web import i18n

TEMPLATES = Path(__file__).with_name("templates")
OSLO = ZoneInfo("Europe/Oslo")
# Styles, scripts and images only from the gateway itself; no inline script or style anywhere.
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")

_environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                           undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


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


_environment.filters["local_time"] = local_time
_environment.filters["local_date"] = local_date


def render(template: str, context: dict, status: int = 200) -> Response:
    lang = context["lang"]
    page = _environment.get_template(template).render(
        t=lambda key, **values: i18n.text(key, lang, **values),
        label=lambda prefix, value: i18n.label(prefix, value, lang),
        **context)
    response = Response(page, status=status, mimetype="text/html")
    response.headers["Content-Security-Policy"] = PAGE_POLICY
    response.headers["Cache-Control"] = "no-store"  # pages show incidents and personal matters
    return response
