"""The training service's tables: courses, participants, campaigns and enrolments, completions,
exercises, and the incidents that may call for a campaign."""
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from shared.attachments.model import AttachmentColumns
from shared.database import UTCDateTime


class Base(DeclarativeBase):
    pass


class Course(Base):
    __tablename__ = "courses"
    __table_args__ = (UniqueConstraint("agency", "code"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    code: Mapped[str] = mapped_column(String(40), index=True)  # how e-learning exports name the course
    title: Mapped[str] = mapped_column(String(200))
    topic: Mapped[str] = mapped_column(String(10))
    description: Mapped[str | None] = mapped_column(Text)
    audience_roles: Mapped[list] = mapped_column(JSON, default=list)
    audience_units: Mapped[list] = mapped_column(JSON, default=list)
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    mandatory: Mapped[bool] = mapped_column(Boolean)
    validity_months: Mapped[int | None] = mapped_column(Integer)  # recurring: taken again when it runs out
    grace_days: Mapped[int] = mapped_column(Integer)
    # the day the course last became mandatory: staff already in its audience have their grace from then
    became_mandatory_on: Mapped[date | None] = mapped_column(Date)
    material_url: Mapped[str | None] = mapped_column(String(500))
    pass_mark: Mapped[float | None] = mapped_column(Float)  # a quiz's pass mark in per cent
    active: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(200))


class Participant(Base):
    """A pseudonymous person from the agency's directory: an id, a unit and a role, nothing more."""
    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("agency", "participant_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    participant_id: Mapped[str] = mapped_column(String(100))
    unit: Mapped[str] = mapped_column(String(100), index=True)
    role: Mapped[str] = mapped_column(String(100), index=True)
    active: Mapped[bool] = mapped_column(Boolean)
    # every placement [{unit, role, since}], oldest first, the current one last
    placements: Mapped[list] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Completion(Base):
    """A course completed by a participant on a day; recorded once however often it is imported."""
    __tablename__ = "completions"
    __table_args__ = (UniqueConstraint("agency", "course_id", "participant_id", "completed_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    course_id: Mapped[str] = mapped_column(ForeignKey("courses.id"), index=True)
    participant_id: Mapped[str] = mapped_column(String(100), index=True)
    completed_on: Mapped[date] = mapped_column(Date)
    score: Mapped[float | None] = mapped_column(Float)
    passed: Mapped[bool] = mapped_column(Boolean)
    source: Mapped[str] = mapped_column(String(60))  # manual | import:<file name>
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[str] = mapped_column(String(200))


class Campaign(Base):
    __tablename__ = "campaigns"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(String(200))
    topic: Mapped[str] = mapped_column(String(10))
    theme: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    course_id: Mapped[str | None] = mapped_column(ForeignKey("courses.id"))
    starts_on: Mapped[date] = mapped_column(Date, index=True)
    ends_on: Mapped[date] = mapped_column(Date, index=True)
    target_units: Mapped[list] = mapped_column(JSON)
    target_roles: Mapped[list] = mapped_column(JSON)
    target_rate: Mapped[float] = mapped_column(Float)
    reminder_count: Mapped[int] = mapped_column(Integer)
    reminder_spacing_days: Mapped[int] = mapped_column(Integer)
    reminders_sent: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(12), index=True)  # planned | running | completed
    suggestion_id: Mapped[str | None] = mapped_column(String(36))
    figures: Mapped[dict | None] = mapped_column(JSON)  # frozen when the campaign completes
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    launched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    enrolments: Mapped[list["Enrolment"]] = relationship(cascade="all, delete-orphan", order_by="Enrolment.id")


class Enrolment(Base):
    """A participant in a campaign, with the unit and role they had when enrolled (the figures use these)."""
    __tablename__ = "enrolments"
    __table_args__ = (UniqueConstraint("campaign_id", "participant_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    campaign_id: Mapped[str] = mapped_column(ForeignKey("campaigns.id"), index=True)
    participant_id: Mapped[str] = mapped_column(String(100))
    unit: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(100))
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    completed_on: Mapped[date | None] = mapped_column(Date)


class OverdueNotice(Base):
    """`training_overdue` announced for a participant, course and due date: the unique key makes it once,
    whichever instance's timer gets there first."""
    __tablename__ = "overdue_notices"
    __table_args__ = (UniqueConstraint("agency", "course_id", "participant_id", "due_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agency: Mapped[str] = mapped_column(String(64))
    course_id: Mapped[str] = mapped_column(String(36))
    participant_id: Mapped[str] = mapped_column(String(100))
    due_on: Mapped[date] = mapped_column(Date)
    noticed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Exercise(Base):
    """A preparedness exercise (beredskapsøvelse): planned, then held and evaluated, its findings followed up."""
    __tablename__ = "exercises"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(12))
    scenario: Mapped[str] = mapped_column(Text)
    held_on: Mapped[date] = mapped_column(Date, index=True)
    services_exercised: Mapped[list] = mapped_column(JSON)
    routines_exercised: Mapped[list] = mapped_column(JSON)
    participant_roles: Mapped[list] = mapped_column(JSON)
    observations: Mapped[list] = mapped_column(JSON)
    findings: Mapped[list] = mapped_column(JSON)  # [{finding_id, title, description, severity, proposed_measure}]
    evaluation: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), index=True)  # planned | completed
    follow_up_status: Mapped[str] = mapped_column(String(12))  # open | in_progress | done
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(200))
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ClosedIncident(Base):
    """What training keeps of a closed incident: its category and when, to see repetition."""
    __tablename__ = "closed_incidents"

    incident_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    category: Mapped[str] = mapped_column(String(60), index=True)
    closed_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class CampaignSuggestion(Base):
    """A campaign suggested because incidents of one category repeated; one open per agency and theme."""
    __tablename__ = "campaign_suggestions"
    # `open_theme` is the theme while the suggestion is open and NULL after: the unique key allows one
    # open suggestion per theme even when two instances handle two incidents at the same moment.
    __table_args__ = (UniqueConstraint("agency", "open_theme"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)
    theme: Mapped[str] = mapped_column(String(60))
    open_theme: Mapped[str | None] = mapped_column(String(60))
    topic: Mapped[str] = mapped_column(String(10))
    incident_ids: Mapped[list] = mapped_column(JSON)
    window_days: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), index=True)  # open | accepted | dismissed
    campaign_id: Mapped[str | None] = mapped_column(String(36))
    reason: Mapped[str | None] = mapped_column(Text)
    suggested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by: Mapped[str | None] = mapped_column(String(200))


class CoordinatorCourse(Base):
    """A municipality-wide course or event for the coordinators, published by the central team: the role
    cards ask every PKO and ISK to keep up their own competence and take part in these."""
    __tablename__ = "coordinator_courses"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)  # the central team's agency, which publishes
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10))  # course | event
    starts_on: Mapped[date] = mapped_column(Date, index=True)
    ends_on: Mapped[date | None] = mapped_column(Date)  # None: a single day
    roles: Mapped[list] = mapped_column(JSON)  # ["pko"], ["isk"] or both
    description: Mapped[str | None] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(String(500))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)
    published_by: Mapped[str] = mapped_column(String(200))


class CoordinatorParticipation(Base):
    """Whether one agency's coordinator took part in a coordinator course or event. Recorded again for the
    same course, person and role, it is corrected rather than counted twice."""
    __tablename__ = "coordinator_participations"
    __table_args__ = (UniqueConstraint("course_id", "agency", "role", "person"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    agency: Mapped[str] = mapped_column(String(64), index=True)  # the coordinator's agency
    course_id: Mapped[str] = mapped_column(ForeignKey("coordinator_courses.id"), index=True)
    # the coordinator's name or e-mail, as the agency knows them (coordinators are named in the
    # role cards and on the agency's pages, unlike the pseudonymous staff of the mandatory training)
    person: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(3))  # pko | isk
    attended: Mapped[bool] = mapped_column(Boolean)
    attended_on: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[str] = mapped_column(String(200))


class Attachment(AttachmentColumns, Base):
    """Evidence kept with an exercise (shared/attachments)."""
    __tablename__ = "attachments"
