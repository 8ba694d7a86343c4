#!/usr/bin/env bash
# Runs schemathesis against a live `docket serve`: every operation in the served
# /v1/openapi.yaml, all checks (no 5xx, every status, content type, header and body as
# documented), with a fixed seed and a bounded number of examples per operation.
#
#   scripts/schemathesis.sh [DOCKET_BINARY] [-- EXTRA_ST_RUN_OPTIONS...]
#
# DOCKET_BINARY defaults to .build/debug/docket; this script builds nothing. The server gets a
# throwaway SQLite store in a temporary folder, a key of scope submit and the documents in
# Samples/ (already read), and is stopped when the script ends, whatever the outcome.
# schemathesis is installed at the versions pinned in scripts/schemathesis-requirements.txt, into a
# virtualenv under .build/ (made again when that file changes).
# Environment: SCHEMATHESIS_EXAMPLES (per operation, default 25), SCHEMATHESIS_SEED (default 1),
# SCHEMATHESIS_DATABASE (an empty database to use instead, e.g. a postgres:// URL).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
binary="${1:-$root/.build/debug/docket}"
if [ $# -gt 0 ]; then shift; fi
if [ "${1:-}" = "--" ]; then shift; fi
examples="${SCHEMATHESIS_EXAMPLES:-25}"
seed="${SCHEMATHESIS_SEED:-1}"

requirements="$root/scripts/schemathesis-requirements.txt"
venv="$root/.build/schemathesis-venv"

if [ ! -x "$binary" ]; then
  echo "error: no docket binary at $binary; build it first (swift build --product docket)" >&2
  exit 2
fi

if ! cmp -s "$requirements" "$venv/installed-requirements.txt"; then
  echo "Installing schemathesis ($requirements) into $venv"
  if ! python3 -m venv --clear "$venv"; then
    echo "error: python3 cannot make a virtualenv; install python3-venv (make packages does)" >&2
    exit 2
  fi
  "$venv/bin/pip" install --quiet --disable-pip-version-check --requirement "$requirements"
  cp "$requirements" "$venv/installed-requirements.txt"
fi
schemathesis_version="$("$venv/bin/st" --version | sed 's/^st, version //')"

work="$(mktemp -d "${TMPDIR:-/tmp}/docket-schemathesis.XXXXXX")"
database="${SCHEMATHESIS_DATABASE:-$work/docket.sqlite}"
server_pid=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

export OMP_THREAD_LIMIT=1
seed_documents() {
  "$binary" migrate --db "$database" >/dev/null || return 1
  key="$("$binary" keys create --db "$database" --name schemathesis --scope submit)" || return 1
  while IFS="$(printf '\t')" read -r file question language; do
    set -- "$root/Samples/$file"
    if [ -n "$question" ]; then set -- "$@" --question "$question"; fi
    if [ -n "$language" ]; then set -- "$@" --language "$language"; fi
    "$binary" submit --db "$database" "$@" >/dev/null || return 1
  done < "$root/Samples/questions.tsv"
  "$binary" worker --db "$database" --drain --concurrency 1 >/dev/null || return 1
}
key=""
if ! seed_documents 2>"$work/seed.err"; then
  echo "error: could not make the store, key and documents to test against:" >&2
  cat "$work/seed.err" >&2
  exit 1
fi

: >"$work/serve.out"
"$binary" serve --db "$database" --listen 127.0.0.1:0 --workers 1 --grace 5 \
  --upload-folder "$work" >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
base=""
for _ in $(seq 1 300); do
  base="$(sed -n 's/^docket serve: listening on \(http:\/\/[^ ]*\)$/\1/p' "$work/serve.out" | head -n 1)"
  if [ -n "$base" ]; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
  sleep 0.1
done
if [ -z "$base" ]; then
  echo "error: docket serve did not start:" >&2
  cat "$work/serve.out" "$work/serve.err" >&2
  exit 1
fi
echo "schemathesis $schemathesis_version against docket serve at $base (seed $seed, at most $examples examples per operation)"

status=0
# A long poll (GET /v1/jobs/{id}?wait=N) may rightly take up to 60 s on a job that stays queued.
"$venv/bin/st" --config-file "$root/scripts/schemathesis.toml" run "$base/v1/openapi.yaml" \
  --url "$base" \
  --header "Authorization: Bearer $key" \
  --checks all \
  --max-examples "$examples" \
  --seed "$seed" \
  --generation-database none \
  --workers 1 \
  --request-timeout 75 \
  --no-color \
  "$@" || status=$?

"$venv/bin/python" - "$base/metrics" "$key" <<'COUNT' || true
import sys, urllib.request
request = urllib.request.Request(sys.argv[1], headers={"Authorization": "Bearer " + sys.argv[2]})
lines = urllib.request.urlopen(request, timeout=10).read().decode().splitlines()
counts = {}
for line in lines:
    if line.startswith("docket_http_requests_total{"):
        status = line.split('status="')[1].split('"')[0]
        counts[status] = counts.get(status, 0) + int(line.rsplit(" ", 1)[1])
shown = ", ".join(f"{status}: {count}" for status, count in sorted(counts.items()))
print(f"docket serve answered {sum(counts.values())} requests ({shown})")
COUNT

if [ "$status" -ne 0 ] && [ -s "$work/serve.err" ]; then
  echo "--- docket serve's standard error (last 40 lines) ---" >&2
  tail -n 40 "$work/serve.err" >&2
fi
exit "$status"
