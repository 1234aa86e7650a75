# Two commands for a newcomer: `make run` and `make test`. Each one creates or
# updates .venv from pyproject.toml first (a stamp file makes that idempotent).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup run test dev daemon dashboard bench bench-dashboard lint clean cluster-up cluster-down

$(STAMP): pyproject.toml
	@$(PYTHON) -c "import sys; assert sys.version_info[:2] == (3, 11), sys.version" || { echo "Rasd needs Python 3.11: make PYTHON=/path/to/python3.11"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,cluster]'
	@touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(PY) -m pipelines.cli run $(if $(filter 1 yes true,$(VERIFY)),--verify)

test: $(STAMP)
	$(PY) -m pytest -q

# Development: UI + daemon; the daily schedule runs, the corpus sensor is off until turned on in the UI.
dev: $(STAMP)
	DAGSTER_HOME=$${DAGSTER_HOME:-$(CURDIR)/.dagster} $(VENV)/bin/dagster dev -m pipelines.definitions

# The deployment: dagster-daemon (schedule and corpus sensor, on) beside the UI (dagster-webserver, which
# must load the location with the same RASD_CORPUS_SENSOR to show the sensor's state); Ctrl-C stops both.
daemon: $(STAMP)
	export DAGSTER_HOME=$${DAGSTER_HOME:-$(CURDIR)/.dagster} RASD_CORPUS_SENSOR=running; \
	$(VENV)/bin/dagster-daemon run -m pipelines.definitions & daemon=$$!; \
	trap 'kill $$daemon' EXIT; \
	$(VENV)/bin/dagster-webserver -m pipelines.definitions

dashboard: $(STAMP)
	$(VENV)/bin/streamlit run dashboards/app.py

# `make bench LOAD=1`: the dashboard load check (bench/load.py) instead of the throughput benchmark.
bench: $(STAMP)
	$(PY) -m $(if $(filter 1 yes true,$(LOAD)),bench.load,bench.run)
	$(if $(filter 1 yes true,$(LOAD)),,$(PY) -m bench.worker_overhead bench/out/work/n10000-s7/lake --repeat 2)
	$(if $(filter 1 yes true,$(LOAD)),,$(PY) -m bench.scaling)
	$(if $(filter 1 yes true,$(LOAD)),,$(PY) -m bench.run --dashboard)

bench-dashboard: $(STAMP)
	$(PY) -m bench.run --dashboard

# Real servers for the scaled setup, on 127.0.0.1 only (PostgreSQL :54329, SeaweedFS S3 :8333, Dask :8786 with
# 2 single-core workers); settings in data/cluster/env.sh. See docs/deploy.md.
cluster-up: $(STAMP)
	$(PY) -m pipelines.cluster up

cluster-down: $(STAMP)
	$(PY) -m pipelines.cluster down

lint: $(STAMP)
	$(VENV)/bin/ruff check .

clean:
	rm -rf data/warehouse.duckdb data/lake
