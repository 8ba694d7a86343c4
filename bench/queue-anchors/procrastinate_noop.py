"""procrastinate as a benchmark anchor: N no-op jobs, drained by W worker processes.

Each worker process runs procrastinate's own worker as `procrastinate worker --one-shot` does:
concurrency 1, LISTEN/NOTIFY on, jobs kept after they succeed (the shipped defaults), stopping
once it has caught up with the queue.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

import procrastinate
import psycopg

from anchor_harness import DrainCount, measure

NOOP_TASK_NAME = "noop"


def make_app(url: str, record_execution: Callable[[int], None] | None = None) -> procrastinate.App:
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=url))

    @app.task(name=NOOP_TASK_NAME, pass_context=True)
    async def noop(context: procrastinate.JobContext) -> None:
        if record_execution is not None:
            record_execution(context.job.id)

    return app


class ProcrastinateAnchor:
    name = "procrastinate"

    async def install_schema(self, url: str) -> None:
        async with make_app(url).open_async() as app:
            await app.schema_manager.apply_schema_async()

    async def enqueue_noop_jobs(self, url: str, jobs: int, batch_size: int) -> None:
        async with make_app(url).open_async() as app:
            noop = app.tasks[NOOP_TASK_NAME]
            for first in range(0, jobs, batch_size):
                await noop.batch_defer_async(*({} for _ in range(first, min(first + batch_size, jobs))))

    async def run_worker(
        self,
        url: str,
        on_connected: Callable[[], Awaitable[None]],
        stop_requested: asyncio.Event,
        record_execution: Callable[[int], None],
        until_queue_empty: bool,
    ) -> None:
        async with make_app(url, record_execution).open_async() as app:
            await app.check_connection_async()
            await on_connected()
            worker = asyncio.create_task(
                app.run_worker_async(concurrency=1, wait=not until_queue_empty)
            )
            stop = asyncio.create_task(stop_requested.wait())
            await asyncio.wait((worker, stop), return_when=asyncio.FIRST_COMPLETED)
            if not worker.done():
                worker.cancel()
            stop.cancel()
            await asyncio.gather(worker, stop, return_exceptions=True)

    async def enqueue_one_job_at_a_time(
        self, url: str, jobs: int, pause_seconds: float
    ) -> list[tuple[int, float]]:
        enqueued: list[tuple[int, float]] = []
        async with make_app(url).open_async() as app:
            noop = app.tasks[NOOP_TASK_NAME]
            for _ in range(jobs):
                await asyncio.sleep(pause_seconds)
                called_at = time.monotonic()
                enqueued.append((await noop.defer_async(), called_at))
        return enqueued

    def count_drain(self, connection: psycopg.Connection) -> DrainCount:
        done, still_queued = connection.execute(
            """
            SELECT count(*) FILTER (WHERE status = 'succeeded'),
                   count(*) FILTER (WHERE status IN ('todo', 'doing'))
            FROM procrastinate_jobs
            """
        ).fetchone()
        started, distinct_started, last_done_at = connection.execute(
            """
            SELECT count(*) FILTER (WHERE type = 'started'),
                   count(DISTINCT job_id) FILTER (WHERE type = 'started'),
                   max(at) FILTER (WHERE type = 'succeeded')
            FROM procrastinate_events
            """
        ).fetchone()
        return DrainCount(
            done=done,
            doubled_in_database=started - distinct_started,
            still_queued=still_queued,
            last_done_at=last_done_at,
        )


if __name__ == "__main__":
    # Imported by name so that the App lives in a module a worker process can import, as
    # procrastinate asks, rather than in __main__.
    import procrastinate_noop

    measure(procrastinate_noop.ProcrastinateAnchor())
