import jwt
import pytest

from shared.auth import bearer_token, issue_token, verify_token
from shared.errors import Forbidden, Unauthenticated
from shared.permissions import check

SECRET = "s" * 64


def test_a_token_carries_subject_roles_and_agency():
    principal = verify_token(SECRET, issue_token(SECRET, "u-1", ["pko", "isk"], "demo"))
    assert (principal.sub, principal.roles, principal.agency) == ("u-1", {"pko", "isk"}, "demo")


@pytest.mark.parametrize("token", [
    None, "", "abc", issue_token("x" * 64, "u", ["pko"], "demo"), issue_token(SECRET, "u", ["pko"], "demo", -5),
    jwt.encode({"sub": "u", "roles": ["pko"], "agency": "demo"}, SECRET, algorithm="HS256"),  # no exp
    jwt.encode({"sub": "u", "roles": ["pko"], "agency": "demo", "exp": 9999999999}, SECRET, algorithm="HS384"),
])
def test_missing_forged_expired_or_incomplete_tokens_are_refused(token):
    with pytest.raises(Unauthenticated):
        verify_token(SECRET, token)


def test_a_token_with_an_unknown_role_is_refused():
    token = jwt.encode({"sub": "u", "roles": ["king"], "agency": "demo", "exp": 9999999999}, SECRET,
                       algorithm="HS256")
    with pytest.raises(Unauthenticated):
        verify_token(SECRET, token)


def test_bearer_header_parsing():
    assert bearer_token("Bearer abc") == "abc"
    assert bearer_token("bearer  abc ") == "abc"
    assert bearer_token("Basic abc") is None and bearer_token(None) is None and bearer_token("Bearer ") is None


def test_employees_report_but_do_not_assess():
    employee = verify_token(SECRET, issue_token(SECRET, "e", ["employee"], "demo"))
    check(employee, "incident.report")
    with pytest.raises(Forbidden):
        check(employee, "incident.assess")
