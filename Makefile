# run / test / ui, each doing its own set-up: a fresh clone needs only Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
# the venv first on PATH: dagster dev prepares the dbt project with the `dbt` it finds there
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: run test ui parse bench report docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# dbt parses again only when a file of the dbt project changed since the manifest was written.
MANIFEST := dbt_project/target/manifest.json
DBT_SOURCES := $(shell find dbt_project -path dbt_project/target -prune -o -path dbt_project/logs -prune \
                 -o -type f \( -name '*.sql' -o -name '*.yml' -o -name '*.csv' -o -name '*.md' \) -print)

# The folder is named in full, as a run names it: dbt keeps it in the parse state that each new warehouse
# starts from, and finds the seeds' files from it (pipelines/defs/transformation/parse_state.py).
# A parse state saved from another folder is dropped first, with the manifest, so that make parses again.
ifneq ($(wildcard $(BIN)/python),)
$(shell $(BIN)/python -m pipelines.defs.transformation.parse_state $(CURDIR)/dbt_project)
endif

$(MANIFEST): $(STAMP) $(DBT_SOURCES)
	cd dbt_project && ../$(BIN)/dbt parse --quiet --profiles-dir $(CURDIR)/dbt_project --project-dir $(CURDIR)/dbt_project

parse: $(MANIFEST)

run: parse
	$(BIN)/python -m pipelines.cli run

test: parse
	$(BIN)/python -m pytest

ui: parse
	$(BIN)/dagster dev -m pipelines.definitions -h 127.0.0.1 -p 3000

report: $(STAMP)
	$(BIN)/python -m pipelines.cli report

docs: parse
	$(BIN)/python -m pipelines.cli docs

bench: parse
	$(BIN)/python bench/throughput.py --articles 10000

clean:
	rm -rf warehouse/dealwire.duckdb warehouse/.dealwire.build warehouse/evidence_report.html warehouse/docs \
	       warehouse/parquet warehouse/.parquet.versions dbt_project/target
