# The two commands: `make run` runs Vern, `make test` runs every test (`make bench`: bench/README.md).
VENV := .venv
export PYTHONWARNINGS := ignore::Warning:nameko.cli.commands

.PHONY: run test unit bench venv clean

run: venv
	deploy/run.sh

test: venv
	deploy/ensure-infra.sh rabbitmq postgresql
	deploy/ensure-tools.sh poppler-utils nodejs npm
	$(VENV)/bin/nameko test tests -q -p no:cacheprovider

unit: venv
	$(VENV)/bin/nameko test tests/unit -q -p no:cacheprovider

# the benchmarks of issue 9 on the local RabbitMQ, SQLite and PostgreSQL: bench/results/summary.json
bench: venv
	deploy/ensure-infra.sh rabbitmq postgresql
	$(VENV)/bin/python -m bench

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml deploy/setup-venv.sh
	deploy/setup-venv.sh
	touch $@

clean:
	rm -rf $(VENV) var
