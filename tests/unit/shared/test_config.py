import pytest

from shared.config import DEFAULT_CONFIG_FILE, ConfigError, load_config, settings


def test_environment_overrides_the_yaml(monkeypatch):
    monkeypatch.setenv("VERN_JWT_SECRET", "k" * 40)
    monkeypatch.setenv("RABBIT_HOST", "broker.internal")
    monkeypatch.setenv("INCIDENTS_DATABASE_URL", "postgresql+psycopg2://vern@db/vern_incidents")
    config = load_config(DEFAULT_CONFIG_FILE)
    assert config["AMQP_URI"].startswith("amqp://guest:guest@broker.internal:5672/")
    assert settings(config).database_url("incidents") == "postgresql+psycopg2://vern@db/vern_incidents"
    assert settings(config).database_url("reporting").startswith("sqlite:///")
    assert settings(config).database_url("reporting").endswith("var/reporting.db")


def test_a_missing_secret_stops_start_up_naming_the_key(monkeypatch):
    monkeypatch.delenv("VERN_JWT_SECRET", raising=False)
    with pytest.raises(ConfigError, match="JWT_SECRET"):
        load_config(DEFAULT_CONFIG_FILE)


def test_a_malformed_database_url_is_named():
    with pytest.raises(ConfigError, match="DATABASES"):
        settings({"AMQP_URI": "amqp://x", "JWT_SECRET": "k" * 40, "DATABASES": {"incidents": "mysql://x"}})


def test_incident_categories_are_configurable_and_checked():
    base = {"AMQP_URI": "amqp://x", "JWT_SECRET": "k" * 40}
    assert settings(base).incident_categories is None  # Vern's default list applies
    assert settings({**base, "INCIDENT_CATEGORIES": ["phishing", "sabotage"]}).incident_categories == (
        "phishing", "sabotage")
    with pytest.raises(ConfigError, match="INCIDENT_CATEGORIES"):
        settings({**base, "INCIDENT_CATEGORIES": ["Not A Slug"]})
