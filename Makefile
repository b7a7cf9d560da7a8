# la4ai — the two commands:  `make run` (set up and start the app)  ·  `make test` (set up and test)
# Needs Python 3.11+, Node 20.19+ and npm. Everything installs into .venv and frontend/node_modules.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EXTRAS ?=
STATIC := src/la4ai/web/static/index.html
FRONTEND_SOURCES := $(shell find frontend/src frontend/public -type f 2>/dev/null) \
	frontend/index.html frontend/vite.config.ts src/la4ai/course/widgets.json
extras_spec = $(if $(EXTRAS),[$(EXTRAS)],)

.PHONY: run test setup frontend api-types lint format typecheck bench doctor clean help

help:
	@echo "make run      set up (.venv, npm) and start the app on the embedded defaults"
	@echo "make test     set up and run every check: ruff, mypy, eslint, tsc, vitest, pytest"
	@echo "make run EXTRAS=ai   also install the optional AI extra (torch, sentence-transformers, …)"
	@echo "make frontend · api-types · lint · format · typecheck · bench · doctor · clean"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "la4ai needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip

$(VENV)/.installed-core$(EXTRAS): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install -qq -c constraints.txt -e ".$(extras_spec)"
	@touch $@

$(VENV)/.installed-dev: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install -qq -c constraints.txt -e ".[dev$(if $(EXTRAS),$(comma)$(EXTRAS),)]"
	@touch $@ $(VENV)/.installed-core

comma := ,

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(STATIC): $(FRONTEND_SOURCES) frontend/node_modules/.installed
	cd frontend && npm run --silent build -- --logLevel warn

setup: $(VENV)/.installed-core$(EXTRAS) $(STATIC)

frontend: $(STATIC)

run: setup
	$(BIN)/la4ai serve

test: $(VENV)/.installed-dev $(STATIC)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	cd frontend && npm run --silent lint && npm run --silent typecheck && npm run --silent test
	$(BIN)/pytest $(PYTEST_ARGS)

api-types: $(VENV)/.installed-dev frontend/node_modules/.installed
	$(BIN)/python -m la4ai.web.openapi > frontend/src/api/openapi.json
	cd frontend && npm run --silent gen:api

lint: $(VENV)/.installed-dev frontend/node_modules/.installed
	$(BIN)/ruff check . && $(BIN)/ruff format --check .
	cd frontend && npm run --silent lint

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix . && $(BIN)/ruff format .

typecheck: $(VENV)/.installed-dev frontend/node_modules/.installed
	$(BIN)/mypy
	cd frontend && npm run --silent typecheck

bench: $(VENV)/.installed-dev $(STATIC)
	$(BIN)/python -m bench.serve_cold_start
	$(BIN)/python -m bench.content_load
	$(BIN)/python -m bench.cell_roundtrip
	$(BIN)/python -m bench.session_open
	$(BIN)/python -m bench.kernel_memory
	$(BIN)/python -m bench.concurrent_learners
	$(BIN)/python -m bench.concurrent_learners --layer runtime
	$(BIN)/python -m bench.grading

doctor: setup
	$(BIN)/la4ai doctor

clean:
	rm -rf $(VENV) frontend/node_modules src/la4ai/web/static test-artifacts bench/results
