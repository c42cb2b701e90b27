"""The municipality view's rows: each agency under the name the directory gives it, the code without one.
The directory is the notifications service's: reporting learns the names from its `agency_listed` events."""
from datetime import date, datetime, timezone

from services.notifications.handlers import load_directory
from services.notifications.schemas import DirectorySchema
from services.reporting import agencies, reports
from services.reporting.models import Agency, ReportFact
from shared.auth import Principal
from shared.contracts.notifications import AGENCY_LISTED

CENTRAL = Principal(sub="sentral", roles=frozenset({"central"}), agency="fin")
CONTACTS = {"leader": {"name": "Leder", "address": "leder@example.org"}}


def test_each_agency_of_the_comparison_is_named_as_the_directory_names_it(use_case_database):
    reporting, notifications = use_case_database("reporting"), use_case_database("notifications")
    directory = DirectorySchema().load({
        "defaults": {"contacts": CONTACTS},
        "agencies": [{"code": "bym", "name": "Bymiljøetaten", "parent_department": "Byrådsavdeling for miljø",
                      "contacts": CONTACTS}]})
    with notifications.unit_of_work() as uow:
        load_directory(uow, directory)
    (listed,) = notifications.events("agency_listed")
    for _ in range(2):  # a redelivery changes nothing
        reporting.deliver("reporting.on_agency_listed", listed, AGENCY_LISTED, agencies.record_listed_agency)
    with reporting.unit_of_work() as uow:
        for agency in ("bym", "ukjent"):  # "ukjent": facts of an agency the directory no longer lists
            uow.session.add(ReportFact(agency=agency, subject_type="note", subject_id=f"{agency}-1", state={},
                                       updated_at=datetime(2026, 3, 1, tzinfo=timezone.utc)))
    with reporting.unit_of_work() as uow:
        rows = reports.compare_agencies(uow, CENTRAL, date(2026, 1, 1), date(2026, 12, 31))["agencies"]
    assert [(row["agency"], row["name"]) for row in rows] == [("bym", "Bymiljøetaten"), ("ukjent", "ukjent")]
    with reporting.unit_of_work() as uow:
        kept = uow.session.get(Agency, "bym")
        assert (kept.name, kept.parent_department, kept.sectors) == ("Bymiljøetaten", "Byrådsavdeling for miljø", [])


def test_loading_the_same_directory_again_announces_only_what_changed(use_case_database):
    notifications = use_case_database("notifications")
    entry = {"code": "bym", "name": "Bymiljøetaten", "parent_department": None, "contacts": CONTACTS}
    for agencies_in_file in ([entry], [entry], [{**entry, "sectors": ["health"]}]):
        with notifications.unit_of_work() as uow:
            load_directory(uow, DirectorySchema().load({"defaults": {"contacts": CONTACTS},
                                                         "agencies": agencies_in_file}))
    listed = [event["data"]["sectors"] for event in notifications.events("agency_listed")]
    assert listed == [[], ["health"]]  # the first load, and the change of sectors; not the repeat
