"""Every route that names a record, called with every role by another agency: 403 where the matrix says
no, otherwise 404; and no listing of another agency shows anything of the record's agency.

The other half of test_permission_matrix (whose path values name nothing): here the path values name
real records of agency A, created through the API, and the callers belong to agency B. Generated from
the routes: a path parameter is filled by its name (`agency_records.RECORD_KEYS`), so a new route is
covered the day it is added, and one whose parameter names no known record fails.

The central team reads every agency by design (`Principal.sees_all_agencies`): its reads answer 200.
Admin and auditor are scoped to their own agency like everyone else (`shared/scoping.py`)."""
import re
import uuid
from datetime import datetime, timezone
from types import SimpleNamespace

import pytest

from services.gateway.api.operations import AUDITED_SERVICES
from services.gateway.openapi import routes
from services.gateway.service import GatewayService
from shared.auth import ROLES
from shared.permissions import PERMISSIONS
from tests.integration.agency_records import RECORD_KEYS, UPLOAD, create_records, record_key
from tests.integration.harness import wait_for
from tests.integration.route_inputs import body_for, invalid_inputs, query_for

_ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>")
API = "/api/v1"
# path parameters that name a collection, not a record (`/audit/{service}`): such a route is a listing,
# called once for each value
COLLECTIONS = {"service": AUDITED_SERVICES}


def parameters(url: str) -> list[str]:
    return _ARGUMENT.findall(url)


def names_a_record(url: str) -> bool:
    return any(parameter not in COLLECTIONS for parameter in parameters(url))


def listing_urls(url: str) -> list[str]:
    """The listing's URL with each value of its collection parameters (itself when it has none)."""
    urls = [url]
    for parameter in parameters(url):
        urls = [re.sub(rf"<(?:\w+:)?{parameter}>", value, each) for each in urls for value in COLLECTIONS[parameter]]
    return urls


CHECKED = [(name, entrypoint) for name, entrypoint in routes(GatewayService) if entrypoint.action is not None]
NAMING_A_RECORD = [(name, entrypoint) for name, entrypoint in CHECKED if names_a_record(entrypoint.url)]
LISTINGS = [(name, entrypoint, url) for name, entrypoint in CHECKED
            if entrypoint.method == "GET" and not names_a_record(entrypoint.url) for url in listing_urls(entrypoint.url)]
READS_ALL_AGENCIES = "central"


def filled(url: str, records: dict) -> str:
    path = url.removeprefix(API)
    return _ARGUMENT.sub(lambda match: str(records[record_key(path, match.group(1))]), path)


# every single role, and the central team (which reads every agency) with each other role
CALLERS = [(role,) for role in ROLES] + [(READS_ALL_AGENCIES, role) for role in ROLES if role != READS_ALL_AGENCIES]
# what changes without anyone calling: a webhook delivery's attempts to a receiver that is not there,
# and the draft notification to Datatilsynet, stamped with the time it is drawn up
CHANGING_BY_ITSELF = {"list_webhook_deliveries", "get_webhook_subscription", "authority_notification_draft"}
# of the whole installation, not of an agency: a service's audit chain (how many entries and signed
# checkpoints it holds) grows with every agency's work, and names no record
INSTALLATION_WIDE = {"/audit/<string:service>/verification"}


def expected_status(entrypoint, roles) -> int:
    roles = (roles,) if isinstance(roles, str) else roles
    if not set(roles) & PERMISSIONS[entrypoint.action]:
        return 403
    if READS_ALL_AGENCIES in roles and entrypoint.method == "GET":
        return 200
    return 404  # another agency's record does not exist for the caller, and is never changed by it


def test_every_path_parameter_names_a_record_the_test_creates():
    """A new route whose parameter names no known record fails here: add the record to agency_records."""
    unknown = [f"{entrypoint.method} {entrypoint.url}: <{parameter}>" for _, entrypoint in NAMING_A_RECORD
               for parameter in parameters(entrypoint.url)
               if record_key(entrypoint.url.removeprefix(API), parameter) not in RECORD_KEYS]
    assert unknown == []
    assert len(NAMING_A_RECORD) > 60  # the generation really found the routes


def test_every_body_passes_the_gateways_validation():
    """A body the gateway refuses (400) never reaches the service and would prove nothing."""
    assert invalid_inputs(NAMING_A_RECORD) == []


def listings(vern, caller_agency: str, asked_agency: str) -> dict:
    """What every role of `caller_agency` may list, as the response text; also asking for
    `asked_agency` where a listing takes an agency filter."""
    seen = {}
    for name, entrypoint, url in LISTINGS:
        queries = [query_for(name, entrypoint)]
        if entrypoint.query_schema is not None and "agency" in entrypoint.query_schema().fields:
            queries.append({**queries[0], "agency": asked_agency})
        for role in sorted(PERMISSIONS[entrypoint.action] - {READS_ALL_AGENCIES}):
            client = vern.client((role,), caller_agency)
            for query in queries:
                response = client.get(url.removeprefix(API), params=query)
                seen[(url, role, "agency" in query)] = (response.status_code, response.text)
    return seen


@pytest.fixture(scope="module")
def agencies(vern):
    """Agency B's listings before agency A has anything, then one record of every kind for A."""
    suffix = uuid.uuid4().hex[:8]
    own, other, central = f"iso-a-{suffix}", f"iso-b-{suffix}", f"iso-c-{suffix}"
    vern.register_agency(central, central=True)  # the central role is accepted only for a central agency
    listed_before = listings(vern, other, own)
    records = create_records(vern, own)
    assert set(records) == RECORD_KEYS
    return SimpleNamespace(own=own, other=other, central=central, records=records, listed_before=listed_before)


def names_agency_a(agencies, text: str) -> bool:
    """Its code, or the id of one of its records (uuids; integer ids are not unique enough to look for)."""
    uuids = [value for key, value in agencies.records.items() if isinstance(value, str) and key != "code"]
    return agencies.own in text or any(record_id in text for record_id in uuids)


def test_the_records_exist_for_their_own_agency(vern, agencies):
    """So that the 404s below are about the agency, not about ids that name nothing."""
    owner = vern.client(("pko", "isk"), agencies.own)
    missing = []
    for name, entrypoint in NAMING_A_RECORD:
        if entrypoint.method == "GET":
            response = owner.get(filled(entrypoint.url, agencies.records), params=query_for(name, entrypoint))
            if response.status_code != 200:
                missing.append(f"{entrypoint.url}: {response.status_code} {response.text[:200]}")
    assert missing == []


def test_another_agency_gets_403_or_404_on_every_route_naming_a_record_whatever_its_roles(vern, agencies):
    """Each single role and the central team with each other role, of another agency: nothing lands.

    The central team reads every agency; with a write role beside it (central + pko, + leader, + admin,
    ...) it still changes nothing in another agency: read back as the owner, every record is as it was,
    and the owner's audit trail shows each refused attempt and no change."""
    owner = vern.client(("pko", "isk"), agencies.own)
    before = owner_view(owner, agencies.records)
    since = datetime.now(timezone.utc).isoformat()
    # the central role is accepted only for the central agency's tokens: its combinations come from there
    clients = {roles: vern.client(roles, agencies.central if READS_ALL_AGENCIES in roles else agencies.other)
               for roles in CALLERS}
    unexpected, not_found, refused_writes = [], 0, 0
    for name, entrypoint in NAMING_A_RECORD:
        path = filled(entrypoint.url, agencies.records)
        for roles in CALLERS:
            body = body_for(name, entrypoint)
            sent = {"files": UPLOAD} if entrypoint.attachment else {"json": body} if body is not None else {}
            response = clients[roles].request(entrypoint.method, path, params=query_for(name, entrypoint), **sent)
            wanted = expected_status(entrypoint, roles)
            not_found += response.status_code == 404
            refused_writes += entrypoint.method != "GET" and READS_ALL_AGENCIES in roles and wanted == 404
            if response.status_code != wanted or (wanted == 404 and response.json()["error"]["code"] != "not_found"):
                unexpected.append(f"{entrypoint.method} {path} as {'+'.join(roles)} of another agency: "
                                  f"{response.status_code}, expected {wanted}: {response.text[:200]}")
    assert unexpected == []
    assert not_found > 100 and refused_writes > 60, (not_found, refused_writes)  # the calls reached the services
    assert owner_view(owner, agencies.records) == before, "a record of the agency changed"
    trail = owners_new_audit_entries(vern, agencies.own, since)
    changed = [f"{service}: {e['operation']} {e['entity']} {e['entity_id']} by {e['actor']}"
               for service, entries in trail.items() for e in entries
               if e["operation"] != "refused" and not e["actor"].startswith("system:")]
    assert changed == []
    refused = [e for entries in trail.values() for e in entries if e["operation"] == "refused"]
    assert refused and all(e["actor_agency"] == agencies.central and e["agency"] == agencies.own for e in refused)
    assert any(e["entity"] == "incidents" and e["entity_id"] == agencies.records["incident_id"] for e in refused)


def owner_view(owner, records: dict) -> dict:
    """Every record as its owner reads it (the routes that name one), to compare before and after."""
    seen = {}
    for name, entrypoint in NAMING_A_RECORD:
        if entrypoint.method == "GET" and name not in CHANGING_BY_ITSELF:
            response = owner.get(filled(entrypoint.url, records), params=query_for(name, entrypoint))
            # a document (PDF, DOCX) is rendered anew at each request, with the time in it
            if response.headers.get("Content-Type", "").startswith("application/json"):
                seen[entrypoint.url] = (response.status_code, response.json())
    return seen


def owners_new_audit_entries(vern, agency: str, since: str) -> dict:
    auditor = vern.client(("auditor",), agency)
    trail = {}
    for service in AUDITED_SERVICES:
        trail[service], page = [], 1
        while True:
            response = auditor.get(f"/audit/{service}", params={"since": since, "page_size": 100, "page": page})
            assert response.status_code == 200, response.text
            trail[service] += response.json()["items"]
            if len(trail[service]) >= response.json()["total"]:
                break
            page += 1
    return trail


def test_another_agencys_listings_show_nothing_of_the_agency(vern, agencies):
    wait_for(lambda: False, timeout=1.0)  # A's events have reached reporting's read models
    listed_after = listings(vern, agencies.other, agencies.own)
    leaks = []
    for key, (status, text) in listed_after.items():
        if any(key[0].endswith(path.rsplit("/", 1)[1]) and "/audit/" in key[0] for path in INSTALLATION_WIDE):
            if status != 200 or names_agency_a(agencies, text):
                leaks.append(f"{key}: {status}, or names agency A or one of its records")
            continue
        if status != 200:
            leaks.append(f"{key}: {status} {text[:200]}")
        elif names_agency_a(agencies, text):
            leaks.append(f"{key}: names agency A or one of its records")
        elif (status, text) != agencies.listed_before[key]:
            leaks.append(f"{key}: changed when agency A created its records:\n{agencies.listed_before[key][1][:300]}"
                         f"\n{text[:300]}")
    assert leaks == []
    assert len(listed_after) > 100, len(listed_after)


def test_the_central_team_reads_agency_a_in_the_listings_that_filter_by_agency(vern, agencies):
    """The documented exception: the central team (role central, of the central agency) reads every agency."""
    central = vern.client((READS_ALL_AGENCIES,), agencies.central)
    filtering = [(name, entrypoint) for name, entrypoint, _url in LISTINGS
                 if entrypoint.query_schema is not None and "agency" in entrypoint.query_schema().fields]
    assert filtering
    for name, entrypoint in filtering:
        response = central.get(entrypoint.url.removeprefix(API),
                               params={**query_for(name, entrypoint), "agency": agencies.own})
        assert response.status_code == 200 and names_agency_a(agencies, response.text), (name, response.text[:300])
