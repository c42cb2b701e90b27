"""deploy/kubernetes, read as data: no cluster is needed to catch a broken manifest.

Each manifest is validated against the Kubernetes 1.33 JSON schemas (strict: an unknown field is an
error), vendored in kubernetes_schema/ from the kubernetes-validate package. Then what the schemas cannot
know: one Deployment per service running a module that defines it, replicas, probes, limits and a
non-root read-only container, every Secret and ConfigMap reference resolving to what create-secrets.sh
and configmap.yaml declare, no secret value in the repository, each service its own broker user and its
own database URL only, mail and the public address reaching every container's settings, create-secrets.sh
giving each service a role of its own, and each container given the same environment variables as in
docker-compose.yml.
"""
import json
import os
import re
import shlex
import stat
import subprocess
import tomllib
from pathlib import Path

import jsonschema
import pytest
import referencing
import yaml
from referencing.jsonschema import DRAFT202012
from sqlalchemy.engine import make_url

from shared.broker_users import user_name
from shared.config import SERVICE_NAMES
from shared.database_roles import service_roles
from tests.unit.test_compose import ComposeLoader, container_settings, named_modules

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "deploy" / "kubernetes"
SCHEMAS = Path(__file__).with_name("kubernetes_schema")
SCHEMA_BASE = "https://vern.invalid/kubernetes-schema/"  # a base the kinds' relative $refs resolve against
SCHEMA_FILES = {("apps/v1", "Deployment"): "deployment-apps-v1.json", ("v1", "Service"): "service-v1.json",
                ("batch/v1", "Job"): "job-batch-v1.json", ("v1", "ConfigMap"): "configmap-v1.json"}
VERN = (*SERVICE_NAMES, "gateway")
SCALED = {"gateway": 2, "reporting": 2, "notifications": 2}  # answers every request; draws reports; sends every message


def dns_name(service: str) -> str:
    return service.replace("_", "-")


@pytest.fixture(scope="module")
def kustomization() -> dict:
    return yaml.load((FOLDER / "kustomization.yaml").read_text(), Loader=ComposeLoader)


@pytest.fixture(scope="module")
def manifests(kustomization) -> dict:
    """file name -> the object it holds (one per file)."""
    found = {}
    for name in kustomization["resources"]:
        documents = [d for d in yaml.load_all((FOLDER / name).read_text(), Loader=ComposeLoader) if d]
        assert len(documents) == 1, f"{name}: one object per file"
        found[name] = documents[0]
    return found


@pytest.fixture(scope="module")
def deployments(manifests) -> dict:
    """Vern service name -> its Deployment."""
    found = {}
    for manifest in manifests.values():
        if manifest["kind"] == "Deployment":
            args = container(manifest)["args"]
            found[re.fullmatch(r"services\.(\w+)\.service", args[-1]).group(1)] = manifest
    return found


def container(workload: dict) -> dict:
    (only,) = workload["spec"]["template"]["spec"]["containers"]
    return only


def declared_secrets() -> dict:
    """Secret name -> keys, as create-secrets.sh creates them (service names expanded from its loop)."""
    script = (FOLDER / "create-secrets.sh").read_text().replace("\\\n", " ")
    loop = re.search(r"for service in ([\w -]+); do\n(.*?)\ndone", script, re.S)
    lines = [line for line in script.splitlines() if line.lstrip().startswith("create vern-")]
    lines += [loop.group(2).replace("$service", name) for name in loop.group(1).split()]
    secrets = {}
    for line in lines:
        words = shlex.split(line.replace('"', ""))
        secrets[words[1]] = {word.removeprefix("--from-literal=").split("=", 1)[0]
                             for word in words[2:] if word.startswith("--from-literal=")}
    secrets["vern-oidc"] = {"client-secret"}  # optional, created by hand when the client is confidential
    return secrets


def configmap_keys(manifests) -> set:
    (config,) = [m for m in manifests.values() if m["kind"] == "ConfigMap"]
    return set(config["data"])


def env_names(workload: dict, manifests) -> set:
    spec = container(workload)
    names = {entry["name"] for entry in spec.get("env", [])}
    for source in spec.get("envFrom", []):
        assert source["configMapRef"]["name"] == "vern-config"
        names |= configmap_keys(manifests)
    return names


def test_every_manifest_in_the_folder_is_listed_and_valid_against_the_kubernetes_schema(manifests):
    listed = set(manifests)
    assert {path.name for path in FOLDER.glob("*.yaml")} - {"kustomization.yaml"} == listed
    definitions = DRAFT202012.create_resource(json.loads((SCHEMAS / "_definitions.json").read_text()))
    for name, manifest in manifests.items():
        schema_file = SCHEMA_FILES.get((manifest.get("apiVersion"), manifest.get("kind")))
        assert schema_file, f"{name}: {manifest.get('apiVersion')} {manifest.get('kind')} is not a kind Vern uses"
        schema = {**json.loads((SCHEMAS / schema_file).read_text()), "$id": f"{SCHEMA_BASE}{schema_file}"}
        registry = referencing.Registry().with_resource(f"{SCHEMA_BASE}_definitions.json", definitions)
        errors = sorted(jsonschema.Draft202012Validator(schema, registry=registry).iter_errors(manifest),
                        key=lambda error: list(error.path))
        assert not errors, f"{name}: " + "; ".join(f"{'/'.join(map(str, e.path))}: {e.message[:200]}"
                                                   for e in errors)
        assert manifest["metadata"]["name"].startswith("vern-")


def test_one_deployment_per_service_running_its_module_with_replicas(deployments, manifests):
    assert sorted(deployments) == sorted(VERN)
    compose = yaml.load((ROOT / "docker-compose.yml").read_text(), Loader=ComposeLoader)["services"]
    for service, deployment in deployments.items():
        assert deployment["metadata"]["name"] == f"vern-{dns_name(service)}"
        assert container(deployment)["args"] == [
            "nameko", "run", "--config", "deploy/config.yaml", f"services.{service}.service"]
        assert named_modules(compose)[service] == container(deployment)["args"][-1]  # same as compose
        assert deployment["spec"]["replicas"] == SCALED.get(service, 1), service
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()


def test_the_bootstrap_job_mirrors_compose_and_runs_once(manifests):
    (job,) = [m for m in manifests.values() if m["kind"] == "Job"]
    command = " ".join(container(job)["args"])
    assert command.index("vern migrate") < command.index("vern broker users --api") \
        < command.index("vern bootstrap") < command.index("vern directory load")
    assert job["spec"]["template"]["spec"]["restartPolicy"] in ("OnFailure", "Never")
    env = {entry["name"]: entry for entry in container(job)["env"]}
    assert env["RABBIT_PASSWORD"]["valueFrom"]["secretKeyRef"] == {"name": "vern-broker-admin", "key": "password"}
    for service in VERN:  # it creates every broker user, so it alone holds every password
        assert env[f"VERN_BROKER_PASSWORD_{service.upper()}"]["valueFrom"]["secretKeyRef"]["name"] == \
            f"vern-broker-{dns_name(service)}"


def test_the_gateway_is_probed_on_its_health_and_reached_through_a_service(deployments, manifests):
    gateway = container(deployments["gateway"])
    port = {p["name"]: p["containerPort"] for p in gateway["ports"]}["http"]
    for probe in ("readinessProbe", "livenessProbe"):
        assert gateway[probe]["httpGet"] == {"path": "/api/v1/health", "port": "http"}
    assert {e["name"]: e.get("value") for e in gateway["env"]}["GATEWAY_ADDRESS"] == f"0.0.0.0:{port}"
    (service,) = [m for m in manifests.values() if m["kind"] == "Service"]
    assert service["spec"]["ports"][0]["targetPort"] == "http"
    assert service["spec"]["selector"].items() <= deployments["gateway"]["spec"]["template"]["metadata"]["labels"].items()
    for name, deployment in deployments.items():  # nameko services serve no HTTP: no probe (the manifest says why)
        if name != "gateway":
            assert not {"readinessProbe", "livenessProbe"} & set(container(deployment)), name


def test_containers_are_limited_non_root_and_read_only(manifests):
    uid = int(re.search(r"useradd [^\n]*--uid (\d+)", (ROOT / "deploy" / "Dockerfile").read_text()).group(1))
    for name, workload in manifests.items():
        if workload["kind"] not in ("Deployment", "Job"):
            continue
        pod = workload["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] == uid, name
        assert pod["automountServiceAccountToken"] is False, name
        spec = container(workload)
        assert spec["image"] == "vern", name
        assert spec["securityContext"]["readOnlyRootFilesystem"] is True, name
        assert spec["securityContext"]["allowPrivilegeEscalation"] is False, name
        assert {"/tmp"} <= {mount["mountPath"] for mount in spec["volumeMounts"]}, name  # the one writable place
        for kind in ("requests", "limits"):
            assert {"cpu", "memory"} <= set(spec["resources"][kind]), f"{name}: {kind}"


def test_the_image_is_tagged_with_the_version(kustomization):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    (image,) = kustomization["images"]
    assert image["name"] == "vern" and image["newTag"] == version


def test_every_secret_and_config_reference_resolves_and_no_secret_is_in_the_repository(manifests):
    secrets = declared_secrets()
    keys = configmap_keys(manifests)
    for name, manifest in manifests.items():
        assert manifest["kind"] != "Secret", f"{name}: Secrets are created by create-secrets.sh, not kept here"
        if manifest["kind"] not in ("Deployment", "Job"):
            continue
        for entry in container(manifest).get("env", []):
            ref = entry.get("valueFrom", {}).get("secretKeyRef")
            if ref:
                assert ref["key"] in secrets.get(ref["name"], ()), f"{name}: {entry['name']} -> {ref}"
            elif re.search(r"PASSWORD|SECRET|DATABASE_URL", entry["name"]):
                pytest.fail(f"{name}: {entry['name']} must come from a Secret, not a value")
        for source in container(manifest).get("envFrom", []):
            assert source["configMapRef"]["name"] == "vern-config"
    assert not [key for key in keys if re.search(r"PASSWORD|SECRET|DATABASE_URL", key)]
    commands = "\n".join(line for line in (FOLDER / "create-secrets.sh").read_text().splitlines()
                         if not line.lstrip().startswith("#"))
    assert not re.search(r"--from-literal=[\w-]+=(?![\"']?\$)", commands), "every value comes from a variable"


def test_each_service_connects_to_the_broker_as_its_own_user(deployments):
    for service, deployment in deployments.items():
        env = {entry["name"]: entry for entry in container(deployment)["env"]}
        assert env["RABBIT_USER"]["value"] == user_name(service)
        assert env["RABBIT_PASSWORD"]["valueFrom"]["secretKeyRef"] == {
            "name": f"vern-broker-{dns_name(service)}", "key": "password"}
        brokers = {e["valueFrom"]["secretKeyRef"]["name"] for e in env.values()
                   if e.get("valueFrom", {}).get("secretKeyRef", {}).get("name", "").startswith("vern-broker-")}
        assert brokers == {f"vern-broker-{dns_name(service)}"}, f"{service} holds another broker password"


def test_each_container_gets_the_variables_compose_gives_it(deployments, manifests):
    """Compose and Kubernetes are two spellings of one deployment: a variable added to one must reach the other."""
    compose = yaml.load((ROOT / "docker-compose.yml").read_text(), Loader=ComposeLoader)["services"]
    (job,) = [m for m in manifests.values() if m["kind"] == "Job"]
    for service, workload in [*deployments.items(), ("bootstrap", job)]:
        in_compose = set(compose[service]["environment"])
        in_kubernetes = env_names(workload, manifests)
        assert in_compose == in_kubernetes, (
            f"{service}: only in compose {sorted(in_compose - in_kubernetes)}, "
            f"only in Kubernetes {sorted(in_kubernetes - in_compose)}")


def secret_refs(workload: dict) -> dict:
    """variable -> (Secret, key) of a container's env taken from Secrets."""
    return {entry["name"]: (entry["valueFrom"]["secretKeyRef"]["name"], entry["valueFrom"]["secretKeyRef"]["key"])
            for entry in container(workload).get("env", []) if "secretKeyRef" in entry.get("valueFrom", {})}


def test_each_service_holds_its_own_database_url_only(deployments, manifests):
    for service, deployment in deployments.items():
        urls = {name: ref for name, ref in secret_refs(deployment).items() if name.endswith("_DATABASE_URL")}
        expected = {} if service == "gateway" else {
            f"{service.upper()}_DATABASE_URL": ("vern-databases", f"{service.upper()}_DATABASE_URL")}
        assert urls == expected, service
        assert "VERN_DATABASE_ADMIN_URL" not in secret_refs(deployment), service
    (job,) = [m for m in manifests.values() if m["kind"] == "Job"]
    refs = secret_refs(job)
    assert {f"{name.upper()}_DATABASE_URL" for name in SERVICE_NAMES} <= set(refs)
    assert refs["VERN_DATABASE_ADMIN_URL"] == ("vern-database-admin", "url")
    command = " ".join(container(job)["args"])
    assert command.index("vern database roles") < command.index("vern migrate")


def test_mail_and_the_public_address_reach_the_services(deployments, manifests, monkeypatch):
    """From the ConfigMap to every container's settings; the mail password to notifications alone."""
    (config,) = [m for m in manifests.values() if m["kind"] == "ConfigMap"]
    data = {**config["data"], "VERN_PUBLIC_BASE_URL": "https://vern.kommune.example", "SMTP_HOST": "smtp.kommune.example"}
    for service, deployment in deployments.items():
        env = {**data, **{entry["name"]: entry["value"] for entry in container(deployment)["env"] if "value" in entry}}
        refs = secret_refs(deployment)
        for name, (secret, key) in refs.items():
            env[name] = f"postgresql+psycopg2://vern_{service}:pw@db:5432/vern_{service}" \
                if name.endswith("_DATABASE_URL") else f"{secret}-{key}-" + "x" * 32
        if service == "notifications":
            assert refs["SMTP_PASSWORD"] == ("vern-smtp", "password")
            assert {"name": "vern-smtp", "key": "password", "optional": True} in [
                e["valueFrom"]["secretKeyRef"] for e in container(deployment)["env"] if e["name"] == "SMTP_PASSWORD"]
        else:
            assert "SMTP_PASSWORD" not in refs, service
        loaded = container_settings(monkeypatch, env)
        assert loaded.public_base_url == "https://vern.kommune.example", service
        assert (loaded.smtp.host, loaded.smtp.port, loaded.smtp.starttls) == ("smtp.kommune.example", 587, True)
        assert (loaded.smtp.password is not None) == (service == "notifications"), service


def test_create_secrets_gives_each_service_a_role_and_database_of_its_own(tmp_path):
    """create-secrets.sh against a stand-in kubectl that records what it is asked to create."""
    kubectl = tmp_path / "kubectl"
    kubectl.write_text('#!/bin/sh\n[ "$3" = get ] && exit 1\nprintf "%s\\n" "$@" >> "$KUBECTL_LOG"; echo ---'
                       ' >> "$KUBECTL_LOG"\n')
    kubectl.chmod(kubectl.stat().st_mode | stat.S_IEXEC)
    log = tmp_path / "created"

    def created(**variables) -> dict:
        log.write_text("")
        env = {"PATH": f"{tmp_path}:{os.environ['PATH']}", "KUBECTL_LOG": str(log), "RABBIT_ADMIN_PASSWORD": "r" * 20,
               "DATABASE_ADMIN_URL": "postgresql://postgres:admin-pw@db.internal:5432/postgres",
               "DATABASE_HOST": "db.internal:5432", **variables}
        subprocess.run(["sh", str(FOLDER / "create-secrets.sh")], env=env, check=True, capture_output=True, timeout=60)
        secrets = {}
        for block in log.read_text().split("---\n"):
            words = block.split()
            if words:
                secrets[words[words.index("generic") + 1]] = dict(
                    word.removeprefix("--from-literal=").split("=", 1) for word in words if word.startswith("--from-literal="))
        return secrets

    secrets = created()
    assert secrets["vern-database-admin"] == {"url": "postgresql://postgres:admin-pw@db.internal:5432/postgres"}
    urls = {name: secrets["vern-databases"][f"{name.upper()}_DATABASE_URL"] for name in SERVICE_NAMES}
    roles = service_roles(urls, "postgres")
    assert [(r.service, r.role, r.database) for r in roles] == [(n, f"vern_{n}", f"vern_{n}") for n in SERVICE_NAMES]
    assert len({r.password for r in roles}) == len(roles) and all(len(r.password) >= 32 for r in roles)
    assert {make_url(url).host for url in urls.values()} == {"db.internal"}
    assert "vern-smtp" not in secrets  # a mail server without login
    assert created(SMTP_PASSWORD="smtp-pw")["vern-smtp"] == {"password": "smtp-pw"}
