"""The web interface's message catalogues (services/gateway/web/locale): both languages complete and alike,
no key twice, and every key that `pybabel extract` finds in the templates and the code translated in both.
"""
import collections
import functools
import re
import string
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, check_and_call_extract_file
from babel.messages.frontend import parse_mapping_cfg

from services.gateway.web import i18n
from services.gateway.web.rendering import TEMPLATES

ROOT = Path(__file__).resolve().parents[3]
TEMPLATE_PATH = i18n.LOCALE_DIR / f"{i18n.DOMAIN}.pot"
CATALOGUES = {lang: i18n.catalogue_path(lang) for lang in i18n.LANGUAGES}


def msgids(path: Path) -> list[str]:
    """Every msgid as the file spells it, a wrapped one joined; read_po keeps only one of two equal msgids."""
    found, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("msgid "):
            current = [line[len("msgid "):]]
        elif current is not None and line.startswith('"'):
            current.append(line)
        elif current is not None:
            found.append("".join(part[1:-1] for part in current))
            current = None
    return [msgid for msgid in found if msgid]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@functools.cache
def extracted_keys() -> dict[str, list[str]]:
    """What `pybabel extract -F babel.cfg .` finds in the web interface, with where: key -> ["path:line"]."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = collections.defaultdict(list)
    for path in sorted((ROOT / "services" / "gateway" / "web").rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        for filename, lineno, message, _, _ in check_and_call_extract_file(
                path, method_map, options_map, None, DEFAULT_KEYWORDS, (), False, dirpath=ROOT):
            found[message].append(f"{filename}:{lineno}")
    return found


def test_every_key_is_defined_once_in_each_catalogue_and_the_template():
    for path in (TEMPLATE_PATH, *CATALOGUES.values()):
        counts = collections.Counter(msgids(path))
        assert not [key for key, count in counts.items() if count > 1], path


def test_both_languages_translate_exactly_the_keys_of_the_template():
    template = i18n.read_catalogue(TEMPLATE_PATH)
    keys = [message.id for message in template if message.id]
    assert len(keys) > 900 and not [message.id for message in template if message.string and message.id]
    for lang, path in CATALOGUES.items():
        assert [message.id for message in i18n.read_catalogue(path) if message.id] == keys, lang


def test_every_text_exists_in_both_languages():
    """No empty text, none fuzzy or obsolete (a fuzzy one would not be compiled: the key would show), the
    same placeholders in both, and Babel's own checks of each message pass."""
    texts = {}
    for lang, path in CATALOGUES.items():
        catalogue = i18n.read_catalogue(path)
        assert str(catalogue.locale) == lang and not catalogue.obsolete and not catalogue.fuzzy, lang
        for message in catalogue:
            if message.id:
                assert message.string.strip() and not message.fuzzy, f"{lang}: {message.id}"
        assert not list(catalogue.check()), lang
        texts[lang] = {message.id: message.string for message in catalogue if message.id}
    nb, en = texts["nb"], texts["en"]
    for key, text in nb.items():
        assert text.count("{") == en[key].count("{"), f"{key}: the same placeholders in both"
        assert placeholders(text) == placeholders(en[key]), key


def test_the_pages_read_the_catalogues():
    assert i18n.text("nav.report", "en") == "Report a deviation" and i18n.text("nav.report", "nb") == "Meld avvik"
    assert i18n.text("campaign.rate", "en", rate=80, target=90) == "80 % done of a 90 % target"
    assert i18n.text("no.such.key", "nb") == "no.such.key"
    assert i18n.KEYS == set(i18n.texts("en")) == set(i18n.texts("nb"))
    assert all(i18n.TRANSLATIONS[lang].gettext(key) == text for lang in i18n.LANGUAGES
               for key, text in i18n.texts(lang).items())


def test_the_templates_gettext_is_the_catalogues():
    from services.gateway.web.rendering import language_environment

    page = language_environment("en").from_string('{{ _("nav.inbox") }}|{{ t("page_of", page=1, pages=2) }}')
    assert page.render() == "Inbox|Page 1 of 2"


def test_every_key_pybabel_extracts_is_translated_in_both_languages():
    found = extracted_keys()
    missing = {key: where for key, where in found.items() if key not in i18n.KEYS}
    assert not missing, missing
    for lang in i18n.LANGUAGES:
        assert not set(found) - set(i18n.texts(lang)), lang


def test_the_extraction_finds_the_keys_in_t_calls_and_in_the_macros_arguments():
    """At least what a plain reading of the templates finds: a t(...) key, and a macro's label and hint keys
    (given by position and by name), and the keys of t(...) calls in the pages' code."""
    found = extracted_keys()
    used = set()
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_.0-9]+)["']\s*[,)]""", text))
        for call in re.findall(r"(?:text_field|radio_group|select_field)\((.*?)\)\s*}}", text):
            used |= set(re.findall(r"""["']([a-z_]+\.[a-z_.0-9]+)["']""", call))
    assert used and not used - set(found), sorted(used - set(found))
    assert {"risks.owner_hint", "processing.filter_complete", "error.forbidden", "error.internal"} <= set(found)
    # keys handed on as data, marked with N_(): a form's error message, a field's label, a notice
    assert {"err.token_required", "err.date_required", "processing.controller", "inbox.done_on_behalf"} <= set(found)


def test_every_error_message_of_the_catalogues_is_named_in_the_code():
    """A form's message (err.*) reaches the page as data, so the code marks it with N_(): one that no code
    names is either unused or unmarked, and the extraction would not see a misspelt use of it."""
    assert not sorted(key for key in i18n.KEYS if key.startswith("err.") and key not in extracted_keys())
