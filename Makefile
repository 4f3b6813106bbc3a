# Wat Werkt: two commands do everything.
#   make serve   set up, then build and serve the site at http://127.0.0.1:8000
#   make test    set up (Chromium included), then run every test
# Also: make check (check data/), make build (site into site/), make links (links to other
# websites in the built site; needs internet, never part of the build or the tests),
# make bench-pages (screenshots and Lighthouse scores of the main page types, as figures).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test check build links bench-pages system-packages

serve: $(BIN)/.installed
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

test: $(BIN)/.installed system-packages node_modules/.installed
	$(BIN)/python -m pytest

check: $(BIN)/.installed
	$(BIN)/watwerkt check

# Built next to site/ and swapped in only when the build succeeded: a failed build never
# leaves a half-written site.
build: $(BIN)/.installed
	@[ -n "$$SITE_URL" ] || echo "Let op: SITE_URL is niet gezet. Vaste links, de feed en de open data wijzen dan naar http://127.0.0.1:8000/; zet SITE_URL=https://... voor de echte site."
	rm -rf .site-new
	$(BIN)/mkdocs build --strict -d .site-new
	rm -rf site && mv .site-new site

links: build
	$(BIN)/watwerkt links --site site

bench-pages: $(BIN)/.installed system-packages bench/node_modules/.installed
	$(BIN)/python bench/pages.py

# The virtual environment, with the exact versions of constraints.txt.
$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV) || { echo "Geen venv: installeer het Debian-pakket python3-venv."; exit 1; }
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@

# axe-core, which the accessibility tests run in the browser, pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

# Lighthouse, for bench/pages.py only: the tests do not need it.
bench/node_modules/.installed: bench/package.json bench/package-lock.json
	npm ci --prefix bench --silent --no-audit --no-fund
	touch $@

# The browser tests drive Debian's Chromium (Playwright cannot download its own here).
system-packages:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi; }
