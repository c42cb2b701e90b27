"""Every text of the web interface in bokmål and English, from Babel message catalogues.

The catalogues are locale/<lang>/LC_MESSAGES/messages.po, with locale/messages.pot as the template for
another language. Each msgid is a stable symbolic key ("nav.inbox") that both languages translate, and a
text with values names them in braces ("Side {page} av {pages}"). Bokmål is the default; English is
chosen with `?lang=en` (remembered in a cookie). A key missing from the catalogues shows as the key
itself, and unit tests keep both catalogues complete and every key the code uses in them.

The .po files are compiled in memory once, when the module is imported (shared/translations.py, as the
services' catalogues are): there is no .mo file to build at installation or to forget to rebuild after an
edit, and no request reads a file.
"""
from pathlib import Path

from babel.support import Translations

from services.incidents.domain import CATEGORIES
# N_ marks a key that code hands on as data (a form's error message, a field's label); pages import it from here
from shared.translations import DEFAULT, DOMAIN, LANGUAGES, N_, compiled, read_catalogue  # noqa: F401

LOCALE_DIR = Path(__file__).with_name("locale")


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def texts(lang: str) -> dict[str, str]:
    """One language's catalogue as key -> text, in the file's order (for checks and tests; pages use `text`)."""
    return {message.id: message.string for message in read_catalogue(catalogue_path(lang)) if message.id}


TRANSLATIONS: dict[str, Translations] = {lang: compiled(read_catalogue(catalogue_path(lang))) for lang in LANGUAGES}
# the keys that have a text (tests keep the languages' key sets equal); a few milliseconds to read again
KEYS = frozenset(message.id for message in read_catalogue(catalogue_path(DEFAULT)) if message.id)


def translations(lang: str) -> Translations:
    return TRANSLATIONS.get(lang, TRANSLATIONS[DEFAULT])


def text(key: str, lang: str, **values) -> str:
    chosen = translations(lang).gettext(key)
    return chosen.format(**values) if values else chosen


def label(prefix: str, value, lang: str) -> str:
    """A vocabulary word (a severity, a kind, a status); unknown values show as given."""
    if value is None or value == "":
        return text(f"{prefix}.none", lang) if f"{prefix}.none" in KEYS else ""
    key = f"{prefix}.{value}"
    return text(key, lang) if key in KEYS else str(value).replace("_", " ")


def choose(query_lang: str | None, cookie_lang: str | None, accept=None) -> str:
    """The query parameter wins (and is remembered), then the cookie; bokmål otherwise."""
    for candidate in (query_lang, cookie_lang):
        if candidate in LANGUAGES:
            return candidate
    return DEFAULT


# Categories come from the incidents service's default list; each needs a label in both languages.
CATEGORY_KEYS = tuple(f"category.{c}" for c in CATEGORIES)
