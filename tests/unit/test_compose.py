"""docker-compose.yml, read as data: no Docker engine is needed to catch a broken wiring.

Checks that every container has an image, that each `nameko run` names a service module
that imports and defines that service, that depends_on and healthchecks line up, and
that the Dockerfile, entrypoint, config and database init script it relies on exist.
"""
import importlib
import inspect
import re
import shlex
from pathlib import Path

import pytest
import yaml

from shared.broker_users import user_name

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
VERN_SERVICES = ("incidents", "risk", "privacy_register", "training", "reporting", "webhooks", "gateway")
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


def test_vern_containers_get_the_secret_and_a_database_per_service(containers):
    init_sql = ROOT / "deploy" / "postgres-init.sql"
    mounts = containers["postgres"]["volumes"]
    assert any(str(m).startswith("./deploy/postgres-init.sql:/docker-entrypoint-initdb.d/") for m in mounts)
    created = set(re.findall(r"CREATE DATABASE (\w+)", init_sql.read_text()))
    for service in VERN_SERVICES:
        env = containers[service]["environment"]
        assert env["VERN_JWT_SECRET"].startswith("${VERN_JWT_SECRET:?")
        assert env["RABBIT_HOST"] == "rabbitmq"
        for db_service in VERN_SERVICES[:-1]:
            url = env[f"{db_service.upper()}_DATABASE_URL"]
            assert url.startswith("postgresql+psycopg2://") and "@postgres:5432/" in url
            assert url.rsplit("/", 1)[1] == f"vern_{db_service}" in created


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


# optional, and then empty rather than a value: a public OIDC client signs in with PKCE and no secret
OPTIONAL_SECRETS = {"VERN_OIDC_CLIENT_SECRET": "${VERN_OIDC_CLIENT_SECRET:-}"}


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
    and nothing Vern runs depends on a domain service, so `up gateway incidents reporting` starts no other."""
    for name in (*VERN_SERVICES, "bootstrap"):
        assert containers[name]["environment"]["VERN_SERVICES"] == "${VERN_SERVICES:-}", name
    domain = set(VERN_SERVICES) - {"gateway"}
    for name, container in containers.items():
        assert not domain & set(depends_on(container)), f"{name} depends on {domain & set(depends_on(container))}"
