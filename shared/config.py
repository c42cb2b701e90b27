"""Configuration: nameko YAML with ${VAR:default} environment overrides, validated once.

`nameko run --config` loads the YAML itself; services read Vern's keys through
`settings(config)` so a missing secret or a malformed URL stops start-up with a
message naming the key, not a stack trace at the first request.
"""
import hashlib
import hmac
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from marshmallow import INCLUDE, ValidationError, fields, validate, validates_schema

from shared.allowed_targets import AllowedTarget, parse_allowed_target
from shared.oidc_config import OidcConfigSchema, OidcSettings, oidc_production_problems, oidc_settings

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG_FILE = ROOT / "deploy" / "config.yaml"
# Where the wheel puts deploy/config.yaml (pyproject's data-files): a Vern installed without the
# checkout finds the same config, read through the same environment overrides.
INSTALLED_CONFIG_FILE = Path(sys.prefix) / "share" / "vern" / "config.yaml"
# webhooks is optional like every service: it forwards every event to the HTTPS endpoints agencies register
SERVICE_NAMES = ("incidents", "risk", "privacy_register", "training", "reporting", "webhooks")


def var_dir() -> Path:
    """Where the embedded SQLite databases live: var/ in the checkout unless VERN_VAR_DIR says."""
    return Path(os.environ.get("VERN_VAR_DIR") or ROOT / "var")


class ConfigError(Exception):
    pass


MODES = ("demo", "production")
# The longest a token Vern issues itself may live (exp - iat); a longer one is refused (401).
DEFAULT_JWT_MAX_LIFETIME_SECONDS = 12 * 3600
# The secret demo mode falls back on when none is configured: public, so production refuses it.
DEMO_JWT_SECRET = "vern-demo-secret-public-never-use-in-production"
# Passwords that ship in examples (docker-compose's old defaults): production refuses URLs carrying them.
DEFAULT_PASSWORDS = ("vern", "changeme", "password")


class ServiceListField(fields.List):
    """A YAML list, or the comma- or space-separated names an environment variable carries
    (`VERN_SERVICES=incidents,reporting`): nameko reads `${VERN_SERVICES:}` as a plain string."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            value = [name for name in value.replace(",", " ").split() if name]
        return super()._deserialize(value, attr, data, **kwargs)


class AllowedTargetField(fields.String):
    """One entry of an allow-list of internal receivers, parsed (shared/allowed_targets.py)."""

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return parse_allowed_target(super()._deserialize(value, attr, data, **kwargs))
        except ValueError as error:
            raise ValidationError(str(error)) from None


class VernConfigSchema(OidcConfigSchema):  # the OIDC_* keys of single sign-on come from there
    class Meta:
        unknown = INCLUDE  # nameko's own keys (max_workers, serializer, ...) pass through

    AMQP_URI = fields.String(required=True, validate=validate.Regexp(r"^amqps?://"))
    MODE = fields.String(load_default="production", validate=validate.OneOf(MODES),
                         metadata={"description": "demo (built-in demo secret allowed) or production"})
    JWT_SECRET = fields.String(
        load_default=None,
        validate=validate.Length(min=32, error="must be at least 32 characters (set VERN_JWT_SECRET)"),
    )
    JWT_SECRET_FILE = fields.String(load_default=None, allow_none=True,
                                    metadata={"description": "a file holding the secret (Docker/Kubernetes secrets)"})
    JWT_TTL_SECONDS = fields.Integer(load_default=8 * 3600, validate=validate.Range(min=60),
                                     metadata={"description": "lifetime of the tokens `vern token` issues"})
    JWT_MAX_LIFETIME_SECONDS = fields.Integer(
        load_default=DEFAULT_JWT_MAX_LIFETIME_SECONDS, validate=validate.Range(min=60, max=31 * 86400),
        metadata={"description": "the longest lifetime (exp - iat) a Vern token may have; longer ones are refused"})
    DATABASES = fields.Dict(
        keys=fields.String(validate=validate.OneOf(SERVICE_NAMES)),
        values=fields.String(validate=validate.Regexp(r"^(sqlite|postgresql)[+a-z0-9]*://")),
        load_default=dict,
    )
    OUTBOX_POLL_SECONDS = fields.Float(load_default=1.0, validate=validate.Range(min=0.01, max=60))
    RPC_TIMEOUT_SECONDS = fields.Float(load_default=10.0, validate=validate.Range(min=0.1, max=300))
    HEALTH_TIMEOUT_SECONDS = fields.Float(load_default=1.0, validate=validate.Range(min=0.1, max=30))
    DIRECTORY_FILE = fields.String(
        load_default=None, allow_none=True,
        metadata={"description": "the agency directory (YAML); tokens are accepted only for its agencies"})
    INCIDENT_CATEGORIES = fields.List(
        fields.String(validate=validate.Regexp(r"^[a-z][a-z0-9_]{1,59}$", error="must be a lower-case slug")),
        load_default=None, validate=validate.Length(min=1),
        metadata={"description": "incident categories offered to reporters (default: Vern's list)"})
    DEADLINE_CHECK_SECONDS = fields.Float(load_default=60.0, validate=validate.Range(min=0.05, max=3600))
    PRIVACY_FOLLOWUP_SECONDS = fields.Float(
        load_default=3600.0, validate=validate.Range(min=0.05, max=86400),
        metadata={"description": "how often the privacy register looks for processor agreements about to expire"})
    RISK_FOLLOWUP_SECONDS = fields.Float(
        load_default=300.0, validate=validate.Range(min=0.05, max=86400),
        metadata={"description": "how often risk looks for overdue measures and expired acceptances"})
    TRAINING_FOLLOWUP_SECONDS = fields.Float(
        load_default=3600.0, validate=validate.Range(min=0.05, max=86400),
        metadata={"description": "how often training launches and ends campaigns, sends reminders and "
                                 "looks for overdue mandatory training"})
    DOCUMENT_FOLLOWUP_SECONDS = fields.Float(
        load_default=3600.0, validate=validate.Range(min=0.05, max=86400),
        metadata={"description": "how often reporting looks for governing documents overdue for review"})
    CAMPAIGN_SUGGESTION_THRESHOLD = fields.Integer(
        load_default=3, validate=validate.Range(min=2, max=100),
        metadata={"description": "closed incidents of one category that suggest a campaign on it"})
    CAMPAIGN_SUGGESTION_WINDOW_DAYS = fields.Integer(
        load_default=30, validate=validate.Range(min=1, max=366),
        metadata={"description": "within how many days those incidents must have been closed"})
    DELIVERY_POLL_SECONDS = fields.Float(load_default=5.0, validate=validate.Range(min=0.05, max=3600),
                                         metadata={"description": "how often reporting sends due messages"})
    PUBLIC_BASE_URL = fields.Url(load_default="http://127.0.0.1:8000", require_tld=False,
                                 metadata={"description": "the gateway as recipients reach it (acknowledgement links)"})
    EVENT_SOURCE = fields.String(
        load_default=None, allow_none=True,
        validate=validate.Regexp(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$",
                                 error="must be an absolute URI naming this installation, e.g. "
                                       "https://vern.example.kommune.no or urn:vern:oslo"),
        metadata={"description": "URI naming this installation: the CloudEvents source of its events is "
                                 "<EVENT_SOURCE>/<service> (default: PUBLIC_BASE_URL)"})
    SMTP_HOST = fields.String(load_default=None, allow_none=True,
                              metadata={"description": "mail server; without it e-mail waits and is retried"})
    SMTP_PORT = fields.Integer(load_default=587, validate=validate.Range(min=1, max=65535))
    SMTP_STARTTLS = fields.Boolean(load_default=True)
    SMTP_USER = fields.String(load_default=None, allow_none=True)
    SMTP_PASSWORD = fields.String(load_default=None, allow_none=True)
    SMTP_FROM = fields.Email(load_default="vern@localhost.localdomain")
    SMTP_TIMEOUT_SECONDS = fields.Float(load_default=10.0, validate=validate.Range(min=0.1, max=300))
    WEBHOOK_TIMEOUT_SECONDS = fields.Float(load_default=10.0, validate=validate.Range(min=0.1, max=300))
    TLS_CA_BUNDLE = fields.String(load_default=None, allow_none=True,
                                  metadata={"description": "CA file trusted for SMTP STARTTLS and webhooks "
                                                           "(default: the system's)"})
    WEBHOOK_POLL_SECONDS = fields.Float(load_default=5.0, validate=validate.Range(min=0.05, max=3600),
                                        metadata={"description": "how often the webhooks service sends due deliveries"})
    WEBHOOK_RETRY_SECONDS = fields.Float(
        load_default=30.0, validate=validate.Range(min=0.05, max=3600),
        metadata={"description": "wait before the first retry of a failed event delivery; doubles, at most 1 h"})
    WEBHOOK_MAX_ATTEMPTS = fields.Integer(load_default=10, validate=validate.Range(min=1, max=100),
                                          metadata={"description": "attempts of one event delivery before it fails"})
    WEBHOOK_MAX_AGE_HOURS = fields.Float(
        load_default=24.0, validate=validate.Range(min=0.01, max=24 * 14),
        metadata={"description": "an event delivery not made within this long fails, whatever its attempts"})
    WEBHOOK_DISABLE_AFTER_FAILURES = fields.Integer(
        load_default=5, validate=validate.Range(min=1, max=1000),
        metadata={"description": "failed deliveries in a row after which a subscription is disabled"})
    WEBHOOK_SECRET_OVERLAP_HOURS = fields.Float(
        load_default=24.0, validate=validate.Range(min=0, max=24 * 30),
        metadata={"description": "how long after a rotation deliveries are signed with the old secret too"})
    WEBHOOK_ALLOW_HTTP_LOCALHOST = fields.Boolean(
        load_default=False,
        metadata={"description": "accept http:// subscription URLs on 127.0.0.1/localhost (tests; demo mode "
                                 "always does)"})
    WEBHOOK_ALLOWED_TARGETS = ServiceListField(
        AllowedTargetField(), load_default=list,
        metadata={"description": "internal receivers webhooks may reach although their address is not public: "
                                 "host names, addresses or networks, each with an optional port "
                                 "(sak.intern.kommune.no, 10.20.0.0/16, 10.1.2.3:8443)"})
    EVENT_MAX_ATTEMPTS = fields.Integer(
        load_default=5, validate=validate.Range(min=1, max=100),
        metadata={"description": "failed handlings of one event before it is parked as a dead letter"})
    EVENT_RETRY_SECONDS = fields.Float(
        load_default=1.0, validate=validate.Range(min=0.01, max=60),
        metadata={"description": "wait before the first redelivery of an event whose handler failed; "
                                 "doubles per attempt, at most 30 s"})
    DATABASE_POOL_SIZE = fields.Integer(
        load_default=10, validate=validate.Range(min=1, max=100),
        metadata={"description": "PostgreSQL connections a service process keeps open (each of its N instances)"})
    DATABASE_MAX_OVERFLOW = fields.Integer(
        load_default=10, validate=validate.Range(min=0, max=100),
        metadata={"description": "connections a busy process may open beyond the pool, closed when returned"})
    PUBLIC_RATE_LIMIT_PER_MINUTE = fields.Integer(
        load_default=60, validate=validate.Range(min=1, max=100_000),
        metadata={"description": "requests a client address may make per minute to routes without a token"})
    AUDIT_RETENTION_DAYS = fields.Integer(
        load_default=None, allow_none=True,
        validate=validate.Range(min=365, error="must be at least 365 days: audit entries are records under the "
                                               "archive duty, kept as long as the agency's archive plan says"),
        metadata={"description": "days audit entries are kept before pruning (default: kept forever)"})
    AUDIT_CHECKPOINT_KEY = fields.String(
        load_default=None, allow_none=True,
        validate=validate.Length(min=32, error="must be at least 32 characters"),
        metadata={"description": "HMAC key signing the audit chains' checkpoints and prunes (default: derived "
                                 "from JWT_SECRET); keep it when the JWT secret is rotated"})
    AUDIT_CHECKPOINT_SECONDS = fields.Float(
        load_default=3600.0, validate=validate.Range(min=0.05, max=86400),
        metadata={"description": "how often a service publishes a signed checkpoint of its audit chain's head "
                                 "(only when the chain grew)"})
    SIGN_IN_RATE_LIMIT_PER_MINUTE = fields.Integer(
        load_default=600, validate=validate.Range(min=1, max=100_000),
        metadata={"description": "sign-ins (each of /auth/login and /auth/callback) a client address may "
                                 "start per minute; many users may share one address"})
    METRICS_PORT = fields.Integer(
        load_default=None, allow_none=True,
        validate=validate.Range(min=1, max=65535 - len(SERVICE_NAMES),
                                error="must be between {min} and {max}: each service serves on its own port above it"),
        metadata={"description": "first port of the Prometheus /metrics endpoints, one per service "
                                 "(docs/operations.md: Metrics); empty: no metrics served"})
    METRICS_HOST = fields.String(
        load_default="127.0.0.1", validate=validate.Length(min=1),
        metadata={"description": "address the /metrics endpoints listen on (0.0.0.0 in a container)"})
    SERVICES = ServiceListField(fields.String(validate=validate.OneOf(SERVICE_NAMES)), load_default=None,
                                metadata={"description": "the services this deployment runs (default: all); "
                                                         "VERN_SERVICES=incidents,reporting"})

    @validates_schema
    def tokens_live_at_most_the_maximum(self, data, **kwargs):
        ttl, longest = data.get("JWT_TTL_SECONDS"), data.get("JWT_MAX_LIFETIME_SECONDS")
        if ttl is not None and longest is not None and ttl > longest:
            raise ValidationError({"JWT_TTL_SECONDS": [
                f"must not exceed JWT_MAX_LIFETIME_SECONDS ({longest}): such tokens would be refused"]})


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    starttls: bool
    user: str | None
    password: str | None
    sender: str
    timeout_seconds: float


@dataclass(frozen=True)
class WebhookSettings:
    """The webhooks service: how often, how long and how persistently it delivers events."""
    poll_seconds: float = 5.0
    retry_seconds: float = 30.0
    max_attempts: int = 10
    max_age_hours: float = 24.0
    disable_after_failures: int = 5
    secret_overlap_hours: float = 24.0
    allow_http_localhost: bool = False
    allowed_targets: tuple[AllowedTarget, ...] = ()


@dataclass(frozen=True)
class Settings:
    amqp_uri: str
    jwt_secret: str
    jwt_ttl_seconds: int
    databases: dict
    outbox_poll_seconds: float
    rpc_timeout_seconds: float
    health_timeout_seconds: float
    directory_file: str | None
    services: tuple
    incident_categories: tuple | None = None
    deadline_check_seconds: float = 60.0
    risk_followup_seconds: float = 300.0
    privacy_followup_seconds: float = 3600.0
    training_followup_seconds: float = 3600.0
    document_followup_seconds: float = 3600.0
    campaign_suggestion_threshold: int = 3
    campaign_suggestion_window_days: int = 30
    delivery_poll_seconds: float = 5.0
    public_base_url: str = "http://127.0.0.1:8000"
    event_source: str = "http://127.0.0.1:8000"  # the installation's URI, source of its events
    smtp: "SmtpSettings | None" = None
    webhook_timeout_seconds: float = 10.0
    tls_ca_bundle: str | None = None
    event_max_attempts: int = 5
    public_rate_limit_per_minute: int = 60
    database_pool_size: int = 10
    database_max_overflow: int = 10
    sign_in_rate_limit_per_minute: int = 600
    event_retry_seconds: float = 1.0
    audit_retention_days: int | None = None
    audit_checkpoint_key: bytes = b""
    audit_checkpoint_seconds: float = 3600.0
    oidc: OidcSettings | None = None  # single sign-on; None: only Vern's own tokens
    jwt_max_lifetime_seconds: int = DEFAULT_JWT_MAX_LIFETIME_SECONDS
    mode: str = "production"
    webhooks: WebhookSettings = WebhookSettings()
    metrics_port: int | None = None  # the first of the services' /metrics ports; None: off
    metrics_host: str = "127.0.0.1"

    @property
    def webhook_poll_seconds(self) -> float:  # for @every, which names a top-level setting
        return self.webhooks.poll_seconds

    def database_url(self, service_name: str) -> str:
        return self.databases.get(service_name) or f"sqlite:///{var_dir() / service_name}.db"


def settings(config: dict) -> Settings:
    try:
        present = {key: value for key, value in config.items() if value not in ("", None)}
        if isinstance(present.get("DATABASES"), dict):  # an unset ${..._DATABASE_URL:} means SQLite
            present["DATABASES"] = {k: v for k, v in present["DATABASES"].items() if v not in ("", None)}
        loaded = VernConfigSchema().load(present)
        loaded["JWT_SECRET"] = _jwt_secret(loaded)
    except ValidationError as error:
        problems = "; ".join(f"{key}: {' '.join(map(str, msgs)) if isinstance(msgs, list) else msgs}"
                             for key, msgs in error.normalized_messages().items())
        raise ConfigError(f"invalid configuration: {problems}") from None
    if loaded["MODE"] == "production":
        refused = production_problems(loaded)
        if refused:
            raise ConfigError("production mode refuses to start: " + "; ".join(refused)
                              + " (VERN_MODE=demo is for demonstrations only)")
    return Settings(
        amqp_uri=loaded["AMQP_URI"],
        jwt_secret=loaded["JWT_SECRET"],
        jwt_ttl_seconds=loaded["JWT_TTL_SECONDS"],
        jwt_max_lifetime_seconds=loaded["JWT_MAX_LIFETIME_SECONDS"],
        databases=loaded["DATABASES"],
        outbox_poll_seconds=loaded["OUTBOX_POLL_SECONDS"],
        rpc_timeout_seconds=loaded["RPC_TIMEOUT_SECONDS"],
        health_timeout_seconds=loaded["HEALTH_TIMEOUT_SECONDS"],
        directory_file=loaded["DIRECTORY_FILE"],
        services=tuple(loaded["SERVICES"] or SERVICE_NAMES),
        incident_categories=tuple(loaded["INCIDENT_CATEGORIES"]) if loaded["INCIDENT_CATEGORIES"] else None,
        deadline_check_seconds=loaded["DEADLINE_CHECK_SECONDS"],
        risk_followup_seconds=loaded["RISK_FOLLOWUP_SECONDS"],
        privacy_followup_seconds=loaded["PRIVACY_FOLLOWUP_SECONDS"],
        training_followup_seconds=loaded["TRAINING_FOLLOWUP_SECONDS"],
        document_followup_seconds=loaded["DOCUMENT_FOLLOWUP_SECONDS"],
        campaign_suggestion_threshold=loaded["CAMPAIGN_SUGGESTION_THRESHOLD"],
        campaign_suggestion_window_days=loaded["CAMPAIGN_SUGGESTION_WINDOW_DAYS"],
        delivery_poll_seconds=loaded["DELIVERY_POLL_SECONDS"],
        public_base_url=loaded["PUBLIC_BASE_URL"].rstrip("/"),
        event_source=(loaded["EVENT_SOURCE"] or loaded["PUBLIC_BASE_URL"]).rstrip("/"),
        smtp=_smtp(loaded),
        webhook_timeout_seconds=loaded["WEBHOOK_TIMEOUT_SECONDS"],
        tls_ca_bundle=loaded["TLS_CA_BUNDLE"],
        event_max_attempts=loaded["EVENT_MAX_ATTEMPTS"],
        public_rate_limit_per_minute=loaded["PUBLIC_RATE_LIMIT_PER_MINUTE"],
        database_pool_size=loaded["DATABASE_POOL_SIZE"],
        database_max_overflow=loaded["DATABASE_MAX_OVERFLOW"],
        sign_in_rate_limit_per_minute=loaded["SIGN_IN_RATE_LIMIT_PER_MINUTE"],
        event_retry_seconds=loaded["EVENT_RETRY_SECONDS"],
        audit_retention_days=loaded["AUDIT_RETENTION_DAYS"],
        audit_checkpoint_key=_audit_checkpoint_key(loaded),
        audit_checkpoint_seconds=loaded["AUDIT_CHECKPOINT_SECONDS"],
        oidc=oidc_settings(loaded, loaded["PUBLIC_BASE_URL"]),
        mode=loaded["MODE"],
        webhooks=WebhookSettings(
            poll_seconds=loaded["WEBHOOK_POLL_SECONDS"], retry_seconds=loaded["WEBHOOK_RETRY_SECONDS"],
            max_attempts=loaded["WEBHOOK_MAX_ATTEMPTS"], max_age_hours=loaded["WEBHOOK_MAX_AGE_HOURS"],
            disable_after_failures=loaded["WEBHOOK_DISABLE_AFTER_FAILURES"],
            secret_overlap_hours=loaded["WEBHOOK_SECRET_OVERLAP_HOURS"],
            # demo mode runs on one machine, where a receiver on localhost rarely has a certificate
            allow_http_localhost=loaded["WEBHOOK_ALLOW_HTTP_LOCALHOST"] or loaded["MODE"] == "demo",
            allowed_targets=tuple(loaded["WEBHOOK_ALLOWED_TARGETS"])),
        metrics_port=loaded["METRICS_PORT"],
        metrics_host=loaded["METRICS_HOST"],
    )


def _jwt_secret(loaded: dict) -> str:
    """The configured secret, else the one in JWT_SECRET_FILE, else (demo mode only) the demo secret."""
    if loaded["JWT_SECRET"]:
        return loaded["JWT_SECRET"]
    if loaded["JWT_SECRET_FILE"]:
        try:
            secret = Path(loaded["JWT_SECRET_FILE"]).read_text().strip()
        except OSError as error:
            raise ValidationError({"JWT_SECRET_FILE": [f"cannot be read: {error.strerror}"]}) from None
        if len(secret) < 32:
            raise ValidationError({"JWT_SECRET_FILE": ["must hold at least 32 characters"]})
        return secret
    if loaded["MODE"] == "demo":
        return DEMO_JWT_SECRET
    raise ValidationError({"JWT_SECRET": ["is required: set VERN_JWT_SECRET or VERN_JWT_SECRET_FILE"]})


def _audit_checkpoint_key(loaded: dict) -> bytes:
    """The key a database writer does not hold: the configured one, else one derived from the JWT secret
    (a label of its own, so that a checkpoint signature is never also a valid token signature)."""
    if loaded["AUDIT_CHECKPOINT_KEY"]:
        return loaded["AUDIT_CHECKPOINT_KEY"].encode()
    return hmac.new(loaded["JWT_SECRET"].encode(), b"vern audit checkpoint", hashlib.sha256).digest()


def production_problems(loaded: dict) -> list[str]:
    """What a production deployment must not run with: the public demo secret, example passwords."""
    problems = []
    if loaded["JWT_SECRET"] == DEMO_JWT_SECRET:
        problems.append("JWT_SECRET is the public demo secret; set your own (VERN_JWT_SECRET or VERN_JWT_SECRET_FILE)")
    urls = {"AMQP_URI": loaded["AMQP_URI"],
            **{f"DATABASES.{name}": url for name, url in loaded["DATABASES"].items()}}
    for key, url in urls.items():
        password = urlsplit(url).password
        if password and password.lower() in DEFAULT_PASSWORDS:
            problems.append(f"{key} uses the example password '{password}'")
    if loaded.get("SMTP_PASSWORD") and loaded["SMTP_PASSWORD"].lower() in DEFAULT_PASSWORDS:
        problems.append("SMTP_PASSWORD is an example password")
    return problems + oidc_production_problems(loaded)


def _smtp(loaded: dict) -> SmtpSettings | None:
    if not loaded["SMTP_HOST"]:
        return None
    return SmtpSettings(host=loaded["SMTP_HOST"], port=loaded["SMTP_PORT"], starttls=loaded["SMTP_STARTTLS"],
                        user=loaded["SMTP_USER"], password=loaded["SMTP_PASSWORD"], sender=loaded["SMTP_FROM"],
                        timeout_seconds=loaded["SMTP_TIMEOUT_SECONDS"])


def deployed_services(config: dict) -> tuple:
    return settings(config).services


_env_substitution_ready = False


def _enable_env_substitution():
    global _env_substitution_ready
    if not _env_substitution_ready:  # nameko adds a resolver per call; add it once
        from nameko.cli.main import setup_yaml_parser

        setup_yaml_parser()
        _env_substitution_ready = True


def default_config_file() -> Path:
    """The checkout's deploy/config.yaml, or the installed copy when Vern runs from a wheel."""
    return DEFAULT_CONFIG_FILE if DEFAULT_CONFIG_FILE.is_file() else INSTALLED_CONFIG_FILE


def load_config(path: str | os.PathLike | None = None) -> dict:
    """Read the YAML the way `nameko run --config` does, environment overrides included."""
    _enable_env_substitution()
    path = Path(path or os.environ.get("VERN_CONFIG") or default_config_file())
    if not path.is_file():
        raise ConfigError(f"no configuration file {path} (give --config or set VERN_CONFIG)")
    with path.open() as stream:
        config = yaml.safe_load(stream) or {}
    settings(config)  # fail early, naming the key
    return config
