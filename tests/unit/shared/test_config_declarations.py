"""Each setting is declared once, as a field of VernConfigSchema: deploy/config.yaml reads it from the
variable its declaration names, with the same default, and docs/configuration.md lists it."""
import re

import yaml

from shared import config_docs
from shared.config import DEFAULT_CONFIG_FILE, VernConfigSchema
from shared.declared_settings import deployed_default_text

DECLARED = VernConfigSchema._declared_fields
NAMEKO_KEYS = {"WEB_SERVER_ADDRESS", "LOGGING", "max_workers", "serializer"}
# KEY: ${VARIABLE:default}, or KEY: !raw_env_var "${VARIABLE:default}" for a value kept a string
BOUND = re.compile(r'^(?P<key>[A-Z0-9_]+): (?:!raw_env_var )?"?\$\{(?P<env>\w+):(?P<default>[^}]*)\}"?$', re.M)


def config_text() -> str:
    return DEFAULT_CONFIG_FILE.read_text()


def test_every_key_of_the_yaml_is_declared():
    top_level = set(re.findall(r"^([A-Za-z0-9_]+):", config_text(), re.M))
    assert top_level - NAMEKO_KEYS <= set(DECLARED), "a key deploy/config.yaml sets that no setting declares"


def test_the_yaml_reads_each_setting_from_its_declared_variable_with_its_declared_default():
    bound = {match["key"]: (match["env"], match["default"]) for match in BOUND.finditer(config_text())}
    for key, field in DECLARED.items():
        env = field.metadata["env"]
        if isinstance(env, str):
            assert key in bound, f"deploy/config.yaml does not read {key} from ${{{env}}}"
            variable, default = bound[key]
            assert variable == env, f"{key}: deploy/config.yaml reads {variable}, the declaration says {env}"
            # the same value, however written (1.0 or 1, 10 or 10.0)
            assert yaml.safe_load(default or "~") == yaml.safe_load(deployed_default_text(field) or "~"), (
                f"{key}: deploy/config.yaml's default {default!r}, the declaration's {deployed_default_text(field)!r}")
        elif env:  # a value made of several variables (the broker's URI, a database per service)
            for variable in env:
                assert f"${{{variable}:" in config_text(), f"{key}: deploy/config.yaml does not read {variable}"
        else:
            assert key not in bound, f"{key} is declared without a variable, but deploy/config.yaml reads one"


def test_the_declared_defaults_are_what_the_settings_get_without_the_key():
    """A YAML without the key and deploy/config.yaml with its variable unset give the same value,
    except where a declaration says deploy/config.yaml gives a default of its own."""
    assert DECLARED["DIRECTORY_FILE"].metadata["deployed_default"] == "deploy/directory.yaml"
    assert deployed_default_text(DECLARED["JWT_TTL_SECONDS"]) == "28800"
    assert deployed_default_text(DECLARED["OUTBOX_POLL_SECONDS"]) == "1"
    assert deployed_default_text(DECLARED["SMTP_STARTTLS"]) == "true"
    assert deployed_default_text(DECLARED["OIDC_SCOPES"]) == "openid profile"
    assert deployed_default_text(DECLARED["WEBHOOK_ALLOWED_TARGETS"]) == ""


def test_the_configuration_document_lists_every_setting_with_its_variable_and_default():
    assert not config_docs.stale(), "docs/configuration.md is stale: run make catalogue"
    document = config_docs.DOCUMENT.read_text()
    for key, field in DECLARED.items():
        env = field.metadata["env"]
        row = next(line for line in document.splitlines() if line.startswith(f"| `{key}` |"))
        for variable in (env,) if isinstance(env, str) else env or ():
            assert f"`{variable}`" in row
        assert f"`{deployed_default_text(field)}`" in row if deployed_default_text(field) else (
            "unset" in row or "required" in row)
