"""pgqueuer as a benchmark anchor: N no-op jobs, drained by W worker processes.

Each worker process runs pgqueuer's own worker as `pgq run factory --mode drain` does, with the
CLI's defaults: one asyncpg connection, batches of 10 claimed per dequeue, completions buffered
and written in batches, no concurrency limit, stopping once the queue is empty.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable

import asyncpg
import pgqueuer
import psycopg
from pgqueuer.domain.types import QueueExecutionMode

from anchor_harness import DrainCount, measure

NOOP_ENTRYPOINT = "noop"


class PgqueuerAnchor:
    name = "pgqueuer"

    async def install_schema(self, url: str) -> None:
        connection = await asyncpg.connect(url)
        try:
            await pgqueuer.Queries(pgqueuer.AsyncpgDriver(connection)).install()
        finally:
            await connection.close()

    async def enqueue_noop_jobs(self, url: str, jobs: int, batch_size: int) -> None:
        connection = await asyncpg.connect(url)
        try:
            queries = pgqueuer.Queries(pgqueuer.AsyncpgDriver(connection))
            for first in range(0, jobs, batch_size):
                count = min(batch_size, jobs - first)
                await queries.enqueue([NOOP_ENTRYPOINT] * count, [None] * count, [0] * count)
        finally:
            await connection.close()

    async def run_worker(
        self,
        url: str,
        on_connected: Callable[[], Awaitable[None]],
        stop_requested: asyncio.Event,
        record_execution: Callable[[int], None],
        until_queue_empty: bool,
    ) -> None:
        connection = await asyncpg.connect(url)
        try:

            @contextlib.asynccontextmanager
            async def queue_manager_factory() -> AsyncIterator[pgqueuer.QueueManager]:
                queue_manager = pgqueuer.QueueManager(
                    pgqueuer.Queries(pgqueuer.AsyncpgDriver(connection))
                )

                @queue_manager.entrypoint(NOOP_ENTRYPOINT)
                async def noop(job: pgqueuer.Job) -> None:
                    record_execution(job.id)

                yield queue_manager

            await on_connected()
            await pgqueuer.run(
                queue_manager_factory,
                mode=QueueExecutionMode.drain if until_queue_empty else QueueExecutionMode.continuous,
                shutdown=stop_requested,
            )
        finally:
            await connection.close()

    async def enqueue_one_job_at_a_time(
        self, url: str, jobs: int, pause_seconds: float
    ) -> list[tuple[int, float]]:
        enqueued: list[tuple[int, float]] = []
        connection = await asyncpg.connect(url)
        try:
            queries = pgqueuer.Queries(pgqueuer.AsyncpgDriver(connection))
            for _ in range(jobs):
                await asyncio.sleep(pause_seconds)
                called_at = time.monotonic()
                (job_id,) = await queries.enqueue(NOOP_ENTRYPOINT, None)
                enqueued.append((job_id, called_at))
        finally:
            await connection.close()
        return enqueued

    def count_drain(self, connection: psycopg.Connection) -> DrainCount:
        successful, distinct_successful, last_done_at = connection.execute(
            """
            SELECT count(*), count(DISTINCT job_id), max(created)
            FROM pgqueuer_log
            WHERE status = 'successful'
            """
        ).fetchone()
        (still_queued,) = connection.execute("SELECT count(*) FROM pgqueuer").fetchone()
        return DrainCount(
            done=distinct_successful,
            doubled_in_database=successful - distinct_successful,
            still_queued=still_queued,
            last_done_at=last_done_at,
        )


if __name__ == "__main__":
    # Imported by name so that worker processes unpickle the anchor from a module, not __main__.
    import pgqueuer_noop

    measure(pgqueuer_noop.PgqueuerAnchor())
