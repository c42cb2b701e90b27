# The two commands: `make run` runs Vern, `make test` runs every test.
VENV := .venv
export PYTHONWARNINGS := ignore::Warning:nameko.cli.commands

.PHONY: run test unit venv clean

run: venv
	deploy/run.sh

test: venv
	deploy/ensure-infra.sh rabbitmq postgresql
	deploy/ensure-tools.sh poppler-utils
	$(VENV)/bin/nameko test tests -q -p no:cacheprovider

unit: venv
	$(VENV)/bin/nameko test tests/unit -q -p no:cacheprovider

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml deploy/setup-venv.sh
	deploy/setup-venv.sh
	touch $@

clean:
	rm -rf $(VENV) var
