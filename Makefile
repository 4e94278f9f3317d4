# Course commands. `make lab` and `make test` set up .venv from requirements.lock first;
# the install is redone only when the lock or pyproject.toml changes (stamp keyed on their hash).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
KERNEL := russo-japanese-course
LOCK_HASH := $(shell cat requirements.lock pyproject.toml | sha256sum | cut -c1-16)
STAMP := $(VENV)/.installed-$(LOCK_HASH)
COMPILED := $(VENV)/.compiled-$(LOCK_HASH)
PORT ?= 8888
LAB_ARGS ?=
PYTEST_ARGS ?=
PAPER ?= a4
PRINT_ARGS ?=
SLIDES_PER_PAGE ?= 2
# JupyterLab refuses to start as root (Docker, a fresh server) unless told --allow-root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: setup lab test site slides student print packets bench lock data-dictionary teacher-notes clean wheel hub-proxy

setup: $(STAMP) $(COMPILED)

$(STAMP): requirements.lock pyproject.toml
	@echo "== Setting up $(VENV) from requirements.lock (first run takes a few minutes)"
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "$$(grep '^uv==' requirements.lock)"
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) \
		--display-name "Russo-Japanese relations (course)"
	touch $(STAMP)

# uv does not byte-compile (pip does); without .pyc files every kernel recompiles pandas, plotly
# and IPython on start (seconds per lesson) wherever site-packages is read-only or
# PYTHONDONTWRITEBYTECODE is set. A separate stamp, so an existing .venv is compiled, not rebuilt.
$(COMPILED): $(STAMP)
	@echo "== Byte-compiling $(VENV) (once per install)"
	$(BIN)/python -m compileall -q -j 0 $$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))') >/dev/null \
		|| echo "(some files could not be byte-compiled; Python compiles them when imported)"
	touch $(COMPILED)

lab: setup
	@$(if $(ALLOW_ROOT),echo "warning: running JupyterLab as root (--allow-root); use an ordinary user where you can" >&2,:)
	$(BIN)/jupyter lab --notebook-dir=notebooks --ServerApp.port=$(PORT) $(ALLOW_ROOT) $(LAB_ARGS) notebooks/index.ipynb

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

site: setup
	$(BIN)/python -m publish.site

slides: setup
	$(BIN)/python -m publish.slides

student: setup
	$(BIN)/python -m publish.student

# Every lesson as PDFs (student handout, worksheet, teacher edition, slides handout) and the
# course reader, into _build/print/; also builds the site, which then links the public PDFs.
# `PAPER=letter make print` for US Letter; SLIDES_PER_PAGE=6 for six slides to a sheet of the
# slides handout (default 2); PRINT_ARGS="--lessons 04" for one lesson.
print: setup packets
	$(BIN)/python -m publish.print --paper $(PAPER) --slides-per-page $(SLIDES_PER_PAGE) $(PRINT_ARGS)

# The capstone's evidence packets, one PDF per turning point for classes without devices, into
# _build/print/packets/ (the same evidence the notebook's evidence helper gathers).
packets: setup
	$(BIN)/python -m publish.print.packets --paper $(PAPER)

bench: setup
	$(BIN)/python -m benchmarks

# The course package as a school's hub installs it: helpers with lessons_data, the questions,
# the narrative sources and the course kernel spec inside (README, "Running it for a class").
wheel: setup
	rm -rf build _build/dist
	$(BIN)/uv build --wheel --no-build-isolation --python $(BIN)/python -o _build/dist .
	rm -rf build

# configurable-http-proxy for the local hub of `pytest -m hub` and `make bench`, from npm,
# pinned by classroom/proxy/package-lock.json, into _build/hub-proxy (the test does this itself too).
hub-proxy: setup
	$(BIN)/python -m classroom.local_hub

data-dictionary: setup
	$(BIN)/python -m helpers.data.datadict > lessons_data/DATA_DICTIONARY.md

teacher-notes: setup
	$(BIN)/python -m publish.teacher_notes
	$(BIN)/python -m publish.lesson_table

# requirements.lock, then classroom/student.lock: what a student's server needs, at its versions
lock:
	uv pip compile requirements.in -o requirements.lock --python-version 3.11
	uv pip compile classroom/student.in -c requirements.lock -o classroom/student.lock --python-version 3.11

clean:
	rm -rf _build .jupyter_cache
