"""Alembic environment of the webhooks service (the shared logic is in shared/migrations.py)."""
from services.webhooks.models import Base
from shared.migrations import run

run(Base.metadata)
