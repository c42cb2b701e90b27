"""Alembic environment of the privacy register (the shared logic is in shared/migrations.py)."""
from services.training.models import Base
from shared.migrations import run

run(Base.metadata)
