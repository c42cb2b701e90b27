# The two commands: `make run` runs Vern, `make test` runs every test (`make bench`: bench/README.md).
VENV := .venv
export PYTHONWARNINGS := ignore::Warning:nameko.cli.commands

.PHONY: run test test-ui unit bench venv hooks clean lock audit-deps catalogue

run: venv
	deploy/run.sh

test: venv
	deploy/ensure-infra.sh rabbitmq postgresql
	deploy/ensure-tools.sh poppler-utils nodejs npm chromium
	deploy/audit-dependencies.sh
	$(VENV)/bin/nameko test tests -q -p no:cacheprovider --durations=10 --ignore=tests/ui
	$(MAKE) test-ui

# the web interface in headless Chromium (tests/ui): plain pytest, since Playwright's greenlets and
# eventlet's monkey-patching (`nameko test`) do not mix; Vern runs there as OS processes
test-ui: venv
	deploy/ensure-tools.sh nodejs npm chromium
	$(VENV)/bin/pytest tests/ui -q -p no:cacheprovider --durations=10

unit: venv
	$(VENV)/bin/nameko test tests/unit -q -p no:cacheprovider

# the benchmarks of issue 9 on the local RabbitMQ, SQLite and PostgreSQL: bench/results/summary.json
bench: venv
	deploy/ensure-infra.sh rabbitmq postgresql
	$(VENV)/bin/python -m bench

venv: $(VENV)/.installed hooks

# git runs .githooks/ (commit-msg: the subject at most 72 characters); not in an unpacked release
hooks:
	@if [ -e .git ]; then git config core.hooksPath .githooks; fi

$(VENV)/.installed: pyproject.toml deploy/requirements.lock deploy/setup-venv.sh
	deploy/setup-venv.sh
	touch $@

# docs/events.md and docs/asyncapi.yaml from the event contracts, docs/configuration.md from the settings'
# declarations (a unit test fails when they are stale)
catalogue: venv
	$(VENV)/bin/python -m shared.catalogue
	$(VENV)/bin/python -m shared.config_docs

# every installed dependency, pinned: after a change of pyproject.toml's pins
lock: venv
	$(VENV)/bin/pip freeze --exclude-editable > deploy/requirements.lock

# known vulnerabilities in the locked dependencies (pip-audit; part of `make test`)
audit-deps:
	deploy/audit-dependencies.sh

clean:
	rm -rf $(VENV) var
