"""The one completeness rule of the record of processing: every item of art. 30(1) and art. 30(2)."""
import pytest

from services.privacy_register import domain, export
from services.privacy_register.schemas import ProcessingRecordSchema

CONTROLLER = {
    "name": "Elevadministrasjon", "role": "controller", "controller": "Utdanningsetaten",
    "controller_contact": "postmottak@ude.example.no", "dpo_contact": "Personvernombudet, pvo@example.no",
    "purposes": ["Skoleadministrasjon"], "data_subject_categories": ["elever"],
    "personal_data_categories": ["karakterer"], "recipients": ["foresatte"], "third_country_transfers": True,
    "transfers": [{"country": "USA", "recipient": "Skyleverandør", "safeguard": "standard_contractual_clauses"}],
    "retention": "Karakterer: bevares (arkivloven); fravær: slettes etter ett år.",
    "security_measures": "Rollebasert tilgang, logging, kryptering."}
PROCESSOR = {
    "name": "Lønnskjøring for andre etater", "role": "processor", "processor_name": "Lønnsetaten",
    "processor_contact": "postmottak@lonn.example.no", "dpo_contact": "Personvernombudet, pvo@example.no",
    "controllers": [{"name": "Utdanningsetaten", "contact": "postmottak@ude.example.no", "agency_code": "ude"}],
    "processing_categories": ["Lønnsutbetaling", "Innrapportering av a-melding"],
    "third_country_transfers": True,
    "transfers": [{"country": "USA", "recipient": "Skyleverandør", "safeguard": "standard_contractual_clauses"}],
    "security_measures": "Tilgangsstyring, logging."}

# (record, the item left blank, how it is blanked, the item named, its article)
CASES = [
    (CONTROLLER, "controller", None, "30(1)(a)"),
    (CONTROLLER, "controller_contact", "", "30(1)(a)"),
    (CONTROLLER, "dpo_contact", None, "30(1)(a)"),
    (CONTROLLER, "purposes", [], "30(1)(b)"),
    (CONTROLLER, "data_subject_categories", [], "30(1)(c)"),
    (CONTROLLER, "personal_data_categories", [], "30(1)(c)"),
    (CONTROLLER, "recipients", [], "30(1)(d)"),
    (CONTROLLER, "third_country_transfers", None, "30(1)(e)"),
    (CONTROLLER, "transfers", [], "30(1)(e)"),
    (CONTROLLER, "retention", "  ", "30(1)(f)"),
    (CONTROLLER, "security_measures", None, "30(1)(g)"),
    (PROCESSOR, "processor_name", None, "30(2)(a)"),
    (PROCESSOR, "processor_contact", None, "30(2)(a)"),
    (PROCESSOR, "processor_dpo_contact", None, "30(2)(a)"),
    (PROCESSOR, "controllers", [], "30(2)(a)"),
    (PROCESSOR, "controllers_contact", [{"name": "Utdanningsetaten", "contact": None}], "30(2)(a)"),
    (PROCESSOR, "processing_categories", [], "30(2)(b)"),
    (PROCESSOR, "processor_third_country_transfers", None, "30(2)(c)"),
    (PROCESSOR, "processor_transfers", [], "30(2)(c)"),
    (PROCESSOR, "processor_security_measures", "", "30(2)(d)"),
]
FIELD = {"processor_dpo_contact": "dpo_contact", "controllers_contact": "controllers",
         "processor_third_country_transfers": "third_country_transfers", "processor_transfers": "transfers",
         "processor_security_measures": "security_measures"}


def test_every_item_of_art_30_1_and_30_2_is_in_the_table():
    assert {key for _, key, _, _ in CASES} == set(domain.ITEMS)


@pytest.mark.parametrize("record", [CONTROLLER, PROCESSOR], ids=["controller", "processor"])
def test_a_record_with_every_item_filled_is_complete(record):
    assert domain.missing_items(record) == []
    # and it is a record the API takes as it is
    assert ProcessingRecordSchema().load(record)["role"] == record["role"]


@pytest.mark.parametrize("record, key, blank, article", CASES, ids=[case[1] for case in CASES])
def test_each_item_left_blank_is_named_with_its_label_and_article(record, key, blank, article):
    missing = domain.missing_items({**record, FIELD.get(key, key): blank})
    assert [m["key"] for m in missing] == [key]
    item = missing[0]
    assert item["article"] == article and item["label_nb"] and item["label_en"]
    assert item["label_nb"] != item["label_en"] and "_" not in item["label_nb"]


def test_no_transfers_is_an_answer_and_needs_no_safeguards():
    assert domain.missing_items({**CONTROLLER, "third_country_transfers": False, "transfers": []}) == []


def test_retention_and_security_are_required_of_a_public_agency_not_only_recommended():
    missing = domain.missing_items({**CONTROLLER, "retention": None, "security_measures": None})
    assert [(m["key"], m["article"]) for m in missing] == [("retention", "30(1)(f)"),
                                                           ("security_measures", "30(1)(g)")]


def test_a_record_from_before_roles_is_judged_as_the_controllers():
    old = {key: value for key, value in CONTROLLER.items() if key != "role"}
    assert domain.missing_items(old) == []


def test_the_directory_fills_the_contacts_the_processing_leaves_blank_and_its_own_win():
    directory = {"dpo_contact": "Personvernombud, pvo@example.test", "controller_contact": "Leder, leder@x.test"}
    blank = {**CONTROLLER, "dpo_contact": None, "controller_contact": ""}
    assert [m["label_nb"] for m in domain.missing_items(blank)] == [
        "Behandlingsansvarliges kontaktopplysninger", "Personvernombudets kontaktopplysninger"]
    filled = domain.with_directory(blank, directory)
    assert filled["dpo_contact"] == "Personvernombud, pvo@example.test" and domain.missing_items(filled) == []
    assert domain.with_directory(CONTROLLER, directory)["dpo_contact"] == CONTROLLER["dpo_contact"]
    assert domain.missing_items(domain.with_directory({**PROCESSOR, "processor_contact": None}, {})) != []


def test_the_export_writes_words_in_the_requests_language_never_codes():
    view = {**CONTROLLER, "special_categories": ["health"], "status": "active", "dpia_status": "not_required",
            "owner_role": "process_owner", "complete": False, "version": 1, "id": "p1",
            "missing": domain.missing_items({**CONTROLLER, "dpo_contact": None})}
    nb = dict(zip(export.headings("nb"), export.register_table([view], "nb")["rows"][0]))
    en = dict(zip(export.headings("en"), export.register_table([view], "en")["rows"][0]))
    assert nb["Særlige kategorier (art. 9)"] == "helseopplysninger"
    assert en["Special categories (art. 9)"] == "health data"
    assert nb["Status"] == "aktiv" and nb["Eierrolle"] == "prosesseier" and nb["Fullstendig (art. 30)"] == "Nei"
    assert nb["Rolle (art. 30 nr. 1 eller nr. 2)"] == "behandlingsansvarlig"
    assert "standard personvernbestemmelser (SCC)" in nb["Tredjeland, mottaker og garantier (e)"]
    assert nb["Mangler (art. 30)"] == "Personvernombudets kontaktopplysninger (30(1)(a))"
    assert en["Missing (art. 30)"] == "Contact details of the data protection officer (30(1)(a))"
    codes = {"health", "active", "process_owner", "standard_contractual_clauses", "not_required", "controller"}
    assert not codes & {str(value) for value in nb.values()}


def test_the_directory_fills_only_the_contacts_the_entrys_own_record_asks_for():
    directory = {"dpo_contact": "Ombud", "controller_contact": "Leder", "processor_contact": "Leder"}
    as_controller = domain.with_directory({**CONTROLLER, "controller_contact": None}, directory)
    assert as_controller["controller_contact"] == "Leder" and "processor_contact" not in as_controller
    as_processor = domain.with_directory({**PROCESSOR, "processor_contact": None}, directory)
    assert as_processor["processor_contact"] == "Leder" and "controller_contact" not in as_processor
