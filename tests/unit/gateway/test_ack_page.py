"""The acknowledgement link's page: an optional comment for the coordinator, at most 2000 characters,
refused beside its field with the text kept; the JSON API takes the same body, documented as such."""
import pytest

from services.gateway import ack_page
from services.gateway.openapi import openapi_document
from services.gateway.service import GatewayService
from shared.errors import BadInput

URL = "/api/v1/ack/abc123"


def test_the_comment_goes_with_the_token_only_when_one_was_written():
    assert ack_page.acknowledgement("abc123", {}) == {"token": "abc123"}
    assert ack_page.acknowledgement("abc123", None) == {"token": "abc123"}
    assert ack_page.acknowledgement("abc123", {"comment": "   "}) == {"token": "abc123"}
    assert ack_page.acknowledgement("abc123", {"comment": " Skal vi varsle foreldrene? "}) == {
        "token": "abc123", "comment": "Skal vi varsle foreldrene?"}
    assert ack_page.acknowledgement("abc123", {"comment": "x" * 2000})["comment"] == "x" * 2000


@pytest.mark.parametrize("body", [{"comment": "x" * 2001}, {"comment": 42}])
def test_a_comment_too_long_or_not_a_text_is_refused_naming_comment(body):
    with pytest.raises(BadInput) as refused:
        ack_page.acknowledgement("abc123", body)
    assert list(refused.value.details) == ["comment"]


def test_the_form_offers_an_optional_comment_in_both_languages():
    page = ack_page.confirm_form(URL).get_data(as_text=True)
    assert '<textarea id="comment" name="comment"' in page and 'maxlength="2000"' in page
    assert "Spørsmål eller kommentar til koordinator (valgfritt)" in page
    assert '<span lang="en">Question or comment for the coordinator (optional)</span>' in page
    assert '<label for="comment">' in page and 'aria-describedby="comment-hint"' in page
    assert f'action="{URL}"' in page and 'method="post"' in page


def test_a_refused_comment_is_kept_with_its_error_beside_it():
    response = ack_page.refused_comment(URL, {"comment": "<b>" + "x" * 2001})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="comment-error"' in page and "for lang" in page and "too long" in page
    assert 'aria-describedby="comment-hint comment-error" aria-invalid="true"' in page
    assert "&lt;b&gt;" + "x" * 2001 in page and "<b>x" not in page  # kept, escaped


def test_the_confirmation_says_the_comment_was_sent_to_the_coordinator():
    plain = ack_page.confirmed({"title": "Brudd"}).get_data(as_text=True)
    assert "Brudd" in plain and "koordinator" not in plain
    commented = ack_page.confirmed({"title": "Brudd"}, commented=True).get_data(as_text=True)
    assert "Kommentaren din er sendt til koordinator." in commented
    assert '<p lang="en">Your comment was sent to the coordinator.</p>' in commented


def test_the_api_documents_the_optional_comment():
    document = openapi_document(GatewayService)
    operation = document["paths"]["/api/v1/ack/{token}"]["post"]
    body = operation["requestBody"]
    assert body["required"] is False
    assert set(body["content"]) == {"application/json", "application/x-www-form-urlencoded"}
    schema = document["components"]["schemas"][body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]]
    assert schema["properties"]["comment"]["maxLength"] == 2000
    assert {"400", "409", "429"} <= set(operation["responses"])
