"""Routing rules as data, edited through the API.

A rule is never changed in place: a change retires the old row and adds a new one, so
the history of who routed what, when, stays readable. Tasks copy what they need from
the rule when they are made, which is why a change applies to new events only.
"""
from sqlalchemy import select

from services.notifications import domain
from services.notifications.models import RoutingRule
from shared.auth import Principal
from shared.clock import utcnow
from shared.errors import Forbidden, NotFound
from shared.service_database import UnitOfWork


def list_rules(uow: UnitOfWork, principal: Principal, event_type=None, include_retired=False) -> list[dict]:
    """The caller's agency's own rules and the municipality's defaults, each marked whether it is in force."""
    query = select(RoutingRule).where(RoutingRule.agency_code.in_((principal.agency, domain.DEFAULT_AGENCY)))
    if event_type:
        query = query.where(RoutingRule.event_type == event_type)
    if not include_retired:
        query = query.where(RoutingRule.active.is_(True))
    rows = uow.session.scalars(query.order_by(RoutingRule.event_type, RoutingRule.agency_code.desc(),
                                              RoutingRule.id)).all()
    own_types = {row.event_type for row in rows if row.agency_code == principal.agency and row.active}
    return [{**_as_dict(row), "in_force": row.active and (
        row.agency_code == principal.agency or row.event_type not in own_types)} for row in rows]


def create_rule(uow: UnitOfWork, principal: Principal, command: dict) -> dict:
    agency = _target_agency(principal, command.pop("agency", None))
    row = RoutingRule(agency_code=agency, active=True, created_at=utcnow(), created_by=principal.sub, **command)
    uow.session.add(row)
    uow.session.flush()
    return {**_as_dict(row), "in_force": True}


def replace_rule(uow: UnitOfWork, principal: Principal, rule_id: int, command: dict) -> dict:
    old = _editable(uow, principal, rule_id)
    _retire(old)
    command["agency"] = old.agency_code
    return create_rule(uow, principal, command)


def retire_rule(uow: UnitOfWork, principal: Principal, rule_id: int) -> dict:
    row = _editable(uow, principal, rule_id)
    _retire(row)
    return {**_as_dict(row), "in_force": False}


def _retire(row: RoutingRule) -> None:
    row.active, row.retired_at = False, utcnow()


def _target_agency(principal: Principal, asked: str | None) -> str:
    """Whose rules the caller may change: their own agency's (its admin and coordinators), or the
    municipality's defaults (the operator alone); never another agency's, whatever the roles."""
    agency = principal.agency if asked is None else asked
    problem = domain.rule_editing_problem(principal.roles, principal.agency, agency)
    if problem:
        raise Forbidden(problem)
    return agency


def _editable(uow: UnitOfWork, principal: Principal, rule_id: int) -> RoutingRule:
    row = uow.session.get(RoutingRule, rule_id)
    if row is None or not row.active or (row.agency_code != principal.agency and
                                         row.agency_code != domain.DEFAULT_AGENCY):
        raise NotFound(f"Routing rule {rule_id} not found / Regelen finnes ikke")
    _target_agency(principal, row.agency_code)
    return row


def _as_dict(row: RoutingRule) -> dict:
    return {column: getattr(row, column) for column in (
        "id", "agency_code", "event_type", "conditions", "recipient_role", "channel", "due_field", "due_hours",
        "reminder_hours", "overdue_roles", "template", "active", "created_at", "created_by", "retired_at")}
