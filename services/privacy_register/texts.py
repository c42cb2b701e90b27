"""The privacy register's texts for people (the DPIA document), in bokmål and English: the catalogues in
locale/ (shared/translations.py says how they are read and checked)."""
from shared.translations import N_, package_catalogue  # noqa: F401  (N_ marks a key handed on as data)

CATALOGUE = package_catalogue(__file__)
text = CATALOGUE.text
both = CATALOGUE.both
