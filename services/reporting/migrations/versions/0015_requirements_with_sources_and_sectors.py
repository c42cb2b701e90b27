"""requirements overview: each requirement with its legal source, a link, and the sectors it applies to

The municipality's list (agency "*") gets the law or rule behind each requirement (`legal_source`,
with paragraph or article), a link to Lovdata or the authority where the address is stable
(`source_url`) and sector tags (`sectors`): `all`, or `health`, `child_welfare`, `education`,
`security_act`, so an agency sees what applies to its sector; the agency directory may name an
agency's sectors (agencies.sectors). The seven requirements of 0008 get
their sources; nine are added (offentleglova, arkivlova, sivilbeskyttelsesloven with the regulation
on municipal preparedness, helseregisterloven, pasientjournalloven, Normen, barnevernsloven,
opplæringslova, NSM's basic principles for ICT security). The texts are Vern's own summaries;
only paragraphs whose content is certain are cited. docs/domain/requirements.md lists them.

Revision ID: 0015
Revises: 0014
"""
import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

MUNICIPALITY = "*"
LOVDATA = "https://lovdata.no"
REQUIREMENTS = sa.table(
    "requirements",
    sa.column("agency", sa.String), sa.column("code", sa.String), sa.column("title_nb", sa.String),
    sa.column("title_en", sa.String), sa.column("text_nb", sa.Text), sa.column("text_en", sa.Text),
    sa.column("applies_default", sa.Boolean), sa.column("where_relevant", sa.Boolean),
    sa.column("legal_source", sa.String), sa.column("source_url", sa.String), sa.column("sectors", sa.JSON),
)

# the requirements seeded by 0008: their sources and sectors
SOURCES = {
    "gdpr": ("Forordning (EU) 2016/679 (personvernforordningen) art. 5, 30, 32, 33, 35 og 37",
             "https://eur-lex.europa.eu/eli/reg/2016/679/oj", ["all"]),
    "personopplysningsloven": ("Lov 15. juni 2018 nr. 38 om behandling av personopplysninger "
                               "(personopplysningsloven)", f"{LOVDATA}/lov/2018-06-15-38", ["all"]),
    "sikkerhetsloven": ("Lov 1. juni 2018 nr. 24 om nasjonal sikkerhet (sikkerhetsloven)",
                        f"{LOVDATA}/lov/2018-06-01-24", ["security_act"]),
    "eforvaltningsforskriften-15": ("Forskrift 25. juni 2004 nr. 988 om elektronisk kommunikasjon med og i "
                                    "forvaltningen (eForvaltningsforskriften) § 15",
                                    f"{LOVDATA}/forskrift/2004-06-25-988", ["all"]),
    "forvaltningsloven-13": ("Lov 10. februar 1967 om behandlingsmåten i forvaltningssaker (forvaltningsloven) § 13",
                             f"{LOVDATA}/lov/1967-02-10", ["all"]),
    "kommuneloven-25": ("Lov 22. juni 2018 nr. 83 om kommuner og fylkeskommuner (kommuneloven) §§ 25-1 og 25-2",
                        f"{LOVDATA}/lov/2018-06-22-83", ["all"]),
    "oslo-kommune": ("Oslo kommunes instrukser og reglementer for informasjonssikkerhet og personvern "
                     "(kommunens styrende dokumenter)", None, ["all"]),
}
OSLO_BEFORE = {
    "text_nb": "Kommunens egne reglementer, retningslinjer og maler for personvern og informasjonssikkerhet, "
               "blant annet malene for databehandleravtaler og kravene til informasjonsklassifisering.",
    "text_en": "The municipality's own regulations, guidelines and templates for privacy and information security, "
               "among them the templates for data processor agreements and the information classification rules.",
}
OSLO_AFTER = {
    "text_nb": "Kommunens styrende dokumenter for informasjonssikkerhet og personvern: instruks og reglement, med "
               "retningslinjer og maler under dem, blant annet malene for databehandleravtaler og kravene til "
               "informasjonsklassifisering (åpen, intern, beskyttet, strengt beskyttet, gradert). De gjelder alle "
               "kommunens virksomheter.",
    "text_en": "The municipality's governing documents for information security and privacy: its instruction and "
               "regulations, with the guidelines and templates under them, among them the templates for data "
               "processor agreements and the information classification rules (open, internal, protected, strictly "
               "protected, classified). They apply to every agency of the municipality.",
}


def requirement(code, title_nb, title_en, text_nb, text_en, legal_source, source_url, sectors):
    everywhere = sectors == ["all"]
    return {"agency": MUNICIPALITY, "code": code, "title_nb": title_nb, "title_en": title_en, "text_nb": text_nb,
            "text_en": text_en, "applies_default": everywhere, "where_relevant": not everywhere,
            "legal_source": legal_source, "source_url": source_url, "sectors": sectors}


ADDED = [
    requirement(
        "offentleglova", "Offentleglova – innsyn og taushetsbelagte opplysninger",
        "Freedom of Information Act (offentleglova) – access and confidential information",
        "Saksdokumenter, journaler og lignende registre er åpne for innsyn når ikke annet følger av lov (§ 3). "
        "Opplysninger som er underlagt taushetsplikt, skal unntas fra innsyn (§ 13). Virksomheten må kunne skille "
        "taushetsbelagte opplysninger fra det som kan gis ut, og svare på innsynskrav uten ugrunnet opphold.",
        "Case documents, journals and similar registers are open to access unless an act provides otherwise "
        "(s. 3). Information subject to a duty of confidentiality is exempt from access (s. 13). The agency must be "
        "able to tell confidential information from what may be disclosed, and answer requests without undue delay.",
        "Lov 19. mai 2006 nr. 16 om rett til innsyn i dokument i offentleg verksemd (offentleglova) §§ 3 og 13",
        f"{LOVDATA}/lov/2006-05-19-16", ["all"]),
    requirement(
        "arkivlova", "Arkivlova – arkivplikt", "Archives Act (arkivlova) – duty to keep archives",
        "Offentlige organer skal ha arkiv, ordnet slik at dokumentene er sikret som informasjonskilder for samtid og "
        "ettertid. Arkivmateriale kan ikke slettes eller kasseres uten hjemmel; sletting av personopplysninger etter "
        "personvernforordningen må avstemmes med arkivplikten.",
        "Public bodies must keep archives, ordered so that the documents are secured as sources of information for "
        "the present and the future. Archive material may not be deleted or discarded without a legal basis; "
        "erasing personal data under the GDPR must be reconciled with the duty to keep archives.",
        "Lov 4. desember 1992 nr. 126 om arkiv (arkivlova)", f"{LOVDATA}/lov/1992-12-04-126", ["all"]),
    requirement(
        "sivilbeskyttelsesloven", "Sivilbeskyttelsesloven §§ 14 og 15 – kommunal beredskapsplikt",
        "Civil Protection Act (sivilbeskyttelsesloven) sections 14 and 15 – municipal preparedness duty",
        "Kommunen skal kartlegge hvilke uønskede hendelser som kan inntreffe, i en helhetlig risiko- og "
        "sårbarhetsanalyse (§ 14), og ha en beredskapsplan som bygger på den (§ 15). Forskrift om kommunal "
        "beredskapsplikt utdyper kravene, blant annet om øvelser og om evaluering etter øvelser og hendelser. Dette "
        "er grunnlaget for virksomhetenes beredskapsøvelser, også for IKT-hendelser.",
        "The municipality must map the unwanted events that may occur in an overall risk and vulnerability analysis "
        "(s. 14) and have a preparedness plan built on it (s. 15). The regulation on the municipal preparedness duty "
        "sets out the requirements, among them exercises and evaluation after exercises and incidents. This is the "
        "basis of the agencies' preparedness exercises, ICT incidents included.",
        "Lov 25. juni 2010 nr. 45 om kommunal beredskapsplikt, sivile beskyttelsestiltak og Sivilforsvaret "
        "(sivilbeskyttelsesloven) §§ 14 og 15; forskrift 22. august 2011 nr. 894 om kommunal beredskapsplikt",
        f"{LOVDATA}/lov/2010-06-25-45", ["all"]),
    requirement(
        "helseregisterloven", "Helseregisterloven", "Health Registries Act (helseregisterloven)",
        "Gjelder behandling av helseopplysninger i helseregistre, blant annet til statistikk, helseanalyser, "
        "forskning, kvalitetsforbedring, planlegging og styring. Opplysningene skal behandles sikkert, og bare de "
        "som trenger dem, skal ha tilgang.",
        "Applies to processing health data in health registries, among other purposes for statistics, health "
        "analyses, research, quality improvement, planning and management. The data must be processed securely and "
        "only those who need them may have access.",
        "Lov 20. juni 2014 nr. 43 om helseregistre og behandling av helseopplysninger (helseregisterloven)",
        f"{LOVDATA}/lov/2014-06-20-43", ["health"]),
    requirement(
        "pasientjournalloven", "Pasientjournalloven", "Patient Records Act (pasientjournalloven)",
        "Gjelder behandling av helseopplysninger når det ytes helsehjelp, blant annet i pasientjournaler. Den "
        "dataansvarlige skal sørge for informasjonssikkerhet og tilgangsstyring, og det er forbudt å lese, søke "
        "etter eller på annen måte skaffe seg helseopplysninger uten tjenstlig behov (snoking).",
        "Applies to processing health data when health care is given, among others in patient records. The "
        "controller must ensure information security and access control, and it is forbidden to read, search for "
        "or otherwise obtain health data without a need in one's work (snooping).",
        "Lov 20. juni 2014 nr. 42 om behandling av helseopplysninger ved ytelse av helsehjelp (pasientjournalloven)",
        f"{LOVDATA}/lov/2014-06-20-42", ["health"]),
    requirement(
        "normen", "Normen – norm for informasjonssikkerhet og personvern i helse- og omsorgstjenesten",
        "The Norm (Normen) – code of conduct for information security and privacy in health and care services",
        "Bransjenorm som utdyper og supplerer lovens krav til styring, risikovurdering, informasjonssikkerhet og "
        "personvern når helse- og personopplysninger behandles. Virksomheter som er tilknyttet helsenettet (Norsk "
        "Helsenett), har forpliktet seg til å følge den gjennom avtalen om tilknytning.",
        "A sector code of conduct that details and supplements the law's requirements for management, risk "
        "assessment, information security and privacy when health and personal data are processed. Agencies "
        "connected to the national health network (Norsk Helsenett) have committed to it in their connection "
        "agreement.",
        "Norm for informasjonssikkerhet og personvern i helse- og omsorgstjenesten (Normen); sekretariat hos "
        "Helsedirektoratet", "https://www.ehelse.no/normen", ["health"]),
    requirement(
        "barnevernsloven", "Barnevernsloven", "Child Welfare Act (barnevernsloven)",
        "Gjelder barnevernstjenesten. Loven har egne regler om taushetsplikt, opplysningsplikt og opplysningsrett og "
        "om behandling av personopplysninger, også særlige kategorier, som går foran eller utfyller de alminnelige "
        "reglene. Den avløste barnevernloven av 1992 fra 1. januar 2023.",
        "Applies to the child welfare service. The act has its own rules on confidentiality, the duty and the right "
        "to share information and on processing personal data, special categories included, which take precedence "
        "over or supplement the general rules. It replaced the Child Welfare Act of 1992 from 1 January 2023.",
        "Lov 18. juni 2021 nr. 97 om barnevern (barnevernsloven)", f"{LOVDATA}/lov/2021-06-18-97",
        ["child_welfare"]),
    requirement(
        "opplaeringslova", "Opplæringslova", "Education Act (opplæringslova)",
        "Gjelder grunnskoleopplæringen og den videregående opplæringen. Loven gir rettslig grunnlag for mye av "
        "skolens behandling av personopplysninger om elever; behandlingen må være nødvendig for oppgavene loven "
        "gir. Utdanningsdirektoratet veileder om personvern og risikovurderinger i skolen.",
        "Applies to primary, lower and upper secondary education. The act is the legal basis for much of the "
        "school's processing of personal data about pupils; the processing must be necessary for the tasks the "
        "act gives. The Directorate for Education and Training gives guidance on privacy and risk assessments in "
        "schools.",
        "Lov 9. juni 2023 nr. 30 om grunnskoleopplæringa og den vidaregåande opplæringa (opplæringslova)",
        f"{LOVDATA}/lov/2023-06-09-30", ["education"]),
    requirement(
        "nsm-grunnprinsipper", "NSMs grunnprinsipper for IKT-sikkerhet",
        "NSM's basic principles for ICT security (grunnprinsipper for IKT-sikkerhet)",
        "Anbefalte tiltak for å beskytte informasjonssystemer, i fire kategorier: identifisere og kartlegge, "
        "beskytte og opprettholde, oppdage, håndtere og gjenopprette. Tiltakene velges ut fra virksomhetens "
        "risikovurdering; et anbefalt tiltak som ikke er innført, gir økt risiko som må vurderes.",
        "Recommended measures to protect information systems, in four categories: identify and map, protect and "
        "maintain, detect, respond and recover. The measures are chosen from the agency's risk assessment; a "
        "recommended measure not in place is an increased risk to be assessed.",
        "Nasjonal sikkerhetsmyndighet (NSM), Grunnprinsipper for IKT-sikkerhet, versjon 2.1",
        "https://nsm.no/regelverk-og-hjelp/rad-og-anbefalinger/grunnprinsipper-for-ikt-sikkerhet/introduksjon/"
        "hva-er-nsms-grunnprinsipper-for-ikt-sikkerhet/", ["all"]),
]


def upgrade() -> None:
    with op.batch_alter_table("agencies", schema=None) as batch_op:  # from the directory file
        batch_op.add_column(sa.Column("sectors", sa.JSON(), nullable=True))
    with op.batch_alter_table("requirements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("legal_source", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("source_url", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("sectors", sa.JSON(), nullable=True))
    for code, (legal_source, url, sectors) in SOURCES.items():
        op.execute(REQUIREMENTS.update().where(REQUIREMENTS.c.agency == MUNICIPALITY, REQUIREMENTS.c.code == code)
                   .values(legal_source=legal_source, source_url=url, sectors=sectors))
    op.execute(REQUIREMENTS.update().where(REQUIREMENTS.c.agency == MUNICIPALITY, REQUIREMENTS.c.code == "oslo-kommune")
               .values(**OSLO_AFTER))
    # an agency's own requirement added before applies to its whole work
    op.execute(REQUIREMENTS.update().where(REQUIREMENTS.c.sectors.is_(None)).values(sectors=["all"]))
    # an agency that added one of these codes as its own keeps seeing its own (requirements.overview)
    op.bulk_insert(REQUIREMENTS, ADDED)


def downgrade() -> None:
    op.execute(REQUIREMENTS.delete().where(REQUIREMENTS.c.agency == MUNICIPALITY,
                                           REQUIREMENTS.c.code.in_([row["code"] for row in ADDED])))
    op.execute(REQUIREMENTS.update().where(REQUIREMENTS.c.agency == MUNICIPALITY, REQUIREMENTS.c.code == "oslo-kommune")
               .values(**OSLO_BEFORE))
    with op.batch_alter_table("requirements", schema=None) as batch_op:
        batch_op.drop_column("sectors")
        batch_op.drop_column("source_url")
        batch_op.drop_column("legal_source")
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.drop_column("sectors")
