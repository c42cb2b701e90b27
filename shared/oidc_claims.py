"""From the sign-in provider's claims to a Vern principal, by the mapping in configuration.

Pure: no keys, no network. A token whose claims give no Vern role, no agency or more than one
agency is refused (401) with a message naming the claim and the configuration key to look at, so
an operator setting up the mapping sees what is missing.
"""
from functools import lru_cache

from marshmallow import EXCLUDE, Schema, ValidationError, fields

from shared.errors import Unauthenticated
from shared.oidc_config import OidcSettings
from shared.principal import ClaimsSchema, Principal

MAX_VALUES = 200  # a user in thousands of groups is cut here rather than slowing every request


class ClaimValues(fields.Field):
    """A claim holding one string or a list of them (groups, roles, an agency); other values are ignored."""

    def _deserialize(self, value, attr, data, **kwargs):
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if isinstance(value, list):
            return [item for item in value[:MAX_VALUES] if isinstance(item, str) and item]
        raise ValidationError("must be a string or a list of strings")


@lru_cache(maxsize=16)
def _provider_claims_schema(subject_claim: str, roles_claim: str, agency_claim: str) -> Schema:
    # the claim names come from configuration, so the schema is made for them (once per set of names)
    schema = Schema.from_dict({
        roles_claim: ClaimValues(load_default=list),
        agency_claim: ClaimValues(load_default=list),
        subject_claim: fields.String(required=True),
    }, name="ProviderClaimsSchema")
    return schema(unknown=EXCLUDE)


def map_claims(claims: dict, oidc: OidcSettings) -> Principal:
    try:
        loaded = _provider_claims_schema(oidc.subject_claim, oidc.roles_claim, oidc.agency_claim).load(claims)
    except ValidationError as error:
        raise Unauthenticated("The token's claims are not as configured / Opplysningene i token er ikke som "
                              "konfigurert", error.normalized_messages()) from None
    roles = sorted({oidc.role_map[value] for value in loaded[oidc.roles_claim] if value in oidc.role_map})
    if not roles:
        raise Unauthenticated(
            f"No Vern role: no value of claim '{oidc.roles_claim}' is mapped to a role in OIDC_ROLE_MAP / "
            f"Ingen rolle i Vern: ingen verdi i '{oidc.roles_claim}' er knyttet til en rolle i OIDC_ROLE_MAP",
            {"missing": "role", "claim": oidc.roles_claim, "values": loaded[oidc.roles_claim][:20]})
    agencies = _agencies(loaded[oidc.agency_claim], oidc.agency_map)
    if len(agencies) != 1:
        what = "No agency" if not agencies else "More than one agency"
        hva = "Ingen virksomhet" if not agencies else "Mer enn én virksomhet"
        raise Unauthenticated(
            f"{what}: claim '{oidc.agency_claim}' does not give exactly one agency code (OIDC_AGENCY_MAP) / "
            f"{hva}: '{oidc.agency_claim}' gir ikke nøyaktig én virksomhetskode (OIDC_AGENCY_MAP)",
            {"missing": "agency", "claim": oidc.agency_claim, "values": loaded[oidc.agency_claim][:20]})
    try:
        principal = ClaimsSchema().load({"sub": loaded[oidc.subject_claim], "roles": roles, "agency": agencies[0]})
    except ValidationError as error:
        raise Unauthenticated("Invalid token claims / Ugyldige opplysninger i token",
                              error.normalized_messages()) from None
    return Principal(sub=principal["sub"], roles=frozenset(principal["roles"]), agency=principal["agency"])


def _agencies(values: list, agency_map: dict | None) -> list:
    """Without a map the claim's value is the agency code; with one, only mapped values count."""
    if agency_map is None:
        return sorted(set(values))
    return sorted({agency_map[value] for value in values if value in agency_map})
