from nameko.exceptions import deserialize, serialize

from shared.errors import Conflict, Gone


def test_an_error_without_details_crosses_rpc_without_inventing_any():
    crossed = deserialize(serialize(Conflict("Already used / Allerede brukt")))
    assert isinstance(crossed, Conflict) and crossed.details is None
    assert crossed.message == "Already used / Allerede brukt"


def test_an_expired_link_is_410_and_keeps_its_type_across_rpc():
    crossed = deserialize(serialize(Gone("expired", {"token": ["expired"]})))
    assert isinstance(crossed, Gone) and crossed.http_status == 410 and crossed.details == {"token": ["expired"]}
