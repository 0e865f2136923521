# The two commands: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/portal
ONLY ?=
APP_LOCALES := $(wildcard portal/*/locale)

.PHONY: run test test-sqlite test-postgres bench setup lint format messages clean

# Installs happen only when the lock files change, so a second run is quick.
$(VENV)/.installed: requirements/dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==0.13.8
	$(UV) pip sync --quiet --python $(PY) requirements/dev.txt
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

setup: $(VENV)/.installed node_modules/.package-lock.json
	mkdir -p var

run: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	./scripts/serve-dev $(HOST) $(PORT)

# The whole suite on SQLite, then on PostgreSQL. With REQUIRE_POSTGRES=1 an
# unreachable PostgreSQL fails the run instead of skipping it.
test: setup
	./scripts/check-browser
	$(MAKE) --no-print-directory test-sqlite
	./scripts/with-postgres $(MAKE) --no-print-directory test-postgres

test-sqlite:
	env -u DATABASE_URL -u REDIS_URL $(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS)

test-postgres:
	DATABASE_URL=$(PG_TEST_URL) $(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS)

bench: setup
	$(PY) -m bench $(if $(ONLY),--only $(ONLY))

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The project catalogue in locale/, then each app that keeps its own
# (portal/<app>/locale/, for the strings of its code and templates).
messages: setup
	$(MANAGE) makemessages -l vi -l en --ignore=.venv --ignore=node_modules \
		$(foreach d,$(APP_LOCALES),--ignore=$(patsubst %/locale,%,$(d))/*)
	for d in $(APP_LOCALES); do \
		(cd $$(dirname $$d) && $(CURDIR)/$(VENV)/bin/django-admin makemessages -l vi -l en); \
	done
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules

clean:
	rm -rf $(VENV) node_modules staticfiles
