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
	$(BIN)/watwerkt serve --adres 127.0.0.1 --poort 8000

test: $(BIN)/.installed system-packages node_modules/.installed
	$(BIN)/python -m pytest

check: $(BIN)/.installed
	$(BIN)/watwerkt check

# Built next to site/ and swapped in only when the build succeeded, in one rename that
# exchanges the two folders: a failed build leaves site/ as it was, and there is never a moment
# without a complete site/ (whoever serves it sees the old site or the new one, never none).
build: $(BIN)/.installed
	@[ -n "$$SITE_URL" ] || echo "Let op: SITE_URL is niet gezet. Vaste links, de feed en de open data wijzen dan naar http://127.0.0.1:8000/; zet SITE_URL=https://... voor de echte site."
	rm -rf .site-new
	@echo "De site wordt gebouwd in .site-new/; dat duurt even."
	$(BIN)/watwerkt build --site .site-new
	@$(BIN)/python -c "$$SWAP_IN_SITE" .site-new site
	rm -rf .site-new
	@echo "Klaar: de nieuwe site staat in site/."

# renameat2(RENAME_EXCHANGE) swaps two folders in one step (Linux 3.15+, glibc 2.28+); where it
# is missing, two renames leave site/ absent for a moment only. The old site ends in .site-new.
define SWAP_IN_SITE
import ctypes, errno, os, sys
new, current = sys.argv[1:]
try:
    if not os.path.lexists(current):
        os.rename(new, current)
        sys.exit(0)
    libc = ctypes.CDLL(None, use_errno=True)
    if getattr(libc, "renameat2", None) and libc.renameat2(-100, new.encode(), -100, current.encode(), 2) == 0:
        sys.exit(0)
    if ctypes.get_errno() not in (0, errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), current)
    os.rename(current, new + "-oud")
    os.rename(new, current)
    os.rename(new + "-oud", new)
except OSError as error:
    sys.exit(f"De nieuwe site staat klaar in {new}/, maar kon {current}/ niet vervangen: {error.strerror}")
endef
export SWAP_IN_SITE

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

# The browser tests drive Debian's Chromium (Playwright cannot download its own here); the W3C
# Nu HTML Checker (node_modules/vnu-jar) runs on Java.
SYSTEM_PACKAGES = $(if $(shell command -v chromium),,chromium) $(if $(shell command -v java),,default-jre-headless)
system-packages:
	@[ -z "$(strip $(SYSTEM_PACKAGES))" ] || { \
	  echo "Debian-pakketten installeren: $(strip $(SYSTEM_PACKAGES))"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $(SYSTEM_PACKAGES); \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq $(SYSTEM_PACKAGES); fi; }
