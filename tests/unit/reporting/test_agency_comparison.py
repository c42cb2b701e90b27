"""The municipality view's rows: each agency under the name the directory gives it, the code without one."""
from datetime import date, datetime, timezone

from services.reporting import reports
from services.reporting.handlers import load_directory
from services.reporting.models import ReportFact
from services.reporting.schemas import DirectorySchema
from shared.auth import Principal

CENTRAL = Principal(sub="sentral", roles=frozenset({"central"}), agency="fin")
CONTACTS = {"leader": {"name": "Leder", "address": "leder@example.org"}}


def test_each_agency_of_the_comparison_is_named_as_the_directory_names_it(use_case_database):
    reporting = use_case_database("reporting")
    directory = DirectorySchema().load({
        "defaults": {"contacts": CONTACTS},
        "agencies": [{"code": "bym", "name": "Bymiljøetaten", "parent_department": "Byrådsavdeling for miljø",
                      "contacts": CONTACTS}]})
    with reporting.unit_of_work() as uow:
        load_directory(uow, directory)
        for agency in ("bym", "ukjent"):  # "ukjent": facts of an agency the directory no longer lists
            uow.session.add(ReportFact(agency=agency, subject_type="note", subject_id=f"{agency}-1", state={},
                                       updated_at=datetime(2026, 3, 1, tzinfo=timezone.utc)))
    with reporting.unit_of_work() as uow:
        rows = reports.compare_agencies(uow, CENTRAL, date(2026, 1, 1), date(2026, 12, 31))["agencies"]
    assert [(row["agency"], row["name"]) for row in rows] == [("bym", "Bymiljøetaten"), ("ukjent", "ukjent")]
