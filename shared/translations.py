"""A package's texts in bokmål and English, from its Babel message catalogues.

A service that renders text for people (a document, a report, an error message) keeps its texts in
`locale/<lang>/LC_MESSAGES/messages.po` next to its code, with `locale/messages.pot` as the template for
another language; the web interface's are in services/gateway/web/locale. Each msgid is a stable key
("report.agency") that both languages translate, and a text with values names them in braces
("Side {page} av {pages}"). `pybabel extract -F babel.cfg .` finds the keys the code names (in
`text(...)`, `both(...)`, `bilingual(...)`, `nboth(...)` and `N_(...)` calls), and a unit test fails
on a key missing in either language (tests/unit/test_catalogues.py).

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


class PerLanguage(dict):
    """A value given in each language (`PerLanguage(nb="Formål", en="Purposes")`), filled in as the one of
    the language being written."""


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
        self.keys = frozenset(self.texts(DEFAULT))

    def path(self, lang: str) -> Path:
        return self.locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"

    @property
    def template(self) -> Path:
        return self.locale_dir / f"{DOMAIN}.pot"

    def texts(self, lang: str) -> dict[str, str | tuple[str, ...]]:
        """One language as key -> text, in the file's order (for checks and tests); a text that counts is
        its plural forms, by its singular key."""
        return {message.id[0] if message.pluralizable else message.id: message.string
                for message in read_catalogue(self.path(lang)) if message.id}

    def __contains__(self, key: str) -> bool:
        return key in self.keys

    def text(self, key: str, lang: str, **values) -> str:
        chosen = self.translations.get(lang, self.translations[DEFAULT]).gettext(key)
        return self._filled(chosen, lang, values) if values else chosen

    def ntext(self, key: str, n: int, lang: str, **values) -> str:
        """A text that counts: the catalogue's plural forms of `key` (msgid_plural `<key>.plural`), chosen by
        `n` under the language's plural rule (gettext's ngettext); `{n}` is the count."""
        chosen = self.translations.get(lang, self.translations[DEFAULT]).ngettext(key, f"{key}.plural", n)
        return self._filled(chosen, lang, {"n": n, **values})

    def _filled(self, chosen: str, lang: str, values: dict) -> str:
        def value_in(value):
            if isinstance(value, Term):
                return self.text(value, lang)
            return value[lang] if isinstance(value, PerLanguage) else value
        return chosen.format(**{name: value_in(value) for name, value in values.items()})

    def both(self, key: str, **values) -> tuple[str, str]:
        """(bokmål, English): for what is stored or sent in both languages (`title_nb`, `title_en`)."""
        return self.text(key, "nb", **values), self.text(key, "en", **values)

    def nboth(self, key: str, n: int, **values) -> tuple[str, str]:
        """(bokmål, English) of a text that counts (`ntext`)."""
        return self.ntext(key, n, "nb", **values), self.ntext(key, n, "en", **values)

    def bilingual(self, key: str, **values) -> str:
        """"English / Norsk" in one string: an API error message, read by a client in either language."""
        return f"{self.text(key, 'en', **values)} / {self.text(key, 'nb', **values)}"


def package_catalogue(module_file: str) -> Catalogue:
    """The catalogue of the package a module is in (its `locale` folder)."""
    return Catalogue(Path(module_file).resolve().parent / "locale")
