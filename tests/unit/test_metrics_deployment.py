"""The metrics ports as docker-compose.yml, the Kubernetes manifests, deploy/prometheus.yml and
deploy/config.yaml spell them: all four must agree with shared.metrics' offsets."""
from pathlib import Path

import yaml

from shared.config import load_config, settings
from shared.metrics import PORT_OFFSETS, metrics_port
from tests.unit.test_compose import ComposeLoader
from tests.unit.test_kubernetes import FOLDER, container, dns_name

ROOT = Path(__file__).resolve().parents[2]
BASE_PORT = 9100


def load(path: Path):
    return yaml.load(path.read_text(), Loader=ComposeLoader)


def test_config_reads_the_metrics_port_and_host_from_the_environment(monkeypatch):
    monkeypatch.setenv("VERN_JWT_SECRET", "k" * 40)
    monkeypatch.delenv("VERN_METRICS_PORT", raising=False)
    assert settings(load_config(ROOT / "deploy" / "config.yaml")).metrics_port is None  # off unless asked
    monkeypatch.setenv("VERN_METRICS_PORT", "9200")
    monkeypatch.setenv("VERN_METRICS_HOST", "0.0.0.0")
    loaded = settings(load_config(ROOT / "deploy" / "config.yaml"))
    assert (loaded.metrics_port, loaded.metrics_host) == (9200, "0.0.0.0")


def test_compose_exposes_each_service_port_and_listens_beyond_the_container():
    services = load(ROOT / "docker-compose.yml")["services"]
    for name in PORT_OFFSETS:
        env = services[name]["environment"]
        assert env["VERN_METRICS_PORT"] == "${VERN_METRICS_PORT:-%s}" % BASE_PORT, name
        assert env["VERN_METRICS_HOST"] == "0.0.0.0", name
        assert services[name]["expose"] == [str(metrics_port(BASE_PORT, name))], name


def test_each_kubernetes_pod_announces_its_metrics_port_to_prometheus():
    configmap = load(FOLDER / "configmap.yaml")
    assert configmap["data"]["VERN_METRICS_PORT"] == str(BASE_PORT)
    assert configmap["data"]["VERN_METRICS_HOST"] == "0.0.0.0"
    for name in PORT_OFFSETS:
        deployment = load(FOLDER / f"{dns_name(name)}.yaml")
        annotations = deployment["spec"]["template"]["metadata"]["annotations"]
        port = metrics_port(BASE_PORT, name)
        assert annotations == {"prometheus.io/scrape": "true", "prometheus.io/port": str(port),
                               "prometheus.io/path": "/metrics"}, name
        assert {"name": "metrics", "containerPort": port} in container(deployment)["ports"], name


def test_the_example_scrape_config_names_every_compose_container_at_its_port():
    (static, kubernetes) = load(ROOT / "deploy" / "prometheus.yml")["scrape_configs"]
    targets = [target for group in static["static_configs"] for target in group["targets"]]
    assert sorted(targets) == sorted(f"{name}:{metrics_port(BASE_PORT, name)}" for name in PORT_OFFSETS)
    assert static["metrics_path"] == "/metrics"
    assert kubernetes["kubernetes_sd_configs"] == [{"role": "pod"}]
