"""Who is calling: Vern's roles, the claims a principal is made of, and the principal itself.

Apart from shared.auth so that both kinds of token (Vern's own and the sign-in provider's) and the
configuration of the claim mapping can use them without importing each other."""
from dataclasses import dataclass

from marshmallow import Schema, fields, validate

# `operator` runs the installation for the whole municipality (its defaults); it is not a role in any
# agency, and gives no access to an agency's records
ROLES = ("employee", "pko", "isk", "leader", "ombud", "central", "auditor", "admin", "operator")


class ClaimsSchema(Schema):
    class Meta:
        unknown = "include"  # iat/exp/iss are checked by PyJWT

    sub = fields.String(required=True, validate=validate.Length(min=1, max=200))
    roles = fields.List(fields.String(validate=validate.OneOf(ROLES)), required=True,
                        validate=validate.Length(min=1))
    agency = fields.String(required=True, validate=validate.Length(min=1, max=64))


@dataclass(frozen=True)
class Principal:
    sub: str
    roles: frozenset
    agency: str

    def has_any(self, roles) -> bool:
        return bool(self.roles & set(roles))

    @property
    def sees_all_agencies(self) -> bool:
        return "central" in self.roles

    def to_dict(self) -> dict:
        return {"sub": self.sub, "roles": sorted(self.roles), "agency": self.agency}
