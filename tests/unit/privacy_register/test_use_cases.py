"""The privacy register's use cases on its real unit of work and a fresh SQLite database, no broker: the
record of processing (art. 30) with what it lacks named, a DPIA to its decision, and the events written."""
import pytest
from sqlalchemy import select

from services.privacy_register import dpias, register
from services.privacy_register.models import Dpia, ProcessingActivity
from services.privacy_register.schemas import (CreateDpiaSchema, DpiaDecisionSchema, DpiaTransitionSchema,
                                               ProcessingRecordSchema, UpdateProcessingSchema)
from shared.auth import Principal
from shared.errors import Conflict, CrossAgencyWrite, NotFound
from shared.validation import load

PKO = Principal(sub="kari", roles=frozenset({"pko"}), agency="demo")
OMBUD = Principal(sub="ombud", roles=frozenset({"ombud"}), agency="demo")
LEADER = Principal(sub="leder", roles=frozenset({"leader"}), agency="demo")
CENTRAL = Principal(sub="sentral", roles=frozenset({"central", "pko"}), agency="fin")
OTHER_PKO = Principal(sub="per", roles=frozenset({"pko"}), agency="byr")


def complete_record(**overrides) -> dict:
    """Every art. 30(1) item, as the integration tests register it."""
    return {"name": "Elevadministrasjon", "description": "Opptak, fravær og karakterer i grunnskolen.",
            "status": "active", "controller": "Utdanningsetaten",
            "controller_contact": "postmottak@ude.oslo.kommune.no", "dpo_contact": "personvernombud@oslo.kommune.no",
            "purposes": ["Skoleadministrasjon", "Vurdering"],
            "legal_bases": [{"purpose": "Skoleadministrasjon", "article6": "e", "reference": "opplæringslova § 15-1"},
                            {"purpose": "Helseopplysninger om tilrettelegging", "article6": "e", "article9": "g",
                             "reference": "opplæringslova"}],
            "data_subject_categories": ["elever", "foresatte"],
            "personal_data_categories": ["kontaktopplysninger", "karakterer", "fravær"],
            "special_categories": ["health"], "recipients": ["Statistisk sentralbyrå", "Foresatte"],
            "third_country_transfers": False, "retention": "Slettes fem år etter avsluttet skolegang.",
            "security_measures": "Tilgangsstyring per rolle, logging, kryptering.", "systems": ["sys-elev"],
            "processors": ["Skolesystemer AS"], "owner": "Avdeling for skoleadministrasjon",
            "owner_role": "process_owner", "approx_data_subjects": 60000, **overrides}


@pytest.fixture
def privacy(use_case_database):
    return use_case_database("privacy_register")


def registered(privacy, record, contacts=None):
    return privacy.run(register.register_processing, PKO, load(ProcessingRecordSchema(), record), contacts)


def test_a_complete_processing_is_stored_and_announced_complete(privacy):
    processing = registered(privacy, complete_record())
    [stored] = privacy.read(select(ProcessingActivity))
    assert (stored.id, stored.agency, stored.version, stored.complete) == (processing.id, "demo", 1, True)
    [announced] = privacy.events("processing_registered")
    assert announced["subject"] == processing.id and announced["data"]["complete"] is True
    assert announced["data"]["missing"] == [] and announced["data"]["special_categories"] is True


def test_a_processing_lacking_art_30_items_is_stored_with_each_item_named(privacy):
    processing = registered(privacy, {"name": "Besøksregistrering"})
    assert privacy.read(select(ProcessingActivity))[0].complete is False
    [announced] = privacy.events("processing_registered", processing.id)
    assert [item["key"] for item in announced["data"]["missing"]] == [
        "controller", "controller_contact", "dpo_contact", "purposes", "data_subject_categories",
        "personal_data_categories", "recipients", "third_country_transfers", "retention", "security_measures"]
    with privacy.unit_of_work(PKO) as uow:
        shown = register.view(uow.session, register.get_processing(uow, PKO, processing.id))
    assert shown["complete"] is False and "purposes" in [item["key"] for item in shown["missing"]]


def test_the_contacts_come_from_the_agency_directory_or_are_named_missing(privacy):
    record = complete_record(dpo_contact=None, controller_contact=None)
    lacking = registered(privacy, record)
    [announced] = privacy.events("processing_registered", lacking.id)
    assert [(m["key"], m["article"]) for m in announced["data"]["missing"]] == [
        ("controller_contact", "30(1)(a)"), ("dpo_contact", "30(1)(a)")]
    directory = {"controller_contact": "Etatsdirektør, postmottak@etat.example.test",
                 "dpo_contact": "Personvernombudet, pvo@kommune.example.test"}
    complete = registered(privacy, record, directory)
    assert complete.complete is True and complete.record["dpo_contact"] is None, "the directory's is not stored"


def test_an_approved_dpia_with_high_residual_risk_needs_prior_consultation_and_a_change_outdates_it(privacy):
    processing = registered(privacy, complete_record())
    dpia = privacy.run(dpias.create_dpia, PKO, load(CreateDpiaSchema(), {
        "processing_id": processing.id, "title": "DPIA for elevadministrasjon",
        "description": "Systematisk beskrivelse av behandlingen.",
        "necessity_proportionality": "Nødvendig for å oppfylle opplæringsplikten.",
        "risks": [{"title": "Uautorisert innsyn i helseopplysninger", "likelihood": 3, "severity": 4,
                   "measures": "Rollebasert tilgang", "residual_likelihood": 3, "residual_severity": 3}],
        "measures": "Tilgangsstyring, logging og opplæring.", "reviewer": "personvernombud"}))
    assert dpia.residual_risk == "high"
    privacy.run(dpias.change_status, PKO, dpia.id, load(DpiaTransitionSchema(), {"status": "in_review"}))
    approval = load(DpiaDecisionSchema(), {"decision": "approved", "dpo_advice_followed": True})
    with pytest.raises(Conflict) as too_early:
        privacy.run(dpias.decide, LEADER, dpia.id, approval)
    assert "art. 35(2)" in str(too_early.value) and privacy.events("dpia_completed") == []

    privacy.run(dpias.give_advice, OMBUD, dpia.id, "Restrisikoen er høy: forhåndsdrøft med Datatilsynet.")
    privacy.run(dpias.decide, LEADER, dpia.id, approval)
    assert len(privacy.events("dpia_completed", dpia.id)) == 1
    [required] = privacy.events("prior_consultation_required", dpia.id)
    assert required["data"]["high_risks"] == ["Uautorisert innsyn i helseopplysninger"]

    changed = privacy.run(register.update_processing, PKO, processing.id, load(UpdateProcessingSchema(), {
        "purposes": ["Skoleadministrasjon", "Vurdering", "Læringsanalyse"], "note": "Ny læringsplattform"}))
    assert changed.version == 2
    [outdated] = privacy.events("dpia_outdated", dpia.id)
    assert outdated["data"]["changed_fields"] == ["purposes"]
    assert privacy.read(select(Dpia))[0].outdated_at is not None


def test_another_agencys_processing_is_not_changed_and_the_central_teams_attempt_is_audited(privacy):
    processing = registered(privacy, complete_record())
    change = load(UpdateProcessingSchema(), {"name": "Endret av andre"})
    with pytest.raises(NotFound):
        privacy.run(register.update_processing, OTHER_PKO, processing.id, change)
    with pytest.raises(CrossAgencyWrite):
        privacy.run(register.update_processing, CENTRAL, processing.id, change)
    assert privacy.read(select(ProcessingActivity))[0].name == "Elevadministrasjon"
    assert privacy.events("processing_updated") == []
    [attempt] = privacy.audit_entries("refused")
    assert (attempt.entity_id, attempt.agency, attempt.actor_agency) == (processing.id, "demo", "fin")
