"""The municipality's requirements overview as data: each with its source and sectors, and what a sector sees."""
import importlib.util
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from services.reporting import governance_rules as rules
from services.reporting.governance_schemas import RequirementQuerySchema
from marshmallow import ValidationError

MIGRATION = Path("services/reporting/migrations/versions/0015_requirements_with_sources_and_sectors.py")


def seeded():
    spec = importlib.util.spec_from_file_location("requirements_0015", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    updated = [{"code": code, "legal_source": source, "source_url": url, "sectors": sectors}
               for code, (source, url, sectors) in module.SOURCES.items()]
    return module, updated + module.ADDED


def test_every_requirement_names_its_source_and_sectors():
    _, rows = seeded()
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes))
    for row in rows:
        assert row["legal_source"], row["code"]
        assert row["sectors"] and set(row["sectors"]) <= set(rules.SECTORS), row["code"]
        url = row["source_url"]
        assert url is None or re.match(r"^https://(lovdata\.no|eur-lex\.europa\.eu|nsm\.no|www\.ehelse\.no)/", url)


def test_the_list_covers_the_laws_an_agency_of_oslo_kommune_answers_to():
    _, rows = seeded()
    by_code = {row["code"]: row for row in rows}
    assert {"gdpr", "personopplysningsloven", "forvaltningsloven-13", "offentleglova", "arkivlova",
            "eforvaltningsforskriften-15", "kommuneloven-25", "sivilbeskyttelsesloven", "sikkerhetsloven",
            "helseregisterloven", "pasientjournalloven", "normen", "barnevernsloven", "opplaeringslova",
            "nsm-grunnprinsipper", "oslo-kommune"} <= set(by_code)
    assert by_code["sikkerhetsloven"]["sectors"] == ["security_act"]
    assert by_code["pasientjournalloven"]["sectors"] == ["health"] == by_code["normen"]["sectors"]
    assert by_code["barnevernsloven"]["sectors"] == ["child_welfare"]
    assert by_code["opplaeringslova"]["sectors"] == ["education"]
    assert "§ 13" in by_code["forvaltningsloven-13"]["legal_source"]
    assert "§§ 25-1 og 25-2" in by_code["kommuneloven-25"]["legal_source"]
    assert "§§ 14 og 15" in by_code["sivilbeskyttelsesloven"]["legal_source"]
    assert "beredskapsplikt" in by_code["sivilbeskyttelsesloven"]["legal_source"]
    # the 2021 act (in force 2023) is barnevernsloven; the 1992 act was barnevernloven
    assert "2021" in by_code["barnevernsloven"]["source_url"]


def test_added_requirements_are_written_in_both_languages_and_a_sectors_own_is_only_where_relevant():
    module, _ = seeded()
    for row in module.ADDED:
        assert row["title_nb"] != row["title_en"] and row["text_nb"] != row["text_en"], row["code"]
        assert row["where_relevant"] is (row["sectors"] != ["all"])
        assert row["applies_default"] is (row["sectors"] == ["all"])


def test_a_sector_sees_what_applies_to_every_agency_and_to_its_own_sector():
    assert rules.shown_for(["all"], ["health"])
    assert rules.shown_for(["health"], ["health", "education"])
    assert not rules.shown_for(["child_welfare"], ["health"])
    assert rules.shown_for(["child_welfare"], None), "without sectors the whole list is shown"
    assert rules.shown_for(None, ["education"]), "an agency's own requirement without tags applies to it"


def test_a_sectors_requirement_applies_by_default_to_an_agency_of_that_sector():
    assert rules.applies_by_default(False, ["health"], ["health"]) is True
    assert rules.applies_by_default(False, ["health"], None) is False
    assert rules.applies_by_default(False, ["security_act"], ["education"]) is False
    assert rules.applies_by_default(True, ["all"], None) is True


def test_an_agencys_own_requirement_hides_the_municipalitys_of_the_same_code():
    rows = [SimpleNamespace(agency="*", code="arkivlova"), SimpleNamespace(agency="*", code="gdpr"),
            SimpleNamespace(agency="bym", code="arkivlova")]
    assert [(r.agency, r.code) for r in rules.own_first(rows, "bym")] == [("*", "gdpr"), ("bym", "arkivlova")]


def test_sectors_are_asked_for_comma_separated_and_unknown_ones_are_named():
    assert RequirementQuerySchema().load({"sectors": "health, education"})["sectors"] == ["health", "education"]
    with pytest.raises(ValidationError) as error:
        RequirementQuerySchema().load({"sectors": "health,schools"})
    assert "sectors" in error.value.messages
