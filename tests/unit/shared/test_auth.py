import time

import jwt
import pytest

from shared.auth import TokenRules, bearer_token, issue_token, verify_token
from shared.errors import Forbidden, Unauthenticated
from shared.permissions import check
from tests.unit.shared.known_agencies import KnownAgencies

SECRET = "s" * 64
RULES = TokenRules(secret=SECRET, directory=KnownAgencies(), max_lifetime_seconds=12 * 3600)


def signed(**claims) -> str:
    now = int(time.time())
    return jwt.encode({"sub": "u", "roles": ["pko"], "agency": "demo", "iat": now, "exp": now + 3600, **claims},
                      SECRET, algorithm="HS256")


def test_a_token_carries_subject_roles_and_agency():
    principal = verify_token(RULES, issue_token(SECRET, "u-1", ["pko", "isk"], "demo"))
    assert (principal.sub, principal.roles, principal.agency) == ("u-1", {"pko", "isk"}, "demo")


@pytest.mark.parametrize("token", [
    None, "", "abc", issue_token("x" * 64, "u", ["pko"], "demo"), issue_token(SECRET, "u", ["pko"], "demo", -5),
    jwt.encode({"sub": "u", "roles": ["pko"], "agency": "demo"}, SECRET, algorithm="HS256"),  # no exp
    jwt.encode({"sub": "u", "roles": ["pko"], "agency": "demo", "exp": 9999999999}, SECRET, algorithm="HS384"),
])
def test_missing_forged_expired_or_incomplete_tokens_are_refused(token):
    with pytest.raises(Unauthenticated):
        verify_token(RULES, token)


def test_a_token_with_an_unknown_role_is_refused():
    with pytest.raises(Unauthenticated):
        verify_token(RULES, signed(roles=["king"]))


def test_a_token_living_longer_than_the_maximum_is_refused_naming_the_maximum():
    now = int(time.time())
    with pytest.raises(Unauthenticated, match=r"at most 12 h.* / .*høyst 12 t"):
        verify_token(RULES, signed(iat=now, exp=now + 13 * 3600))
    with pytest.raises(Unauthenticated, match=r"at most 12 h"):
        verify_token(RULES, issue_token(SECRET, "u", ["pko"], "demo", 12 * 3600 + 1))
    # issued an hour ago for 13 h: twelve are left, but it was made to live longer than allowed
    with pytest.raises(Unauthenticated, match=r"at most 12 h"):
        verify_token(RULES, signed(iat=now - 3600, exp=now + 12 * 3600))
    assert verify_token(RULES, issue_token(SECRET, "u", ["pko"], "demo", 12 * 3600)).sub == "u"
    assert verify_token(RULES, signed(iat=now - 3600, exp=now + 11 * 3600)).sub == "u"


def test_a_vern_token_must_say_when_it_was_issued_and_not_in_the_future():
    payload = {"sub": "u", "roles": ["pko"], "agency": "demo", "exp": int(time.time()) + 600}
    with pytest.raises(Unauthenticated, match="'iat'"):
        verify_token(RULES, jwt.encode(payload, SECRET, algorithm="HS256"))
    # iat in the future would stretch the lifetime past the maximum: exp - iat fits, exp - now does not
    later = int(time.time()) + 6 * 3600
    with pytest.raises(Unauthenticated):
        verify_token(RULES, signed(iat=later, exp=later + 11 * 3600))


def test_the_maximum_is_configurable():
    short = TokenRules(secret=SECRET, directory=KnownAgencies(), max_lifetime_seconds=600)
    with pytest.raises(Unauthenticated, match="at most 0.166667 h"):
        verify_token(short, issue_token(SECRET, "u", ["pko"], "demo", 601))
    assert verify_token(short, issue_token(SECRET, "u", ["pko"], "demo", 600)).agency == "demo"


def test_an_agency_not_in_the_directory_is_refused_in_both_languages():
    with pytest.raises(Unauthenticated, match="Unknown agency 'nosuch'.* / Ukjent virksomhet 'nosuch'") as refused:
        verify_token(RULES, issue_token(SECRET, "u", ["pko"], "nosuch"))
    assert refused.value.details == {"agency": "nosuch", "reason": "not_in_directory"}


def test_the_central_role_only_for_an_agency_the_directory_marks_central():
    with pytest.raises(Unauthenticated, match="only for the central agency.*/ Rollen 'central'") as refused:
        verify_token(RULES, issue_token(SECRET, "u", ["central"], "demo"))
    assert refused.value.details == {"agency": "demo", "reason": "not_central"}
    with pytest.raises(Unauthenticated, match="not central|ikke merket"):
        verify_token(RULES, issue_token(SECRET, "u", ["pko", "central"], "other"))
    central = verify_token(RULES, issue_token(SECRET, "u", ["central"], "fin"))
    assert central.sees_all_agencies and central.agency == "fin"
    # the central agency's other roles are an agency's roles like any other
    assert not verify_token(RULES, issue_token(SECRET, "u", ["pko"], "fin")).sees_all_agencies


def test_bearer_header_parsing():
    assert bearer_token("Bearer abc") == "abc"
    assert bearer_token("bearer  abc ") == "abc"
    assert bearer_token("Basic abc") is None and bearer_token(None) is None and bearer_token("Bearer ") is None


def test_employees_report_but_do_not_assess():
    employee = verify_token(RULES, issue_token(SECRET, "e", ["employee"], "demo"))
    check(employee, "incident.report")
    with pytest.raises(Forbidden):
        check(employee, "incident.assess")
