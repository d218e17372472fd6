# Rapport — build the site, test it, check content.
#   make          build the tool (release) and the site into Public/
#   make test     unit + end-to-end tests, then the built site checked in a real browser
#   make check    every validation of Content/ and Templates/, writes nothing
#   make serve    preview on http://127.0.0.1:8000/ (PORT=…): rebuilds on every change, reloads the browser
#   make serve-load  load test (10,000 requests) and change-to-visible latency of the preview server
#   make clean    remove build products and Public/

SWIFT      ?= swift
RAPPORT    := .build/release/rapport
DEBUG_RAPPORT := .build/debug/rapport
DEB_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config
SOURCES    := $(shell find Sources -type f) Package.swift

.PHONY: all site tool deps test check clean fuzz serve serve-load

all: site

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
	$(SWIFT) build -c release --product rapport

site: $(RAPPORT)
	$(RAPPORT) build

check: $(RAPPORT)
	$(RAPPORT) check

serve: $(RAPPORT)
	$(RAPPORT) serve --port $(or $(PORT),8000)

serve-load: $(RAPPORT)
	python3 Tests/RapportServeTests/load_test.py --rapport $(RAPPORT)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel

clean:
	rm -rf .build Public .Public.tmp-* .Public.old-*

# libFuzzer over the dataset parser for a bounded time (FUZZ_SECONDS). A crash leaves
# crash-* files in fuzz-corpus/ and fails; replay one with .build/debug/fuzz-datasets FILE.
FUZZ_SECONDS ?= 60
fuzz: deps
	$(SWIFT) build --scratch-path .build-fuzz --product fuzz-datasets \
	  -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DFUZZING
	mkdir -p fuzz-corpus
	@for f in Content/data/*/*.yml; do \
	  c="$${f%.yml}.csv"; n=$$(basename "$${f%.yml}"); \
	  { cat "$$f"; printf '\0'; cat "$$c"; } > "fuzz-corpus/seed-$$n"; done
	.build-fuzz/debug/fuzz-datasets -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=4096 \
	  -artifact_prefix=fuzz-corpus/ fuzz-corpus
