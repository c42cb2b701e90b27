"""Fixtures for use-case tests: a service's real unit of work on a fresh SQLite database (tests/unit/uow.py)."""
import pytest

from tests.unit.uow import UseCaseDatabase, copy_database, migrated_database


@pytest.fixture(scope="session")
def migrated(tmp_path_factory):
    """`migrated(service)`: the path of a database migrated to head, made once per session."""
    made = {}

    def migrated_path(service: str):
        if service not in made:
            made[service] = migrated_database(service, tmp_path_factory.mktemp(f"migrated-{service}"))
        return made[service]
    return migrated_path


@pytest.fixture
def use_case_database(tmp_path, migrated):
    """`use_case_database(service)`: a UseCaseDatabase of its own for this test, on a copy of the migrated one."""
    opened = []

    def open_database(service: str) -> UseCaseDatabase:
        path = tmp_path / f"{service}.db"
        copy_database(migrated(service), path)
        opened.append(UseCaseDatabase(service, path))
        return opened[-1]
    yield open_database
    for database in opened:
        database.dispose()
