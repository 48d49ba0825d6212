# The README's two set-up commands:
#   make sync   the main job: a local sync of every profile into ./out, offline (recorded responses)
#   make test   the tests (what CI runs: .ci/run)
# Both first make sure of Node 22 (scripts/ensure-node.sh) and of the installed dependencies (npm ci, only when
# package-lock.json changed since the last install), so the second command does not install again.
SHELL := /bin/bash
NODE_DIR := $(shell bash scripts/ensure-node.sh)
ifneq ($(NODE_DIR),)
export PATH := $(NODE_DIR):$(PATH)
endif
INSTALLED := node_modules/.profile-sync-installed

.PHONY: sync test deps
sync: $(INSTALLED)
	npm run sync
test: $(INSTALLED)
	npm test
deps: $(INSTALLED)

$(INSTALLED): package-lock.json package.json
	npm ci --no-audit --no-fund
	node --version > $@
