"""The directory file as every process reads it: agencies, the central mark, changes and mistakes."""
import os

import pytest
import yaml
from marshmallow import ValidationError

from shared.agency_directory import AgencyDirectory, DirectoryUnavailable, agency_directory, parse_directory
from shared.config import ROOT
from shared.errors import Unauthenticated
from shared.principal import Principal

DEMO = {"defaults": {"contacts": {}}, "agencies": [
    {"code": "demo", "name": "Demo-etaten", "contacts": {"leader": {"name": "Leder", "address": "l@example.test"}}},
    {"code": "fin", "name": "Byrådsavdeling for finans", "central": True}]}


def write(path, document):
    path.write_text(yaml.safe_dump(document, allow_unicode=True))


def principal(agency, *roles):
    return Principal(sub="u", roles=frozenset(roles or ("pko",)), agency=agency)


def test_codes_and_the_central_mark_are_read_and_the_rest_left_to_reporting():
    agencies = parse_directory(DEMO)
    assert agencies.codes == {"demo", "fin"} and agencies.central == {"fin"}


@pytest.mark.parametrize("document, field", [
    ({"agencies": []}, "agencies"),
    ({"agencies": [{"code": "Not A Code"}]}, "agencies"),
    ({"agencies": [{"code": "fin", "central": "perhaps"}]}, "agencies"),
    ({}, "agencies"),
    (["demo"], "_schema"),
])
def test_a_malformed_directory_is_refused_naming_the_field(document, field):
    with pytest.raises(ValidationError) as error:
        parse_directory(document)
    assert field in error.value.normalized_messages()


def test_the_shipped_directories_mark_fin_central_and_pass_reportings_schema_too():
    from services.notifications.schemas import DirectorySchema

    for path in (ROOT / "deploy" / "directory.yaml", ROOT / "tests" / "integration" / "directory.yaml"):
        document = yaml.safe_load(path.read_text())
        DirectorySchema().load(document)
        agencies = parse_directory(document)
        assert "demo" in agencies.codes and agencies.central == {"fin"}, path


def test_the_file_is_read_again_when_it_changes(tmp_path):
    path = tmp_path / "directory.yaml"
    write(path, DEMO)
    directory = AgencyDirectory(path)
    assert directory.check(principal("demo")).agency == "demo"
    with pytest.raises(Unauthenticated, match="Unknown agency 'plan-1'"):
        directory.check(principal("plan-1"))
    write(path, {**DEMO, "agencies": DEMO["agencies"] + [{"code": "plan-1", "name": "Plan"}]})
    assert directory.check(principal("plan-1")).agency == "plan-1"


def test_a_broken_edit_keeps_the_directory_read_before_and_a_directory_never_read_refuses(tmp_path, caplog):
    path = tmp_path / "directory.yaml"
    write(path, DEMO)
    directory = AgencyDirectory(path)
    assert directory.agencies().codes == {"demo", "fin"}
    path.write_text("agencies: [unclosed")
    assert directory.check(principal("fin", "central")).agency == "fin"
    assert "not a valid agency directory" in caplog.text
    os.remove(path)
    assert directory.agencies().codes == {"demo", "fin"}
    for never_read in (AgencyDirectory(tmp_path / "absent.yaml"), AgencyDirectory(None)):
        with pytest.raises(DirectoryUnavailable):
            never_read.agencies()
        with pytest.raises(Unauthenticated, match="directory is not available.* / Verns virksomhetskatalog"):
            never_read.check(principal("demo"))


def test_one_reader_per_file_and_process(tmp_path):
    path = tmp_path / "directory.yaml"
    assert agency_directory(path) is agency_directory(str(path))
    assert agency_directory(path) is not agency_directory(tmp_path / "another.yaml")
