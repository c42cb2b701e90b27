"""The `q` filter the global search page (/search) sends to each service's list: every word somewhere in the
record's text, or its reference; only what the caller may read (the list's own scoping)."""
import pytest

from services.privacy_register import register as processing_register
from services.privacy_register.schemas import ProcessingQuerySchema
from services.reporting import documents
from services.reporting.governance_schemas import CreateGoverningDocumentSchema, GoverningDocumentQuerySchema
from services.risk import register as risk_register
from services.risk.schemas import RegisterQuerySchema
from shared.auth import Principal
from shared.errors import BadInput
from shared.validation import load
from tests.unit.privacy_register.test_use_cases import PKO, complete_record, registered
from tests.unit.risk.test_use_cases import ISK, OTHER_ISK, add_risk, started_assessment

OTHER_PKO = Principal(sub="per", roles=frozenset({"pko"}), agency="byr")


def found(uow_db, caller, lister, schema, **query):
    filters = load(schema, query)
    with uow_db.unit_of_work(caller) as uow:
        return lister(uow, caller, **filters)["items"]


@pytest.fixture
def risk(use_case_database):
    return use_case_database("risk")


@pytest.fixture
def privacy(use_case_database):
    return use_case_database("privacy_register")


@pytest.fixture
def reporting(use_case_database):
    return use_case_database("reporting")


def test_risks_are_found_by_words_anywhere_in_their_text_or_by_reference(risk):
    assessment = started_assessment(risk)
    shared_account = add_risk(risk, assessment.id, 4, 4)
    phishing = add_risk(risk, assessment.id, 2, 2, title="Phishing mot lønn", threat="Svindlere",
                        vulnerability="Svake passord")

    def titles(**query):
        return [r.title for r in found(risk, ISK, risk_register.list_register, RegisterQuerySchema(), **query)]

    assert titles(q="DELT konto") == [shared_account.title]
    assert titles(q="svindlere lønn") == [phishing.title]  # one word in the threat, one in the title
    assert titles(q="lønn konto") == []  # every word must match
    assert titles(q=phishing.reference.lower()) == [phishing.title]
    assert titles(q=phishing.id[:8]) == [phishing.title]
    assert titles(q="100%") == []  # the search's own characters are plain text
    assert found(risk, OTHER_ISK, risk_register.list_register, RegisterQuerySchema(), q="konto") == []


def test_processing_activities_are_found_by_words_in_the_name_or_their_id(privacy):
    pupils = registered(privacy, complete_record())
    registered(privacy, complete_record(name="Skoleskyss og reiser"))

    def names(caller=PKO, **query):
        return [p["name"] if isinstance(p, dict) else p.name for p in
                found(privacy, caller, processing_register.list_processing, ProcessingQuerySchema(), **query)]

    assert names(q="elev ADMINISTRASJON") == ["Elevadministrasjon"]
    assert names(q=pupils.id[:8]) == ["Elevadministrasjon"]
    assert names(q="skyss") == ["Skoleskyss og reiser"]
    assert names(OTHER_PKO, q="skyss") == []


def test_governing_documents_are_found_by_words_or_their_number(reporting):
    command = load(CreateGoverningDocumentSchema(), CreateGoverningDocumentSchema.example)
    routine = reporting.run(documents.create_document, PKO, command)
    plan = reporting.run(documents.create_document, PKO, {**command, "title": "Beredskapsplan for IKT"})

    def ids(caller=PKO, **query):
        return [d.id for d in found(reporting, caller, documents.list_documents, GoverningDocumentQuerySchema(),
                                    **query)]

    assert ids(q="tilgangsstyring rutine") == [routine.id]
    assert ids(q=f"#{plan.id}") == [plan.id] and ids(q=str(routine.id).rjust(2, "0")) == [routine.id]
    assert ids(q="ikt") == [plan.id]
    assert ids(OTHER_PKO, q="ikt") == []


def test_a_search_of_one_character_is_refused_naming_the_field():
    for schema in (RegisterQuerySchema(), ProcessingQuerySchema(), GoverningDocumentQuerySchema()):
        with pytest.raises(BadInput) as refused:
            load(schema, {"q": "a"})
        assert "q" in refused.value.details
