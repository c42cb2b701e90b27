"""docker-compose.yml, read as data: no Docker engine is needed to catch a broken wiring.

Checks that every container has an image, that each `nameko run` names a service module
that imports and defines that service, that depends_on and healthchecks line up, and
that the Dockerfile, entrypoint and config it relies on exist; that each container holds its own broker
user and database role, and that the mail settings and the public address reach each container's settings
as Compose would interpolate them.
"""
import importlib
import inspect
import os
import re
import shlex
from pathlib import Path

import pytest
import yaml
from sqlalchemy.engine import make_url

from shared.broker_users import user_name
from shared.config import load_config, settings
from shared.database_roles import service_roles

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
VERN_SERVICES = ("incidents", "risk", "privacy_register", "training", "reporting", "notifications", "webhooks",
                 "gateway")
MODULE_PATTERN = re.compile(r"^services\.(\w+)\.service$")
# `${NAME:-default}` or `${NAME-default}` for a secret: what the deployment must never have
SECRET_WITH_DEFAULT = re.compile(r"\$\{(\w*(?:PASSWORD|SECRET)\w*)(?::?-)")
DEPENDS_ON_CONDITIONS = {"service_started", "service_healthy", "service_completed_successfully"}


class ComposeLoader(yaml.SafeLoader):
    """SafeLoader without the `${VAR}` resolver nameko registers on yaml.SafeLoader process-wide
    (`nameko test`, shared.config.load_config): `${...}` here is for Compose to interpolate."""
    yaml_implicit_resolvers = {first: list(resolvers)
                               for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()}


@pytest.fixture(scope="module")
def compose():
    return yaml.load(COMPOSE_FILE.read_text(), Loader=ComposeLoader)


@pytest.fixture(scope="module")
def containers(compose):
    assert isinstance(compose.get("services"), dict) and compose["services"]
    return compose["services"]


def command_args(container: dict) -> list[str]:
    command = container.get("command", [])
    return shlex.split(command) if isinstance(command, str) else list(command)


def named_modules(containers) -> dict[str, str]:
    """container name -> the services.X.service module its command runs."""
    found = {}
    for name, container in containers.items():
        for arg in command_args(container):
            if MODULE_PATTERN.match(arg):
                found[name] = arg
    return found


def depends_on(container: dict) -> dict:
    value = container.get("depends_on", {})
    return {target: {"condition": "service_started"} for target in value} if isinstance(value, list) else value


def build_dockerfile(container: dict) -> Path:
    build = container["build"]
    if isinstance(build, str):
        return ROOT / build / "Dockerfile"
    return ROOT / build.get("context", ".") / build.get("dockerfile", "Dockerfile")


def test_every_container_has_an_image_or_a_build(containers):
    for name, container in containers.items():
        assert container.get("image") or container.get("build"), f"{name}: neither image nor build"


def test_every_vern_service_has_its_own_container_running_it(containers):
    modules = named_modules(containers)
    for service in VERN_SERVICES:
        assert service in containers, f"no container for {service}"
        assert command_args(containers[service]) == [
            "nameko", "run", "--config", "deploy/config.yaml", f"services.{service}.service"]
        assert modules[service] == f"services.{service}.service"
    assert sorted(modules) == sorted(VERN_SERVICES), "only the Vern service containers run a service module"


def test_each_named_module_imports_and_defines_its_service(containers):
    modules = named_modules(containers)
    assert modules
    for container_name, module_name in modules.items():
        service = MODULE_PATTERN.match(module_name).group(1)
        module = importlib.import_module(module_name)
        classes = [obj for obj in vars(module).values()
                   if inspect.isclass(obj) and obj.__module__ == module.__name__
                   and getattr(obj, "name", None) == service]
        assert len(classes) == 1, f"{module_name} (container {container_name}) defines no class named {service!r}"


def test_the_config_the_commands_name_exists(containers):
    for name, container in containers.items():
        args = command_args(container)
        if "--config" in args:
            config = ROOT / args[args.index("--config") + 1]
            assert config.is_file(), f"{name}: {config} missing"
            assert "AMQP_URI" in yaml.safe_load(config.read_text())


def test_depends_on_targets_exist_with_sound_conditions(containers):
    for name, container in containers.items():
        for target, spec in depends_on(container).items():
            assert target in containers, f"{name} depends on unknown {target}"
            assert target != name
            condition = spec.get("condition", "service_started")
            assert condition in DEPENDS_ON_CONDITIONS, f"{name} -> {target}: {condition}"
            if condition == "service_healthy":
                assert "healthcheck" in containers[target], f"{name} waits for {target}, which has no healthcheck"
            if condition == "service_completed_successfully":
                assert containers[target].get("restart", "no") == "no", f"{target} must be one-shot"


def test_domain_services_start_after_bootstrap_and_infrastructure(containers):
    bootstrap = " ".join(command_args(containers["bootstrap"]))
    for step in ("vern migrate", "vern bootstrap", "vern directory load"):
        assert step in bootstrap
    assert depends_on(containers["bootstrap"]).keys() >= {"rabbitmq", "postgres"}
    for service in VERN_SERVICES:
        assert depends_on(containers[service])["bootstrap"]["condition"] == "service_completed_successfully"
        assert depends_on(containers[service])["rabbitmq"]["condition"] == "service_healthy"


def test_healthchecks_for_rabbitmq_postgres_and_gateway(containers):
    def probe(name):
        test = containers[name]["healthcheck"]["test"]
        return " ".join(test) if isinstance(test, list) else test

    assert "rabbitmq-diagnostics -q ping" in probe("rabbitmq")
    assert "pg_isready" in probe("postgres")
    assert "urllib" in probe("gateway") and "http://127.0.0.1:8000/api/v1/health" in probe("gateway")
    assert containers["gateway"]["environment"]["GATEWAY_ADDRESS"] == "0.0.0.0:8000"
    assert "8000:8000" in containers["gateway"]["ports"]


def test_vern_containers_get_the_secret_and_a_database_of_their_own(containers):
    """Each domain service holds its own database URL only, as its own role; the gateway holds none;
    bootstrap holds them all and PostgreSQL's administrator, which no service container does."""
    for service in VERN_SERVICES:
        env = containers[service]["environment"]
        assert env["VERN_JWT_SECRET"].startswith("${VERN_JWT_SECRET:?")
        assert env["RABBIT_HOST"] == "rabbitmq"
        urls = {key: value for key, value in env.items() if key.endswith("_DATABASE_URL")}
        if service == "gateway":
            assert urls == {}, "the gateway has no database"
        else:
            assert urls == {f"{service.upper()}_DATABASE_URL": database_url(service)}, service
        assert not [key for key, value in env.items() if "POSTGRES_PASSWORD" in str(value)], service
    bootstrap = containers["bootstrap"]["environment"]
    for service in VERN_SERVICES[:-1]:
        assert bootstrap[f"{service.upper()}_DATABASE_URL"] == database_url(service)
    assert bootstrap["VERN_DATABASE_ADMIN_URL"] == f"postgresql://vern:{required('POSTGRES_PASSWORD')}@postgres:5432/postgres"
    assert containers["postgres"]["environment"]["POSTGRES_USER"] == "vern"


def database_url(service: str) -> str:
    password = required(f"VERN_DATABASE_PASSWORD_{service.upper()}")
    return f"postgresql+psycopg2://vern_{service}:{password}@postgres:5432/vern_{service}"


def test_bootstrap_creates_the_database_roles_before_migrating(containers):
    """The roles `vern database roles` reads from bootstrap's URLs are one per service, none the administrator's."""
    command = " ".join(command_args(containers["bootstrap"]))
    assert command.index("vern database roles") < command.index("vern migrate")
    env = resolved(containers["bootstrap"]["environment"], deployment_variables())
    urls = {service: env[f"{service.upper()}_DATABASE_URL"] for service in VERN_SERVICES[:-1]}
    roles = service_roles(urls, make_url(env["VERN_DATABASE_ADMIN_URL"]).username)
    assert [(role.role, role.database) for role in roles] == [(f"vern_{name}", f"vern_{name}") for name in urls]
    assert len({role.password for role in roles}) == len(roles)


def test_the_dockerfile_referenced_by_build_exists(containers):
    built = [name for name, container in containers.items() if "build" in container]
    assert built
    for name in built:
        dockerfile = build_dockerfile(containers[name])
        assert dockerfile.is_file(), f"{name}: {dockerfile} missing"
        text = dockerfile.read_text()
        assert re.search(r"^FROM python:3\.11-slim", text, re.M)
        assert re.search(r"^USER (?!root)\w+", text, re.M), "image must not run as root"
        entrypoint = re.search(r'^ENTRYPOINT \["([^"]+)"', text, re.M)
        if entrypoint:  # /app/deploy/... in the image is deploy/... here
            local = ROOT / Path(entrypoint.group(1)).relative_to("/app")
            assert local.is_file() and local.read_text().startswith("#!/bin/sh")


def required(variable: str) -> str:
    return "${%s:?set %s}" % (variable, variable)


def test_each_vern_container_connects_to_the_broker_as_its_own_user(containers):
    """The broker is a trust boundary only if no container holds another's or the admin's password."""
    for service in VERN_SERVICES:
        env = containers[service]["environment"]
        assert env["RABBIT_USER"] == user_name(service), service
        assert env["RABBIT_PASSWORD"] == required(f"VERN_BROKER_PASSWORD_{service.upper()}"), service
        others = [value for key, value in env.items() if key != "RABBIT_PASSWORD" and "PASSWORD}" in str(value)
                  and "POSTGRES_PASSWORD" not in str(value)]
        assert others == [], f"{service} holds another broker password: {others}"
    assert len({containers[service]["environment"]["RABBIT_USER"] for service in VERN_SERVICES}) == len(VERN_SERVICES)


def test_bootstrap_creates_the_broker_users_as_the_administrator_before_declaring(containers):
    bootstrap = containers["bootstrap"]
    command = " ".join(command_args(bootstrap))
    assert command.index("vern migrate") < command.index("vern broker users --api") < command.index("vern bootstrap")
    assert "@rabbitmq:15672/api" in command
    env = bootstrap["environment"]
    assert env["RABBIT_PASSWORD"] == required("RABBIT_PASSWORD")
    assert containers["rabbitmq"]["environment"]["RABBITMQ_DEFAULT_PASS"] == required("RABBIT_PASSWORD")
    for service in VERN_SERVICES:
        assert env[f"VERN_BROKER_PASSWORD_{service.upper()}"] == required(f"VERN_BROKER_PASSWORD_{service.upper()}")
    assert "rabbitmq:15672" in env["WAIT_FOR"].split()  # the management API, not only AMQP


# optional, and then empty rather than a value: a public OIDC client signs in with PKCE and no secret; a
# mail server may take mail without a login
OPTIONAL_SECRETS = {"VERN_OIDC_CLIENT_SECRET": "${VERN_OIDC_CLIENT_SECRET:-}", "SMTP_PASSWORD": "${SMTP_PASSWORD:-}"}


def test_no_password_or_secret_has_a_default(compose):
    text = COMPOSE_FILE.read_text()
    for name, empty in OPTIONAL_SECRETS.items():
        text = text.replace(empty, "")
    assert SECRET_WITH_DEFAULT.findall(text) == []
    for name, container in compose["services"].items():
        for key, value in (container.get("environment") or {}).items():
            if (key, value) in OPTIONAL_SECRETS.items():
                continue
            if "PASSWORD" in key or "SECRET" in key:
                assert str(value).startswith("${") and ":?" in str(value), f"{name}: {key}={value}"


def test_a_subset_can_be_deployed_by_leaving_containers_out(containers):
    """VERN_SERVICES reaches every Vern container (bootstrap declares and the gateway reports only those),
    and nothing Vern runs depends on a domain service, so `up gateway incidents notifications` starts no other."""
    for name in (*VERN_SERVICES, "bootstrap"):
        assert containers[name]["environment"]["VERN_SERVICES"] == "${VERN_SERVICES:-}", name
    domain = set(VERN_SERVICES) - {"gateway"}
    for name, container in containers.items():
        assert not domain & set(depends_on(container)), f"{name} depends on {domain & set(depends_on(container))}"


# Compose's interpolation (https://docs.docker.com/reference/compose-file/interpolation/): ${NAME},
# ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}; $$ is a literal $.
INTERPOLATION = re.compile(r"\$\{(\w+)(?:(:?[-?])([^}]*))?\}")


class Unset(Exception):
    pass


def resolved(environment: dict, variables: dict) -> dict:
    """A container's environment as Compose gives it, from the operator's shell `variables`."""
    def one(match):
        name, operator, argument = match.groups()
        value = variables.get(name)
        if operator in (":?", "?") and (value is None or (operator == ":?" and value == "")):
            raise Unset(f"{name}: {argument}")
        if operator == ":-" and not value or operator == "-" and value is None:
            return argument
        return value or ""

    return {key: INTERPOLATION.sub(one, str(value)).replace("$$", "$") for key, value in environment.items()}


def deployment_variables(**overrides) -> dict:
    """What the operator exports before `docker compose up` (the file's header), with distinct passwords."""
    variables = {"VERN_JWT_SECRET": "j" * 48, "RABBIT_PASSWORD": "rabbit-admin-pw", "POSTGRES_PASSWORD": "pg-admin-pw",
                 "VERN_PUBLIC_BASE_URL": "https://vern.kommune.example", "SMTP_HOST": "smtp.kommune.example",
                 "SMTP_FROM": "vern@kommune.example", "SMTP_USER": "vern", "SMTP_PASSWORD": "smtp-pw"}
    for service in VERN_SERVICES:
        variables[f"VERN_BROKER_PASSWORD_{service.upper()}"] = f"broker-{service}-pw"
        variables[f"VERN_DATABASE_PASSWORD_{service.upper()}"] = f"db-{service}-pw"
    return {**variables, **overrides}


def container_settings(monkeypatch, environment: dict):
    """The Settings a container's process reads: deploy/config.yaml through that environment alone."""
    for key in list(os.environ):
        if key.startswith(("SMTP_", "VERN_", "RABBIT_")) or key.endswith("_DATABASE_URL"):
            monkeypatch.delenv(key)
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    return settings(load_config(ROOT / "deploy" / "config.yaml"))


def test_mail_and_the_public_address_reach_the_services(containers, monkeypatch):
    """Reporting sends the e-mail with the links; the gateway serves the links and sign-in at that address."""
    variables = deployment_variables()
    for name in (*VERN_SERVICES, "bootstrap"):
        env = resolved(containers[name]["environment"], variables)
        loaded = container_settings(monkeypatch, env)
        assert loaded.public_base_url == "https://vern.kommune.example", name
        assert (loaded.smtp.host, loaded.smtp.port, loaded.smtp.starttls, loaded.smtp.user, loaded.smtp.sender) == (
            "smtp.kommune.example", 587, True, "vern", "vern@kommune.example"), name
        # the mail password is the sender's alone
        assert loaded.smtp.password == ("smtp-pw" if name == "notifications" else None), name
        own = {service for service, url in loaded.databases.items() if url}
        assert own == ({name} if name in VERN_SERVICES[:-1] else set() if name == "gateway" else set(VERN_SERVICES[:-1]))
        for service in own:
            assert make_url(loaded.databases[service]).username == f"vern_{service}"


def test_a_plain_compose_up_must_name_the_public_address_and_the_mail_server(containers):
    """Without them messages would link to 127.0.0.1 and no e-mail would leave; SMTP_HOST= (empty) is a choice."""
    for missing in ("VERN_PUBLIC_BASE_URL", "SMTP_HOST"):
        variables = deployment_variables()
        del variables[missing]
        with pytest.raises(Unset, match=missing):
            resolved(containers["notifications"]["environment"], variables)
    with pytest.raises(Unset, match="VERN_PUBLIC_BASE_URL"):
        resolved(containers["notifications"]["environment"], deployment_variables(VERN_PUBLIC_BASE_URL=""))
    assert resolved(containers["notifications"]["environment"], deployment_variables(SMTP_HOST=""))["SMTP_HOST"] == ""
