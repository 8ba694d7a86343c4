"""What both queue anchors share: arguments, a fresh database, the worker processes and the JSON line.

An anchor script supplies a `QueueAnchor`: how to install the queue's schema, how to enqueue N
no-op jobs, how one worker process runs the library's own worker, and how to count finished jobs.
The harness times the enqueue, starts W worker processes, releases them together once each has
connected, and reads the drain time from the database: from the server's clock at the release
to the time the queue itself stamped on the last job it finished.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import multiprocessing
import os
import queue as stdlib_queue
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


@dataclasses.dataclass(frozen=True)
class DrainCount:
    """What the database says after the drain, as the queue itself recorded it."""

    done: int
    doubled_in_database: int
    still_queued: int
    last_done_at: datetime | None


class QueueAnchor(Protocol):
    name: str

    async def install_schema(self, url: str) -> None: ...

    async def enqueue_noop_jobs(self, url: str, jobs: int, batch_size: int) -> None: ...

    async def run_worker(
        self,
        url: str,
        on_connected: Callable[[], Awaitable[None]],
        stop_requested: asyncio.Event,
        record_execution: Callable[[int], None],
        until_queue_empty: bool,
    ) -> None: ...

    async def enqueue_one_job_at_a_time(
        self, url: str, jobs: int, pause_seconds: float
    ) -> list[tuple[int, float]]:
        """Enqueues jobs one call each, pausing between them; returns each job's id with the
        time.monotonic() just before its enqueue call."""
        ...

    def count_drain(self, connection: psycopg.Connection) -> DrainCount: ...


def parse_arguments(queue_name: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=f"Enqueue and drain no-op jobs with {queue_name}; print one JSON line."
    )
    parser.add_argument(
        "--url",
        required=True,
        help="postgres://user@host:port/dbname of a server where this user may create databases",
    )
    parser.add_argument("--jobs", type=int, default=20_000, help="no-op jobs to enqueue")
    parser.add_argument("--workers", type=int, default=1, help="worker processes that drain the queue")
    parser.add_argument(
        "--enqueue-batch",
        type=int,
        default=1_000,
        help="jobs per call of the library's batch enqueue",
    )
    parser.add_argument(
        "--database",
        default=f"docket_anchor_{queue_name}",
        help="scratch database made afresh for this run and dropped after it",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=900.0,
        help="seconds the drain may take before the run stops and counts what is lost",
    )
    arguments = parser.parse_args()
    for option in ("jobs", "workers", "enqueue_batch"):
        if getattr(arguments, option) < 1:
            parser.error(f"--{option.replace('_', '-')} must be at least 1")
    if urlsplit(arguments.url).scheme not in ("postgres", "postgresql"):
        parser.error("--url must look like postgres://user@host:port/dbname")
    return arguments


def url_for_database(server_url: str, database: str) -> str:
    parts = urlsplit(server_url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, parts.fragment))


def recreate_database(server_url: str, database: str) -> None:
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))


def drop_database(server_url: str, database: str) -> None:
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))


def checkpoint_if_allowed(connection: psycopg.Connection) -> None:
    """Writes the enqueue's WAL out now, so that a checkpoint does not land in the timed drain."""
    try:
        connection.execute("CHECKPOINT")
    except psycopg.errors.InsufficientPrivilege:
        pass


def worker_process_main(
    anchor: QueueAnchor,
    url: str,
    until_queue_empty: bool,
    connected: multiprocessing.synchronize.Event,
    release: multiprocessing.synchronize.Event,
    stop: multiprocessing.synchronize.Event,
    results: multiprocessing.Queue,
) -> None:
    # time.monotonic() reads CLOCK_MONOTONIC, one clock for every process on the machine.
    executions: list[tuple[int, float]] = []

    def record_execution(job_id: int) -> None:
        executions.append((job_id, time.monotonic()))

    async def serve() -> None:
        loop = asyncio.get_running_loop()
        stop_requested = asyncio.Event()

        # Polled rather than waited on: a process that exits while blocked in Event.wait
        # leaves the parent's Event.set waiting forever for it to wake.
        async def forward_stop() -> None:
            while not stop.is_set():
                await asyncio.sleep(0.25)
            stop_requested.set()

        async def on_connected() -> None:
            connected.set()
            await loop.run_in_executor(None, release.wait)

        stop_forwarder = asyncio.create_task(forward_stop())
        try:
            await anchor.run_worker(url, on_connected, stop_requested, record_execution, until_queue_empty)
        finally:
            stop_forwarder.cancel()

    asyncio.run(serve())
    results.put(executions)


class WorkerProcesses:
    """W processes each running the library's worker, released together once all have connected."""

    def __init__(self, anchor: QueueAnchor, url: str, count: int, until_queue_empty: bool):
        context = multiprocessing.get_context("spawn")
        self.anchor = anchor
        self.release = context.Event()
        self.stop = context.Event()
        self.results = context.Queue()
        self.connected_events = [context.Event() for _ in range(count)]
        self.processes = [
            context.Process(
                target=worker_process_main,
                args=(anchor, url, until_queue_empty, connected, self.release, self.stop, self.results),
                name=f"{anchor.name}-worker-{index}",
            )
            for index, connected in enumerate(self.connected_events)
        ]

    def start_and_wait_until_connected(self) -> None:
        for process in self.processes:
            process.start()
        for connected in self.connected_events:
            if not connected.wait(timeout=120):
                self.stop.set()
                self.release.set()
                raise SystemExit(f"a {self.anchor.name} worker did not connect within 120 s; see its error above")

    def any_alive(self) -> bool:
        return any(process.is_alive() for process in self.processes)

    def stop_and_collect_executions(self) -> list[tuple[int, float]]:
        self.stop.set()
        executions: list[tuple[int, float]] = []
        for _ in self.processes:
            try:
                executions.extend(self.results.get(timeout=120))
            except stdlib_queue.Empty:
                break
        for process in self.processes:
            process.join(timeout=60)
            if process.is_alive():
                process.terminate()
                process.join()
        return executions


def open_scratch_database(arguments: argparse.Namespace) -> str:
    try:
        recreate_database(arguments.url, arguments.database)
    except psycopg.OperationalError as error:
        first_line = str(error).strip().splitlines()[0]
        sys.exit(f"cannot make a scratch database at {arguments.url} ({first_line}); "
                 "start PostgreSQL there or give run.sh no URL to use a throwaway cluster")
    return url_for_database(arguments.url, arguments.database)


def measure(anchor: QueueAnchor) -> None:
    arguments = parse_arguments(anchor.name)
    url = open_scratch_database(arguments)
    try:
        line = run_once(anchor, arguments, url)
    finally:
        drop_database(arguments.url, arguments.database)
    print(json.dumps(line), flush=True)
    if line["done"] != arguments.jobs or line["doubled"] != 0:
        sys.exit(1)


def run_once(anchor: QueueAnchor, arguments: argparse.Namespace, url: str) -> dict[str, object]:
    asyncio.run(anchor.install_schema(url))

    enqueue_started = time.perf_counter()
    asyncio.run(anchor.enqueue_noop_jobs(url, arguments.jobs, arguments.enqueue_batch))
    enqueue_seconds = time.perf_counter() - enqueue_started

    with psycopg.connect(url, autocommit=True) as connection:
        checkpoint_if_allowed(connection)
        load_before_drain = os.getloadavg()[0]

        workers = WorkerProcesses(anchor, url, arguments.workers, until_queue_empty=True)
        workers.start_and_wait_until_connected()
        drain_started_at = connection.execute("SELECT clock_timestamp()").fetchone()[0]
        workers.release.set()

        deadline = time.monotonic() + arguments.timeout
        while workers.any_alive() and time.monotonic() < deadline:
            count = anchor.count_drain(connection)
            if count.still_queued == 0 and count.done >= arguments.jobs:
                break
            time.sleep(1.0)
        executed_job_ids = [job_id for job_id, _ in workers.stop_and_collect_executions()]

        count = anchor.count_drain(connection)
        if count.last_done_at is None:
            drain_seconds = float("nan")
        else:
            drain_seconds = (count.last_done_at - drain_started_at).total_seconds()

    executed_more_than_once = len(executed_job_ids) - len(set(executed_job_ids))
    return {
        "queue": anchor.name,
        "workers": arguments.workers,
        "jobs": arguments.jobs,
        "enqueue_per_s": round(arguments.jobs / enqueue_seconds, 1),
        "claim_complete_per_s": round(count.done / drain_seconds, 1) if drain_seconds > 0 else None,
        "done": count.done,
        "doubled": max(executed_more_than_once, count.doubled_in_database),
        "lost": arguments.jobs - count.done,
        "executed": len(executed_job_ids),
        "enqueue_batch": arguments.enqueue_batch,
        "enqueue_s": round(enqueue_seconds, 3),
        "drain_s": round(drain_seconds, 3),
        "load1_before_drain": round(load_before_drain, 2),
    }


def measure_wakeup_latency(anchor: QueueAnchor, arguments: argparse.Namespace) -> None:
    """One idle worker listening; jobs enqueued one call each with a pause between them, so that
    each finds the worker asleep. Latency is from the enqueue call to the job's start."""
    url = open_scratch_database(arguments)
    try:
        asyncio.run(anchor.install_schema(url))
        workers = WorkerProcesses(anchor, url, 1, until_queue_empty=False)
        workers.start_and_wait_until_connected()
        workers.release.set()
        time.sleep(arguments.pause)
        enqueued = asyncio.run(anchor.enqueue_one_job_at_a_time(url, arguments.samples, arguments.pause))
        time.sleep(arguments.pause)
        started_at = dict(workers.stop_and_collect_executions())
    finally:
        drop_database(arguments.url, arguments.database)
    latencies_ms = sorted(
        (started_at[job_id] - called_at) * 1000 for job_id, called_at in enqueued if job_id in started_at
    )
    line = {
        "queue": anchor.name,
        "samples": arguments.samples,
        "started": len(latencies_ms),
        "wakeup_p50_ms": round(statistics.median(latencies_ms), 2) if latencies_ms else None,
        "wakeup_max_ms": round(latencies_ms[-1], 2) if latencies_ms else None,
        "pause_s": arguments.pause,
    }
    print(json.dumps(line), flush=True)
    if len(latencies_ms) != arguments.samples:
        sys.exit(1)
