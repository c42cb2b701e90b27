"""Alembic environment of the reporting service (the shared logic is in shared/migrations.py)."""
from services.reporting.models import Base
from shared.migrations import run

run(Base.metadata)
