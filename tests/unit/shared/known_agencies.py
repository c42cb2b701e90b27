"""The agency directory's check over agencies given in the test, instead of a file."""
from shared.agency_directory import Agencies, check_agency


class KnownAgencies:
    def __init__(self, codes=("demo", "other", "fin"), central=("fin",)):
        self.agencies = Agencies(codes=frozenset(codes), central=frozenset(central))

    def check(self, principal):
        return check_agency(principal, self.agencies)
