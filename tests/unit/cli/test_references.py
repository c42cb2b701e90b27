"""An incident named as people name it: the whole id, or the receipt's reference (the id's first
characters, any case), resolved through the incident search the gateway offers."""
import pytest

from vern_cli.api import BAD_INPUT, REFUSED, ApiError
from vern_cli.references import incident_id

FIRST = "93495295-0c1d-4e5f-8a9b-0123456789ab"
SECOND = "93495295-ffff-4e5f-8a9b-0123456789ab"
OTHER = "12345678-0c1d-4e5f-8a9b-0123456789ab"


class FakeGateway:
    """GET /incidents?q= answers as the incidents service does: words in the title, or the id's start."""

    def __init__(self, *ids):
        self.items = [{"id": iid, "title": f"Hendelse {n}"} for n, iid in enumerate(ids)]
        self.asked = []

    def get(self, path, params=None, flags=None):
        assert path == "/incidents"
        self.asked.append(params)
        return {"items": [item for item in self.items if item["id"].startswith(params["q"])]}


@pytest.mark.parametrize("given", [FIRST, "1234", "not-an-id", "9349 5295"])
def test_a_whole_id_or_what_is_no_reference_goes_to_the_gateway_as_given(given):
    gateway = FakeGateway()
    assert incident_id(gateway, given) == given
    assert gateway.asked == []


def test_the_receipts_reference_in_capitals_finds_the_one_incident():
    assert incident_id(FakeGateway(FIRST, OTHER), "93495295-0C1D") == FIRST


def test_a_reference_no_incident_has_is_not_found():
    with pytest.raises(ApiError) as refused:
        incident_id(FakeGateway(OTHER), "93495295")
    assert refused.value.exit_code == REFUSED and refused.value.status == 404


def test_a_reference_several_incidents_share_names_them_and_asks_for_more():
    with pytest.raises(ApiError) as refused:
        incident_id(FakeGateway(FIRST, SECOND), "93495295")
    assert refused.value.exit_code == BAD_INPUT
    assert FIRST in refused.value.line and SECOND in refused.value.line

