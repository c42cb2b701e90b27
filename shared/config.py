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
from marshmallow import INCLUDE, ValidationError, fields, post_load, validate, validates_schema

from shared.allowed_targets import parse_allowed_target
from shared.declared_settings import declare, settings_class, values
from shared.oidc_config import OidcConfigSchema, OidcSettings, oidc_production_problems, oidc_settings

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG_FILE = ROOT / "deploy" / "config.yaml"
# Where the wheel puts deploy/config.yaml (pyproject's data-files): a Vern installed without the
# checkout finds the same config, read through the same environment overrides.
INSTALLED_CONFIG_FILE = Path(sys.prefix) / "share" / "vern" / "config.yaml"
# webhooks is optional like every service: it forwards every event to the HTTPS endpoints agencies register.
# notifications came last (it was part of reporting until then), so the others keep their metrics ports.
SERVICE_NAMES = ("incidents", "risk", "privacy_register", "training", "reporting", "webhooks", "notifications")


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
    """Every Vern setting, declared once (shared.declared_settings): the key, its validation and default,
    the environment variable deploy/config.yaml reads it from, and the attribute of `Settings` it fills."""

    class Meta:
        unknown = INCLUDE  # nameko's own keys (max_workers, serializer, ...) pass through

    AMQP_URI = fields.String(
        required=True, validate=validate.Regexp(r"^amqps?://"),
        metadata=declare(("RABBIT_USER", "RABBIT_PASSWORD", "RABBIT_HOST", "RABBIT_PORT", "RABBIT_VHOST"),
                         "the broker: amqp://RABBIT_USER:RABBIT_PASSWORD@RABBIT_HOST:RABBIT_PORT/RABBIT_VHOST",
                         deployed_default="amqp://guest:guest@127.0.0.1:5672/"))
    MODE = fields.String(load_default="production", validate=validate.OneOf(MODES),
                         metadata=declare("VERN_MODE", "demo (built-in demo secret allowed) or production"))
    JWT_SECRET = fields.String(
        load_default=None,
        validate=validate.Length(min=32, error="must be at least 32 characters (set VERN_JWT_SECRET)"),
        metadata=declare("VERN_JWT_SECRET", "HS256 secret of Vern's tokens, at least 32 characters; "
                                            "required in production"))
    JWT_SECRET_FILE = fields.String(load_default=None, allow_none=True,
                                    metadata=declare("VERN_JWT_SECRET_FILE",
                                                     "a file holding the secret (Docker/Kubernetes secrets)"))
    JWT_TTL_SECONDS = fields.Integer(load_default=8 * 3600, validate=validate.Range(min=60),
                                     metadata=declare("VERN_JWT_TTL_SECONDS",
                                                      "lifetime of the tokens `vern token` and the sign-in issue"))
    JWT_MAX_LIFETIME_SECONDS = fields.Integer(
        load_default=DEFAULT_JWT_MAX_LIFETIME_SECONDS, validate=validate.Range(min=60, max=31 * 86400),
        metadata=declare("VERN_JWT_MAX_LIFETIME_SECONDS",
                         "the longest lifetime (exp - iat) a Vern token may have; longer ones are refused"))
    DATABASES = fields.Dict(
        keys=fields.String(validate=validate.OneOf(SERVICE_NAMES)),
        values=fields.String(validate=validate.Regexp(r"^(sqlite|postgresql)[+a-z0-9]*://")),
        load_default=dict,
        metadata=declare(tuple(f"{name.upper()}_DATABASE_URL" for name in SERVICE_NAMES),
                         "each service's database URL; unset: SQLite in var/ (or VERN_VAR_DIR)"))
    OUTBOX_POLL_SECONDS = fields.Float(
        load_default=1.0, validate=validate.Range(min=0.01, max=60),
        metadata=declare("OUTBOX_POLL_SECONDS", "how often a service publishes the events its outbox holds"))
    RPC_TIMEOUT_SECONDS = fields.Float(
        load_default=10.0, validate=validate.Range(min=0.1, max=300),
        metadata=declare("RPC_TIMEOUT_SECONDS", "how long the gateway waits for a service's answer (then 503)"))
    HEALTH_TIMEOUT_SECONDS = fields.Float(
        load_default=1.0, validate=validate.Range(min=0.1, max=30),
        metadata=declare("HEALTH_TIMEOUT_SECONDS", "how long the health check waits for each service"))
    DIRECTORY_FILE = fields.String(
        load_default=None, allow_none=True,
        metadata=declare("VERN_DIRECTORY_FILE",
                         "the agency directory (YAML); tokens are accepted only for its agencies",
                         deployed_default="deploy/directory.yaml"))
    INCIDENT_CATEGORIES = fields.List(
        fields.String(validate=validate.Regexp(r"^[a-z][a-z0-9_]{1,59}$", error="must be a lower-case slug")),
        load_default=None, validate=validate.Length(min=1),
        metadata=declare(None, "incident categories offered to reporters (default: Vern's list)"))
    DEADLINE_CHECK_SECONDS = fields.Float(
        load_default=60.0, validate=validate.Range(min=0.05, max=3600),
        metadata=declare("DEADLINE_CHECK_SECONDS",
                         "how often incidents looks for 72-hour deadlines that passed without a notification"))
    PRIVACY_FOLLOWUP_SECONDS = fields.Float(
        load_default=3600.0, validate=validate.Range(min=0.05, max=86400),
        metadata=declare("PRIVACY_FOLLOWUP_SECONDS",
                         "how often the privacy register looks for processor agreements about to expire"))
    RISK_FOLLOWUP_SECONDS = fields.Float(
        load_default=300.0, validate=validate.Range(min=0.05, max=86400),
        metadata=declare("RISK_FOLLOWUP_SECONDS",
                         "how often risk looks for overdue measures and expired acceptances"))
    TRAINING_FOLLOWUP_SECONDS = fields.Float(
        load_default=3600.0, validate=validate.Range(min=0.05, max=86400),
        metadata=declare("TRAINING_FOLLOWUP_SECONDS",
                         "how often training launches and ends campaigns, sends reminders and "
                         "looks for overdue mandatory training"))
    DOCUMENT_FOLLOWUP_SECONDS = fields.Float(
        load_default=3600.0, validate=validate.Range(min=0.05, max=86400),
        metadata=declare("DOCUMENT_FOLLOWUP_SECONDS",
                         "how often reporting looks for governing documents overdue for review"))
    CAMPAIGN_SUGGESTION_THRESHOLD = fields.Integer(
        load_default=3, validate=validate.Range(min=2, max=100),
        metadata=declare("CAMPAIGN_SUGGESTION_THRESHOLD",
                         "closed incidents of one category that suggest a campaign on it"))
    CAMPAIGN_SUGGESTION_WINDOW_DAYS = fields.Integer(
        load_default=30, validate=validate.Range(min=1, max=366),
        metadata=declare("CAMPAIGN_SUGGESTION_WINDOW_DAYS",
                         "within how many days those incidents must have been closed"))
    DELIVERY_POLL_SECONDS = fields.Float(load_default=5.0, validate=validate.Range(min=0.05, max=3600),
                                         metadata=declare("DELIVERY_POLL_SECONDS",
                                                          "how often notifications sends due messages"))
    NOTIFICATIONS_IMPORT_FROM = fields.String(
        load_default=None, allow_none=True, validate=validate.Regexp(r"^(sqlite|postgresql)[+a-z0-9]*://"),
        metadata=declare("NOTIFICATIONS_IMPORT_FROM",
                         "at the upgrade that adds the notifications service: reporting's database URL, whose "
                         "directory, rules, tasks, deliveries and reminders its first migrations copy (only into "
                         "empty tables); empty: REPORTING_DATABASE_URL when that is set, else nothing is copied"))
    PUBLIC_BASE_URL = fields.Url(load_default="http://127.0.0.1:8000", require_tld=False,
                                 metadata=declare("VERN_PUBLIC_BASE_URL",
                                                  "the gateway as recipients reach it (acknowledgement links)"))
    EVENT_SOURCE = fields.String(
        load_default=None, allow_none=True,
        validate=validate.Regexp(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$",
                                 error="must be an absolute URI naming this installation, e.g. "
                                       "https://vern.example.kommune.no or urn:vern:oslo"),
        metadata=declare("VERN_EVENT_SOURCE", "URI naming this installation: the CloudEvents source of its events "
                                              "is <EVENT_SOURCE>/<service> (default: PUBLIC_BASE_URL)"))
    SMTP_HOST = fields.String(load_default=None, allow_none=True,
                              metadata=declare("SMTP_HOST", "mail server; without it e-mail waits and is retried",
                                               attr="smtp.host"))
    SMTP_PORT = fields.Integer(load_default=587, validate=validate.Range(min=1, max=65535),
                               metadata=declare("SMTP_PORT", "the mail server's port", attr="smtp.port"))
    SMTP_STARTTLS = fields.Boolean(load_default=True,
                                   metadata=declare("SMTP_STARTTLS", "whether to use STARTTLS", attr="smtp.starttls"))
    SMTP_USER = fields.String(load_default=None, allow_none=True,
                              metadata=declare("SMTP_USER", "login at the mail server", attr="smtp.user"))
    SMTP_PASSWORD = fields.String(load_default=None, allow_none=True,
                                  metadata=declare("SMTP_PASSWORD", "its password", attr="smtp.password"))
    SMTP_FROM = fields.Email(load_default="vern@localhost.localdomain",
                             metadata=declare("SMTP_FROM", "the sender of Vern's e-mail", attr="smtp.sender"))
    SMTP_TIMEOUT_SECONDS = fields.Float(
        load_default=10.0, validate=validate.Range(min=0.1, max=300),
        metadata=declare(None, "how long a conversation with the mail server may take", attr="smtp.timeout_seconds"))
    WEBHOOK_TIMEOUT_SECONDS = fields.Float(
        load_default=10.0, validate=validate.Range(min=0.1, max=300),
        metadata=declare("WEBHOOK_TIMEOUT_SECONDS", "how long one webhook request may take"))
    TLS_CA_BUNDLE = fields.String(load_default=None, allow_none=True,
                                  metadata=declare("VERN_TLS_CA_BUNDLE",
                                                   "CA file trusted for SMTP STARTTLS, webhooks and the sign-in "
                                                   "provider (default: the system's)"))
    WEBHOOK_POLL_SECONDS = fields.Float(
        load_default=5.0, validate=validate.Range(min=0.05, max=3600),
        metadata=declare("WEBHOOK_POLL_SECONDS", "how often the webhooks service sends due deliveries",
                         attr="webhooks.poll_seconds"))
    WEBHOOK_RETRY_SECONDS = fields.Float(
        load_default=30.0, validate=validate.Range(min=0.05, max=3600),
        metadata=declare("WEBHOOK_RETRY_SECONDS",
                         "wait before the first retry of a failed event delivery; doubles, at most 1 h",
                         attr="webhooks.retry_seconds"))
    WEBHOOK_MAX_ATTEMPTS = fields.Integer(
        load_default=10, validate=validate.Range(min=1, max=100),
        metadata=declare("WEBHOOK_MAX_ATTEMPTS", "attempts of one event delivery before it fails",
                         attr="webhooks.max_attempts"))
    WEBHOOK_MAX_AGE_HOURS = fields.Float(
        load_default=24.0, validate=validate.Range(min=0.01, max=24 * 14),
        metadata=declare("WEBHOOK_MAX_AGE_HOURS",
                         "an event delivery not made within this long fails, whatever its attempts",
                         attr="webhooks.max_age_hours"))
    WEBHOOK_DISABLE_AFTER_FAILURES = fields.Integer(
        load_default=5, validate=validate.Range(min=1, max=1000),
        metadata=declare("WEBHOOK_DISABLE_AFTER_FAILURES",
                         "failed deliveries in a row after which a subscription is disabled",
                         attr="webhooks.disable_after_failures"))
    WEBHOOK_SECRET_OVERLAP_HOURS = fields.Float(
        load_default=24.0, validate=validate.Range(min=0, max=24 * 30),
        metadata=declare("WEBHOOK_SECRET_OVERLAP_HOURS",
                         "how long after a rotation deliveries are signed with the old secret too",
                         attr="webhooks.secret_overlap_hours"))
    WEBHOOK_ALLOW_HTTP_LOCALHOST = fields.Boolean(
        load_default=False,
        metadata=declare("WEBHOOK_ALLOW_HTTP_LOCALHOST",
                         "accept http:// subscription URLs on 127.0.0.1/localhost (tests; demo mode always does)",
                         attr="webhooks.allow_http_localhost"))
    WEBHOOK_ALLOWED_TARGETS = ServiceListField(
        AllowedTargetField(), load_default=list,
        metadata=declare("WEBHOOK_ALLOWED_TARGETS",
                         "internal receivers webhooks may reach although their address is not public: "
                         "host names, addresses or networks, each with an optional port "
                         "(sak.intern.kommune.no, 10.20.0.0/16, 10.1.2.3:8443)",
                         attr="webhooks.allowed_targets"))
    EVENT_MAX_ATTEMPTS = fields.Integer(
        load_default=5, validate=validate.Range(min=1, max=100),
        metadata=declare("EVENT_MAX_ATTEMPTS", "failed handlings of one event before it is parked as a dead letter"))
    EVENT_RETRY_SECONDS = fields.Float(
        load_default=1.0, validate=validate.Range(min=0.01, max=60),
        metadata=declare("EVENT_RETRY_SECONDS", "wait before the first redelivery of an event whose handler failed; "
                                                "doubles per attempt, at most 30 s"))
    DATABASE_POOL_SIZE = fields.Integer(
        load_default=10, validate=validate.Range(min=1, max=100),
        metadata=declare("DATABASE_POOL_SIZE",
                         "PostgreSQL connections a service process keeps open (each of its N instances)"))
    DATABASE_MAX_OVERFLOW = fields.Integer(
        load_default=10, validate=validate.Range(min=0, max=100),
        metadata=declare("DATABASE_MAX_OVERFLOW",
                         "connections a busy process may open beyond the pool, closed when returned"))
    PUBLIC_RATE_LIMIT_PER_MINUTE = fields.Integer(
        load_default=60, validate=validate.Range(min=1, max=100_000),
        metadata=declare("PUBLIC_RATE_LIMIT_PER_MINUTE",
                         "requests a client address may make per minute to routes without a token"))
    AUDIT_RETENTION_DAYS = fields.Integer(
        load_default=None, allow_none=True,
        validate=validate.Range(min=365, error="must be at least 365 days: audit entries are records under the "
                                               "archive duty, kept as long as the agency's archive plan says"),
        metadata=declare("AUDIT_RETENTION_DAYS", "days audit entries are kept before pruning (default: kept forever)"))
    AUDIT_CHECKPOINT_KEY = fields.String(
        load_default=None, allow_none=True,
        validate=validate.Length(min=32, error="must be at least 32 characters"),
        metadata=declare("VERN_AUDIT_CHECKPOINT_KEY",
                         "HMAC key signing the audit chains' checkpoints and prunes (default: derived "
                         "from JWT_SECRET); keep it when the JWT secret is rotated"))
    AUDIT_CHECKPOINT_SECONDS = fields.Float(
        load_default=3600.0, validate=validate.Range(min=0.05, max=86400),
        metadata=declare("AUDIT_CHECKPOINT_SECONDS",
                         "how often a service publishes a signed checkpoint of its audit chain's head "
                         "(only when the chain grew)"))
    SIGN_IN_RATE_LIMIT_PER_MINUTE = fields.Integer(
        load_default=600, validate=validate.Range(min=1, max=100_000),
        metadata=declare("SIGN_IN_RATE_LIMIT_PER_MINUTE",
                         "sign-ins (each of /auth/login and /auth/callback) a client address may "
                         "start per minute; many users may share one address"))
    METRICS_PORT = fields.Integer(
        load_default=None, allow_none=True,
        validate=validate.Range(min=1, max=65535 - len(SERVICE_NAMES),
                                error="must be between {min} and {max}: each service serves on its own port above it"),
        metadata=declare("VERN_METRICS_PORT", "first port of the Prometheus /metrics endpoints, one per service "
                                              "(docs/operations.md: Metrics); empty: no metrics served"))
    METRICS_HOST = fields.String(
        load_default="127.0.0.1", validate=validate.Length(min=1),
        metadata=declare("VERN_METRICS_HOST", "address the /metrics endpoints listen on (0.0.0.0 in a container)"))
    ATTACHMENT_MAX_BYTES = fields.Integer(
        load_default=10_000_000, validate=validate.Range(min=1_000, max=50_000_000),
        metadata=declare("ATTACHMENT_MAX_BYTES",
                         "the largest evidence attachment taken, in bytes; a file travels whole in one RPC "
                         "message (base64), so keep it far below RabbitMQ's max_message_size"))
    ATTACHMENT_STORE = fields.String(
        load_default="local", validate=validate.OneOf(("local", "s3")),
        metadata=declare("ATTACHMENT_STORE", "where attachments' bytes are kept: local (files under "
                                             "ATTACHMENT_DIR) or s3 (an S3-compatible store; needs vern[s3])"))
    ATTACHMENT_DIR = fields.String(
        load_default=None, allow_none=True,
        metadata=declare("VERN_ATTACHMENT_DIR", "the local store's directory, one subdirectory per service "
                                                "(default: var/attachments, or VERN_VAR_DIR/attachments)"))
    ATTACHMENT_S3_BUCKET = fields.String(
        load_default=None, allow_none=True,
        metadata=declare("ATTACHMENT_S3_BUCKET", "the bucket of the s3 store (required with it); each service "
                                                 "writes under its own prefix"))
    ATTACHMENT_S3_ENDPOINT_URL = fields.Url(
        load_default=None, allow_none=True, require_tld=False,
        metadata=declare("ATTACHMENT_S3_ENDPOINT_URL", "the s3 store's endpoint (MinIO, Ceph, ...); empty: AWS"))
    ATTACHMENT_S3_REGION = fields.String(
        load_default=None, allow_none=True,
        metadata=declare("ATTACHMENT_S3_REGION", "the s3 store's region; credentials come from the standard "
                                                 "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY variables or a role"))
    SERVICES = ServiceListField(fields.String(validate=validate.OneOf(SERVICE_NAMES)), load_default=None,
                                metadata=declare("VERN_SERVICES", "the services this deployment runs (default: all); "
                                                                  "VERN_SERVICES=incidents,reporting"))

    @validates_schema
    def tokens_live_at_most_the_maximum(self, data, **kwargs):
        ttl, longest = data.get("JWT_TTL_SECONDS"), data.get("JWT_MAX_LIFETIME_SECONDS")
        if ttl is not None and longest is not None and ttl > longest:
            raise ValidationError({"JWT_TTL_SECONDS": [
                f"must not exceed JWT_MAX_LIFETIME_SECONDS ({longest}): such tokens would be refused"]})

    @validates_schema
    def s3_store_has_a_bucket(self, data, **kwargs):
        if data.get("ATTACHMENT_STORE") == "s3" and not data.get("ATTACHMENT_S3_BUCKET"):
            raise ValidationError({"ATTACHMENT_S3_BUCKET": ["is required when ATTACHMENT_STORE is s3"]})

    @post_load
    def settled(self, data, **kwargs):
        """The values as the services use them: defaults filled in, derived ones derived, lists frozen."""
        data["JWT_SECRET"] = _jwt_secret(data)
        data["AUDIT_CHECKPOINT_KEY"] = _audit_checkpoint_key(data)
        data["SERVICES"] = tuple(data["SERVICES"] or SERVICE_NAMES)
        data["INCIDENT_CATEGORIES"] = tuple(data["INCIDENT_CATEGORIES"]) if data["INCIDENT_CATEGORIES"] else None
        data["EVENT_SOURCE"] = (data["EVENT_SOURCE"] or data["PUBLIC_BASE_URL"]).rstrip("/")
        data["PUBLIC_BASE_URL"] = data["PUBLIC_BASE_URL"].rstrip("/")
        # demo mode runs on one machine, where a receiver on localhost rarely has a certificate
        data["WEBHOOK_ALLOW_HTTP_LOCALHOST"] = data["WEBHOOK_ALLOW_HTTP_LOCALHOST"] or data["MODE"] == "demo"
        data["WEBHOOK_ALLOWED_TARGETS"] = tuple(data["WEBHOOK_ALLOWED_TARGETS"])
        return data


@dataclass(frozen=True, kw_only=True)
class SmtpSettings(settings_class("SmtpFields", VernConfigSchema, "smtp")):
    """E-mail: the SMTP_* settings, by the names after `smtp.` in their declarations."""


@dataclass(frozen=True, kw_only=True)
class WebhookSettings(settings_class("WebhookFields", VernConfigSchema, "webhooks")):
    """The webhooks service: how often, how long and how persistently it delivers events."""


@dataclass(frozen=True, kw_only=True)
class Settings(settings_class("DeclaredSettings", VernConfigSchema)):
    """Vern's settings: an attribute per key of VernConfigSchema, the key lower-cased, and the groups."""
    smtp: SmtpSettings | None  # None without SMTP_HOST: e-mail waits
    webhooks: WebhookSettings
    oidc: OidcSettings | None  # single sign-on; None: only Vern's own tokens

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
    except ValidationError as error:
        problems = "; ".join(f"{key}: {' '.join(map(str, msgs)) if isinstance(msgs, list) else msgs}"
                             for key, msgs in error.normalized_messages().items())
        raise ConfigError(f"invalid configuration: {problems}") from None
    if loaded["MODE"] == "production":
        refused = production_problems(loaded)
        if refused:
            raise ConfigError("production mode refuses to start: " + "; ".join(refused)
                              + " (VERN_MODE=demo is for demonstrations only)")
    return Settings(**values(VernConfigSchema, loaded),
                    smtp=SmtpSettings(**values(VernConfigSchema, loaded, "smtp")) if loaded["SMTP_HOST"] else None,
                    webhooks=WebhookSettings(**values(VernConfigSchema, loaded, "webhooks")),
                    oidc=oidc_settings(loaded, loaded["PUBLIC_BASE_URL"]))


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
