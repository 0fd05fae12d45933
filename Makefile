# newswatch: `make demo` runs the pipeline on seeds/, `make test` runs the whole suite.
# Both set up everything a fresh Debian machine lacks (see scripts/install-system-deps.sh).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PYTEST_ARGS ?=
# The suite runs in two pytest-xdist workers (each with its own broker, PostgreSQL and tagger): most
# tests wait on Kafka, so two share two cores well. TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= 2

.PHONY: setup system-deps demo test test-stress test-fast lint bench clean

# The pages' JavaScript and map data (d3, topojson-client, world-atlas, world-countries): npm installs
# the exact versions of web/package-lock.json into build/web/node_modules; nothing is copied into the repo.
WEB := build/web

setup: $(VENV)/.installed $(WEB)/.installed

$(WEB)/.installed: web/package.json web/package-lock.json
	command -v npm >/dev/null 2>&1 || bash scripts/install-system-deps.sh
	mkdir -p $(WEB)
	cp web/package.json web/package-lock.json $(WEB)/
	cd $(WEB) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[dev,cjk]'
	touch $@

system-deps:
	bash scripts/install-system-deps.sh

demo: setup system-deps
	$(VENV)/bin/newswatch demo

test: setup system-deps
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# The suite while a CPU hog keeps one core busy (a shared or slow machine): STRESS_RUNS=5 repeats it.
# NEWSWATCH_TEST_TIME_FACTOR (default 1) scales every test's time limit, should a machine need it.
STRESS_RUNS ?= 1
test-stress: setup system-deps
	$(PY) scripts/stress.py --runs $(STRESS_RUNS) -- $(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

test-fast: setup
	$(PY) -m pytest -m "not kafka and not prometheus and not faults and not browser" $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy newswatch collectors processors sinks

bench: setup system-deps
	for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) $(WEB) .pytest_cache .ruff_cache .mypy_cache
