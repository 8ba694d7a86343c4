# Docket: `make demo` reads the files in Samples/ end to end; `make test` runs the test suite.
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

# Starts from a fresh $(DOCKET_DB), submits every sample with its question from
# Samples/questions.tsv, drains the queue with one worker, then shows what was read and answered.
demo: build
	@rm -f $(DOCKET_DB) $(DOCKET_DB)-wal $(DOCKET_DB)-shm
	@while IFS="$$(printf '\t')" read -r file question; do \
		$(RELEASE_BIN) submit --db $(DOCKET_DB) "Samples/$$file" --question "$$question" || exit 1; \
	done < Samples/questions.tsv
	@$(RELEASE_BIN) worker --db $(DOCKET_DB) --drain --concurrency 2
	@echo
	@$(RELEASE_BIN) documents --db $(DOCKET_DB)
	@echo
	@$(RELEASE_BIN) answers --db $(DOCKET_DB)

test: packages
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/docket

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
