"""The reporting service's texts for people (report documents, self-declaration rules), in bokmål and
English: the catalogues in locale/ (shared/translations.py says how they are read and checked)."""
from shared.translations import N_, PerLanguage, Term, package_catalogue  # noqa: F401  (N_ marks a key as data)

CATALOGUE = package_catalogue(__file__)
text = CATALOGUE.text
both = CATALOGUE.both
nboth = CATALOGUE.nboth
