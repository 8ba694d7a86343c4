#!/usr/bin/env bash
# Measures the two PyPI PostgreSQL job queues that `docket bench queue` is compared with:
# procrastinate and pgqueuer, no-op jobs, 1, 2, 4 and 8 worker processes, one JSON line per run
# on stdout, then the wake-up latency of one idle worker of each; the load average before each
# run goes to stderr.
#
#   bench/queue-anchors/run.sh postgres://user@host:port/dbname
#   bench/queue-anchors/run.sh            # on a throwaway PostgreSQL 15 cluster, removed afterwards
#
# JOBS (default 20000) and WORKER_COUNTS (default "1 2 4 8") change the size of the runs.
set -euo pipefail

anchors_directory="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repository_root="$(cd "$anchors_directory/../.." && pwd)"
venv="${BENCH_VENV:-$repository_root/var/bench-venv}"
jobs="${JOBS:-20000}"
worker_counts="${WORKER_COUNTS:-1 2 4 8}"

if [[ $# -gt 1 || "${1:-}" == -* ]]; then
    echo "usage: $0 [postgres://user@host:port/dbname]  (no URL: a throwaway PostgreSQL 15 cluster)" >&2
    exit 2
fi

if [[ ! -x "$venv/bin/python" ]]; then
    "$anchors_directory/setup.sh" >&2
fi

throwaway_directory=""
stop_throwaway_cluster() {
    if [[ -n "$throwaway_directory" ]]; then
        runuser -u nobody -- "$postgres_bin/pg_ctl" -D "$throwaway_directory/data" -m fast -w stop >/dev/null || true
        rm -rf "$throwaway_directory"
    fi
}

if [[ $# -eq 1 ]]; then
    url="$1"
else
    # initdb refuses to run as root, so the cluster belongs to nobody; settings stay as shipped
    # (fsync and synchronous_commit on) because the anchors are measured as their users run them.
    postgres_bin="${POSTGRES_BIN:-/usr/lib/postgresql/15/bin}"
    port="${PORT:-$((50000 + RANDOM % 10000))}"
    throwaway_directory="$(mktemp -d /tmp/queue-anchors-postgres.XXXXXX)"
    trap stop_throwaway_cluster EXIT
    chown nobody "$throwaway_directory"
    runuser -u nobody -- "$postgres_bin/initdb" -D "$throwaway_directory/data" -U postgres \
        --auth=trust >/dev/null
    runuser -u nobody -- "$postgres_bin/pg_ctl" -D "$throwaway_directory/data" \
        -l "$throwaway_directory/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$throwaway_directory" \
        start >/dev/null
    url="postgres://postgres@127.0.0.1:$port/postgres"
    echo "throwaway PostgreSQL at $url" >&2
fi

status=0
for worker_count in $worker_counts; do
    for queue in procrastinate pgqueuer; do
        echo "$queue, $worker_count workers: $(uptime)" >&2
        (cd "$anchors_directory" && "$venv/bin/python" "${queue}_noop.py" \
            --url "$url" --jobs "$jobs" --workers "$worker_count") || status=1
    done
done
for queue in procrastinate pgqueuer; do
    echo "$queue wake-up latency: $(uptime)" >&2
    (cd "$anchors_directory" && "$venv/bin/python" wakeup_latency.py --queue "$queue" --url "$url") || status=1
done
exit "$status"
