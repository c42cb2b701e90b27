"""reporting's read model as reports read it: every fact's state by subject type, scoped by agency."""
from datetime import datetime, timezone

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from services.reporting import read_model
from services.reporting.models import Base, ReportFact


def fact(agency, subject_type, subject_id, **state):
    return ReportFact(agency=agency, subject_type=subject_type, subject_id=subject_id, state=state,
                      updated_at=datetime(2026, 1, 1, tzinfo=timezone.utc))


def test_states_are_grouped_by_subject_type_with_id_and_agency_and_scoped_to_the_agencies_asked():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add_all([fact("demo", "incident", "i-1", kind="phishing", reported_at="2026-02-01"),
                         fact("demo", "risk", "r-1", level="high"),
                         fact("other", "incident", "i-2", kind="deviation")])
        session.flush()

        demo = read_model.states(session, ["demo"])
        assert demo["incident"] == [{"kind": "phishing", "reported_at": "2026-02-01", "id": "i-1", "agency": "demo"}]
        assert demo["risk"] == [{"level": "high", "id": "r-1", "agency": "demo"}]
        assert demo["processing"] == [] and demo["campaign"] == []  # every source's type is there, empty
        everyone = read_model.states(session, None)
        assert sorted(state["id"] for state in everyone["incident"]) == ["i-1", "i-2"]
