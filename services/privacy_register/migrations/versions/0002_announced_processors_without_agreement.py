"""announced processors without agreement

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 14:32:14.142802
"""
from alembic import op
import sqlalchemy as sa
import shared.database


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('processing_activities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('announced_without_agreement', sa.Text(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('processing_activities', schema=None) as batch_op:
        batch_op.drop_column('announced_without_agreement')

