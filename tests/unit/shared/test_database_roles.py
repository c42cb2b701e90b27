"""The roles `vern database roles` reads from the services' DATABASE URLs, and what it refuses."""
import pytest

from shared.database_roles import RoleError, admin_dsn, service_roles


def url(role: str, database: str, password: str = "pw") -> str:
    return f"postgresql+psycopg2://{role}:{password}@db:5432/{database}"


def test_one_role_and_database_per_service_sqlite_needing_none():
    roles = service_roles({"incidents": url("vern_incidents", "vern_incidents", "p%40ss"),
                           "risk": "sqlite:////var/vern/risk.db"}, admin_user="postgres")
    assert [(r.service, r.role, r.password, r.database) for r in roles] == [
        ("incidents", "vern_incidents", "p@ss", "vern_incidents")]


def test_a_role_shared_by_two_services_is_refused_naming_them():
    with pytest.raises(RoleError, match="vern is the role of incidents, risk"):
        service_roles({"incidents": url("vern", "vern_incidents"), "risk": url("vern", "vern_risk")})


def test_the_administrator_as_a_service_role_is_refused():
    with pytest.raises(RoleError, match="incidents: its role postgres is the administrator"):
        service_roles({"incidents": url("postgres", "vern_incidents")}, admin_user="postgres")


def test_a_database_shared_by_two_services_or_a_url_without_a_role_is_refused():
    with pytest.raises(RoleError, match="a database of its own"):
        service_roles({"incidents": url("a", "vern"), "risk": url("b", "vern")})
    with pytest.raises(RoleError, match="incidents: its DATABASE URL must name a role and a database"):
        service_roles({"incidents": "postgresql+psycopg2://db:5432/vern_incidents"})


def test_the_administrator_url_in_either_spelling_connects_to_the_named_database():
    assert admin_dsn("postgresql+psycopg2://postgres:s%40cret@db:5432/postgres", "vern_risk") == \
        "postgresql://postgres:s%40cret@db:5432/vern_risk"
    assert admin_dsn("postgresql://postgres@db") == "postgresql://postgres@db/postgres"
    with pytest.raises(RoleError, match="must be a postgresql:// URL"):
        admin_dsn("sqlite:///x.db")
    with pytest.raises(RoleError, match="is not a URL"):
        admin_dsn("postgres at db, port 5432")
