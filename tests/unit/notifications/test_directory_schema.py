"""The directory names how each contact is reached; a webhook must be https and signed."""
import pytest
from marshmallow import ValidationError

from services.notifications.schemas import AgencySchema, ContactSchema

SECRET = "whsec_" + "a" * 44


def test_an_email_contact_needs_no_secret():
    assert ContactSchema().load({"name": "Leder", "address": "leder@demo.example"})["secret"] is None


def test_a_webhook_contact_is_https_with_a_secret():
    loaded = ContactSchema().load({"name": "SIEM", "address": "https://siem.example/vern", "secret": SECRET})
    assert loaded["secret"] == SECRET


@pytest.mark.parametrize("contact, field", [
    ({"name": "SIEM", "address": "https://siem.example/vern"}, "secret"),
    ({"name": "SIEM", "address": "http://siem.example/vern", "secret": SECRET}, "address"),
    ({"name": "SIEM", "address": "https://siem.example/vern", "secret": "hemmelig"}, "secret"),
])
def test_an_unsafe_webhook_is_refused_naming_the_field(contact, field):
    with pytest.raises(ValidationError) as refused:
        ContactSchema().load(contact)
    assert field in refused.value.messages


def test_an_agency_may_name_its_sectors_and_an_unknown_one_is_refused():
    agency = {"code": "sykehjem", "name": "Sykehjemsetaten"}
    assert AgencySchema().load(agency)["sectors"] == []
    assert AgencySchema().load({**agency, "sectors": ["health"]})["sectors"] == ["health"]
    with pytest.raises(ValidationError) as refused:
        AgencySchema().load({**agency, "sectors": ["hospital"]})
    assert "sectors" in refused.value.messages
