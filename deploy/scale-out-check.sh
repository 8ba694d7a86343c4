#!/usr/bin/env bash
# Shows that workers on two hosts sharing one PostgreSQL database do every job exactly once,
# even when one host dies mid-run. The hosts are network namespaces on this machine:
#   docket-db      10.77.0.1  PostgreSQL, and the bridge the others join
#   docket-host-a  10.77.0.2  submits, runs a worker, later a draining worker
#   docket-host-b  10.77.0.3  runs a worker and is killed (kill -9, every process) a third of the way
# Run as root from the checkout: deploy/scale-out-check.sh
# DOCKET_BIN names the docket binary (default .build/release/docket, else .build/debug/docket);
# JOB_COUNT the number of jobs (default 200). Everything it makes is removed when it exits.
set -euo pipefail

readonly JOB_COUNT="${JOB_COUNT:-200}"
readonly DB_NS=docket-db HOST_A=docket-host-a HOST_B=docket-host-b
readonly SUBNET_PREFIX=10.77.0 DB_ADDRESS=10.77.0.1
readonly DOCKET_DB="postgres://docket@${DB_ADDRESS}:5432/docket?sslmode=disable"
export DOCKET_DB

if [[ $EUID -ne 0 ]]; then
    echo "scale-out-check: run as root (it makes network namespaces): sudo $0" >&2
    exit 64
fi
if [[ -z "${DOCKET_BIN:-}" ]]; then
    if [[ -x .build/release/docket ]]; then DOCKET_BIN=.build/release/docket; else DOCKET_BIN=.build/debug/docket; fi
fi
if [[ ! -x "$DOCKET_BIN" ]]; then
    echo "scale-out-check: no docket binary at $DOCKET_BIN; run swift build or set DOCKET_BIN" >&2
    exit 64
fi
DOCKET_BIN="$(realpath "$DOCKET_BIN")"
for tool in ip initdb pg_ctl runuser psql; do
    command -v "$tool" >/dev/null || { echo "scale-out-check: $tool is not installed" >&2; exit 64; }
done
for namespace in "$DB_NS" "$HOST_A" "$HOST_B"; do
    if ip netns list | grep -qw "$namespace"; then
        echo "scale-out-check: network namespace $namespace already exists; remove it with: ip netns delete $namespace" >&2
        exit 64
    fi
done

WORK_DIR="$(mktemp -d /tmp/docket-scale-out.XXXXXX)"
chmod 755 "$WORK_DIR"
PG_DATA="$WORK_DIR/pgdata"
made_namespaces=()

cleanup() {
    local status=$?
    set +e
    for namespace in "$HOST_A" "$HOST_B"; do
        if ip netns list | grep -qw "$namespace"; then
            ip netns pids "$namespace" | xargs -r kill -9 2>/dev/null
        fi
    done
    if [[ -f "$PG_DATA/postmaster.pid" ]]; then
        ip netns exec "$DB_NS" runuser -u nobody -- pg_ctl -D "$PG_DATA" -m immediate stop >/dev/null 2>&1
    fi
    if ip netns list | grep -qw "$DB_NS"; then
        ip netns pids "$DB_NS" | xargs -r kill -9 2>/dev/null
    fi
    for namespace in "${made_namespaces[@]}"; do
        ip netns delete "$namespace" 2>/dev/null
    done
    if [[ $status -ne 0 && -d "$WORK_DIR/logs" ]]; then
        echo "scale-out-check: last lines of the logs:" >&2
        tail -n 5 "$WORK_DIR"/logs/* >&2 2>/dev/null
    fi
    rm -rf "$WORK_DIR"
    exit $status
}
trap cleanup EXIT INT TERM

in_host() { local namespace=$1; shift; ip netns exec "$namespace" env OMP_THREAD_LIMIT=1 DOCKET_DB="$DOCKET_DB" "$@"; }
docket_sql() { in_host "$HOST_A" "$DOCKET_BIN" sql "$1" --format csv | tail -n +2 | tr -d "\r\"" ; }

echo "== network: $DB_NS (bridge, $DB_ADDRESS), $HOST_A (.2), $HOST_B (.3)"
for namespace in "$DB_NS" "$HOST_A" "$HOST_B"; do
    ip netns add "$namespace"
    made_namespaces+=("$namespace")
    ip -n "$namespace" link set lo up
done
ip -n "$DB_NS" link add docket-br type bridge
ip -n "$DB_NS" addr add "$DB_ADDRESS/24" dev docket-br
ip -n "$DB_NS" link set docket-br up
host_number=2
for namespace in "$HOST_A" "$HOST_B"; do
    bridge_port="port-${namespace##*-}"
    # Each pair is made inside its host, so no interface ever appears on the machine's own network.
    ip -n "$namespace" link add eth0 type veth peer name "$bridge_port" netns "$DB_NS"
    ip -n "$namespace" addr add "$SUBNET_PREFIX.$host_number/24" dev eth0
    ip -n "$namespace" link set eth0 up
    ip -n "$DB_NS" link set "$bridge_port" master docket-br
    ip -n "$DB_NS" link set "$bridge_port" up
    host_number=$((host_number + 1))
done

echo "== PostgreSQL in $DB_NS"
mkdir -p "$PG_DATA" "$WORK_DIR/logs" "$WORK_DIR/files"
chown nobody "$PG_DATA"
chmod 700 "$PG_DATA"
runuser -u nobody -- initdb -D "$PG_DATA" -U docket --auth=trust >"$WORK_DIR/logs/initdb.log" 2>&1
cat >>"$PG_DATA/postgresql.conf" <<EOF
listen_addresses = '$DB_ADDRESS'
port = 5432
unix_socket_directories = '$PG_DATA'
max_connections = 200
EOF
echo "host all all $SUBNET_PREFIX.0/24 trust" >>"$PG_DATA/pg_hba.conf"
touch "$WORK_DIR/logs/postgres.log"
chown nobody "$WORK_DIR/logs/postgres.log"
ip netns exec "$DB_NS" runuser -u nobody -- pg_ctl -D "$PG_DATA" -l "$WORK_DIR/logs/postgres.log" -w start >/dev/null
in_host "$HOST_A" psql -X -q "postgres://docket@${DB_ADDRESS}:5432/postgres?sslmode=disable" -c "CREATE DATABASE docket"

echo "== migrate and submit $JOB_COUNT jobs from $HOST_A"
in_host "$HOST_A" "$DOCKET_BIN" migrate >"$WORK_DIR/logs/migrate.log" 2>&1
for ((n = 1; n <= JOB_COUNT; n++)); do
    printf 'Invoice %d\nDelivery of parcel number %d\nTotal: %d.%02d EUR\n' "$n" "$n" $((n * 3)) $((n % 100)) \
        >"$WORK_DIR/files/invoice-$n.txt"
done
questioned=() plain=()
for ((n = 1; n <= JOB_COUNT; n++)); do
    if ((n % 3 == 0)); then questioned+=("$WORK_DIR/files/invoice-$n.txt"); else plain+=("$WORK_DIR/files/invoice-$n.txt"); fi
done
in_host "$HOST_A" "$DOCKET_BIN" submit "${questioned[@]}" --question "What is the total?" >"$WORK_DIR/logs/submit.log" 2>&1
in_host "$HOST_A" "$DOCKET_BIN" submit "${plain[@]}" >>"$WORK_DIR/logs/submit.log" 2>&1
submitted="$(docket_sql "SELECT count(*) FROM docket_jobs")"
if [[ "$submitted" != "$JOB_COUNT" ]]; then
    echo "scale-out-check: $submitted jobs queued after submitting $JOB_COUNT files" >&2
    exit 1
fi

echo "== workers on $HOST_A and $HOST_B"
in_host "$HOST_A" "$DOCKET_BIN" worker --concurrency 2 --lease 5 >"$WORK_DIR/logs/worker-a.log" 2>&1 &
worker_a=$!
in_host "$HOST_B" "$DOCKET_BIN" worker --concurrency 2 --lease 5 >"$WORK_DIR/logs/worker-b.log" 2>&1 &

kill_at=$((JOB_COUNT / 3))
while :; do
    done_count="$(docket_sql "SELECT count(*) FROM docket_jobs WHERE state IN ('succeeded', 'failed', 'dead', 'cancelled')")"
    ((done_count >= kill_at)) && break
    if ! kill -0 "$worker_a" 2>/dev/null; then
        echo "scale-out-check: the worker on $HOST_A exited early with $done_count jobs done" >&2
        exit 1
    fi
    sleep 0.2
done
echo "== $done_count jobs done: kill -9 every process of $HOST_B"
ip netns pids "$HOST_B" | xargs -r kill -9
wait_for_empty=0
while [[ -n "$(ip netns pids "$HOST_B")" ]] && ((wait_for_empty < 50)); do sleep 0.1; wait_for_empty=$((wait_for_empty + 1)); done

echo "== draining worker on $HOST_A"
in_host "$HOST_A" "$DOCKET_BIN" worker --drain --lease 5 >"$WORK_DIR/logs/worker-a-drain.log" 2>&1
# The first worker on host a has no --drain; once the draining one found nothing left, stop it.
kill -TERM "$worker_a" 2>/dev/null || true
wait "$worker_a" || true

echo "== checks"
failures=()
total="$(docket_sql "SELECT count(*) FROM docket_jobs")"
succeeded="$(docket_sql "SELECT count(*) FROM docket_jobs WHERE state = 'succeeded'")"
lost=$((JOB_COUNT - succeeded))
read_documents="$(docket_sql "SELECT count(*) FROM docket_documents WHERE read_at IS NOT NULL")"
doubled="$(docket_sql "SELECT count(*) FROM (SELECT job_id FROM job_attempts WHERE outcome = 'succeeded' GROUP BY job_id HAVING count(*) > 1) AS doubled_jobs")"
documents_read_twice="$(docket_sql "SELECT count(*) FROM (SELECT j.document_id FROM job_attempts a JOIN jobs j ON j.id = a.job_id WHERE a.outcome = 'succeeded' GROUP BY j.document_id HAVING count(*) > 1) AS twice")"
attempts="$(docket_sql "SELECT count(*) FROM job_attempts")"
by_killed_host="$(docket_sql "SELECT count(*) FROM job_attempts WHERE outcome = 'lease-expired'")"
overlapping="$(docket_sql "SELECT count(*) FROM job_attempts a JOIN job_attempts b ON a.job_id = b.job_id AND a.lease_token < b.lease_token AND a.started_at < b.ended_at AND b.started_at < a.ended_at")"

[[ "$total" == "$JOB_COUNT" ]] || failures+=("$total jobs in the database, expected $JOB_COUNT")
[[ "$succeeded" == "$JOB_COUNT" ]] || failures+=("$succeeded jobs succeeded, expected $JOB_COUNT: $(docket_sql "SELECT state || ' ' || count(*) FROM docket_jobs GROUP BY state" | tr '\n' ' ')")
[[ "$read_documents" == "$JOB_COUNT" ]] || failures+=("$read_documents documents read, expected $JOB_COUNT")
[[ "$doubled" == 0 ]] || failures+=("$doubled jobs have two succeeded attempts")
[[ "$documents_read_twice" == 0 ]] || failures+=("$documents_read_twice documents were read successfully twice")
[[ "$overlapping" == 0 ]] || failures+=("$overlapping pairs of attempts of one job overlap in time")
[[ "$by_killed_host" -ge 1 ]] || failures+=("no attempt ended with its lease running out: host b was killed holding no job")

echo "jobs $total, succeeded $succeeded, lost $lost, doubled $doubled, attempts $attempts ($by_killed_host ended by the killed host)"
if ((${#failures[@]} > 0)); then
    printf 'scale-out-check: %s\n' "${failures[@]}" >&2
    exit 1
fi
