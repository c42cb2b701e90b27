"""`python -m shared.config_docs`: write docs/configuration.md, the table of every setting, from the
settings' declarations (shared.config, shared.oidc_config), so the documentation cannot drift from them."""
from shared.config import ROOT, VernConfigSchema
from shared.declared_settings import deployed_default_text

DOCUMENT = ROOT / "docs" / "configuration.md"
HEADER = """# Configuration

Every setting of Vern, generated from its declaration (`shared/config.py`, `shared/oidc_config.py`) by
`make catalogue`; a unit test fails when this file is stale. `deploy/config.yaml` reads each key from its
environment variable (`KEY: ${VARIABLE:default}`); a key without a variable is set in the YAML itself.
An invalid value stops start-up with a message naming the key.

| key | environment variable | default | what |
|---|---|---|---|
"""


def table() -> str:
    rows = []
    declared = VernConfigSchema._declared_fields
    # Vern's own keys first, then single sign-on's (declared in the base schema)
    for key in sorted(declared, key=lambda key: key.startswith("OIDC_")):
        field = declared[key]
        env = field.metadata.get("env")
        variables = ", ".join(f"`{name}`" for name in ((env,) if isinstance(env, str) else env or ()))
        text = deployed_default_text(field)
        default = f"`{text}`" if text else "required" if field.required else "unset"
        what = field.metadata.get("description", "").replace("|", "\\|")
        rows.append(f"| `{key}` | {variables or '(YAML only)'} | {default} | {what} |\n")
    return HEADER + "".join(rows)


def stale() -> bool:
    return not DOCUMENT.is_file() or DOCUMENT.read_text() != table()


if __name__ == "__main__":
    DOCUMENT.write_text(table())
    print(f"wrote {DOCUMENT}")
