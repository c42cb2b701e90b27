"""Every message catalogue of every package (<package>/locale, shared/translations.py): both languages
complete and alike, no key twice, and every key that `pybabel extract -F babel.cfg` finds in the
package's code translated in both languages. The web interface's catalogue has more checks of its own
(tests/unit/gateway/test_translations.py).
"""
import collections
import functools
import string
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, check_and_call_extract_file
from babel.messages.frontend import parse_mapping_cfg

from shared.translations import LANGUAGES, Catalogue, read_catalogue
from tests.unit.gateway.test_translations import msgids

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "services" / "gateway" / "web" / "locale"
LOCALE_DIRS = sorted(path.parent.parent.parent for path in ROOT.glob("services/**/locale/nb/LC_MESSAGES/*.po"))
LOCALE_DIRS += sorted(path.parent.parent.parent for path in ROOT.glob("shared/**/locale/nb/LC_MESSAGES/*.po"))
IDS = [str(path.relative_to(ROOT)) for path in LOCALE_DIRS]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def forms(text) -> tuple[str, ...]:
    """A text, or each plural form of a text that counts."""
    return text if isinstance(text, tuple) else (text,)


@functools.cache
def extracted_keys(package: Path) -> dict[str, list[str]]:
    """What `pybabel extract -F babel.cfg .` finds in one package, with where: key -> ["path:line"]."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = collections.defaultdict(list)
    for path in sorted(package.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        for filename, lineno, message, _, _ in check_and_call_extract_file(
                path, method_map, options_map, None, DEFAULT_KEYWORDS, (), False, dirpath=ROOT):
            found[message if isinstance(message, str) else message[0]].append(f"{filename}:{lineno}")
    return found


def test_every_package_that_renders_text_has_its_catalogue():
    assert {"services/gateway/web/locale", "services/reporting/locale", "services/privacy_register/locale",
            "services/incidents/locale", "services/risk/locale"} <= set(IDS)


@pytest.mark.parametrize("locale_dir", LOCALE_DIRS, ids=IDS)
def test_both_languages_and_the_template_hold_the_same_keys_once_in_the_same_order(locale_dir):
    catalogue = Catalogue(locale_dir)
    paths = (catalogue.template, *(catalogue.path(lang) for lang in LANGUAGES))
    for path in paths:
        counts = collections.Counter(msgids(path))
        assert not [key for key, count in counts.items() if count > 1], path
    template = read_catalogue(catalogue.template)
    keys = [message.id for message in template if message.id]
    assert keys and not [message.id for message in template if message.id and any(forms(message.string))]
    for lang in LANGUAGES:
        assert [message.id for message in read_catalogue(catalogue.path(lang)) if message.id] == keys, lang


@pytest.mark.parametrize("locale_dir", LOCALE_DIRS, ids=IDS)
def test_every_text_exists_in_both_languages_with_the_same_placeholders(locale_dir):
    """No empty text, none fuzzy or obsolete (a fuzzy one would not be compiled: the key would show), and
    Babel's own checks of each message pass. The bokmål names no value the English does not; an API
    error message may leave out of its bokmål half a detail for developers (the allowed statuses), so a
    service's English may name more."""
    catalogue = Catalogue(locale_dir)
    texts = {}
    for lang in LANGUAGES:
        read = read_catalogue(catalogue.path(lang))
        assert str(read.locale) == lang and not read.obsolete and not read.fuzzy, lang
        for message in read:
            if message.id:
                assert all(form.strip() for form in forms(message.string)), f"{lang}: {message.id}"
                assert not message.fuzzy, f"{lang}: {message.id}"
        assert not list(read.check()), lang
        texts[lang] = catalogue.texts(lang)
    for key, text in texts["nb"].items():
        english = set().union(*(placeholders(form) for form in forms(texts["en"][key])))
        for form in forms(text):
            if locale_dir == WEB:
                assert placeholders(form) == english, key
            assert placeholders(form) <= english, key


@pytest.mark.parametrize("locale_dir", LOCALE_DIRS, ids=IDS)
def test_every_key_pybabel_extracts_from_the_package_is_translated_in_both_languages(locale_dir):
    catalogue = Catalogue(locale_dir)
    found = extracted_keys(locale_dir.parent)
    assert found, "the package names no key: is it in babel.cfg?"
    for lang in LANGUAGES:
        missing = {key: where for key, where in found.items() if key not in catalogue.texts(lang)}
        assert not missing, f"{lang}: {missing}"


@pytest.mark.parametrize("locale_dir", [path for path in LOCALE_DIRS if path != WEB],
                         ids=[i for path, i in zip(LOCALE_DIRS, IDS) if path != WEB])
def test_every_key_of_a_service_catalogue_is_named_in_its_code(locale_dir):
    """A service names each key it uses literally, a built one marked with N_(): a key no code names is
    unused or unmarked, and the extraction would not see a misspelt use of it. (The web interface builds
    vocabulary keys from values; its own test checks those.)"""
    unused = sorted(Catalogue(locale_dir).keys - set(extracted_keys(locale_dir.parent)))
    assert not unused, unused


def test_a_missing_text_is_the_key_and_values_fill_the_braces(tmp_path):
    from services.privacy_register.texts import CATALOGUE

    assert CATALOGUE.text("dpia.no.such.key", "en") == "dpia.no.such.key"
    assert CATALOGUE.text("dpia.overall_residual", "en", level="high") == "Overall residual risk: high."
    assert CATALOGUE.both("dpia.yes") == ("ja", "yes")


def test_a_text_that_counts_takes_the_plural_form_of_its_language():
    from services.reporting.texts import CATALOGUE

    assert CATALOGUE.nboth("declaration.risk.assessed", 1) == ("1 risikovurdering godkjent i perioden",
                                                                 "1 risk assessment approved in the period")
    assert CATALOGUE.nboth("declaration.risk.assessed", 2)[1] == "2 risk assessments approved in the period"
    assert CATALOGUE.ntext("declaration.risk.assessed", 0, "nb") == "0 risikovurderinger godkjent i perioden"
