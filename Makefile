# Protecting Babies: `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.DEFAULT_GOAL := help
.PHONY: help run test chromium nginx lint format assets migrate content check audit clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

# Python packages come only from the lock: uv.lock, exported to requirements/ with every
# file's hash (pip refuses anything else). `make lock` after changing pyproject.toml.
PIP_INSTALL := $(BIN)/pip install --quiet --require-hashes --requirement

$(VENV)/.runtime: requirements/base.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) requirements/base.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements/dev.txt
	$(PIP_INSTALL) requirements/dev.txt
	touch $@

# requirements/<base|dev>.txt as uv.lock has them: the runtime set, or it and the dev extra.
LOCK_HEADER := \# Made from uv.lock by `make lock`: never edit by hand (docs/operations.md).
exported = { echo '$(LOCK_HEADER)'; $(BIN)/uv export --frozen --quiet --format requirements-txt \
  --no-header --no-emit-project $(if $(filter dev,$(1)),--extra dev); }

.PHONY: lock lock-check
lock: $(VENV)/.dev ## Lock the Python packages again after changing pyproject.toml (uv.lock, requirements/)
	$(BIN)/uv lock
	$(call exported,base) > requirements/base.txt
	$(call exported,dev) > requirements/dev.txt

lock-check: $(VENV)/.dev ## Fail when the lock no longer matches pyproject.toml (CI)
	@$(BIN)/uv lock --check || { echo "uv.lock does not match pyproject.toml: run make lock" >&2; exit 1; }
	@$(call exported,base) | diff -q requirements/base.txt - >/dev/null \
	  || { echo "requirements/base.txt does not match uv.lock: run make lock" >&2; exit 1; }
	@$(call exported,dev) | diff -q requirements/dev.txt - >/dev/null \
	  || { echo "requirements/dev.txt does not match uv.lock: run make lock" >&2; exit 1; }
	@echo "The lock matches pyproject.toml."

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed ## Build the CSS and JavaScript into static/dist/
	npm run --silent build

migrate: $(VENV)/.runtime ## Apply database migrations
	$(MANAGE) migrate --noinput

content: migrate ## Load the launch content (once; never overwrites editors' changes)
	$(MANAGE) load_launch_content

run: assets content ## Run the site with its launch content on http://127.0.0.1:$PORT
	@echo "Serving on http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

chromium: ## Make sure Debian's Chromium is installed for the browser tests
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "The browser tests need Debian's Chromium: sudo apt-get install chromium" >&2; exit 1; fi; }

nginx: ## Make sure Debian's nginx is installed for the edge tests (tests/deploy/test_edge.py)
	@test -x /usr/sbin/nginx || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx; \
	  else echo "The edge tests need Debian's nginx: sudo apt-get install nginx" >&2; exit 1; fi; }

# The coverage `make test` must hold (line coverage of the apps, pyproject.toml's
# [tool.coverage]; measured 97.0 % on 4 December 2026). Raise it as coverage grows.
COVERAGE_FLOOR := 95
test: $(VENV)/.dev assets chromium nginx ## Run the whole test suite with coverage (SQLite, or PostgreSQL when DATABASE_URL is set)
	$(BIN)/pytest --cov --cov-report=term --cov-fail-under=$(COVERAGE_FLOOR)

.PHONY: test-fast
test-fast: $(VENV)/.dev assets ## Everyday tests: all but the slow ones (browser, gunicorn stacks, S3); CI runs all
	$(BIN)/pytest -m "not slow"

lint: $(VENV)/.dev ## Check code style with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev ## Reformat the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(VENV)/.dev ## Django's system checks and the missing-migrations check
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# The deployment checks' tools, in a virtualenv of their own (checkov pins many packages).
TOOLS := .tools
$(TOOLS)/.installed: deploy/check-requirements.txt
	test -x $(TOOLS)/bin/python || $(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --upgrade pip
	$(TOOLS)/bin/pip install --quiet -r deploy/check-requirements.txt
	touch $@

.PHONY: deploy-check
deploy-check: $(TOOLS)/.installed ## Kubernetes manifests against their schemas, checkov, yamllint (docs/deployment.md)
	scripts/deploy_check.sh

.PHONY: bench-search
SEARCH_BENCH_DB ?= postgres://postgres@127.0.0.1:5432/pb_search_bench
bench-search: $(VENV)/.dev ## Search latency on PostgreSQL with 1,000 resources (scratch DB: SEARCH_BENCH_DB)
	$(BIN)/python bench/search_bench.py --database-url "$(SEARCH_BENCH_DB)"

audit: $(VENV)/.dev ## Check the locked packages (requirements/) for known vulnerabilities with pip-audit
	$(BIN)/python scripts/audit_dependencies.py

.PHONY: docs-screenshots
docs-screenshots: $(VENV)/.dev chromium ## Retake the editor's guide screenshots (docs/images/) from a throwaway site
	$(BIN)/python scripts/docs_screenshots.py

.PHONY: lighthouse html-validate
lighthouse: $(VENV)/.runtime assets chromium ## Lighthouse (mobile) scores for home, a workstream and the library (a benchmark)
	scripts/lighthouse.sh

html-validate: $(VENV)/.dev assets ## Validate the rendered HTML of every public page type with html-validate
	$(BIN)/pytest -q tests/protecting_babies/test_html_validate.py tests/search/test_html_validate.py

.PHONY: bench scale-check
bench: $(VENV)/.dev ## Benchmarks: wrk cached/uncached/ceiling and SQL queries per page, on PostgreSQL (docs/performance.md)
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; \
	  else echo "make bench needs wrk: sudo apt-get install wrk" >&2; exit 1; fi; }
	$(BIN)/python bench/run.py

scale-check: $(VENV)/.dev ## Two gunicorn instances sharing the database, Redis and S3 (moto): publish on one, read on the other
	$(BIN)/pytest tests/caching/test_scale_instances.py -v -p no:cacheprovider

clean: ## Remove the virtualenv, node_modules, built assets and the local database
	rm -rf $(VENV) node_modules static/dist staticfiles db.sqlite3
