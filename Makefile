# Two commands for a newcomer: `make run` and `make test`. Each one creates or
# updates .venv from pyproject.toml first (a stamp file makes that idempotent).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup run test dev dashboard bench bench-dashboard lint clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c "import sys; assert sys.version_info[:2] == (3, 11), sys.version" || { echo "Rasd needs Python 3.11: make PYTHON=/path/to/python3.11"; exit 1; }
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
	DAGSTER_HOME=$${DAGSTER_HOME:-$(CURDIR)/.dagster} $(VENV)/bin/dagster dev -m pipelines.definitions

dashboard: $(STAMP)
	$(VENV)/bin/streamlit run dashboards/app.py

bench: $(STAMP)
	$(PY) -m bench.run
	$(PY) -m bench.run --dashboard

bench-dashboard: $(STAMP)
	$(PY) -m bench.run --dashboard

lint: $(STAMP)
	$(VENV)/bin/ruff check .

clean:
	rm -rf data/warehouse.duckdb data/lake
