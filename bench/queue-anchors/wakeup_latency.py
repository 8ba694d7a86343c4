"""Wake-up latency of an idle procrastinate or pgqueuer worker: enqueue call to job start.

One worker process waits on LISTEN/NOTIFY (each library's default); jobs are enqueued one call
each with a pause between them, so each one finds the worker idle. Prints one JSON line.
"""

from __future__ import annotations

import argparse
from urllib.parse import urlsplit

from anchor_harness import measure_wakeup_latency


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queue", required=True, choices=("procrastinate", "pgqueuer"))
    parser.add_argument(
        "--url",
        required=True,
        help="postgres://user@host:port/dbname of a server where this user may create databases",
    )
    parser.add_argument("--samples", type=int, default=20, help="jobs enqueued one at a time")
    parser.add_argument("--pause", type=float, default=0.5, help="seconds between two enqueues")
    parser.add_argument("--database", help="scratch database (default docket_anchor_<queue>_wakeup)")
    arguments = parser.parse_args()
    if arguments.samples < 1 or arguments.pause <= 0:
        parser.error("--samples must be at least 1 and --pause above 0")
    if urlsplit(arguments.url).scheme not in ("postgres", "postgresql"):
        parser.error("--url must look like postgres://user@host:port/dbname")
    arguments.database = arguments.database or f"docket_anchor_{arguments.queue}_wakeup"
    return arguments


if __name__ == "__main__":
    arguments = parse_arguments()
    if arguments.queue == "procrastinate":
        from procrastinate_noop import ProcrastinateAnchor as Anchor
    else:
        from pgqueuer_noop import PgqueuerAnchor as Anchor
    measure_wakeup_latency(Anchor(), arguments)
