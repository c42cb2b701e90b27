"""The gateway's error JSON as one line naming each field, and the exit code scripts rely on; no network."""
import pytest
import requests

from vern_cli import api
from vern_cli.api import ApiError, Gateway, error_line, exit_code_for


def test_a_validation_error_names_each_field_and_the_option_that_sets_it():
    body = {"error": {"code": "validation_error", "message": "Invalid input / Ugyldige data",
                      "fields": {"kind": ["Must be one of: security_incident, deviation."],
                                 "aware_at": ["Cannot be in the future.", "Cannot be before occurred_at."]}}}
    line = error_line(400, body, {"kind": "--kind"})
    assert line == ("Invalid input / Ugyldige data (HTTP 400, validation_error): "
                    "kind (--kind): Must be one of: security_incident, deviation.; "
                    "aware_at: Cannot be in the future. Cannot be before occurred_at.")
    assert "\n" not in line


def test_nested_and_listed_fields_are_named_by_their_path():
    body = {"error": {"code": "validation_error", "message": "Invalid input",
                      "fields": {"impact": {"confidentiality": ["Must be one of: none, low."]},
                                 "data_types": {"1": ["Must be one of: simple."]},
                                 "_schema": ["No data provided."]}}}
    line = error_line(400, body)
    assert "impact.confidentiality: Must be one of: none, low." in line
    assert "data_types.1: Must be one of: simple." in line
    assert line.endswith("; No data provided.")  # a whole-input message needs no field name


def test_a_conflict_shows_its_details_and_an_internal_error_its_correlation_id():
    conflict = {"error": {"code": "conflict", "message": "Not allowed from closed",
                          "details": {"allowed": ["investigating"]}}}
    assert error_line(409, conflict) == "Not allowed from closed (HTTP 409, conflict): allowed: investigating"
    internal = {"error": {"code": "internal_error", "message": "Internal error / Intern feil", "correlation_id": "c-1"}}
    assert error_line(500, internal).endswith("[correlation id c-1]")


def test_a_reply_that_is_not_the_gateways_json_is_still_one_short_line():
    line = error_line(502, "<html><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>")
    assert line == "HTTP 502: 502 Bad Gateway nginx"


@pytest.mark.parametrize("status, code", [(400, 2), (401, 1), (403, 1), (404, 1), (409, 1), (429, 1), (500, 1),
                                          (502, 3), (503, 3), (504, 3)])
def test_exit_codes(status, code):
    assert exit_code_for(status) == code


def test_the_gateway_url_may_be_given_with_or_without_the_api_path():
    assert api.api_base("http://vern.example:8000/") == "http://vern.example:8000/api/v1"
    assert api.api_base("https://vern.example/kommune/api/v1") == "https://vern.example/kommune/api/v1"


def test_a_file_name_from_the_gateway_is_a_name_never_a_path():
    assert api.filename_from('attachment; filename="behandlingsprotokoll.xlsx"') == "behandlingsprotokoll.xlsx"
    assert api.filename_from('attachment; filename="../../.bashrc"') == ".bashrc"
    assert api.filename_from("inline") is None


class _Refusing(requests.Session):
    def request(self, *args, **kwargs):
        raise requests.ConnectionError("HTTPConnectionPool(host='x', port=9): Max retries exceeded "
                                       "(Caused by NewConnectionError('[Errno 111] Connection refused'))")


class _Answering(requests.Session):
    def __init__(self, status, payload):
        super().__init__()
        self.status, self.payload, self.sent = status, payload, None

    def request(self, method, url, **kwargs):
        self.sent = (method, url, kwargs)
        response = requests.Response()
        response.status_code = self.status
        response._content = self.payload.encode()
        response.headers["Content-Type"] = "application/json"
        return response


def test_an_unreachable_gateway_is_exit_3_with_the_systems_reason():
    with pytest.raises(ApiError) as raised:
        Gateway("http://x:9", "t", session=_Refusing()).get("/incidents")
    assert raised.value.exit_code == 3
    assert raised.value.line == "cannot reach the gateway at http://x:9/api/v1: Connection refused"


def test_the_token_is_sent_as_bearer_and_empty_filters_are_left_out():
    session = _Answering(200, '{"items": []}')
    Gateway("http://x:9", "tok", session=session).get("/incidents", {"status": None, "page": 2})
    method, url, kwargs = session.sent
    assert (method, url) == ("GET", "http://x:9/api/v1/incidents")
    assert kwargs["headers"]["Authorization"] == "Bearer tok" and kwargs["params"] == {"page": 2}
    assert kwargs["timeout"] == (api.CONNECT_SECONDS, api.READ_SECONDS)


def test_a_401_is_exit_1_with_the_gateways_message():
    session = _Answering(401, '{"error": {"code": "unauthenticated", "message": "Invalid token / Ugyldig"}}')
    with pytest.raises(ApiError) as raised:
        Gateway("http://x:9", "bad", session=session).get("/incidents")
    assert raised.value.exit_code == 1 and raised.value.status == 401
    assert raised.value.line == "Invalid token / Ugyldig (HTTP 401, unauthenticated)"
