"""After the rating, in the browser: the coordinator treats an unacceptable risk (residual rating on the
assessment's own scales), moves a measure along, completes the assessment and sends it for approval;
the agency head approves it and the history shows each step. axe-core checks the pages on the way."""
import pytest
import requests

from tests.ui.browser_tools import describe, run_axe

pytestmark = pytest.mark.integration


@pytest.fixture
def risk(vern):
    isk = {"Authorization": f"Bearer {vern.token(('isk',), 'demo')}"}
    assessment = requests.post(f"{vern.base_url}/risk-assessments", headers=isk, timeout=10,
                               json={"title": "Skolens fagsystem", "scope": "system"}).json()
    risk = requests.post(f"{vern.base_url}/risk-assessments/{assessment['id']}/risks", headers=isk, timeout=10,
                         json={"title": "Tidligere ansatte har fortsatt tilgang", "likelihood": 4,
                               "consequence": 4}).json()
    measure = requests.post(f"{vern.base_url}/risks/{risk['id']}/measures", headers=isk, timeout=10,
                            json={"title": "Fjern tilganger automatisk ved sluttdato", "owner": "IKT",
                                  "due_date": "2099-03-31"})
    assert measure.status_code == 201, measure.text
    return {"id": risk["id"], "assessment_id": assessment["id"], "level": risk["level"],
            "acceptable": risk["acceptable"]}


def test_treat_a_risk_complete_the_assessment_and_the_agency_head_approves(vern, person, axe, risk):
    assert risk["acceptable"] is False  # 4 × 4 on the default matrix
    violations = {}
    isk = person(("isk",), sub="isk-ola")
    isk.goto(f"{vern.site}/risks/{risk['id']}")
    isk.click("text=Lagre behandlingen")  # no treatment chosen: named beside the field
    assert isk.locator("#treatment-treatment-error").is_visible()
    violations["risk (errors)"] = run_axe(isk, axe)
    isk.check("#treatment-treatment-reduce")
    isk.fill("#treatment-treatment_rationale", "Tilgangene følger HR-systemets sluttdato.")
    isk.select_option("#treatment-residual_likelihood", "1")
    isk.select_option("#treatment-residual_consequence", "2")
    isk.click("text=Lagre behandlingen")
    assert "Behandlingen er lagret" in isk.inner_text("[role=status]")
    facts = isk.inner_text(".facts")
    assert "redusere" in facts and "1 × 2" in facts
    row = isk.locator("#measures ~ .table-scroll table tr", has_text="Fjern tilganger")
    row.locator("select").select_option("in_progress")
    row.locator("button").click()
    assert "Tiltaket er oppdatert" in isk.inner_text("[role=status]")
    assert isk.locator("#measures ~ .table-scroll table select").input_value() == "in_progress"
    violations["risk"] = run_axe(isk, axe)

    isk.goto(f"{vern.site}/risks/assessments/{risk['assessment_id']}")
    for _ in range(2):  # planned → in progress → completed (what the page offers next)
        button = isk.locator("#status ~ form button[name=step]").first
        if button.get_attribute("value") == "completed":
            isk.fill("#step-note", "Alle risikoer er vurdert.")
        button.click()
        assert "Statusen er endret" in isk.inner_text("[role=status]")
    assert "til godkjenning" in isk.inner_text(".facts")
    assert isk.locator("text=Godkjenn risikovurderingen").count() == 0  # the coordinator cannot approve

    head = person(("leader",), sub="leder-demo")
    head.goto(f"{vern.site}/risks/assessments/{risk['assessment_id']}")
    head.fill("#approval-note", "Godkjent i ledermøtet.")
    violations["assessment (to approve)"] = run_axe(head, axe)
    head.click("button >> text=Godkjenn")
    assert "Risikovurderingen er godkjent" in head.inner_text("[role=status]")
    assert "godkjent" in head.inner_text(".facts")
    history = head.inner_text("#status ~ .table-scroll table")
    assert "Alle risikoer er vurdert." in history and "Godkjent i ledermøtet." in history

    failing = {name: found for name, found in violations.items() if found}
    assert not failing, describe(failing)
    api = requests.get(f"{vern.base_url}/risks/{risk['id']}", timeout=10,
                       headers={"Authorization": f"Bearer {vern.token(('isk',), 'demo')}"}).json()
    assert (api["treatment"], api["residual_likelihood"], api["residual_consequence"]) == ("reduce", 1, 2)
