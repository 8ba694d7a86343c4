"""procrastinate as a benchmark anchor: N no-op jobs, drained by W worker processes.

Each worker process runs procrastinate's own worker as `procrastinate worker --one-shot` does:
concurrency 1, LISTEN/NOTIFY on, jobs kept after they succeed (the shipped defaults), stopping
once it has caught up with the queue.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import procrastinate
import psycopg

from anchor_harness import DrainCount, measure

NOOP_TASK_NAME = "noop"


def make_app(url: str, executed_job_ids: list[int] | None = None) -> procrastinate.App:
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=url))

    @app.task(name=NOOP_TASK_NAME, pass_context=True)
    async def noop(context: procrastinate.JobContext) -> None:
        if executed_job_ids is not None:
            executed_job_ids.append(context.job.id)

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
        executed_job_ids: list[int],
    ) -> None:
        async with make_app(url, executed_job_ids).open_async() as app:
            await app.check_connection_async()
            await on_connected()
            worker = asyncio.create_task(app.run_worker_async(concurrency=1, wait=False))
            stop = asyncio.create_task(stop_requested.wait())
            await asyncio.wait((worker, stop), return_when=asyncio.FIRST_COMPLETED)
            if not worker.done():
                worker.cancel()
            stop.cancel()
            await asyncio.gather(worker, stop, return_exceptions=True)

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
