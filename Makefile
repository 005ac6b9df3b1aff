# Tasks for the "Safeguarding and social media" site. `make help` lists them.
# Python packages come from uv.lock (hashed, exact versions); nothing is installed globally
# except uv itself (into .tools/ when it is not already on PATH) and, for `make test`, Debian's Chromium.

SHELL := /bin/bash
.DEFAULT_GOAL := help
export NO_MKDOCS_2_WARNING := 1

UV_VERSION := 0.13.9
UV := $(or $(shell command -v uv 2>/dev/null),.tools/bin/uv)
# Tests that run make in a copy of the project use the same uv.
export UV
VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := $(VENV)/bin/mkdocs
CHROMIUM := /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8000
# The site's settings: a fork's own mkdocs.org.yml when present, else mkdocs.yml (mkdocs_adapter/engine.py
# decides). CONFIG=mkdocs.yml builds upstream only; CONFIG=mkdocs.example.yml the example organisation.
CONFIG ?=
SITE := $(PY) -m mkdocs_adapter.engine
# The site engine: mkdocs (MkDocs with mkdocs-macros, the default) or zensical (Material's successor, with the
# build's steps around it: mkdocs_adapter/zensical_engine.py). make build ENGINE=zensical, make serve ENGINE=zensical.
ENGINE ?= mkdocs
ENGINE_DEPS := $(VENV)/.site-deps $(if $(filter zensical,$(ENGINE)),$(VENV)/.zensical-deps)
# Where `make update` takes improvements from (docs/for-organisations.md, "Take our updates").
UPSTREAM ?= upstream
BRANCH ?= main

.PHONY: help serve build check test bench linkcheck offline schema browser node java clean org update site-deps

help: ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-10s %s\n", $$1, $$2}'

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

# The site's own packages (MkDocs, Material, macros, pydantic), exactly as locked.
$(VENV)/.site-deps: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --inexact
	@touch $@

# Plus what `make check` needs: Playwright (driving Debian's Chromium), axe-core, the W3C HTML validator.
$(VENV)/.check-deps: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --inexact --group check
	@touch $@ $(VENV)/.site-deps

# Plus the test tools (pytest and pytest-xdist, linkchecker, codespell, textstat...).
$(VENV)/.test-deps: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --inexact --group test
	@touch $@ $(VENV)/.site-deps $(VENV)/.check-deps

site-deps: $(VENV)/.site-deps
	@:

# Zensical, for ENGINE=zensical (its own dependency group in uv.lock).
$(VENV)/.zensical-deps: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --inexact --group zensical
	@touch $@ $(VENV)/.site-deps

serve: $(ENGINE_DEPS) ## Build and serve the site on http://127.0.0.1:8000 with live reload (PORT=8001 for another port; ENGINE=zensical)
	@$(SITE) serve $(if $(CONFIG),--config $(CONFIG)) --engine $(ENGINE) --host $(HOST) --port $(PORT)

build: $(ENGINE_DEPS) ## Strict build into site/ (site/ is only replaced when the build succeeds; ENGINE=zensical for Zensical)
	@$(SITE) build $(if $(CONFIG),--config $(CONFIG)) --engine $(ENGINE)

# The name is read from the environment, so quotes or a stray ` in it reach the starter as typed; only a
# NAME given on the command line counts (some systems set NAME to the computer's name).
org: $(VENV)/.site-deps ## Start your organisation's own copy: make org NAME="Oak Tree Youth Group"
	@$(PY) -m safeguarding_site.starter --name $(if $(filter command line,$(origin NAME)),"$$NAME",'')

# The quick check (mkdocs_adapter/check.py): what an organisation's change can break, on the site the settings
# build. The deploy workflow runs it before publishing; CHECK_ARGS=--no-build checks the site/ already built.
CHECK := $(PY) -m mkdocs_adapter.check $(if $(CONFIG),--config $(CONFIG)) --engine $(ENGINE)
check: $(VENV)/.check-deps $(ENGINE_DEPS) browser java ## Quick check (a few minutes): strict build into site/, links, pictures, valid HTML, and in Chromium every page's accessibility, security policy and weight
	@$(CHECK) $(CHECK_ARGS)

# No system packages and no root: the merge, the build and the checks that need neither Java nor Chromium.
# The packages are brought up to date after the merge, which may have changed uv.lock.
update: | $(UV) ## Take the latest upstream improvements (git pull --no-rebase), then build and check them (no root needed)
	@scripts/update.sh "$(UPSTREAM)" "$(BRANCH)"
	@$(MAKE) --no-print-directory site-deps
	@$(CHECK) --without-system-packages

# $(call debian,WHAT,PACKAGES): install Debian's PACKAGES with apt-get; when that cannot be done (not root,
# not Debian, no network), one line saying what is missing and how to add it.
define debian
{ command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq --no-install-recommends $(2) >/dev/null; } \
  || { echo "make: $(1) is missing and could not be installed here: install Debian's $(2) (as root: make $@, or sudo apt-get install $(2))" >&2; exit 1; }
endef

browser: ## Install Debian's Chromium for the browser tests (needs root)
	@test -x $(CHROMIUM) || $(call debian,Chromium ($(CHROMIUM)),chromium)
	@$(CHROMIUM) --version 2>/dev/null

node: ## Install Debian's Node.js and npm when missing (unit tests of the browser code, Lighthouse)
	@command -v node >/dev/null && command -v npm >/dev/null || $(call debian,Node.js or npm,nodejs npm)
	@echo "node $$(node --version), npm $$(npm --version)"

java: ## Install Debian's Java when missing (the W3C HTML validator, vnu.jar, runs on it)
	@command -v java >/dev/null || $(call debian,Java,default-jre-headless)
	@java -version 2>&1 | head -1

# The checkers that run in a browser (HTML_CodeSniffer, IBM Equal Access) and Lighthouse, exactly as package-lock.json has them.
# When npm cannot install them, one line says why (npm's own first error), and where its full output is.
node_modules/.package-lock.json: package.json package-lock.json | node
	@echo "npm ci: the node packages in package-lock.json, into node_modules/"
	@log=$$(mktemp); npm ci --ignore-scripts --no-audit --no-fund >"$$log" 2>&1 \
	  || { echo "make: npm ci could not install the node packages in package-lock.json: $$(sed -n 's/^npm error //p' "$$log" \
	         | grep -m1 -vE '^ *$$|^ |^(code|errno|syscall) ') (npm's full output: $$log)" >&2; exit 1; }; \
	  rm -f "$$log"

# Independent tests run side by side (pytest-xdist), each test file on one worker (so its module fixtures are
# made once); the sites tests only read are built once per run and shared by the workers (tests/conftest.py).
# Most tests spend their time waiting (for a browser, a build, a local server), so four workers keep two cores
# busy: on this project's two-core machine the suite took 6 min 42 s with four, 9 min 10 s with two (each
# under a load of about 10 from other work). PYTEST_WORKERS=0 runs them one after another.
PYTEST_WORKERS ?= 4
test: $(VENV)/.test-deps browser node java node_modules/.package-lock.json ## Install what tests need (browser, Node.js, Java) and run every test
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

bench: $(VENV)/.test-deps browser node java node_modules/.package-lock.json ## Print build times, page weights, Lighthouse scores, and how long the quick check and the full suite take
	$(PY) scripts/bench.py

# The exit status (0 nothing needs a person, 1 dead or needs review, 2 could not run) is `$(PY) -m link_monitor`'s; make reports any
# failure as 2 (its last line, "[Makefile:NN: linkcheck] Error 1" or "Error 2", still names which), so scripts that need
# the difference read linkcheck-report.json (see README, "Link check").
# The site is built first (a strict build, as `make build`), unless LINKCHECK_ARGS names --site or --no-site.
LINKCHECK_SITE := .linkcheck-site
linkcheck: $(VENV)/.test-deps ## Check every link; write linkcheck-report.md and the link history (see README)
	@if echo " $(LINKCHECK_ARGS) " | grep -qE ' --(no-)?site[ =]'; then \
	  $(PY) -m link_monitor $(LINKCHECK_ARGS); \
	else \
	  $(SITE) build $(if $(CONFIG),--config $(CONFIG)) --site-dir $(LINKCHECK_SITE) || exit 2; \
	  $(PY) -m link_monitor --site $(LINKCHECK_SITE) $(LINKCHECK_ARGS); status=$$?; rm -rf $(LINKCHECK_SITE); exit $$status; \
	fi

offline: $(VENV)/.site-deps ## Build a copy that works from disk (file://), zipped
	$(PY) -m mkdocs_adapter.offline $(if $(CONFIG),--config-file $(CONFIG))

# Exit status 1 (something is due) is what the weekly workflow reads from the command; here it is no failure.
.PHONY: due
due: $(VENV)/.site-deps ## List what is due for review: your guidelines (a year after they were agreed) and pages past review_in
	@$(PY) -m safeguarding_site.due_reviews $(if $(CONFIG),--config $(CONFIG)) || [ $$? -eq 1 ]

schema: $(VENV)/.site-deps ## Write data/schema/*.json from safeguarding_site/models.py
	$(PY) -m safeguarding_site.schema

# The upkeep workflows (.github/workflows/site-updates.yml, linkcheck.yml) run `python -m upkeep` from it.
.PHONY: venv
venv: $(VENV)/.site-deps ## Set up .venv from uv.lock (the site's own packages) and nothing else

clean: ## Remove build output and caches (not the virtual environment)
	rm -rf site .site-build .zensical-build-* .zensical-serve .linkcheck-site .pytest_cache dist
