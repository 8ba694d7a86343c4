#!/usr/bin/env bash
# Reads the same files on SQLite and on PostgreSQL and compares what `docket export` gives.
#
#   scripts/backend-parity.sh DIR
#
# Every regular file under DIR is submitted on its own (files docket refuses are counted, on both
# backends alike), once to a new SQLite store and once to a new database on a throwaway PostgreSQL
# cluster (scripts/throwaway-postgres), and `docket worker --drain` reads them. It prints the time
# each backend took to submit and read, then compares `docket export documents|fields|answers`
# (JSON Lines, without ids and times, which differ between any two runs) and prints the lines that
# differ. Exits 0 when the exports are the same, 1 when they differ.
#
# DOCKET names the binary (default: .build/release/docket, else .build/debug/docket); CONCURRENCY the
# worker's (default 2). Needs jq. Files are read where they are, never copied.
set -euo pipefail

[ $# -eq 1 ] && [ -d "$1" ] || { echo "usage: $0 DIR (a folder of files to read)" >&2; exit 64; }
corpus="$(cd "$1" && pwd)"
root="$(cd "$(dirname "$0")/.." && pwd)"
docket="${DOCKET:-}"
if [ -z "$docket" ]; then
  for candidate in "$root/.build/release/docket" "$root/.build/debug/docket"; do
    if [ -x "$candidate" ]; then docket="$candidate"; break; fi
  done
fi
[ -n "$docket" ] && [ -x "$docket" ] || { echo "no docket binary: run swift build, or set DOCKET" >&2; exit 1; }
command -v jq >/dev/null || { echo "jq is not installed: apt-get install jq" >&2; exit 1; }
concurrency="${CONCURRENCY:-2}"
export OMP_THREAD_LIMIT="${OMP_THREAD_LIMIT:-1}"

work="$(mktemp -d /tmp/docket-parity.XXXXXX)"
chmod 755 "$work"
cluster="$work/postgres"
cleanup() {
  "$root/scripts/throwaway-postgres" stop "$cluster" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

THROWAWAY_POSTGRES_OWNER_PID=$$ "$root/scripts/throwaway-postgres" start "$cluster" >"$work/server-url"
server="$(tail -n 1 "$work/server-url")"
psql "$server" -qAtX -c "CREATE DATABASE parity" >/dev/null
postgres_url="${server%/postgres}/parity"

mapfile -d '' files < <(find "$corpus" -type f -print0 | sort -z)
echo "files: ${#files[@]} under $corpus"
echo "docket: $docket"

now() { date +%s.%N; }

# read_all NAME DB: submits every file and drains the queue; prints the times.
read_all() {
  local name="$1" db="$2" started submitted finished refused=0 file
  started="$(now)"
  for file in "${files[@]}"; do
    if ! "$docket" submit "$file" --db "$db" >/dev/null 2>>"$work/$name-submit.log"; then refused=$((refused + 1)); fi
  done
  submitted="$(now)"
  "$docket" worker --drain --concurrency "$concurrency" --db "$db" >/dev/null 2>"$work/$name-worker.log"
  finished="$(now)"
  printf '%-10s submit %6.1f s (%d refused), read %7.1f s, total %7.1f s\n' "$name" \
    "$(echo "$submitted - $started" | bc)" "$refused" "$(echo "$finished - $submitted" | bc)" "$(echo "$finished - $started" | bc)"
}

# export_of DB TABLE: the rows as sorted-key JSON without ids, times and durations, sorted.
export_of() {
  "$docket" export "$2" --format jsonl --db "$1" |
    jq -cS 'with_entries(select((.key | ascii_downcase) as $k | ($k | endswith("id") or endswith("_at") or endswith("seconds")) | not))' |
    LC_ALL=C sort
}

read_all sqlite "$work/parity.sqlite"
read_all postgresql "$postgres_url"

status=0
for table in documents fields answers; do
  export_of "$work/parity.sqlite" "$table" >"$work/sqlite-$table.jsonl"
  export_of "$postgres_url" "$table" >"$work/postgresql-$table.jsonl"
  rows="$(wc -l <"$work/sqlite-$table.jsonl")"
  if cmp -s "$work/sqlite-$table.jsonl" "$work/postgresql-$table.jsonl"; then
    echo "export $table: $rows rows, the same"
  else
    status=1
    echo "export $table: DIFFERENT ($rows rows on SQLite, $(wc -l <"$work/postgresql-$table.jsonl") on PostgreSQL):"
    diff "$work/sqlite-$table.jsonl" "$work/postgresql-$table.jsonl" | head -n 20 || true
  fi
done
for name in sqlite postgresql; do
  echo "$name jobs: $("$docket" sql "SELECT state, count(*) FROM jobs GROUP BY state ORDER BY state" --format csv --db \
    "$([ $name = sqlite ] && echo "$work/parity.sqlite" || echo "$postgres_url")" | tail -n +2 | tr -d '\r' | tr '\n' ' ')"
done
exit $status
