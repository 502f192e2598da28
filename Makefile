# Everyday commands. `make run` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.9
HOST ?= 127.0.0.1
PORT ?= 8000

# `make run` is a local development server and the task worker beside it (manage.py run_local):
# DEBUG on, SQLite unless DATABASE_URL says otherwise.
RUN_ENV := DEBUG=$${DEBUG:-true}

.PHONY: run test install install-test lint format lock messages migrate demo clean

run: install
	@$(RUN_ENV) $(PY) manage.py prepare_local_site
	@echo "Nettstedet: http://$(HOST):$(PORT)/   (stopp med Ctrl+C)"
	@$(RUN_ENV) $(PY) manage.py run_local $(HOST):$(PORT)

# The suite runs in one process per core (pytest-xdist), each with its own test database and,
# with REDIS_URL, its own Redis database (the next numbers after the URL's). TEST_PROCESSES=0
# runs it in a single process; `make test ARGS="tests/api -x"` passes options to pytest.
TEST_PROCESSES ?= auto
test: install-test
	$(PY) -m pytest -n $(TEST_PROCESSES) $(ARGS)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Interface strings: collect them from code and templates (Norwegian is the source), copy them
# into the Norwegian catalogue, and compile both. Needs GNU gettext (apt-get install gettext).
MESSAGES_IGNORE := --ignore ".venv/*" --ignore "tests/*" --ignore "bench/*" --ignore "staticfiles/*" --ignore "docs/*"
messages: install
	DEBUG=true $(PY) manage.py makemessages -l en -l nb $(MESSAGES_IGNORE) --no-obsolete --add-location file
	msgattrib --clear-fuzzy --empty locale/nb/LC_MESSAGES/django.po | msgen - -o locale/nb/LC_MESSAGES/django.po
	for lang in en nb; do msgfmt --check -o locale/$$lang/LC_MESSAGES/django.mo locale/$$lang/LC_MESSAGES/django.po; done

# Regenerate the locked requirement files after changing pyproject.toml.
lock: $(UV)
	$(UV) pip compile pyproject.toml --python-version 3.11 -o requirements.txt
	$(UV) pip compile pyproject.toml --extra test --python-version 3.11 -o requirements-test.txt

install: $(VENV)/.installed-app
install-test: $(VENV)/.installed-test

$(PY):
	$(PYTHON) -m venv $(VENV)

$(UV): | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

# Stamp files: a second `make run` skips the install unless the lock file changed.
# Bytecode is compiled at install time because PYTHONDONTWRITEBYTECODE may be set, and
# compiling Wagtail on every start costs seconds.
$(VENV)/.installed-app: requirements.txt | $(UV)
	$(UV) pip install --quiet --compile-bytecode --python $(PY) -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt | $(UV)
	$(UV) pip install --quiet --compile-bytecode --python $(PY) -r requirements-test.txt
	touch $@ $(VENV)/.installed-app

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
