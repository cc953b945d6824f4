# sekg: two commands on a fresh machine - `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test test-slow bench-api release build java chromium install bench bench-1e6 bench-1e7 clean screenshots workbench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@# an editable install leaves our modules uncompiled, and with PYTHONDONTWRITEBYTECODE (set on these machines)
	@# every `sekg` call compiled them again: 30-50 ms a call (bench/cli-latency.md)
	$(BIN)/python -m compileall -q kg loaders viz > /dev/null
	touch $(STAMP)

install: $(STAMP)

# HermiT (the OWL reasoner) runs on Java. Install a JRE when we can (root + apt), else explain.
java:
	@if command -v java >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Java not found: installing default-jre-headless for the HermiT reasoner"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	else \
	  echo "Java not found. HermiT needs a Java runtime: install one (e.g. 'sudo apt-get install default-jre-headless')"; \
	  echo "or build without the reasoner: $(BIN)/sekg build --no-reasoner"; exit 1; \
	fi

# The visualisation test opens the HTML in headless Chromium (Debian's package).
chromium:
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Chromium not found: installing Debian's chromium for the browser test"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "Chromium not found and cannot be installed here (needs root and apt): the browser test will be skipped"; \
	fi

build: $(STAMP) java
	$(BIN)/sekg build

run: build
	$(BIN)/sekg query strategies-for-failure --failure "lithium dendrite" --family sulfide
	$(BIN)/sekg viz --query strategies-for-failure --failure "lithium dendrite" --family sulfide -o out/flagship.html
	$(BIN)/sekg plot conductivity --colour-by source -o out/conductivity.png
	@echo "Open out/flagship.html (interactive graph of the answer) and out/conductivity.png (conductivity plot);"
	@echo "make workbench serves the research workbench in a browser: http://127.0.0.1:8000/"

# the research workbench in a browser: http://127.0.0.1:8000/ (read-only; Ctrl-C stops it)
workbench: build
	$(BIN)/sekg api

# every workbench page as a PNG in out/screenshots, taken by the browser tests in Debian's chromium
screenshots: $(STAMP) java chromium
	SEKG_SCREENSHOTS=out/screenshots $(BIN)/python -m pytest -q tests/test_workbench_browser.py
	@echo "screenshots in out/screenshots/"

# a versioned release of the graph in dist/ (ontology, N-Quads, Turtle per graph, VoID/DCAT, checksums)
release: build
	$(BIN)/sekg release -o dist

# pytest exit 5 means no test ran: that is a failure here, not a pass.
test: $(STAMP) java chromium
	@$(BIN)/python -m pytest -q; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$status

# the long kill and fuzz runs (24 SIGKILLs over a build, thousands of hostile parameters); .ci/run runs it too
test-slow: $(STAMP) java
	$(BIN)/python -m pytest -q -m slow

# `sekg api` with 32 concurrent clients on the built review graph: p50/p99 per query -> bench/api-load.md
bench-api: build
	$(BIN)/python bench/api_load.py --store oxigraph:.sekg/store --clients 32 --requests 40

bench: $(STAMP) java
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/run.py --scales 1e4 1e5 --repeat 5

# 10^6 triples: about half an hour on 2 cores; SHACL off (the build stages are still measured), rdflib capped
bench-1e6: $(STAMP) java
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/run.py --scales 1e6 --repeat 3 --no-validate --rdflib-cap 20 --rdflib-max-triples 2e6 --http-cap 30 --owlrl-cap 60 --out bench/1e6

# 10^7 triples (not in CI): about 35 minutes on 2 cores; rdflib left out (it would need more memory than the machine has),
# the build's own peak RSS measured in its process; results in bench/1e7/
bench-1e7: $(STAMP) java
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/run.py --scales 1e7 --repeat 3 --no-validate --rdflib-cap 20 --rdflib-max-triples 2e6 --http-cap 30 --owlrl-cap 60 --out bench/1e7

clean:
	rm -rf .sekg out .pytest_cache
