"""measure owners: an incident measure's owner role of the agency directory and its system

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("incident_measures") as batch:
        batch.add_column(sa.Column("owner_role", sa.String(40), nullable=True))
        batch.add_column(sa.Column("owner_system", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("incident_measures") as batch:
        batch.drop_column("owner_system")
        batch.drop_column("owner_role")
