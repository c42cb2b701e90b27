"""Each service its own PostgreSQL role, with rights on its own database only, so that one service's
credentials can neither read nor change another's data (the broker users do the same for events).

The roles, passwords and databases are those of the services' own DATABASE URLs
(`postgresql+psycopg2://vern_incidents:...@db:5432/vern_incidents`): `vern database roles`, run
with an administrator's URL, creates each role (or resets its password) and its database, owned by
that role, and takes from PUBLIC the CONNECT right PostgreSQL grants every role on a new database
(https://www.postgresql.org/docs/current/ddl-priv.html). A role of one service connecting to another's
database is then refused.
"""
from dataclasses import dataclass
import psycopg2
from psycopg2 import sql
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError


class RoleError(ValueError):
    pass


@dataclass(frozen=True)
class ServiceRole:
    service: str
    role: str
    password: str | None
    database: str


def service_roles(urls: dict[str, str], admin_user: str | None = None) -> list[ServiceRole]:
    """The role and database of each service's PostgreSQL URL (SQLite URLs need none). Refuses a URL
    without a role or database, a role shared by two services, and the administrator as a service's role."""
    roles = []
    for service, url in urls.items():
        parsed = make_url(url)
        if parsed.get_backend_name() != "postgresql":
            continue
        if not parsed.username or not parsed.database:
            raise RoleError(f"{service}: its DATABASE URL must name a role and a database")
        roles.append(ServiceRole(service, parsed.username, parsed.password, parsed.database))
    by_role: dict[str, list[str]] = {}
    for role in roles:
        by_role.setdefault(role.role, []).append(role.service)
    shared = {role: names for role, names in by_role.items() if len(names) > 1}
    if shared:
        raise RoleError("each service needs a role of its own: " + "; ".join(
            f"{role} is the role of {', '.join(names)}" for role, names in shared.items()))
    if admin_user and admin_user in by_role:
        raise RoleError(f"{', '.join(by_role[admin_user])}: its role {admin_user} is the administrator; "
                        "give the service a role of its own")
    databases = [role.database for role in roles]
    if len(set(databases)) != len(databases):
        raise RoleError("each service needs a database of its own")
    return roles


def admin_dsn(admin_url: str, database: str | None = None) -> str:
    """A libpq connection string from an administrator's URL (SQLAlchemy's `+psycopg2` spelling too)."""
    try:
        parsed = make_url(admin_url)
    except ArgumentError:
        raise RoleError("the administrator's URL is not a URL (postgresql://user:password@host:port/database)") from None
    if parsed.get_backend_name() != "postgresql":
        raise RoleError("the administrator's URL must be a postgresql:// URL")
    parsed = parsed.set(drivername="postgresql", database=database or parsed.database or "postgres")
    return parsed.render_as_string(hide_password=False)


def create_roles(admin_url: str, roles: list[ServiceRole]) -> list[ServiceRole]:
    """Create or update each role and its database; safe to run again (after an upgrade, a new password)."""
    connection = psycopg2.connect(admin_dsn(admin_url))
    connection.autocommit = True  # CREATE DATABASE cannot run inside a transaction
    try:
        with connection.cursor() as cursor:
            for entry in roles:
                _ensure_role(cursor, entry)
                _ensure_database(cursor, entry)
    finally:
        connection.close()
    for entry in roles:
        _own_public_schema(admin_url, entry)
    return roles


def _ensure_role(cursor, entry: ServiceRole) -> None:
    role = sql.Identifier(entry.role)
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (entry.role,))
    verb = "ALTER" if cursor.fetchone() else "CREATE"
    cursor.execute(sql.SQL(verb + " ROLE {} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %s").format(role),
                   (entry.password,))  # make_url has decoded it; NULL: no password (trust, peer)
    # An administrator that is not a superuser (a managed PostgreSQL) may give a database to a role
    # only as a member of it (PostgreSQL 16: CREATE DATABASE ... OWNER).
    cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    if not cursor.fetchone()[0]:
        cursor.execute(sql.SQL("GRANT {} TO current_user").format(role))


def _ensure_database(cursor, entry: ServiceRole) -> None:
    role, database = sql.Identifier(entry.role), sql.Identifier(entry.database)
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (entry.database,))
    if cursor.fetchone():
        cursor.execute(sql.SQL("ALTER DATABASE {} OWNER TO {}").format(database, role))
    else:
        cursor.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(database, role))
    cursor.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(database))


def _own_public_schema(admin_url: str, entry: ServiceRole) -> None:
    """The service's role owns schema public (before PostgreSQL 15 every role may create in it) and
    everything in it: an installation from before per-service roles has its tables owned by the
    administrator, which the role could then not use."""
    connection = psycopg2.connect(admin_dsn(admin_url, entry.database))
    connection.autocommit = True
    role = sql.Identifier(entry.role)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql.SQL("ALTER SCHEMA public OWNER TO {}").format(role))
            cursor.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC")
            # tables, views and the sequences no table owns (a table's own sequences follow it)
            cursor.execute("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                  AND pg_get_userbyid(c.relowner) <> %s
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                  AND d.objid = c.oid AND d.deptype IN ('a', 'i'))""", (entry.role,))
            for (name,) in cursor.fetchall():
                cursor.execute(sql.SQL("ALTER TABLE public.{} OWNER TO {}").format(sql.Identifier(name), role))
    finally:
        connection.close()
