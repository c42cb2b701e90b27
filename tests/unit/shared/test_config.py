import pytest

from shared.config import DEFAULT_CONFIG_FILE, SERVICE_NAMES, ConfigError, load_config, settings


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


BASE = {"AMQP_URI": "amqp://guest:guest@127.0.0.1:5672/", "JWT_SECRET": "k" * 40}


def test_production_refuses_the_public_demo_secret_with_a_clear_message():
    from shared.config import DEMO_JWT_SECRET

    with pytest.raises(ConfigError, match="production mode refuses to start: JWT_SECRET is the public demo secret"):
        settings({**BASE, "JWT_SECRET": DEMO_JWT_SECRET})
    with pytest.raises(ConfigError, match="JWT_SECRET: is required"):
        settings({"AMQP_URI": BASE["AMQP_URI"]})
    assert settings({"AMQP_URI": BASE["AMQP_URI"], "MODE": "demo"}).jwt_secret == DEMO_JWT_SECRET


def test_production_refuses_example_passwords_naming_where():
    with pytest.raises(ConfigError, match=r"AMQP_URI uses the example password 'vern'"):
        settings({**BASE, "AMQP_URI": "amqp://vern:vern@broker:5672/"})
    with pytest.raises(ConfigError, match=r"DATABASES.risk uses the example password"):
        settings({**BASE, "DATABASES": {"risk": "postgresql+psycopg2://vern:vern@db/vern_risk"}})
    assert settings({**BASE, "MODE": "demo", "AMQP_URI": "amqp://vern:vern@broker:5672/"})


def test_the_secret_can_come_from_a_file(tmp_path):
    secret = tmp_path / "jwt"
    secret.write_text("s" * 48 + "\n")
    assert settings({"AMQP_URI": BASE["AMQP_URI"], "JWT_SECRET_FILE": str(secret)}).jwt_secret == "s" * 48
    with pytest.raises(ConfigError, match="JWT_SECRET_FILE: cannot be read"):
        settings({"AMQP_URI": BASE["AMQP_URI"], "JWT_SECRET_FILE": str(tmp_path / "missing")})


def test_nameko_run_with_the_demo_secret_in_production_stops_with_the_message(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    import yaml

    from shared.config import DEMO_JWT_SECRET, ROOT

    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump({**BASE, "JWT_SECRET": DEMO_JWT_SECRET,
                                      "DATABASES": {"incidents": f"sqlite:///{tmp_path / 'i.db'}"}}))
    started = subprocess.run([str(Path(sys.executable).with_name("nameko")), "run", "--config", str(config),
                              "services.incidents.service"], cwd=ROOT, capture_output=True, text=True, timeout=60,
                             env={"PATH": "/usr/bin:/bin", "PYTHONWARNINGS": "ignore"})
    assert started.returncode != 0
    assert "production mode refuses to start: JWT_SECRET is the public demo secret" in started.stderr + started.stdout


def test_audit_entries_are_kept_forever_unless_a_retention_of_at_least_a_year_is_set():
    assert settings(BASE).audit_retention_days is None
    assert settings({**BASE, "AUDIT_RETENTION_DAYS": 3650}).audit_retention_days == 3650
    with pytest.raises(ConfigError, match="AUDIT_RETENTION_DAYS: must be at least 365 days"):
        settings({**BASE, "AUDIT_RETENTION_DAYS": 90})


def test_the_audit_checkpoint_key_is_its_own_or_derived_from_the_jwt_secret_never_the_secret_itself():
    derived = settings(BASE).audit_checkpoint_key
    assert len(derived) == 32 and BASE["JWT_SECRET"].encode() not in derived
    assert settings({**BASE, "JWT_SECRET": "t" * 40}).audit_checkpoint_key != derived
    own = "c" * 40
    assert settings({**BASE, "AUDIT_CHECKPOINT_KEY": own}).audit_checkpoint_key == own.encode()
    assert settings({**BASE, "AUDIT_CHECKPOINT_KEY": own, "JWT_SECRET": "t" * 40}).audit_checkpoint_key == own.encode()
    with pytest.raises(ConfigError, match="AUDIT_CHECKPOINT_KEY: must be at least 32 characters"):
        settings({**BASE, "AUDIT_CHECKPOINT_KEY": "short"})
    assert settings(BASE).audit_checkpoint_seconds == 3600


def test_the_deployed_services_come_from_vern_services_as_a_list_or_names(monkeypatch):
    """An operator deploys a subset with one environment variable; unset means every service."""
    monkeypatch.setenv("VERN_JWT_SECRET", "k" * 40)
    monkeypatch.delenv("VERN_SERVICES", raising=False)
    assert settings(load_config(DEFAULT_CONFIG_FILE)).services == SERVICE_NAMES
    for value in ("incidents,reporting", "incidents reporting", "[incidents, reporting]"):
        monkeypatch.setenv("VERN_SERVICES", value)
        assert settings(load_config(DEFAULT_CONFIG_FILE)).services == ("incidents", "reporting")
    monkeypatch.setenv("VERN_SERVICES", "privacy_register,registry")
    with pytest.raises(ConfigError, match="SERVICES"):
        load_config(DEFAULT_CONFIG_FILE)


def test_the_webhook_allow_list_comes_from_the_environment_and_is_checked(monkeypatch):
    from shared.allowed_targets import parse_allowed_target

    monkeypatch.setenv("VERN_JWT_SECRET", "k" * 40)
    assert settings(load_config(DEFAULT_CONFIG_FILE)).webhooks.allowed_targets == ()
    monkeypatch.setenv("WEBHOOK_ALLOWED_TARGETS", "sak.intern.kommune.no, 10.20.0.0/16:443")
    assert settings(load_config(DEFAULT_CONFIG_FILE)).webhooks.allowed_targets == (
        parse_allowed_target("sak.intern.kommune.no"), parse_allowed_target("10.20.0.0/16:443"))
    with pytest.raises(ConfigError, match="WEBHOOK_ALLOWED_TARGETS.*port"):
        settings({**BASE, "WEBHOOK_ALLOWED_TARGETS": ["10.0.0.1:http"]})


def test_the_event_source_is_a_uri_naming_the_installation_by_default_its_public_address():
    assert settings({**BASE, "PUBLIC_BASE_URL": "https://vern.oslo.kommune.no/"}).event_source == \
        "https://vern.oslo.kommune.no"
    for uri in ("urn:vern:oslo", "https://vern.example.kommune.no/"):
        assert settings({**BASE, "EVENT_SOURCE": uri}).event_source == uri.rstrip("/")
    for not_a_uri in ("vern", "/incidents", "vern oslo:x"):
        with pytest.raises(ConfigError, match="EVENT_SOURCE: must be an absolute URI"):
            settings({**BASE, "EVENT_SOURCE": not_a_uri})


def test_tokens_live_at_most_twelve_hours_unless_configured_and_the_ttl_must_fit():
    assert settings(BASE).jwt_max_lifetime_seconds == 12 * 3600
    assert settings({**BASE, "JWT_MAX_LIFETIME_SECONDS": 3600, "JWT_TTL_SECONDS": 3600}).jwt_max_lifetime_seconds == 3600
    with pytest.raises(ConfigError, match="JWT_TTL_SECONDS: must not exceed JWT_MAX_LIFETIME_SECONDS"):
        settings({**BASE, "JWT_TTL_SECONDS": 13 * 3600})
