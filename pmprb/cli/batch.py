"""Many files on every core, streamed in input order, stoppable at any moment.

The library scores one file at a time (`pmprb.api.outcome`); this layer runs that in forked workers
and hands back `summarize(outcome)` of each file, made where the file was scored (a line of output
crosses between processes far cheaper than a whole result).

Why not a standard pool: `multiprocessing.Pool` and `ProcessPoolExecutor` share one task queue guarded
by a lock that an idle worker holds while it waits; a worker killed on Ctrl-C can leave that lock
taken, and the parent's shutdown then waits for it forever (issue 16: 3 hangs in 3 runs). Here each
worker has a pipe of its own and no lock is shared: the parent sends a chunk of paths to a worker
that is free, reads results from whichever pipe has them, and on an interruption simply kills its
workers. Workers ignore SIGINT (the terminal sends it to the whole process group; only the parent
acts on it) and die on SIGTERM.

Memory is bounded whatever the number of files: at most WINDOW chunks per worker are out at once,
counted from the oldest result not yet handed on, so a slow reader of the output holds the workers
back instead of results piling up in the parent.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pmprb.api import FileOutcome, outcome, resolve_worksheet
from pmprb.cli import interrupt
from pmprb.readers import warm_up

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from pmprb.model import Worksheet

T = TypeVar("T")

WINDOW = 4  # chunks per worker between the oldest result not yet yielded and the newest chunk sent
MIN_PARALLEL = 8  # fewer files than this are scored in this process: forking would cost more


def default_jobs() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(cores, 8)


def _task(
    summarize: Callable[[FileOutcome], T],
    worksheet: Worksheet | None,
    layers: tuple[str, ...] | None,
    strict: bool,
    path: str,
) -> T:
    return summarize(outcome(path, worksheet, layers, strict))


class WorkerFailed(RuntimeError):
    """A worker ended without being asked to: a bug (or the system's out-of-memory killer)."""


def _serve(conn: Connection, task: Callable[[str], Any], parents: list[int]) -> None:
    """A worker's loop: a chunk of paths in, their summaries out, until the parent closes the pipe.
    `parents`: the parent's ends of every worker's pipe, inherited by the fork; closed here, so that
    the parent's end is the only one and its death reads as the end of the pipe."""
    import gc

    interrupt.in_worker()
    for fd in parents:
        with contextlib.suppress(OSError):
            os.close(fd)
    # the collector runs a tenth as often: what the worker inherits is frozen, and a file's objects
    # seldom form cycles, so most passes found nothing (1.5 % of a file's instructions)
    gc.set_threshold(10_000, 10, 10)
    try:
        while True:
            chunk = conn.recv()
            if chunk is None:
                return
            try:
                reply: tuple[bool, Any] = (True, [task(path) for path in chunk])
            except Exception as exc:  # a bug: reported by the parent, not here
                reply = (False, f"{type(exc).__name__}: {exc}")
            conn.send(reply)
    except (EOFError, BrokenPipeError, ConnectionResetError):
        return  # the parent is gone or stopped us


class _Workers(Generic[T]):
    def __init__(self, count: int, task: Callable[[str], T]) -> None:
        import multiprocessing

        # a worker flushes the standard streams it inherited when it ends: nothing may be pending
        sys.stdout.flush()
        sys.stderr.flush()
        context = multiprocessing.get_context("fork")
        self.processes: list[BaseProcess] = []
        self.pipes: list[Connection] = []
        try:
            for _ in range(count):
                mine, theirs = context.Pipe()
                parents = [pipe.fileno() for pipe in (*self.pipes, mine)]
                # not daemonic: a worker reads .xls/.xlsb/.ods in a guarded child of its own, which a daemonic
                # process may not start; the batch stops its workers itself (close or kill)
                process = context.Process(target=_serve, args=(theirs, task, parents), daemon=False)
                # a signal between the fork and the bookkeeping would leave a worker nobody stops:
                # it waits until the worker is on the list (the worker unblocks it for itself)
                with interrupt.held():
                    process.start()
                    self.processes.append(process)
                    self.pipes.append(mine)
                theirs.close()
        except BaseException:
            self.kill()
            raise

    def ordered(self, chunks: Iterable[Sequence[Any]]) -> Iterator[T]:
        """Each chunk's results, in the chunks' order; chunks are drawn from the iterator only as
        workers are free and the window allows, so a lazy iterator stays lazy."""
        from multiprocessing.connection import wait

        source = iter(chunks)
        window = WINDOW * len(self.pipes)
        idle = list(self.pipes)
        busy: dict[Connection, int] = {}
        ready: dict[int, list[T]] = {}
        sent = handed = 0
        more = True
        while more or busy or ready:
            while more and idle and sent < handed + window:
                chunk = next(source, None)
                if chunk is None:
                    more = False
                    break
                pipe = idle.pop()
                pipe.send(chunk)
                busy[pipe] = sent
                sent += 1
            if busy:
                for ready_one in wait(list(busy)):
                    pipe = self.pipes[self.pipes.index(ready_one)]  # type: ignore[arg-type]
                    try:
                        ok, reply = pipe.recv()
                    except (EOFError, OSError):
                        self._lost(pipe)
                    if not ok:
                        raise WorkerFailed(reply)
                    ready[busy.pop(pipe)] = reply
                    idle.append(pipe)
            while handed in ready:
                yield from ready.pop(handed)
                handed += 1

    def _lost(self, pipe: Connection) -> None:
        """A worker's pipe closed: it was killed (by a signal to the whole group, say) or crashed."""
        process = self.processes[self.pipes.index(pipe)]
        process.join(1)
        interrupt.check()
        code = process.exitcode
        if code is not None and code < 0 and -code in interrupt.SIGNAL_CODES:
            raise interrupt.Interrupted(-code)
        raise WorkerFailed(f"worker {process.pid} ended with status {code}")

    def close(self) -> None:
        """The batch is done: let the workers finish and end."""
        for pipe in self.pipes:
            with contextlib.suppress(OSError):
                pipe.send(None)
        for process in self.processes:
            process.join(5)
        self.kill()

    def kill(self) -> None:
        """Stop now: SIGKILL, so a worker inside a long read cannot delay the parent."""
        for process in self.processes:
            if process.exitcode is None:
                process.kill()
        for process in self.processes:
            process.join(1)
        for pipe in self.pipes:
            pipe.close()


def summaries(
    paths: Iterable[str],
    count: int,
    summarize: Callable[[FileOutcome], T],
    worksheet: str | None = None,
    layers: tuple[str, ...] | None = ("unit",),
    strict: bool = False,
    jobs: int | None = None,
) -> Generator[T, None, None]:
    """`summarize(outcome)` of each of the `count` files `paths` gives, in that order, as soon as it
    and every file before it are scored (`summarize` is called in a worker; it and what it returns
    must pickle). `paths` is drawn lazily: a folder's walk is never held whole. Close the iterator
    (or let it end) to stop the workers; an interruption stops them too."""
    chosen = resolve_worksheet(worksheet)  # once, early: an unknown worksheet fails before any file
    task = partial(_task, summarize, chosen, layers, strict)
    source = iter(paths)
    workers = min(jobs or default_jobs(), max(1, count // 2))
    if workers <= 1 or count < MIN_PARALLEL:
        for path in source:
            interrupt.check()
            yield task(path)
        return

    warm_up()
    first = next(source, None)
    if first is None:
        return
    # the first file here, before forking: what it loads (its worksheet, the layout recognised, the
    # engine's plan and answers validated) is what the files after it need, and every worker inherits
    # it instead of finding it again
    yield task(first)
    interrupt.check()
    # small chunks: the last ones decide when the slowest worker ends
    size = max(1, min(8, (count - 1) // (workers * 4)))
    chunks = iter(lambda: list(islice(source, size)), [])
    # what exists now lives for the whole run: the collector need not scan it again, and forked
    # workers do not copy its pages by touching their reference counts
    import gc

    gc.freeze()
    pool: _Workers[T] | None = None
    try:
        pool = _Workers(workers, task)
        yield from pool.ordered(chunks)
        pool.close()
        pool = None
    finally:
        if pool is not None:
            pool.kill()
        gc.unfreeze()  # a program calling us may go on for long: its garbage is collectable again
