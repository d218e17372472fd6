# Rapport — build the site, test it, check content.
#   make          build the tool (release) and the site into Public/
#   make test     unit + end-to-end tests, then the built site checked in a real browser
#   make check    every validation of Content/ and Templates/, writes nothing
#   make clean    remove build products and Public/

SWIFT      ?= swift
RAPPORT    := .build/release/rapport
DEBUG_RAPPORT := .build/debug/rapport
DEB_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config
SOURCES    := $(shell find Sources -type f) Package.swift

.PHONY: all site tool deps test unit-test site-test check clean

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

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel

clean:
	rm -rf .build Public .Public.tmp-* .Public.old-*
