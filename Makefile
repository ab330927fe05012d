# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install sysdeps docs clean

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

# Debian packages some tests use: Chromium (the web UI test drives it with Playwright; no browser
# is downloaded) and poppler-utils (pdftotext reads the PDF report back). Installed when missing
# and the machine allows it (root with apt-get); otherwise those tests say what is missing.
sysdeps:
	@if ! command -v chromium >/dev/null || ! command -v pdftotext >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; \
	  else echo "note: chromium or pdftotext missing and not installable here"; fi; \
	fi

test: $(STAMP) sysdeps
	$(BIN)/python -m pytest

docs: $(STAMP)
	$(BIN)/mkdocs build --strict

clean:
	rm -rf $(VENV) build src/*.egg-info
