"""`vern`: work with Vern through its gateway (login, incidents, tasks, risks, register, reports), and the
operator commands that work on the config, databases and broker directly (tokens, migrations, broker
topology, the agency directory, dead letters, audit trails, events)."""
import argparse
import sys
import warnings

warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
from pathlib import Path

import yaml

from shared.config import SERVICE_NAMES, ConfigError, deployed_services, load_config, settings
from vern_cli.gateway_commands import add_gateway_commands
from vern_cli.gateway_commands import run as run_gateway_command
from vern_cli.version import installed_version


def cmd_token(args, config) -> int:
    from shared.agency_directory import check_agency
    from shared.auth import Principal, issue_token
    from shared.errors import Unauthenticated

    cfg = settings(config)
    roles = [role for value in args.roles for role in value.split(",") if role]
    ttl = args.ttl or cfg.jwt_ttl_seconds
    if ttl > cfg.jwt_max_lifetime_seconds:  # Vern would refuse the token: say so now, not at first use
        print(f"vern: --ttl {ttl} is longer than JWT_MAX_LIFETIME_SECONDS ({cfg.jwt_max_lifetime_seconds}); "
              f"Vern refuses such tokens / tokenet ville vart lenger enn Vern godtar", file=sys.stderr)
        return 2
    try:
        check_agency(Principal(sub=args.sub, roles=frozenset(roles), agency=args.agency), _directory(cfg))
    except Unauthenticated as error:
        print(f"vern: {error.message}", file=sys.stderr)
        return 2
    print(issue_token(cfg.jwt_secret, args.sub, roles, args.agency, ttl))
    return 0


def _directory(cfg):
    """The agencies of DIRECTORY_FILE, or a ConfigError naming the problem."""
    from shared.agency_directory import DirectoryUnavailable, agency_directory

    try:
        return agency_directory(cfg.directory_file).agencies()
    except DirectoryUnavailable as error:
        raise ConfigError(str(error)) from None


def cmd_migrate(args, config) -> int:
    from shared.migrations import migrate, migrations_dir

    for name in args.service or deployed_services(config):
        if migrations_dir(name).exists():
            result = migrate(name, config)
            if result.changed:
                print(f"migrated {name} from {result.before or 'an empty database'} to {result.after}")
            else:
                print(f"{name} already at {result.after}")
    return 0


def cmd_bootstrap(args, config) -> int:
    from shared.deployment import declare_topology

    for queue in declare_topology(config, deployed_services(config)):
        print(f"declared {queue}")
    return 0


def cmd_directory_load(args, config) -> int:
    from services.notifications.handlers import load_directory
    from services.notifications.schemas import DirectorySchema
    from shared.service_database import ServiceDatabase
    from shared.validation import load

    if "notifications" not in deployed_services(config):  # the directory is notifications'; bootstrap runs this anyway
        print("notifications is not deployed (SERVICES): no agency directory to load")
        return 0
    path = Path(args.file or settings(config).directory_file)
    directory = load(DirectorySchema(), yaml.safe_load(path.read_text()))
    database = ServiceDatabase("notifications", config)
    try:
        with database.unit_of_work() as uow:
            count = load_directory(uow, directory)
    finally:
        database.dispose()
    print(f"loaded {count} agencies from {path}")
    return 0


def cmd_reporting_rebuild(args, config) -> int:
    """Replay the services' event logs into reporting's facts (a new instance catching up)."""
    from nameko.exceptions import RpcTimeout, UnknownService
    from nameko.standalone.rpc import ClusterRpcProxy

    from services.reporting.rebuild import rebuild_facts
    from shared.auth import AUTHORIZATION_KEY, issue_token
    from shared.errors import ServiceUnavailable
    from shared.service_database import ServiceDatabase

    cfg = settings(config)
    agencies = _directory(cfg)
    # the operator's token is an admin of an agency the directory knows: the central team's, if marked
    operator_agency = min(agencies.central or agencies.codes)
    token = issue_token(cfg.jwt_secret, "vern-reporting-rebuild", ["admin"], operator_agency, 3600)
    database = ServiceDatabase("reporting", config)
    try:
        with ClusterRpcProxy(config, context_data={AUTHORIZATION_KEY: token},
                             timeout=cfg.rpc_timeout_seconds) as cluster:
            def fetch_page(service: str, query: dict) -> dict:
                try:
                    return getattr(cluster, service).published_events(query)
                except (UnknownService, RpcTimeout):
                    raise ServiceUnavailable(service) from None

            outcome = rebuild_facts(fetch_page, database.unit_of_work, set(args.service or deployed_services(config)))
    finally:
        database.dispose()
    for line in outcome:
        print(f"{line['service']}: {line['status']}, {line['replayed']} events replayed, {line['skipped']} skipped")
    return 1 if any(line["status"] == "not_answering" for line in outcome) else 0


def cmd_dead_letters_list(args, config) -> int:
    """Events each service parked: invalid, or failed EVENT_MAX_ATTEMPTS times."""
    import json

    from shared.dead_letters import dead_letters
    from shared.service_database import ServiceDatabase

    letters = []
    for name in args.service or _services_with_database(config):
        database = ServiceDatabase(name, config)
        try:
            letters += dead_letters(database, include_replayed=args.all)
        finally:
            database.dispose()
    if args.json:
        print(json.dumps(letters, indent=2, ensure_ascii=False))
        return 0
    if not letters:
        print("no dead letters" + ("" if args.all else " waiting"))
    for letter in letters:
        state = f"replayed {letter['replayed_at']}" if letter["replayed_at"] else "waiting"
        print(f"{letter['service']} #{letter['id']} {state}: {letter['type'] or '?'} event {letter['event_id'] or '?'} "
              f"for {letter['consumer']}, parked {letter['parked_at']} after {letter['attempts']} attempt(s): "
              f"{json.dumps(letter['errors'], ensure_ascii=False)[:300]}")
    return 0


def cmd_dead_letters_replay(args, config) -> int:
    """Put parked events back on their queues (after the cause is fixed)."""
    from shared.dead_letters import replay
    from shared.service_database import ServiceDatabase

    if not args.ids and not args.all:
        raise SystemExit("vern dead-letters replay: give letter ids with --service, or --all")
    if args.ids and len(args.service or ()) != 1:
        raise SystemExit("vern dead-letters replay: ids are per service; name exactly one --service")
    for name in args.service or _services_with_database(config):
        database = ServiceDatabase(name, config)
        try:
            replayed = replay(database, settings(config).amqp_uri, args.ids or None)
        finally:
            database.dispose()
        print(f"{name}: replayed {len(replayed)} dead letter(s)" + (f" ({', '.join(map(str, replayed))})"
                                                                    if replayed else ""))
    return 0


def cmd_broker_users(args, config) -> int:
    """One RabbitMQ user per service (and the gateway), limited to its own exchange and queues."""
    import os
    from urllib.parse import unquote, urlsplit

    from shared.broker_users import create_users

    names = [*deployed_services(config), "gateway"]
    passwords = {name: os.environ.get(f"VERN_BROKER_PASSWORD_{name.upper()}") for name in names}
    missing = [f"VERN_BROKER_PASSWORD_{name.upper()}" for name, password in passwords.items() if not password]
    if missing:
        raise SystemExit(f"vern broker users: set {', '.join(missing)}")
    vhost = unquote(urlsplit(settings(config).amqp_uri).path.lstrip("/")) or "/"
    for user in create_users(args.api.rstrip("/"), vhost, passwords):
        print(f"user {user} may use its own exchange and queues in vhost {vhost}")
    return 0


def cmd_database_roles(args, config) -> int:
    """Each deployed service's PostgreSQL role and database, from its DATABASE URL, as the administrator."""
    import os

    from sqlalchemy.engine import make_url

    from shared.database_roles import RoleError, admin_dsn, create_roles, service_roles

    import psycopg2

    admin_url = args.admin_url or os.environ.get("VERN_DATABASE_ADMIN_URL")
    if not admin_url:
        raise SystemExit("vern database roles: give --admin-url or set VERN_DATABASE_ADMIN_URL")
    cfg = settings(config)
    urls = {name: cfg.database_url(name) for name in _services_with_database(config)}
    try:
        admin_dsn(admin_url)  # a readable error for a URL that is none
        roles = service_roles(urls, make_url(admin_url).username)
        created = create_roles(admin_url, roles)
    except RoleError as error:
        print(f"vern database roles: {error}", file=sys.stderr)
        return 2
    except psycopg2.Error as error:  # unreachable server, refused login, missing right
        print(f"vern database roles: {str(error).strip()}", file=sys.stderr)
        return 1
    for entry in created:
        print(f"role {entry.role} owns database {entry.database}; no other role may connect to it")
    for name in sorted(set(urls) - {entry.service for entry in created}):
        print(f"{name} uses SQLite: no role")
    return 0


def cmd_audit_verify(args, config) -> int:
    """Recompute each service's audit hash chain, and hold it against the signed checkpoints reporting
    keeps; name every entry altered or deleted, at either end or in between."""
    from shared import audit
    from shared.database import transaction
    from shared.service_database import ServiceDatabase

    key = settings(config).audit_checkpoint_key
    checkpoints = _kept_checkpoints(config)
    broken = False
    for name in args.service or _services_with_database(config):
        database = ServiceDatabase(name, config)
        try:
            with transaction(database.sessions, database.lock) as session:
                result = audit.verify(session, name, key, checkpoints.get(name, []) if checkpoints else [])
        finally:
            database.dispose()
        span = f"entries {result.first_seq}..{result.last_seq}" if result.entries else "no entries"
        anchor = (f"checkpoint of entry {result.checkpoint.seq} signed at {result.checkpoint.signed_at.isoformat()}"
                  if result.checkpoint else "no checkpoint kept yet" if checkpoints is not None
                  else "no checkpoints: reporting is not deployed")
        if result.intact:
            print(f"{name}: intact, {result.entries} {span} ({anchor})")
            continue
        broken = True
        print(f"{name}: NOT intact, {len(result.problems)} problem(s) in {result.entries} {span} ({anchor})")
        for problem in result.problems:
            print(f"  {problem}")
    return 1 if broken else 0


def _kept_checkpoints(config) -> dict | None:
    """Every service's checkpoints from reporting's database, by service; None without reporting."""
    from services.reporting.audit_checkpoints import kept
    from shared.service_database import ServiceDatabase

    if "reporting" not in deployed_services(config):
        return None
    database = ServiceDatabase("reporting", config)
    try:
        with database.sessions() as session:
            return {name: kept(session, name) for name in _services_with_database(config)}
    finally:
        database.dispose()


def cmd_audit_prune(args, config) -> int:
    """Prune audit entries past AUDIT_RETENTION_DAYS now (the services also do it hourly); refused
    without a configured retention."""
    from shared.service_database import ServiceDatabase

    if not settings(config).audit_retention_days:
        print("vern audit prune: refused, AUDIT_RETENTION_DAYS is not set: audit entries are kept forever",
              file=sys.stderr)
        return 2
    for name in args.service or _services_with_database(config):
        database = ServiceDatabase(name, config)
        try:
            removed = database.prune_audit_trail()
        finally:
            database.dispose()
        print(f"{name}: pruned {removed} audit entries older than {settings(config).audit_retention_days} days"
              + (" (a signed prune entry records it)" if removed else ""))
    return 0


def cmd_events_catalogue(args, config) -> int:
    """Regenerate docs/events.md and docs/asyncapi.yaml from the event contracts (`make catalogue`)."""
    from shared.catalogue.documents import stale, write

    if args.check:
        outdated = stale()
        for path in outdated:
            print(f"{path} is stale: run vern events catalogue (or make catalogue)")
        return 1 if outdated else 0
    for path in write():
        print(f"wrote {path}")
    return 0


def cmd_events_tail(args, config) -> int:
    """Print Vern's events as they are published, one line each (or JSON), until Ctrl-C."""
    from amqp.exceptions import NotFound
    from kombu.exceptions import OperationalError

    from vern_cli.tail import UnknownEventType, tail

    def ready(bindings):
        print("tailing " + ", ".join(f"{exchange} {key}" for exchange, key in bindings)
              + (" (Ctrl-C to stop)" if args.count is None and args.timeout is None else ""),
              file=sys.stderr, flush=True)

    uri = settings(config).amqp_uri
    try:
        tail(uri, args.type, lambda line: print(line, flush=True), as_json=args.json, count=args.count,
             timeout=args.timeout, ready=ready)
    except UnknownEventType as error:
        print(f"vern events tail: {error}", file=sys.stderr)
        return 2
    except NotFound as error:
        print(f"vern events tail: {error.reply_text}: has `vern bootstrap` declared the exchanges?", file=sys.stderr)
        return 1
    except (OperationalError, OSError) as error:
        print(f"vern events tail: cannot reach the broker at {_without_password(uri)}: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    return 0


def _without_password(uri: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(uri)
    return parts._replace(netloc=parts.netloc.rsplit("@", 1)[-1]).geturl()


def _services_with_database(config) -> list[str]:
    from shared.migrations import migrations_dir

    return [name for name in deployed_services(config) if migrations_dir(name).exists()]


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="vern", description=__doc__)
    top.add_argument("--config", help="nameko YAML (default: $VERN_CONFIG or deploy/config.yaml)")
    top.add_argument("--version", action="version", version=f"vern {installed_version()}")
    commands = top.add_subparsers(dest="command", required=True)
    add_gateway_commands(commands)  # first in the help: the commands most people use

    token = commands.add_parser("token", help="print a signed bearer token")
    token.add_argument("--sub", required=True, help="pseudonymous subject id")
    token.add_argument("--roles", required=True, nargs="+", help="e.g. pko or pko,isk")
    token.add_argument("--agency", required=True, help="agency code")
    token.add_argument("--ttl", type=int, help="lifetime in seconds (default JWT_TTL_SECONDS; at most "
                                               "JWT_MAX_LIFETIME_SECONDS)")
    token.set_defaults(run=cmd_token)

    migrate = commands.add_parser("migrate", help="apply Alembic migrations")
    migrate.add_argument("--service", action="append", choices=SERVICE_NAMES)
    migrate.set_defaults(run=cmd_migrate)

    bootstrap = commands.add_parser("bootstrap", help="declare event exchanges and subscriber queues")
    bootstrap.set_defaults(run=cmd_bootstrap)

    directory = commands.add_parser("directory", help="the agency directory")
    directory_commands = directory.add_subparsers(dest="directory_command", required=True)
    load = directory_commands.add_parser("load", help="load agencies and contacts from YAML")
    load.add_argument("file", nargs="?", help="default: DIRECTORY_FILE of the config")
    load.set_defaults(run=cmd_directory_load)

    reporting = commands.add_parser("reporting", help="reporting's own data")
    reporting_commands = reporting.add_subparsers(dest="reporting_command", required=True)
    rebuild = reporting_commands.add_parser(
        "rebuild", help="replay the services' event logs into reporting's facts (a new instance catching up)")
    rebuild.add_argument("--service", action="append", choices=[
                             name for name in SERVICE_NAMES if name not in ("reporting", "webhooks", "notifications")],
                         help="only these sources (default: every deployed one)")
    rebuild.set_defaults(run=cmd_reporting_rebuild)

    broker = commands.add_parser("broker", help="the broker as a trust boundary")
    broker_commands = broker.add_subparsers(dest="broker_command", required=True)
    users = broker_commands.add_parser("users", help="create a RabbitMQ user per service with its own permissions "
                                                     "(passwords from VERN_BROKER_PASSWORD_<SERVICE>)")
    users.add_argument("--api", required=True, help="management API, e.g. http://admin:secret@rabbitmq:15672/api")
    users.set_defaults(run=cmd_broker_users)

    database = commands.add_parser("database", help="the services' PostgreSQL databases")
    database_commands = database.add_subparsers(dest="database_command", required=True)
    roles = database_commands.add_parser(
        "roles", help="create each service's role and database (from its DATABASE URL), the role alone "
                      "allowed to connect")
    roles.add_argument("--admin-url", help="an administrator's URL, e.g. postgresql://postgres:secret@db:5432/postgres "
                                           "(default: $VERN_DATABASE_ADMIN_URL)")
    roles.set_defaults(run=cmd_database_roles)

    audit = commands.add_parser("audit", help="the services' hash-chained audit trails")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True)
    verifying = audit_commands.add_parser("verify", help="check that no entry was altered or deleted, against "
                                                         "the signed checkpoints (exit 1 and name them if any was)")
    verifying.add_argument("--service", action="append", choices=SERVICE_NAMES)
    verifying.set_defaults(run=cmd_audit_verify)
    pruning = audit_commands.add_parser("prune", help="delete entries past AUDIT_RETENTION_DAYS now, recorded "
                                                      "by a signed entry (refused without a retention)")
    pruning.add_argument("--service", action="append", choices=SERVICE_NAMES)
    pruning.set_defaults(run=cmd_audit_prune)

    events = commands.add_parser("events", help="the events Vern publishes for other systems")
    event_commands = events.add_subparsers(dest="events_command", required=True)
    catalogue = event_commands.add_parser("catalogue", help="write docs/events.md and docs/asyncapi.yaml "
                                                             "from the event contracts")
    catalogue.add_argument("--check", action="store_true", help="only say whether they are current (exit 1 if not)")
    catalogue.set_defaults(run=cmd_events_catalogue, needs_config=False)  # works from a bare checkout
    tailing = event_commands.add_parser("tail", help="print events as they are published (a temporary queue)")
    tailing.add_argument("--type", action="append", required=True, metavar="PATTERN",
                         help="incidents.*, *.incident_escalated or incidents.incident_escalated (repeat for more)")
    tailing.add_argument("--json", action="store_true", help="each event as its full JSON envelope, one per line")
    tailing.add_argument("--count", type=int, help="stop after N events")
    tailing.add_argument("--timeout", type=float, help="stop after S seconds")
    tailing.set_defaults(run=cmd_events_tail)

    letters = commands.add_parser("dead-letters", help="events the services parked, and their replay")
    letter_commands = letters.add_subparsers(dest="dead_letters_command", required=True)
    listing = letter_commands.add_parser("list", help="list parked events (default: those not replayed)")
    listing.add_argument("--service", action="append", choices=SERVICE_NAMES)
    listing.add_argument("--all", action="store_true", help="replayed ones too")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.set_defaults(run=cmd_dead_letters_list)
    replaying = letter_commands.add_parser("replay", help="put parked events back on their queues")
    replaying.add_argument("ids", nargs="*", type=int, help="letter ids (with exactly one --service)")
    replaying.add_argument("--service", action="append", choices=SERVICE_NAMES)
    replaying.add_argument("--all", action="store_true", help="every waiting letter of the chosen services")
    replaying.set_defaults(run=cmd_dead_letters_replay)
    return top


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    if hasattr(args, "gateway_command"):  # talks to the gateway: needs no config of its own
        return run_gateway_command(args)
    try:
        config = load_config(args.config) if getattr(args, "needs_config", True) else None
        return args.run(args, config)
    except ConfigError as error:
        print(f"vern: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # operator commands: one clear line, not a traceback
        from shared.dead_letters import NotReplayable
        from shared.errors import BadInput

        if isinstance(error, BadInput):
            print(f"vern: {error.message}: {error.details}", file=sys.stderr)
            return 2
        if isinstance(error, NotReplayable):
            print(f"vern: {error}", file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
