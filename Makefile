# Docket: `make demo` reads the files in Samples/ end to end; `make test` runs the test suite, then
# schemathesis against a live `docket serve` (scripts/schemathesis.sh).
SWIFT ?= swift
PREFIX ?= /usr/local
DOCKET_DB ?= var/docket.sqlite
RELEASE_BIN = .build/release/docket
export OMP_THREAD_LIMIT = 1

.PHONY: demo test build install packages clean samples models

packages:
	@./deploy/install-packages.sh

build: packages
	$(SWIFT) build -c release --product docket

# Starts from a fresh $(DOCKET_DB), submits every sample with its question and language from
# Samples/questions.tsv, drains the queue with one worker, then shows what was read and answered.
demo: build
	@rm -f $(DOCKET_DB) $(DOCKET_DB)-wal $(DOCKET_DB)-shm
	@while IFS="$$(printf '\t')" read -r file question language; do \
		set -- "Samples/$$file"; \
		if [ -n "$$question" ]; then set -- "$$@" --question "$$question"; fi; \
		if [ -n "$$language" ]; then set -- "$$@" --language "$$language"; fi; \
		$(RELEASE_BIN) submit --db $(DOCKET_DB) "$$@" || exit 1; \
	done < Samples/questions.tsv
	@$(RELEASE_BIN) worker --db $(DOCKET_DB) --drain --concurrency 2
	@echo
	@$(RELEASE_BIN) documents --db $(DOCKET_DB)
	@echo
	@$(RELEASE_BIN) answers --db $(DOCKET_DB)
	@echo
	@$(RELEASE_BIN) fields --db $(DOCKET_DB)
	@echo
	@$(RELEASE_BIN) studies --db $(DOCKET_DB)
	@mkdir -p var/reports
	@for id in $$($(RELEASE_BIN) sql --db $(DOCKET_DB) "SELECT id FROM docket_documents" --format csv | tail -n +2 | tr -d '\r'); do \
		$(RELEASE_BIN) report --db $(DOCKET_DB) $$id --format html --out var/reports/document-$$id.html 2>/dev/null || exit 1; \
	done
	@echo
	@echo "HTML reports: var/reports/document-*.html (open one in a browser)"

test: packages
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	./scripts/schemathesis.sh .build/debug/docket

install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/docket
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	$(RELEASE_BIN) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/docket
	$(RELEASE_BIN) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_docket
	$(RELEASE_BIN) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/docket.fish

# Refits the trained models in Sources/DocketAnswer/Models from the labelled evaluation sets (their
# documents read into $(EVAL_DB) once, then reused), then rebuilds to compile them in.
EVAL_DIR ?= ../shared/eval
EVAL_DB ?= var/eval.sqlite
models: build
	$(RELEASE_BIN) train key-value $(EVAL_DIR)/funsd-train/qa.jsonl --db $(EVAL_DB)
	$(RELEASE_BIN) train receipt-fields $(EVAL_DIR)/sroie-dev/qa.jsonl --db $(EVAL_DB)
	$(RELEASE_BIN) train open-questions $(EVAL_DIR)/docvqa-text-dev/qa.jsonl --db $(EVAL_DB)
	$(SWIFT) build -c release --product docket

# Regenerates Samples/ from the drawing code in Sources/make-samples.
samples: packages
	$(SWIFT) run make-samples Samples

clean:
	rm -rf .build var
