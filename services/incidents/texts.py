"""The incidents service's texts for people (a breach assessment's reasons, error messages), in bokmål
and English: the catalogues in locale/ (shared/translations.py says how they are read and checked)."""
from shared.translations import N_, Term, package_catalogue  # noqa: F401  (N_ marks a key handed on as data)

CATALOGUE = package_catalogue(__file__)
text = CATALOGUE.text
both = CATALOGUE.both
bilingual = CATALOGUE.bilingual
