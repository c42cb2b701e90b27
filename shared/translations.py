"""A package's texts in bokmål and English, from its Babel message catalogues.

A service that renders text for people (a document, a report, an error message) keeps its texts in
`locale/<lang>/LC_MESSAGES/messages.po` next to its code, with `locale/messages.pot` as the template for
another language; the web interface's are in services/gateway/web/locale. Each msgid is a stable key
("report.agency") that both languages translate, and a text with values names them in braces
("Side {page} av {pages}"). `pybabel extract -F babel.cfg .` finds the keys the code names (in
`text(...)`, `both(...)`, `bilingual(...)` and `N_(...)` calls), and a unit test fails on a key missing
in either language (tests/unit/test_catalogues.py).

The .po files are compiled in memory once, when the catalogue is made: there is no .mo file to build at
installation or to forget to rebuild after an edit, and rendering reads no file.
"""
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LANGUAGES = ("nb", "en")
DEFAULT = "nb"
DOMAIN = "messages"


def N_(key: str) -> str:
    """Marks a key that code hands on as data for `pybabel extract`, as gettext's N_ does."""
    return key


class Term(str):
    """A value that is itself a key: filled in as its text in the language being written
    (`bilingual("lifecycle.frozen", status=Term("status.closed"))` gives "... closed ... / ... lukket ...")."""


def read_catalogue(path: Path) -> Catalog:
    with path.open("rb") as po:
        return read_po(po)


def compiled(catalogue: Catalog) -> Translations:
    """The catalogue as gettext reads it: what `pybabel compile` would write to a .mo file."""
    mo = io.BytesIO()
    write_mo(mo, catalogue)
    mo.seek(0)
    return Translations(mo, domain=DOMAIN)


class Catalogue:
    """One package's catalogues: `text(key, lang, **values)`; a key without a text shows as the key."""

    def __init__(self, locale_dir: Path):
        self.locale_dir = Path(locale_dir)
        self.translations = {lang: compiled(read_catalogue(self.path(lang))) for lang in LANGUAGES}
        self.keys = frozenset(message.id for message in read_catalogue(self.path(DEFAULT)) if message.id)

    def path(self, lang: str) -> Path:
        return self.locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"

    @property
    def template(self) -> Path:
        return self.locale_dir / f"{DOMAIN}.pot"

    def texts(self, lang: str) -> dict[str, str]:
        """One language as key -> text, in the file's order (for checks and tests)."""
        return {message.id: message.string for message in read_catalogue(self.path(lang)) if message.id}

    def __contains__(self, key: str) -> bool:
        return key in self.keys

    def text(self, key: str, lang: str, **values) -> str:
        chosen = self.translations.get(lang, self.translations[DEFAULT]).gettext(key)
        if not values:
            return chosen
        return chosen.format(**{name: self.text(value, lang) if isinstance(value, Term) else value
                                for name, value in values.items()})

    def both(self, key: str, **values) -> tuple[str, str]:
        """(bokmål, English): for what is stored or sent in both languages (`title_nb`, `title_en`)."""
        return self.text(key, "nb", **values), self.text(key, "en", **values)

    def bilingual(self, key: str, **values) -> str:
        """"English / Norsk" in one string: an API error message, read by a client in either language."""
        return f"{self.text(key, 'en', **values)} / {self.text(key, 'nb', **values)}"


def package_catalogue(module_file: str) -> Catalogue:
    """The catalogue of the package a module is in (its `locale` folder)."""
    return Catalogue(Path(module_file).resolve().parent / "locale")
