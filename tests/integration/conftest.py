"""The integration suite runs once on SQLite and once on PostgreSQL, over the real RabbitMQ."""
import pytest

from tests.integration.harness import Vern


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def vern(request, tmp_path_factory):
    system = Vern(request.param, tmp_path_factory.mktemp(f"vern-{request.param}"))
    try:
        system.start()
        yield system
    finally:
        system.stop()


@pytest.fixture
def coordinator(vern):
    return vern.client(roles=("pko",), agency="demo")
