"""Parser processes for a refresh: parsing is CPU work, and Python threads share one core.

Used by `newsterm refresh` and by the reader, where parsing in threads also held
the interpreter lock the keys need. Small refreshes keep to threads: starting
processes costs more than it saves.

Memory bound: each parser process may grow its address space by at most
`PARSER_MEMORY_BYTES` past its size once started (RLIMIT_AS). Real feeds under the
16 MB fetch cap need less than 200 MB; a hostile one that wants more gets a
MemoryError, which `parse_bytes` turns into one line for that feed ("too large to
read"), instead of taking the machine's memory with it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any, TypeVar

# Below this many feeds, starting parser processes costs more than it saves.
PROCESS_POOL_FROM = 8
# How far a parser process's address space may grow once started (see above).
PARSER_MEMORY_BYTES = 1 << 30
PARSER_MODULES = ["newsterm.core.refresh.feed_rows", "newsterm.core.sources.feeds.fast"]

T = TypeVar("T")


def parser_pool(feeds: int) -> Executor | None:
    """Every core once there is enough work to share; None means the loop's thread pool."""
    cores = os.cpu_count() or 1
    if feeds < PROCESS_POOL_FROM or cores < 2:
        return None
    return LazyProcessPool(cores)


class LazyProcessPool(Executor):
    """Starts its processes on the first parse: a refresh where every feed says 304 starts none.

    Starting them waits for the process server to import the parsers (a few tenths of
    a second), so tasks are handed over from threads that wait for their results, never
    from the caller: the reader's event loop (and its keys) is not held up.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._starting = threading.Lock()
        self._handover = ThreadPoolExecutor(2 * workers, thread_name_prefix="newsterm-parse")

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        return self._handover.submit(self._in_a_process, fn, *args, **kwargs)

    def _in_a_process(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        return self._processes().submit(fn, *args, **kwargs).result()

    def _processes(self) -> ProcessPoolExecutor:
        with self._starting:
            if self._pool is None:
                # forkserver, not fork: the parent runs threads (the reader always does).
                context = multiprocessing.get_context("forkserver")
                # The parsers are imported once, in the server the workers fork from.
                context.set_forkserver_preload(PARSER_MODULES)
                # multiprocessing hands its helper process our stderr's file number, and in
                # the reader Textual's stand-in stderr answers -1, which failed every parse:
                # lend it the real one while the processes start.
                with contextlib.redirect_stderr(sys.__stderr__ or sys.stderr):
                    self._pool = ProcessPoolExecutor(
                        self.workers, mp_context=context, initializer=bound_memory
                    )
                    self._pool.submit(int).result()  # all of them start with the first task
            return self._pool

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._handover.shutdown(wait, cancel_futures=cancel_futures)
        if self._pool is not None:
            self._pool.shutdown(wait, cancel_futures=cancel_futures)


def bound_memory() -> None:
    """Cap this process's address space at its size now plus `PARSER_MEMORY_BYTES`.

    Runs first in every parser process; where the system has no such limit, nothing changes.
    """
    try:
        import resource

        size = _address_space_bytes()
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = size + PARSER_MEMORY_BYTES
        resource.setrlimit(
            resource.RLIMIT_AS,
            (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard),
        )
    except (ImportError, OSError, ValueError):
        return


def _address_space_bytes() -> int:
    """This process's virtual size (VmSize) from /proc; OSError where there is no /proc."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    raise OSError("no VmSize in /proc/self/status")
