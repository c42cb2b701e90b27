"""No bokmål text shown to users is an English string or a code.

Every table of words in both languages (the web interface, the report documents, the notifications'
vocabularies, the risk criteria's scales, the risk register export, the requirements overview): the
bokmål differs from the English unless it is one of the few words that are the same in both, and
no bokmål text is a snake_case code such as `not_required`.
"""
import importlib.util
import re
from pathlib import Path

import pytest

from services.gateway.web import i18n
from services.notifications import messages
from services.reporting import annual_plan_rules, report_content, report_layout
from services.risk import matrix
from shared.translations import Catalogue

# Words a Norwegian coordinator writes the same in both languages (names, abbreviations, loanwords).
SAME_IN_BOTH = {"Vern", "Status", "DPIA", "PDF", "Datatilsynet", "Altinn", "Scenario", "system", "administrator",
                "–", "Id", "Ref.", "april", "august", "september", "november"}  # the last four: months
CODE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")


def _pairs(table: dict, name: str):
    for key, (nb, en) in table.items():
        yield f"{name}.{key}", nb, en


def _requirements():
    path = Path("services/reporting/migrations/versions/0015_requirements_with_sources_and_sectors.py")
    spec = importlib.util.spec_from_file_location("requirements_0015", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for row in module.ADDED:
        yield f"requirement.{row['code']}.title", row["title_nb"], row["title_en"]
        yield f"requirement.{row['code']}.text", row["text_nb"], row["text_en"]
    yield "requirement.oslo-kommune.text", module.OSLO_AFTER["text_nb"], module.OSLO_AFTER["text_en"]


def _catalogues():
    """Every package's catalogues (<package>/locale: the web interface's, the services') as
    (package.key, bokmål, English); the web interface's named i18n."""
    for path in sorted(Path("services").glob("**/locale/nb/LC_MESSAGES/messages.po")):
        catalogue = Catalogue(path.parents[2])
        name = "i18n" if path.parts[1] == "gateway" else path.parts[1]
        english = catalogue.texts("en")
        for key, nb in catalogue.texts("nb").items():
            if isinstance(nb, tuple):  # a text that counts: each plural form
                yield from ((f"{name}.{key}[{i}]", form, english[key][i]) for i, form in enumerate(nb))
            else:
                yield f"{name}.{key}", nb, english.get(key)


def texts():
    yield from _catalogues()
    for figure, labels in report_layout.VALUE_LABELS.items():
        yield from _pairs(labels, f"report_layout.VALUE_LABELS.{figure}")
    yield from _pairs(report_content.TITLES, "report_content.TITLES")
    for name in ("MANAGEMENT_REVIEW", "SELF_DECLARATION", "PLAN_COLUMNS"):
        for key, nb, en, *_ in getattr(report_content, name):
            yield f"report_content.{name}.{key}", nb, en
    for name in ("KIND_TITLES", "AREA_TITLES", "STANDING_TITLES"):
        yield from _pairs(getattr(annual_plan_rules, name), f"annual_plan_rules.{name}")
    for vocabulary, labels in messages.VOCABULARIES.items():
        yield from _pairs(labels, f"messages.VOCABULARIES.{vocabulary}")
    yield from _requirements()


ALL = list(texts())


@pytest.mark.parametrize("where, nb, en", ALL, ids=[where for where, _, _ in ALL])
def test_bokmal_is_not_english_nor_a_code(where, nb, en):
    assert isinstance(nb, str) and nb.strip(), f"{where}: no bokmål text"
    assert not CODE.match(nb), f"{where}: the bokmål text is a code: {nb!r}"
    if nb.casefold() == str(en).casefold():
        assert nb in SAME_IN_BOTH, f"{where}: the bokmål text is the English one: {nb!r}"


def test_the_tables_are_read():
    """A table renamed away would make the test above pass on nothing."""
    sources = {where.split(".")[0] for where, _, _ in ALL}
    assert {"i18n", "reporting", "privacy_register", "incidents", "risk", "report_layout", "report_content",
            "messages", "requirement"} <= sources
    assert len(ALL) > 1000


def test_a_risk_level_is_never_a_step_name_of_the_consequence_scale():
    levels = {nb.casefold() for key, nb in i18n.texts("nb").items() if key.startswith("level.")}
    levels |= {nb.casefold() for nb, _ in messages.VOCABULARIES["risk_level"].values()}
    steps = {nb.casefold() for nb, _ in matrix.OSLO_CONSEQUENCE}
    assert levels and not levels & steps


def test_the_management_review_opens_with_the_status_of_earlier_actions_in_natural_bokmal():
    assert report_content.MANAGEMENT_REVIEW[0][:2] == ("a", "Status for tiltak fra tidligere ledelsesgjennomganger")
