"""Alembic environment of the risk service (the shared logic is in shared/migrations.py)."""
from services.risk.models import Base
from shared.migrations import run

run(Base.metadata)
