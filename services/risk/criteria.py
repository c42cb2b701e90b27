"""An agency's risk matrix and acceptance criteria, as versions: a change is a new version.

An agency without criteria of its own uses Oslo kommune's (version 0, not stored); its
first assessment stores that default as version 1, so the assessment has a fixed row to keep.
"""
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from services.risk import matrix
from services.risk.models import RiskMatrix
from shared.auth import Principal
from shared.clock import utcnow
from shared.service_database import UnitOfWork

DEFAULT_NAME = "Oslo kommunes akseptkriterier (standard)"


def current(session, agency: str) -> RiskMatrix:
    """The agency's newest version, or Oslo kommune's default as an unsaved version 0."""
    stored = session.scalars(select(RiskMatrix).where(RiskMatrix.agency == agency)
                             .order_by(RiskMatrix.version.desc())).first()
    return stored or _row(agency, 0, DEFAULT_NAME, matrix.OSLO_DEFAULT.as_data(), by=None)


def in_force_for_new_assessment(session, agency: str, by: str) -> RiskMatrix:
    found = current(session, agency)
    if found.id is None:
        found.version, found.created_by, found.created_at = 1, by, utcnow()
        try:
            with session.begin_nested():
                session.add(found)
        except IntegrityError:
            # two first assessments at once: the other stored the default; both use that row
            return current(session, agency)
    return found


def replace(uow: UnitOfWork, principal: Principal, command: dict) -> RiskMatrix:
    """Store a new version; assessments made with earlier versions keep theirs."""
    latest = uow.session.scalar(select(func.max(RiskMatrix.version)).where(RiskMatrix.agency == principal.agency))
    scales = {"likelihood_scale": command["likelihood_scale"], "consequence_scale": command["consequence_scale"]}
    data = matrix.Matrix.of({**scales, "cells": command["cells"], "acceptable_up_to": command["acceptable_up_to"]})
    row = _row(principal.agency, (latest or 0) + 1, command["name"], data.as_data(), by=principal.sub)
    row.created_at = utcnow()
    uow.session.add(row)
    uow.session.flush()
    return row


def versions(session, agency: str) -> list[RiskMatrix]:
    stored = session.scalars(select(RiskMatrix).where(RiskMatrix.agency == agency)
                             .order_by(RiskMatrix.version.desc())).all()
    return list(stored) or [current(session, agency)]


def as_matrix(row: RiskMatrix) -> matrix.Matrix:
    return matrix.Matrix.of({"likelihood_scale": row.likelihood_scale, "consequence_scale": row.consequence_scale,
                             "cells": row.cells, "acceptable_up_to": row.acceptable_up_to})


def _row(agency: str, version: int, name: str, data: dict, by: str | None) -> RiskMatrix:
    return RiskMatrix(agency=agency, version=version, name=name, created_by=by, **data)
