"""The agencies that may use Vern: the directory file (DIRECTORY_FILE), as every process reads it.

A token is accepted only when its agency is in the directory, and the `central` role (reads every
agency) only when the directory marks the agency `central: true` (Byrådsavdeling for finans).
Every service verifies the tokens it is given, so every process reads the file itself: no RPC per
request, and a deployment without the notifications service knows its agencies too. The file is read
again when it changes (its modification time, size or inode), so an agency added to it may sign in
without a restart; a change that does not validate is logged and the last valid directory kept.

Only `code` and `central` are read here; names and contacts are the notifications service's
(services.notifications.schemas.DirectorySchema validates the whole file).
"""
import logging
import os
import threading
from dataclasses import dataclass

import yaml
from marshmallow import INCLUDE, Schema, ValidationError, fields, validate

from shared.errors import Unauthenticated
from shared.principal import Principal

log = logging.getLogger(__name__)

AGENCY_CODE = r"^[a-z0-9][a-z0-9_-]{0,63}$"
# An agency's sectors in the directory, and whom a requirement applies to: every agency (`all`), or the
# agencies of a sector; `security_act` is the agencies brought under sikkerhetsloven (by decision,
# classified information or protected assets).
SECTORS = ("all", "health", "child_welfare", "education", "security_act")
CENTRAL_ROLE = "central"


class ConfigAgencySchema(Schema):
    class Meta:
        unknown = INCLUDE  # name, parent_department, contacts: the notifications service's

    code = fields.String(required=True, validate=validate.Regexp(AGENCY_CODE))
    central = fields.Boolean(load_default=False,
                             metadata={"description": "the central team's agency: its `central` role reads every agency"})


class DirectoryFileSchema(Schema):
    class Meta:
        unknown = INCLUDE  # defaults: the notifications service's

    agencies = fields.List(fields.Nested(ConfigAgencySchema), required=True, validate=validate.Length(min=1))


@dataclass(frozen=True)
class Agencies:
    codes: frozenset
    central: frozenset  # the codes marked central: true


def parse_directory(document) -> Agencies:
    """The agencies of a directory document (the YAML as loaded); ValidationError names what is wrong."""
    if not isinstance(document, dict):
        raise ValidationError({"_schema": ["must be a mapping with a list 'agencies'"]})
    loaded = DirectoryFileSchema().load(document)
    codes = [entry["code"] for entry in loaded["agencies"]]
    return Agencies(codes=frozenset(codes),
                    central=frozenset(entry["code"] for entry in loaded["agencies"] if entry["central"]))


def check_agency(principal: Principal, agencies: Agencies) -> Principal:
    """The principal if the directory knows its agency and allows its roles there; 401 otherwise."""
    if principal.agency not in agencies.codes:
        raise Unauthenticated(
            f"Unknown agency '{principal.agency}': not in Vern's agency directory / "
            f"Ukjent virksomhet '{principal.agency}': finnes ikke i Verns virksomhetskatalog",
            {"agency": principal.agency, "reason": "not_in_directory"})
    if CENTRAL_ROLE in principal.roles and principal.agency not in agencies.central:
        raise Unauthenticated(
            f"The role 'central' is only for the central agency; '{principal.agency}' is not marked central in "
            f"the agency directory / Rollen 'central' gjelder bare sentral virksomhet; '{principal.agency}' er ikke "
            f"merket som sentral i virksomhetskatalogen",
            {"agency": principal.agency, "reason": "not_central"})
    return principal


class DirectoryUnavailable(Exception):
    """The directory file cannot be read or does not validate (and no earlier version was valid)."""


class AgencyDirectory:
    """The directory file, read again when it changes (one `os.stat` per check)."""

    def __init__(self, path: str | os.PathLike | None):
        self.path = path
        self._stamp = None
        self._agencies: Agencies | None = None
        self._lock = threading.Lock()

    def agencies(self) -> Agencies:
        if self.path is None:
            raise DirectoryUnavailable("no agency directory is configured (DIRECTORY_FILE)")
        with self._lock:
            try:
                status = os.stat(self.path)
            except OSError as error:
                return self._keep(f"cannot read {self.path}: {error.strerror}")
            stamp = (status.st_mtime_ns, status.st_size, status.st_ino)
            if stamp != self._stamp:
                try:
                    with open(self.path, encoding="utf-8") as stream:
                        agencies = parse_directory(yaml.safe_load(stream))
                except (OSError, yaml.YAMLError, ValidationError) as error:
                    problem = error.normalized_messages() if isinstance(error, ValidationError) else error
                    agencies = self._keep(f"{self.path} is not a valid agency directory: {problem}")
                    self._stamp = stamp  # logged once per change of the file, not once per request
                    return agencies
                self._stamp, self._agencies = stamp, agencies
            return self._agencies

    def _keep(self, problem: str) -> Agencies:
        if self._agencies is None:
            raise DirectoryUnavailable(problem)
        log.error("%s; keeping the agency directory read before", problem)
        return self._agencies

    def check(self, principal: Principal) -> Principal:
        try:
            agencies = self.agencies()
        except DirectoryUnavailable as error:
            log.error("tokens refused: %s", error)
            raise Unauthenticated("Vern's agency directory is not available; ask the operator / Verns "
                                  "virksomhetskatalog er ikke tilgjengelig; kontakt driften") from None
        return check_agency(principal, agencies)


_per_process: dict[str, AgencyDirectory] = {}
_per_process_lock = threading.Lock()


def agency_directory(path: str | os.PathLike | None) -> AgencyDirectory:
    """The process's reader of this file, shared by the gateway and every service in the process."""
    key = os.path.abspath(path) if path is not None else ""
    with _per_process_lock:
        if key not in _per_process:
            _per_process[key] = AgencyDirectory(key or None)
        return _per_process[key]
