"""coordinator competence (courses and events for the PKO and ISK, their participation); when a course
became mandatory

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 14:10:00.000000

A course already mandatory became so, as far as Vern knows, when it was created: its creation date (in
Oslo) is taken, so that nobody's due date moves earlier than before.
"""
from zoneinfo import ZoneInfo

from alembic import op
import sqlalchemy as sa
import shared.database

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

OSLO = ZoneInfo("Europe/Oslo")


def upgrade() -> None:
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('became_mandatory_on', sa.Date(), nullable=True))
    courses = sa.table('courses', sa.column('id', sa.String), sa.column('mandatory', sa.Boolean),
                       sa.column('created_at', shared.database.UTCDateTime()),
                       sa.column('became_mandatory_on', sa.Date))
    connection = op.get_bind()
    for course_id, created_at in connection.execute(
            sa.select(courses.c.id, courses.c.created_at).where(courses.c.mandatory.is_(True))).all():
        connection.execute(courses.update().where(courses.c.id == course_id)
                           .values(became_mandatory_on=created_at.astimezone(OSLO).date()))

    op.create_table('coordinator_courses',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('link', sa.String(length=500), nullable=True),
    sa.Column('published_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('published_by', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('coordinator_courses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coordinator_courses_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_coordinator_courses_starts_on'), ['starts_on'], unique=False)

    op.create_table('coordinator_participations',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('course_id', sa.String(length=36), nullable=False),
    sa.Column('person', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=3), nullable=False),
    sa.Column('attended', sa.Boolean(), nullable=False),
    sa.Column('attended_on', sa.Date(), nullable=False),
    sa.Column('recorded_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['coordinator_courses.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('course_id', 'agency', 'role', 'person')
    )
    with op.batch_alter_table('coordinator_participations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coordinator_participations_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_coordinator_participations_course_id'), ['course_id'], unique=False)


def downgrade() -> None:
    op.drop_table('coordinator_participations')
    op.drop_table('coordinator_courses')
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.drop_column('became_mandatory_on')
