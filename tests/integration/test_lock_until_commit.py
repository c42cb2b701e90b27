"""Two transactions about the same subject wait for each other on PostgreSQL (shared.database.lock_until_commit):
the second reads only after the first has committed, so it sees the first's rows instead of inserting
them again and failing on a unique key."""
import threading

from sqlalchemy import text
from sqlalchemy.orm import sessionmaker

from shared.database import lock_until_commit, make_engine
from tests.integration.harness import POSTGRES_ADMIN_URL, wait_for

KEY = "notification-tasks:lock-test:incident:1"


def test_the_second_transaction_waits_for_the_first_to_commit_and_then_sees_its_row():
    engine = make_engine(POSTGRES_ADMIN_URL.replace("postgresql://", "postgresql+psycopg2://"))
    sessions = sessionmaker(engine)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS lock_until_commit_test"))
        connection.execute(text("CREATE TABLE lock_until_commit_test (subject text PRIMARY KEY)"))
    seen_by_second = []

    def second():
        with sessions() as session, session.begin():
            lock_until_commit(session, KEY)
            seen_by_second.extend(session.execute(text("SELECT subject FROM lock_until_commit_test")).scalars())

    try:
        with sessions() as first, first.begin():
            lock_until_commit(first, KEY)
            first.execute(text("INSERT INTO lock_until_commit_test VALUES ('1')"))
            waiting = threading.Thread(target=second)
            waiting.start()

            def second_is_waiting():
                with engine.connect() as observer:
                    return observer.execute(text(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).scalar() >= 1
            assert wait_for(second_is_waiting, timeout=20, interval=0.1), "the second waits for the lock"
            assert seen_by_second == []
        waiting.join(20)
        assert seen_by_second == ["1"], "after the first committed, the second sees its row"
    finally:
        with engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS lock_until_commit_test"))
        engine.dispose()


def test_sqlite_needs_no_lock(tmp_path):
    """SQLite lets one transaction write at a time: the call is a no-op there."""
    engine = make_engine(f"sqlite:///{tmp_path / 'lock.db'}")
    with sessionmaker(engine)() as session, session.begin():
        lock_until_commit(session, KEY)
        assert session.execute(text("SELECT 1")).scalar() == 1
    engine.dispose()
