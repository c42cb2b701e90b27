"""The training service's use cases on a real SQLite file, without nameko or a broker."""
import pytest

from services.training.models import Base
from shared.auth import Principal
from shared.database import MessagingBase
from shared.service_database import ServiceDatabase


@pytest.fixture
def database(tmp_path):
    config = {"AMQP_URI": "amqp://guest:guest@127.0.0.1:5672/", "JWT_SECRET": "s" * 32,
              "DATABASES": {"training": f"sqlite:///{tmp_path / 'training.db'}"}}
    database = ServiceDatabase("training", config)
    Base.metadata.create_all(database.engine)
    MessagingBase.metadata.create_all(database.engine)
    yield database
    database.dispose()


def principal(agency: str = "demo", *roles: str, sub: str = "kari") -> Principal:
    return Principal(sub=sub, roles=frozenset(roles or ("pko",)), agency=agency)
