"""Evidence attachments of risks and their measures, on the risk service's real unit of work."""
from datetime import timedelta

import pytest

from services.risk import attachments, risks
from services.risk.schemas import AddRiskMeasureSchema
from shared.attachments import transport
from shared.attachments.provider import Attachments
from shared.attachments.schemas import UploadAttachmentSchema
from shared.attachments.store import LocalStore
from shared.clock import today
from shared.errors import BadInput, CrossAgencyWrite, NotFound
from shared.validation import load
from tests.unit.risk.test_use_cases import CENTRAL, ISK, LEADER, OTHER_ISK, add_risk, started_assessment
from tests.unit.shared.test_attachments import EXE, PNG, XLSX

USE_CASES = attachments.USE_CASES


@pytest.fixture
def risk(use_case_database):
    return use_case_database("risk")


@pytest.fixture
def files(tmp_path):
    return Attachments(LocalStore(tmp_path / "risk"), max_bytes=100_000)


def upload(risk, files, record, data=PNG, name="skjermbilde.png", caller=ISK):
    return risk.run(USE_CASES.upload, caller, files, record,
                    load(UploadAttachmentSchema(), {"file": transport.encode(data), "file_name": name}))


def test_a_risk_and_its_measure_keep_their_own_files_read_by_the_agency_only(risk, files):
    high = add_risk(risk, started_assessment(risk).id, 4, 4)
    measure = risk.run(risks.add_measure, ISK, high.id, load(AddRiskMeasureSchema(), {
        "title": "Tilgangskontroll", "owner": "IKT", "due_date": (today() + timedelta(days=30)).isoformat()}))
    on_risk = upload(risk, files, {"record_id": high.id})
    on_measure = upload(risk, files, {"record_id": high.id, "measure_id": measure.id}, data=XLSX, name="plan.xlsx")
    assert (on_risk.record_type, on_measure.record_type, on_measure.media_type) == (
        "risk", "risk_measure", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    listing = risk.run(USE_CASES.listing, LEADER, files, {"record_id": high.id})  # the agency head reads
    assert [a.id for a in listing["attachments"]] == [on_risk.id]
    answer = risk.run(USE_CASES.content, LEADER, files, {"record_id": high.id, "measure_id": measure.id},
                      on_measure.id)
    assert transport.decode(answer["content"], 100_000) == XLSX
    with pytest.raises(NotFound):
        risk.run(USE_CASES.content, OTHER_ISK, files, {"record_id": high.id}, on_risk.id)
    with pytest.raises(CrossAgencyWrite):
        upload(risk, files, {"record_id": high.id}, caller=CENTRAL)
    with pytest.raises(BadInput) as refused:
        upload(risk, files, {"record_id": high.id}, data=EXE, name="tiltaksplan.pdf")
    assert list(refused.value.details) == ["file"]
    removed = risk.run(USE_CASES.remove, ISK, {"record_id": high.id}, on_risk.id, {"reason": "Utdatert skjermbilde"})
    assert removed.removed_by == "ida"
    assert [e.changes["removed_by"]["after"] for e in risk.audit_entries("update") if e.entity == "attachments"] == [
        "ida"]
