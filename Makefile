# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The demo's invented texts go to a database of their own, not the user's default one.
DEMO_DATABASE_URL ?= sqlite:///$(CURDIR)/var/demo.db

run: $(STAMP)
	@mkdir -p var
	SITREP_DATABASE_URL=$${SITREP_DATABASE_URL:-$(DEMO_DATABASE_URL)} $(BIN)/sitrep ingest examples/demo/*.txt examples/demo/*.jsonl
	SITREP_DATABASE_URL=$${SITREP_DATABASE_URL:-$(DEMO_DATABASE_URL)} $(BIN)/sitrep events

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build src/*.egg-info
