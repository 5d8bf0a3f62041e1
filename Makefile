# sclero_site: `make run` serves the demo site, `make test` runs the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
DATABASE_URL_PG ?= postgres://postgres@127.0.0.1:5432/sclero
REDIS_URL_TEST ?= redis://127.0.0.1:6379/15
PYTEST_ARGS ?=

# A Python >= 3.12: python3.13/python3.12 if they run, else one pyenv holds
# (pyenv shims only run when selected), else python3 if it is new enough.
define FIND_PYTHON
ok() { "$$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }; \
for c in python3.13 python3.12 python3; do \
  p=$$(command -v $$c 2>/dev/null) && ok "$$p" && { echo "$$p"; exit 0; }; \
done; \
if command -v pyenv >/dev/null 2>&1; then \
  root=$$(pyenv root); \
  for v in $$(pyenv versions --bare 2>/dev/null | grep -E '^3\.(1[2-9]|[2-9][0-9])' | sort -rV); do \
    p="$$root/versions/$$v/bin/python"; ok "$$p" && { echo "$$p"; exit 0; }; \
  done; \
fi; \
exit 1
endef
export FIND_PYTHON

.PHONY: help run test test-postgres e2e e2e-postgres lint format bench bench-search bench-http bench-scale bench-data bench-data-all drill-cluster clean

help:
	@echo "make run            set up and serve the demo site on http://127.0.0.1:8000"
	@echo "make test           the whole test suite on SQLite"
	@echo "make test-postgres  the same suite on PostgreSQL and Redis"
	@echo "make e2e            browser tests (Chromium, axe-core, HTML validation)"
	@echo "make e2e-postgres   the browser tests on PostgreSQL and Redis"
	@echo "make lint           ruff check and format check"
	@echo "make bench          page CPU time, queries and search latency on a PostgreSQL copy with 100,000 posts"
	@echo "make bench-search   search latency only (same data)"
	@echo "make bench-http     pages over HTTP (gunicorn, Redis, wrk) against a bare Django view, then each size"
	@echo "make bench-scale    thread page and search p95 at 1k, 100k and 1m posts (built ones)"
	@echo "make bench-data     build the benchmark database (SIZE=1k, 100k or 1m; bench-data-all: all three)"
	@echo "make drill-cluster  two app nodes, haproxy, primary + replica, Redis, S3 and the worker, with parts stopped under load (~3 min)"

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@py=$$(bash -c "$$FIND_PYTHON") || { \
	  echo "Python 3.12 or newer is needed and none was found."; \
	  echo "Install one (e.g. 'pyenv install 3.12' or your system's python3.12 package) and run make again."; \
	  exit 1; }; \
	echo "Using $$py ($$($$py --version))"; \
	test -x $(PY) || $$py -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

# Translations: the .po files are committed, the .mo files are compiled here (not committed).
PO_FILES := $(wildcard locale/*/LC_MESSAGES/*.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: messages makemessages
messages: $(MO_FILES)

locale/%.mo: locale/%.po
	@command -v msgfmt >/dev/null || apt-get install -y gettext || sudo apt-get install -y gettext
	msgfmt --check -o $@ $<

# After changing interface strings: refresh the catalogs, then translate what is new.
makemessages: $(VENV)/.installed
	$(PY) manage.py makemessages -l zh_Hant --no-obsolete --ignore=.venv --ignore=node_modules \
	  --ignore=tests --ignore=benchmarks --ignore=scripts --ignore=deploy --ignore=docs \
	  --ignore=staticfiles --ignore=media

run: $(VENV)/.installed messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Serving http://127.0.0.1:8000 (Ctrl+C stops). Log in with a demo account above."
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(VENV)/.installed messages
	$(PY) -m pytest -n auto $(PYTEST_ARGS)

test-postgres: $(VENV)/.installed messages
	DATABASE_URL=$${DATABASE_URL:-$(DATABASE_URL_PG)} REDIS_URL=$${REDIS_URL:-$(REDIS_URL_TEST)} \
	  $(PY) -m pytest -n auto $(PYTEST_ARGS)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@touch $@

e2e: $(VENV)/.installed messages node_modules/.installed
	scripts/browser-deps
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest tests/e2e -p no:xdist -o addopts="" $(PYTEST_ARGS)

# The browser tests again on PostgreSQL + Redis: the live server runs outside test
# transactions, so a locking service without its own transaction fails here.
e2e-postgres: $(VENV)/.installed messages node_modules/.installed
	scripts/browser-deps
	DATABASE_URL=$${DATABASE_URL:-$(DATABASE_URL_PG)} REDIS_URL=$${REDIS_URL:-$(REDIS_URL_TEST)} \
	  DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest tests/e2e -p no:xdist -o addopts="" $(PYTEST_ARGS)

# The production topology of docs/scaling.md on loopback ports, with an app node and
# then the primary stopped under load; needs Debian's haproxy and PostgreSQL.
drill-cluster: $(VENV)/.installed messages
	@command -v haproxy >/dev/null || apt-get install -y haproxy >/dev/null
	$(PY) scripts/drill_cluster.py

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Benchmarks run with production settings (cached templates, no debug) against their
# own PostgreSQL database, filled once with 100,000 posts and 1,000 articles.
# SIZE=1k, 100k (the default) or 1m forum posts, each size in its own database.
SIZE ?= 100k
BENCH_POSTS_1k = 1000
BENCH_POSTS_100k = 100000
BENCH_POSTS_1m = 1000000
BENCH_DB_1k = sclero_bench_1k
BENCH_DB_100k = sclero_bench
BENCH_DB_1m = sclero_bench_1m
BENCH_POSTS = $(or $(BENCH_POSTS_$(SIZE)),$(error SIZE must be 1k, 100k or 1m))
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/$(BENCH_DB_$(SIZE))
BENCH_ENV = DATABASE_URL=$(BENCH_DATABASE_URL) DJANGO_DEBUG=0 DJANGO_SECRET_KEY=bench-only-secret-key \
	DJANGO_ALLOWED_HOSTS=testserver,localhost DJANGO_SECURE_SSL_REDIRECT=0 \
	DJANGO_STATIC_ROOT=/tmp/sclero-bench-static

# Builds the database once; an interrupted build (no finished peer thread) starts over.
bench-data: $(VENV)/.installed
	@set -e; db=$${BENCH_DATABASE_URL:-$(BENCH_DATABASE_URL)}; name=$${db##*/}; \
	if ! psql "$$db" -tAc "select 1 from forum_thread where slug = 'bench-peer-thread'" 2>/dev/null | grep -q 1; then \
	  echo "Creating $$name with $(BENCH_POSTS) posts (100k: a few minutes; 1m: about half an hour)"; \
	  psql "$${db%/*}/postgres" -qc "DROP DATABASE IF EXISTS $$name" -c "CREATE DATABASE $$name"; \
	  $(BENCH_ENV) $(PY) manage.py migrate --noinput -v0; \
	  $(BENCH_ENV) $(PY) manage.py seed_demo --force; \
	  $(BENCH_ENV) $(PY) manage.py bench --load --posts $(BENCH_POSTS) --only none; \
	fi
	$(BENCH_ENV) $(PY) manage.py migrate --noinput -v0
	$(BENCH_ENV) $(PY) manage.py collectstatic --noinput -v0

# All three sizes, one after another (one process at a time).
bench-data-all:
	$(MAKE) bench-data SIZE=1k
	$(MAKE) bench-data SIZE=100k
	$(MAKE) bench-data SIZE=1m

bench: bench-data
	$(BENCH_ENV) $(PY) manage.py bench

bench-search: bench-data
	$(BENCH_ENV) $(PY) manage.py bench --only search

# Pages over HTTP (gunicorn, 2 sync workers, Redis) against a bare Django view; writes
# the table into docs/performance.md. Installs wrk with apt-get when it is missing.
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/11
bench-http: bench-data
	@command -v wrk >/dev/null || apt-get install -y wrk || sudo apt-get install -y wrk
	$(BENCH_ENV) REDIS_URL=$(BENCH_REDIS_URL) DJANGO_CACHE_PREFIX=bench-http \
	  $(PY) -m benchmarks.bench_http --scale --write-docs $(BENCH_HTTP_ARGS)

# Only the thread page and search at each built size (1k, 100k, 1m; see bench-data).
bench-scale: bench-data
	@command -v wrk >/dev/null || apt-get install -y wrk || sudo apt-get install -y wrk
	$(BENCH_ENV) REDIS_URL=$(BENCH_REDIS_URL) \
	  $(PY) -m benchmarks.bench_http --scale-only --write-docs $(BENCH_HTTP_ARGS)

clean:
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles
