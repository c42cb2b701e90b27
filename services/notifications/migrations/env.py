"""Alembic environment of the notifications service (the shared logic is in shared/migrations.py)."""
from services.notifications.models import Base
from shared.migrations import run

run(Base.metadata)
