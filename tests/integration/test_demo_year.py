"""The report samples (docs/domain/reports.md) come from `deploy/demo_year.py`: it runs its year and saves approved reports."""
import importlib.util
import json
import uuid

import docx

from shared.config import ROOT

spec = importlib.util.spec_from_file_location("demo_year", ROOT / "deploy" / "demo_year.py")
demo_year = importlib.util.module_from_spec(spec)
spec.loader.exec_module(demo_year)


def test_the_demo_year_ends_in_an_approved_review_and_declaration_saved_as_documents(vern, tmp_path):
    code = f"demo-{uuid.uuid4().hex[:8]}"
    pko = demo_year.Api(vern.base_url, vern.token(("pko", "isk"), code))
    leader = demo_year.Api(vern.base_url, vern.token(("leader",), code))
    demo_year.a_year(pko, leader)
    demo_year.reports(pko, leader, tmp_path)

    declaration = json.loads((tmp_path / "self-declaration.json").read_text())
    answers = {s["key"]: s["answer"] for s in declaration["content"]["statements"]}
    assert declaration["status"] == "approved" and declaration["seal_valid"] is True
    assert answers["processor_agreements_in_place"] == "no" and answers["management_review_held"] == "yes"
    register = pko("GET", "/processing-activities")["items"]
    assert {p["name"]: p["complete"] for p in register} == {
        "Kundeservice": False, "Lønn": True, "Lønnskjøring for Bydel Demo": True}, "some complete, some not"
    review = docx.Document(str(tmp_path / "management-review-en.docx"))
    assert review.paragraphs[0].text == "Management review"
    assert (tmp_path / "self-declaration-nb.png").read_bytes().startswith(b"\x89PNG")
