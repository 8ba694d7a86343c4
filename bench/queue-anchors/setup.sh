#!/usr/bin/env bash
# Makes the Python environment for the queue anchors: var/bench-venv at the repository root,
# with procrastinate (psycopg 3) and pgqueuer (asyncpg) pinned so that figures can be compared
# across runs.
set -euo pipefail

repository_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="${BENCH_VENV:-$repository_root/var/bench-venv}"
python="${PYTHON:-python3}"

if [[ ! -x "$venv/bin/python" ]]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet -r "$repository_root/bench/queue-anchors/requirements.txt"
"$venv/bin/python" -c 'import importlib.metadata as m; print(" ".join(f"{p}=={m.version(p)}" for p in ("procrastinate", "pgqueuer", "psycopg", "psycopg-binary", "asyncpg")))'
