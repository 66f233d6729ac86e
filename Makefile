# The two commands of the README: `make run` and `make test`. Everything else is their parts.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SITE_URL ?= http://127.0.0.1:$(PORT)
export SITE_URL
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/clustermeet
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test setup system-packages messages messages-extract check test-sqlite test-postgres lint bench-pages backup clean

run: setup
	@mkdir -p data
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py collectstatic --no-input -v 0
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py demo_admin
	@echo "clustermeet runs at http://127.0.0.1:$(PORT)/  (stop with Ctrl-C); mails go to this console"
	@$(BIN)/python manage.py run_worker --verbosity 0 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver 127.0.0.1:$(PORT) --noreload

test: setup system-packages check test-sqlite test-postgres

setup: $(VENV)/.installed messages

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "clustermeet needs Python 3.11 ($(PYTHON))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

# gettext for the catalogues, Chromium for the browser tests, Pango and HarfBuzz's subset
# library for WeasyPrint (the certificates of attendance) — Debian's packages.
WEASYPRINT_LIBRARIES := libpangoft2-1.0-0 libharfbuzz-subset0
system-packages:
	@if ! command -v msgfmt >/dev/null || ! test -x /usr/bin/chromium \
	    || ! ldconfig -p | grep -q 'libharfbuzz-subset\.so\.0 ' || ! ldconfig -p | grep -q 'libpangoft2-1\.0\.so\.0 '; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && apt-get install -y -qq --no-install-recommends gettext chromium $(WEASYPRINT_LIBRARIES) >/dev/null; \
	  else echo "Install Debian's gettext, chromium and $(WEASYPRINT_LIBRARIES) (as root) for the tests."; fi; \
	fi

messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq --no-install-recommends gettext >/dev/null; }
	@$(BIN)/django-admin compilemessages --ignore=.venv --ignore=data -v 0

# Gathers new interface strings into the catalogues (without source locations, so that
# branches adding strings merge cleanly); translate every new empty entry afterwards.
messages-extract: $(VENV)/.installed
	$(BIN)/python manage.py makemessages -l de -l es -l it -l bg --no-location --no-obsolete \
	  --ignore=.venv --ignore=data --ignore=tests --ignore=bench

# The benches are scripts without the .py suffix (bench/README.md): ruff is given each.
BENCH_SCRIPTS = $(filter-out %.md %.py,$(wildcard bench/*))

check: setup
	$(BIN)/ruff check . $(BENCH_SCRIPTS)
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check

# Three workers on SQLite (its browser tests wait on Chromium a good part of the time, so a
# third keeps both cores busy), two on PostgreSQL (its server is the third).
test-sqlite: setup
	@echo "== test suite on SQLite =="
	DATABASE_URL= $(BIN)/pytest -n 3

test-postgres: setup
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_TEST_URL)'.rsplit('/', 1)[0] + '/postgres', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== test suite on PostgreSQL =="; \
	  DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -n 2; \
	elif [ "$$REQUIRE_SERVICES" = 1 ]; then \
	  echo "PostgreSQL does not answer at $(PG_TEST_URL), and REQUIRE_SERVICES=1"; exit 1; \
	else echo "== PostgreSQL does not answer at $(PG_TEST_URL): its pass is skipped =="; fi

# A consistent backup of the SQLite database and the media folder while the site runs
# (BACKUP_DIR=… for another folder than data/backups); on PostgreSQL see the README.
backup: setup
	$(BIN)/python manage.py backup $(if $(BACKUP_DIR),--output "$(BACKUP_DIR)")

bench-pages: setup
	$(BIN)/python bench/pages

clean:
	rm -rf $(VENV) staticfiles
