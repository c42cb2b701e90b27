"""governing documents, attestations, advice log, requirements

Tables for three parts of the agency's annual cycle: governing documents and routines with
their reviews and attestations of compliance, the advice log, and the requirements overview.
The overview starts from the laws and rules every agency in Oslo kommune is subject to
(docs/domain/sources.md), seeded here as the municipality's list (agency "*"); each agency
then says whether and how it meets each one. The texts are Vern's own summaries.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 11:11:46.587007
"""
from alembic import op
import sqlalchemy as sa
import shared.database


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

MUNICIPALITY = "*"
SEED = [
    {"code": "gdpr", "title_nb": "Personvernforordningen (GDPR)",
     "title_en": "General Data Protection Regulation (GDPR)",
     "text_nb": "Personopplysninger behandles bare med rettslig grunnlag og etter prinsippene i art. 5. "
                "Virksomheten fører protokoll over behandlingsaktiviteter (art. 30), sikrer behandlingen "
                "(art. 32), melder brudd til Datatilsynet innen 72 timer (art. 33), vurderer "
                "personvernkonsekvenser ved høy risiko (art. 35) og har personvernombud (art. 37).",
     "text_en": "Personal data are processed only on a legal basis and by the principles of art. 5. The agency "
                "keeps a record of processing activities (art. 30), secures the processing (art. 32), notifies "
                "breaches to Datatilsynet within 72 hours (art. 33), assesses the impact where the risk is high "
                "(art. 35) and has a data protection officer (art. 37).",
     "applies_default": True, "where_relevant": False},
    {"code": "personopplysningsloven", "title_nb": "Personopplysningsloven",
     "title_en": "Personal Data Act (personopplysningsloven)",
     "text_nb": "Gjør personvernforordningen til norsk lov og gir utfyllende nasjonale regler, blant annet om "
                "særlige kategorier av personopplysninger, taushetsplikt for personvernombudet og unntak fra "
                "informasjonsplikten.",
     "text_en": "Makes the GDPR Norwegian law and adds national rules, among them on special categories of "
                "personal data, the data protection officer's duty of confidentiality and exceptions from the "
                "duty to inform.",
     "applies_default": True, "where_relevant": False},
    {"code": "sikkerhetsloven", "title_nb": "Sikkerhetsloven (der den gjelder)",
     "title_en": "Security Act (sikkerhetsloven), where relevant",
     "text_nb": "Gjelder virksomheter som er omfattet ved vedtak, som behandler sikkerhetsgradert informasjon "
                "eller som råder over skjermingsverdige verdier: forebyggende sikkerhet, sikkerhetsstyring og "
                "beskyttelse av gradert informasjon.",
     "text_en": "Applies to agencies brought under it by decision, that handle classified information or that "
                "hold assets worthy of protection: preventive security, security management and the protection "
                "of classified information.",
     "applies_default": False, "where_relevant": True},
    {"code": "eforvaltningsforskriften-15", "title_nb": "eForvaltningsforskriften § 15",
     "title_en": "eGovernment Regulation (eForvaltningsforskriften) section 15",
     "text_nb": "Virksomheter som bruker elektronisk kommunikasjon skal ha internkontroll (styring og kontroll) "
                "med informasjonssikkerheten, bygget på anerkjente standarder for styringssystem; ISO/IEC 27001 "
                "er anbefalt.",
     "text_en": "Agencies that communicate electronically must have internal control (management and control) of "
                "information security, built on recognised standards for management systems; ISO/IEC 27001 is "
                "recommended.",
     "applies_default": True, "where_relevant": False},
    {"code": "forvaltningsloven-13", "title_nb": "Forvaltningsloven § 13 – taushetsplikt",
     "title_en": "Public Administration Act (forvaltningsloven) section 13 – duty of confidentiality",
     "text_nb": "Alle som gjør tjeneste eller arbeid for virksomheten skal hindre at uvedkommende får kjennskap "
                "til opplysninger om noens personlige forhold.",
     "text_en": "Everyone who serves or works for the agency must prevent others from learning about anyone's "
                "personal circumstances.",
     "applies_default": True, "where_relevant": False},
    {"code": "kommuneloven-25", "title_nb": "Kommuneloven §§ 25-1 og 25-2 – internkontroll",
     "title_en": "Local Government Act (kommuneloven) sections 25-1 and 25-2 – internal control",
     "text_nb": "Kommunen skal ha internkontroll med administrasjonen for å sikre at lover og forskrifter følges "
                "(§ 25-1), og det rapporteres om internkontrollen til kommunestyret (i Oslo bystyret) minst én gang "
                "i året (§ 25-2).",
     "text_en": "The municipality must have internal control of its administration so that laws and regulations "
                "are followed (s. 25-1), and the internal control is reported to the council (in Oslo the city "
                "council) at least once a year (s. 25-2).",
     "applies_default": True, "where_relevant": False},
    {"code": "oslo-kommune", "title_nb": "Oslo kommunes egne regler",
     "title_en": "Oslo kommune's own rules",
     "text_nb": "Kommunens egne reglementer, retningslinjer og maler for personvern og informasjonssikkerhet, "
                "blant annet malene for databehandleravtaler og kravene til informasjonsklassifisering.",
     "text_en": "The municipality's own regulations, guidelines and templates for privacy and information security, "
                "among them the templates for data processor agreements and the information classification rules.",
     "applies_default": True, "where_relevant": False},
]


def upgrade() -> None:
    op.create_table('advice_entries',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('requested_by', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('area', sa.String(length=20), nullable=False),
    sa.Column('requested_on', sa.Date(), nullable=False),
    sa.Column('requirements_set', sa.JSON(), nullable=False),
    sa.Column('processor_agreement_needed', sa.Boolean(), nullable=True),
    sa.Column('advice_given', sa.Text(), nullable=True),
    sa.Column('given_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('dpia_ids', sa.JSON(), nullable=False),
    sa.Column('risk_assessment_ids', sa.JSON(), nullable=False),
    sa.Column('agreement_ids', sa.JSON(), nullable=False),
    sa.Column('created_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('updated_at', shared.database.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('advice_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_advice_entries_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_advice_entries_requested_on'), ['requested_on'], unique=False)

    op.create_table('governing_documents',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('area', sa.String(length=20), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('version', sa.String(length=20), nullable=False),
    sa.Column('approved_on', sa.Date(), nullable=True),
    sa.Column('review_interval_months', sa.Integer(), nullable=False),
    sa.Column('last_reviewed_on', sa.Date(), nullable=True),
    sa.Column('next_review_on', sa.Date(), nullable=True),
    sa.Column('link', sa.String(length=1000), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('review_noticed_for', sa.Date(), nullable=True),
    sa.Column('created_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('updated_at', shared.database.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('governing_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_governing_documents_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_governing_documents_next_review_on'), ['next_review_on'], unique=False)

    op.create_table('requirement_overlays',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('applies', sa.Boolean(), nullable=False),
    sa.Column('how_met', sa.Text(), nullable=True),
    sa.Column('document_ids', sa.JSON(), nullable=False),
    sa.Column('responsible_role', sa.String(length=100), nullable=True),
    sa.Column('updated_at', shared.database.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('agency', 'code')
    )
    with op.batch_alter_table('requirement_overlays', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requirement_overlays_agency'), ['agency'], unique=False)

    requirements = op.create_table('requirements',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('title_nb', sa.String(length=300), nullable=False),
    sa.Column('title_en', sa.String(length=300), nullable=False),
    sa.Column('text_nb', sa.Text(), nullable=False),
    sa.Column('text_en', sa.Text(), nullable=False),
    sa.Column('applies_default', sa.Boolean(), nullable=False),
    sa.Column('where_relevant', sa.Boolean(), nullable=False),
    sa.Column('created_at', shared.database.UTCDateTime(), nullable=True),
    sa.Column('created_by', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('agency', 'code')
    )
    with op.batch_alter_table('requirements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requirements_agency'), ['agency'], unique=False)
    op.bulk_insert(requirements, [{"agency": MUNICIPALITY, **row} for row in SEED])

    op.create_table('attestations',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('agency', sa.String(length=64), nullable=False),
    sa.Column('period', sa.String(length=10), nullable=False),
    sa.Column('result', sa.String(length=20), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('attested_by', sa.String(length=200), nullable=False),
    sa.Column('attested_at', shared.database.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['governing_documents.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('attestations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attestations_agency'), ['agency'], unique=False)
        batch_op.create_index(batch_op.f('ix_attestations_document_id'), ['document_id'], unique=False)

    op.create_table('document_reviews',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('reviewed_on', sa.Date(), nullable=False),
    sa.Column('version', sa.String(length=20), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('reviewed_by', sa.String(length=200), nullable=False),
    sa.Column('recorded_at', shared.database.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['governing_documents.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('document_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_reviews_document_id'), ['document_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('document_reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_reviews_document_id'))

    op.drop_table('document_reviews')
    with op.batch_alter_table('attestations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attestations_document_id'))
        batch_op.drop_index(batch_op.f('ix_attestations_agency'))

    op.drop_table('attestations')
    with op.batch_alter_table('requirements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_requirements_agency'))

    op.drop_table('requirements')
    with op.batch_alter_table('requirement_overlays', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_requirement_overlays_agency'))

    op.drop_table('requirement_overlays')
    with op.batch_alter_table('governing_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_governing_documents_next_review_on'))
        batch_op.drop_index(batch_op.f('ix_governing_documents_agency'))

    op.drop_table('governing_documents')
    with op.batch_alter_table('advice_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_advice_entries_requested_on'))
        batch_op.drop_index(batch_op.f('ix_advice_entries_agency'))

    op.drop_table('advice_entries')
