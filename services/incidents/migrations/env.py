"""Alembic environment of the incidents service (the shared logic is in shared/migrations.py)."""
from services.incidents.models import Base
from shared.migrations import run

run(Base.metadata)
