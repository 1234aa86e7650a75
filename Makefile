# Two commands for a newcomer: `make run` and `make test`. Each one creates or
# updates .venv from pyproject.toml first (a stamp file makes that idempotent).
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup run test dev dashboard bench lint clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) on PATH (or make PYTHON=/path/to/python3.11)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(PY) -m pipelines.cli run

test: $(STAMP)
	$(PY) -m pytest -q

dev: $(STAMP)
	mkdir -p data/dagster_home
	DAGSTER_HOME=$${DAGSTER_HOME:-$(CURDIR)/data/dagster_home} $(VENV)/bin/dagster dev -m pipelines.definitions

dashboard: $(STAMP)
	$(VENV)/bin/streamlit run dashboards/app.py

bench: $(STAMP)
	$(PY) -m bench.run

lint: $(STAMP)
	$(VENV)/bin/ruff check .

clean:
	rm -rf data/warehouse.duckdb data/lake
