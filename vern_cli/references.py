"""Incidents named as people name them: the whole id, or the short reference on the employee's receipt
(the id's first characters, e.g. 93495295), which the gateway's incident search finds."""
import re

from vern_cli.api import BAD_INPUT, REFUSED, ApiError

FULL_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
SHORT_REFERENCE = re.compile(r"[0-9a-f][0-9a-f-]{7,35}")  # as the incidents service's search takes it


def incident_id(gateway, given: str) -> str:
    """The incident's id for `given` when it is a reference (at least 8 of the id's first characters, any
    case), or an ApiError saying why none or which ones; anything else is passed on as the id."""
    reference = given.strip().lower()
    if FULL_ID.fullmatch(reference) or not SHORT_REFERENCE.fullmatch(reference):
        return given  # the gateway judges it (a 404, or a 400 for the body first)
    page = gateway.get("/incidents", {"q": reference, "page_size": 100})
    found = [item for item in page["items"] if item["id"].startswith(reference)]
    if len(found) == 1:
        return found[0]["id"]
    if not found:
        raise ApiError(f"no incident with reference {given} / ingen hendelse med referanse {given}", REFUSED, 404)
    listed = ", ".join(f"{item['id']} ({item['title']})" for item in found[:5])
    raise ApiError(f"reference {given} matches {len(found)} incidents; give more of the id / "
                   f"referansen passer på flere hendelser: {listed}", BAD_INPUT)
