"""Many independent pieces of work, one process per core.

``map_in_processes`` runs a function over a list in forked worker processes
when the list is long enough to pay for them (a fork costs milliseconds,
reading or parsing an article a few), and in this process otherwise, or
where fork is not available. Results come back in order. The function and
its items must pickle (a module-level function; bytes, strings, dataclasses).
``in_background`` starts the same kind of work in worker processes and
lets this process go on meanwhile (sync recognizes names while it merges).
Standard library only, so `newsroom check` can use it without importing more.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

__all__ = ["map_in_processes", "in_background", "worker_count"]

Item = TypeVar("Item")
Result = TypeVar("Result")


def worker_count() -> int:
    """Processes to use: the cores this process may run on (NEWSROOM_WORKERS overrides; 1: no workers)."""
    setting = os.environ.get("NEWSROOM_WORKERS", "")
    if setting.isdigit() and int(setting) > 0:
        return int(setting)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def map_in_processes(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    min_items: int = 64,
    done: Callable[[int], None] | None = None,
) -> list[Result]:
    """``[function(item) for item in items]``, in worker processes when there are enough items.

    ``done(n)`` is told how many results are in, as they come (for a progress display).
    """
    workers = min(worker_count(), 8, len(items) // max(1, min_items // 4) or 1)
    results: list[Result] = []
    if len(items) < min_items or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return _collect(map(function, items), done)
    chunk = max(1, len(items) // (workers * 16))
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        if done is None:
            return pool.map(function, items, chunksize=chunk)
        for result in pool.imap(function, items, chunksize=chunk):
            results.append(result)
            if len(results) % chunk == 0 or len(results) == len(items):
                done(len(results))
    return results


@contextmanager
def in_background(
    function: Callable[[Item], Result], items: Sequence[Item], *, min_items: int = 2
) -> Iterator[Callable[[Callable[[int], None] | None], list[Result]]]:
    """Start ``[function(item) for item in items]`` in worker processes; yield what waits for its results.

    ``results(done)`` returns them in order, telling ``done(n)`` as they come.
    With fewer than ``min_items`` items, one core, or no fork, the work runs
    in this process when the results are asked for. Leaving the block stops
    workers that are still running.
    """
    workers = min(worker_count(), 8, len(items))
    if len(items) < min_items or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield lambda done: _collect(map(function, items), done)
        return
    pool = multiprocessing.get_context("fork").Pool(workers)
    try:
        pending = pool.imap(function, items)
        yield lambda done: _collect(pending, done)
    finally:
        pool.terminate()
        pool.join()


def _collect(results: Iterable[Result], done: Callable[[int], None] | None) -> list[Result]:
    """The results in a list, telling ``done(n)`` after each."""
    collected: list[Result] = []
    for result in results:
        collected.append(result)
        if done is not None:
            done(len(collected))
    return collected
