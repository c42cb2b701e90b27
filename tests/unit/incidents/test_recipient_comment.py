"""A recipient's comment on a notification about an incident goes into that incident's journal, in its agency."""
from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from services.incidents import casework
from services.incidents.models import Base, Incident, JournalEntry
from shared.clock import utcnow
from shared.contracts.notifications import EXAMPLES, NOTIFICATION_TASK_ACKNOWLEDGED
from shared.events import Event

INCIDENT = "7d1f3c2e-5b8a-4e0f-9c61-2a4b8e9d0f13"


@pytest.fixture
def session():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        now = utcnow()
        session.add(Incident(id=INCIDENT, agency="demo", title="Elevliste sendt til feil foresatt",
                             description="...", kind="personal_data_breach", category="data_loss",
                             occurred_at=now - timedelta(hours=3), aware_at=now - timedelta(hours=2),
                             reported_at=now, reported_by="u-1", authority_deadline=now + timedelta(hours=70),
                             status="triage"))
        session.flush()
        yield session
    engine.dispose()


def acknowledged(agency="demo", **changes) -> Event:
    """The contract's example, loaded as a consumer would."""
    data = NOTIFICATION_TASK_ACKNOWLEDGED.schema().load({**EXAMPLES["notification_task_acknowledged"], **changes})
    return Event(id="e-1", type=NOTIFICATION_TASK_ACKNOWLEDGED.type, source="vern/reporting", subject=INCIDENT,
                 time=utcnow(), agency=agency, correlation_id=None, data=data)


def journal(session) -> list:
    return session.query(JournalEntry).filter_by(incident_id=INCIDENT, entry_type="recipient_comment").all()


def test_a_comment_goes_into_the_incidents_journal(session):
    line = casework.record_recipient_comment(SimpleNamespace(session=session), acknowledged(
        comment="  Hvem tar kontakt med foresatte?  ", acknowledged_by_role="leader"))
    session.flush()
    assert journal(session) == [line]
    assert (line.text, line.by) == ("Hvem tar kontakt med foresatte?", "leader")
    assert line.details["recipient_role"] == "leader" and line.details["task_id"]


def test_without_the_acknowledging_role_the_recipient_role_is_the_author(session):
    line = casework.record_recipient_comment(SimpleNamespace(session=session), acknowledged(
        comment="Ok.", acknowledged_by_role=None, recipient_role="ombud"))
    assert line.by == "ombud" and line.details["acknowledged_by_role"] is None


@pytest.mark.parametrize("changes, agency", [
    ({"comment": None}, "demo"),  # a plain acknowledgement: nothing to tell
    ({"comment": "   "}, "demo"),
    ({"comment": "Spørsmål", "subject_type": "risk"}, "demo"),  # not about an incident
    ({"comment": "Spørsmål", "subject_id": "no-such-incident"}, "demo"),
    ({"comment": "Spørsmål"}, "other"),  # another agency's task never writes into this case
])
def test_nothing_is_written_otherwise(session, changes, agency):
    assert casework.record_recipient_comment(SimpleNamespace(session=session), acknowledged(agency, **changes)) is None
    session.flush()
    assert journal(session) == []


def test_the_contract_reads_old_acknowledgements_without_the_new_fields():
    old = {key: value for key, value in EXAMPLES["notification_task_acknowledged"].items()
           if key not in ("comment", "acknowledged_by_role")}
    loaded = NOTIFICATION_TASK_ACKNOWLEDGED.schema().load(old)
    assert loaded["comment"] is None and loaded["acknowledged_by_role"] is None


def test_a_comment_is_at_most_2000_characters():
    from marshmallow import ValidationError
    with pytest.raises(ValidationError) as refused:
        NOTIFICATION_TASK_ACKNOWLEDGED.schema().load({**EXAMPLES["notification_task_acknowledged"],
                                                     "comment": "x" * 2001})
    assert "comment" in refused.value.messages
