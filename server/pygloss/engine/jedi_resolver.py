"""jedi, the slow path of name resolution: one worker thread, a time budget, a cache.

This is the only module that imports jedi.  The engine asks jedi only what the
syntax cannot tell (:mod:`pygloss.engine.names` decides), and never waits longer
than the budget:

* every jedi call runs in one daemon worker thread (jedi is not thread-safe; a
  daemon thread, unlike a ``ThreadPoolExecutor`` worker, never delays shutdown);
* a caller waits at most ``budget`` seconds; on time-out, or at once when the worker
  is busy with another lookup, it gets None and answers with what the syntax found
  (a lookup may queue behind one warm-up step, within its budget);
* answers are cached per (text, position), including the answer of a lookup that
  timed out and finished later, so hovering the same name again is instant;
* jedi ``Script`` only, never ``Interpreter``: pygloss never runs or imports the
  user's code (and jedi may import only installed modules: :mod:`.import_guard`);
  its project is detected, and the files it reads are read, within bounds
  (:mod:`.jedi_project`: a ``manage.py`` symlinked to ``/dev/zero`` is not read).
  jedi's inference limits are lowered (:func:`_limit_jedi`) so a
  lookup that fans out (``MagicMock`` attributes, dynamic parameter search) gives
  up in bounded time instead of holding the GIL for seconds.

:meth:`JediResolver.warm_up` loads modules into jedi's caches one module per step,
starting :data:`START_DELAY` seconds after start-up and only while no hover, edit or
lint has asked for :data:`IDLE` seconds (:meth:`JediResolver.touch`), so it competes
with them as little as a thread can; :meth:`JediResolver.want` does the same for the
modules the documents in use import, replacing the list given before (a document no
longer in use does not get its modules loaded).  After each batch it collects, then
freezes the objects alive so far
out of the cyclic garbage collector's reach (``gc.freeze``), so jedi's large caches do not
make every later full collection (and the hover that triggers it) slow.  (Freezing without
collecting first made the garbage of that moment immortal: closed documents, finished
requests; bench/robustness_memory.py grew 30 MiB more over 2,000 cycles.)
"""

from __future__ import annotations

import gc
import logging
import pickle
import queue
import threading
import time
from collections import Counter, OrderedDict, deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

from pygloss.engine.import_guard import installed_module
from pygloss.engine.jedi_project import bound_jedi_reads, project_for
from pygloss.syntax import ast_lock

log = logging.getLogger("pygloss.jedi")

IDLE = 0.3  # seconds without a hover before the next warm-up step
START_DELAY = 1.0  # seconds after start-up before the first warm-up step
CACHE_SIZE = 2048
# jedi gives up on inference that fans out beyond these (its defaults: 200 and 6).
TOTAL_EXECUTIONS = 40
PER_FUNCTION_EXECUTIONS = 3
# A corrupt or half-written cache file (concurrent jedi processes) raises these.
_CACHE_ERRORS = (EOFError, pickle.UnpicklingError)


@dataclass(frozen=True)
class JediName:
    full_name: str
    module_name: str
    type: str


class JediResolver:
    """jedi lookups in one worker thread, each with a time budget (seconds)."""

    def __init__(self, budget: float = 0.5) -> None:
        ast_lock.install()  # jedi's thread parses too (inspect.signature): one lock
        self.budget = budget
        self._queue: queue.SimpleQueue[tuple[Any, tuple[Any, ...], Future[Any]]] = (
            queue.SimpleQueue()
        )
        self._lock = threading.Lock()
        self._running: Future[Any] | None = None  # the last call queued
        self._running_warm = False  # ... and whether it is a warm-up step
        self._thread: threading.Thread | None = None
        self._results: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        # warm-up waits for IDLE seconds after this; START_DELAY leaves the first
        # hovers after start-up alone
        self._last_lookup = time.monotonic() + START_DELAY - IDLE
        self.stats: Counter[str] = Counter()  # lookups, cached, busy, timeouts, errors
        self.warmed: set[str] = set()  # modules warmed or queued for warming
        self._batches: deque[_Batch] = deque()  # warm_up's, in order
        self._wanted: list[str] = []  # want()'s, not yet warmed
        self._wake = threading.Event()
        self._warmer: threading.Thread | None = None
        self._closed: set[str] = set()  # paths whose parso trees the worker drops

    @property
    def timeouts(self) -> int:
        return self.stats["timeouts"]

    # -- the worker ----------------------------------------------------------------
    def _work(self) -> None:
        _limit_jedi()
        while True:
            func, args, future = self._queue.get()
            with self._lock:
                closed, self._closed = self._closed, set()
            if closed:
                _drop_parsed(closed)
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(func(*args))
            except BaseException as exc:  # reported to the waiting caller
                future.set_exception(exc)

    def _submit(
        self, func: Callable[..., Any], *args: Any, warm: bool = False
    ) -> Future[Any] | None:
        """Queue a call for the worker; None when it is busy with a lookup (a lookup
        may queue behind a warm-up step, a warm-up step behind nothing)."""
        with self._lock:
            running = self._running is not None and not self._running.done()
            if running and (warm or not self._running_warm):
                return None  # never queue behind a slow lookup
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="pygloss-jedi", daemon=True)
                self._thread.start()
            future: Future[Any] = Future()
            self._running, self._running_warm = future, warm
            self._queue.put((func, args, future))
            return future

    def touch(self) -> None:
        """A hover is being answered: warm-up steps wait until IDLE seconds after it."""
        with self._lock:
            self._last_lookup = max(self._last_lookup, time.monotonic())

    def busy(self) -> bool:
        with self._lock:
            return self._running is not None and not self._running.done()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until the last queued call has finished (tests, benches); True if so."""
        with self._lock:
            running = self._running
        if running is None:
            return True
        try:
            running.exception(timeout=timeout)
        except FutureTimeout:
            return False
        return True

    # -- lookups -------------------------------------------------------------------
    def _lookup(self, func: Callable[..., Any], text: str, path: str | None, line: int,
                column: int) -> Any:  # fmt: skip
        key = (func.__name__, path, len(text), hash(text), line, column)
        with self._lock:
            self._last_lookup = max(self._last_lookup, time.monotonic())
            if key in self._results:
                self._results.move_to_end(key)
                self.stats["cached"] += 1
                return self._results[key]
        future = self._submit(self._compute, key, func, text, path, line, column)
        if future is None:
            self.stats["busy"] += 1
            return None
        self.stats["lookups"] += 1
        try:
            return future.result(timeout=self.budget)
        except FutureTimeout:
            self.stats["timeouts"] += 1
            return None
        except _CACHE_ERRORS:
            self.stats["errors"] += 1
            log.warning("jedi's cache is unreadable (another process writing it?)")
            return None
        except Exception:
            self.stats["errors"] += 1
            log.exception("jedi lookup failed")
            return None

    def _compute(self, key: tuple[Any, ...], func: Callable[..., Any], *args: Any) -> Any:
        """Run in the worker: the answer is cached before any waiter wakes up, and also
        when the waiter has given up (time-out), for the next hover there."""
        result = func(*args)
        with self._lock:
            self._results[key] = result
            while len(self._results) > CACHE_SIZE:
                self._results.popitem(last=False)
        return result

    def document_closed(self, path: str) -> None:
        """The editor closed *path*: jedi's (parso's) tree of that text is dropped by
        the worker before its next call (it alone touches jedi's caches)."""
        with self._lock:
            self._closed.add(path)

    def forget(self) -> None:
        """Drop the cached answers (benchmarks start each run from an empty cache)."""
        with self._lock:
            self._results.clear()

    def goto(self, text: str, path: str | None, line: int, column: int) -> list[JediName] | None:
        """Names at a 1-based *line* and 0-based code-point *column*; None on time-out."""
        return self._lookup(_jedi_goto, text, path, line, column)  # type: ignore[no-any-return]

    def mro(self, text: str, path: str | None, line: int, column: int) -> list[JediName] | None:
        """The MRO of the class named at the position, as ``(name, module)`` entries."""
        return self._lookup(_jedi_mro, text, path, line, column)  # type: ignore[no-any-return]

    # -- warm-up -------------------------------------------------------------------
    def warm_up(self, modules: Iterable[str], wait: bool = True) -> int:
        """Load *modules* into jedi's caches in the background warmer thread, one
        module per step and only while no lookup was asked for :data:`IDLE` seconds.

        With *wait*, block until they are loaded (call it from a background thread)
        and return how many jedi found; otherwise return 0 at once.
        """
        with self._lock:
            todo = [m for m in dict.fromkeys(modules) if m not in self.warmed]
            if not todo:
                return 0
            self.warmed.update(todo)
            batch = _Batch(todo)
            self._batches.append(batch)
            self._start_warmer()
        if not wait:
            return 0
        batch.done.wait()
        return batch.found

    def want(self, modules: Iterable[str]) -> None:
        """The modules hovers in the documents in use may ask about: warm those not yet
        warm, in the background, after any :meth:`warm_up` batch.  Replaces the list
        given before, so a module wanted only by a document no longer in use is not
        loaded (memory goes to what hovers will need)."""
        with self._lock:
            self._wanted = [m for m in dict.fromkeys(modules) if m not in self.warmed]
            if self._wanted:
                self._start_warmer()

    @property
    def wanted(self) -> list[str]:
        with self._lock:
            return list(self._wanted)

    def _start_warmer(self) -> None:  # with self._lock held
        self._wake.set()
        if self._warmer is None:
            self._warmer = threading.Thread(
                target=self._warm, name="pygloss-jedi-warm-up", daemon=True
            )
            self._warmer.start()

    def _warm(self) -> None:
        while True:
            self._wake.wait()
            with self._lock:
                batch = self._batches.popleft() if self._batches else None
                if batch is None and not self._wanted:
                    self._wake.clear()
                    continue
            if batch is not None:
                for module in batch.modules:
                    batch.found += self._warm_one(module)
                self._settle()
                batch.done.set()
                continue
            self._wait_idle()
            with self._lock:  # still wanted once it is quiet?
                wanted = self._wanted.pop(0) if self._wanted else None
                if wanted is not None:
                    self.warmed.add(wanted)
                last = not self._wanted
            if wanted is not None:
                self._warm_one(wanted)
                if last:
                    self._settle()

    def _wait_idle(self) -> None:
        while time.monotonic() - self._last_lookup < IDLE:
            time.sleep(IDLE / 3)

    def _warm_one(self, module: str) -> bool:
        """One warm-up step, run once nothing else asked jedi for :data:`IDLE` s."""
        future = None
        while future is None:
            if time.monotonic() - self._last_lookup >= IDLE:
                future = self._submit(_jedi_warm_module, module, warm=True)
            if future is None:
                time.sleep(IDLE / 3)
        try:
            return bool(future.result())
        except Exception:
            log.debug("jedi warm-up of %s failed", module, exc_info=True)
            return False

    def _settle(self) -> None:
        gc.collect()  # garbage frozen now would never be freed
        gc.freeze()  # jedi's caches live as long as the process: keep them out of GC scans


class _Batch:
    def __init__(self, modules: list[str]) -> None:
        self.modules = modules
        self.found = 0
        self.done = threading.Event()


def modules_of(names: Iterable[str]) -> list[str]:
    """Every dotted prefix of *names* that may be a module, packages first."""
    prefixes = {".".join(n.split(".")[:i]) for n in names for i in range(1, n.count(".") + 1)}
    return sorted(prefixes, key=lambda m: (m.count("."), m))


def _harden_jedi() -> None:
    """jedi never imports the user's code: no auto-imported modules, and a module
    without source is imported only if :func:`installed_module` says so."""
    import jedi.settings
    from jedi.inference.compiled import access

    jedi.settings.auto_import_modules = []
    bound_jedi_reads()
    original = access.load_module
    if getattr(original, "pygloss_guarded", False):
        return

    def load_module(inference_state: Any, dotted_name: str, sys_path: list[str]) -> Any:
        if not installed_module(dotted_name, sys_path):
            log.debug("jedi: not importing %s (not an installed module)", dotted_name)
            return None
        return original(inference_state, dotted_name=dotted_name, sys_path=sys_path)

    load_module.pygloss_guarded = True  # type: ignore[attr-defined]
    access.load_module = load_module


def _drop_parsed(paths: set[str]) -> None:
    """Remove parso's cached trees of *paths* (an open document's text, kept by path
    for as long as the process lives otherwise: ~0.6 MB per 1,000 lines)."""
    from pathlib import Path

    from parso import cache

    for by_path in cache.parser_cache.values():
        for path in paths:
            by_path.pop(Path(path), None)


def _limit_jedi() -> None:
    try:
        from jedi.inference import recursion

        recursion.total_function_execution_limit = TOTAL_EXECUTIONS
        recursion.per_function_execution_limit = PER_FUNCTION_EXECUTIONS
    except (ImportError, AttributeError):  # another jedi version: keep its defaults
        log.debug("could not lower jedi's inference limits", exc_info=True)


def _script(text: str, path: str | None) -> Any:
    import jedi

    _harden_jedi()
    return jedi.Script(
        text, path=path, environment=jedi.InterpreterEnvironment(), project=project_for(path)
    )


def _jedi_goto(text: str, path: str | None, line: int, column: int) -> list[JediName]:
    script = _script(text, path)
    names = script.goto(line, column, follow_imports=True) or script.infer(line, column)
    return [
        JediName(n.full_name, n.module_name or "", n.type) for n in names if n.full_name is not None
    ]


def _jedi_mro(text: str, path: str | None, line: int, column: int) -> list[JediName]:
    script = _script(text, path)
    for name in script.infer(line, column):
        for value in name._name.infer():  # jedi internals: the inferred ClassValue
            if not hasattr(value, "py__mro__"):
                continue
            entries = []
            for klass in value.py__mro__():
                module = klass.get_root_context().py__name__() or ""
                entries.append(JediName(f"{module}.{klass.py__name__()}", module, "class"))
            return entries
    return []


def _jedi_warm_module(module: str) -> bool:
    """Make jedi parse *module* (and keep it in its cache); True when it was found."""
    line = f"import {module}"
    names = _script(line + "\n", None).goto(1, len(line), follow_imports=True)
    return any(n.type == "module" for n in names)
