"""Lint of big documents in a child process, cancelled by the next edit.

Parsing is C code that holds the interpreter lock: a 1.2 MB file of 200,000 short
lines takes over 2.5 s to parse, and while it parses no other request of the server
runs, whatever thread it is in.  So a document over :data:`BACKGROUND_SIZE`
characters is linted in a separate process (:class:`BackgroundLinter`):

* one child (``python -P -m pygloss.engine.background``: the working directory never
  on its path), started on first use, lints one document at a time with a generous
  deadline (:data:`BACKGROUND_BUDGET`; the findings so far when it passes);
* :meth:`BackgroundLinter.cancel` (the next edit of that document) kills the child if
  it is linting that document; a job whose version is no longer current is skipped;
* the child's address space is capped (:data:`CHILD_MEMORY`); a job that runs out of
  it, or past :data:`HARD_TIMEOUT`, is answered with why it was skipped; the child is
  replaced when its resident memory passes :data:`RECYCLE_RSS` and stopped after
  :data:`IDLE_EXIT` seconds without work, which returns its memory to the system.

Only on POSIX (it waits on pipes with ``select``); elsewhere :attr:`available` is
False and the caller lints in-process.  The result has no rule context (fixes compute
their own).
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from pygloss.engine.config import Config
from pygloss.engine.lint import LintResult, RuleFailure, lint

log = logging.getLogger("pygloss.background")

BACKGROUND_SIZE = 500_000  # characters: bigger documents are linted in the child
BACKGROUND_BUDGET = 20.0  # seconds of lint (parse included) per document version
HARD_TIMEOUT = BACKGROUND_BUDGET + 15.0  # seconds before a job's child is killed
CHILD_MEMORY = 2 << 30  # bytes of address space for the child
RECYCLE_RSS = 400 << 20  # bytes of resident memory after which the child is replaced
IDLE_EXIT = 30.0  # seconds without work before the child is stopped
_HEADER = struct.Struct(">Q")


@dataclass
class BackgroundStats:
    jobs: int = 0
    cancelled: int = 0  # killed mid-job by a newer version
    skipped: int = 0  # stale before they started
    failed: int = 0
    children: int = 0  # processes started
    why: list[str] = field(default_factory=list)


class BackgroundLinter:
    """Big documents' lint, one at a time, in a child process."""

    available = os.name == "posix"

    def __init__(self) -> None:
        self._job_lock = threading.Lock()  # one job at a time
        self._lock = threading.Lock()  # the fields below
        self._child: subprocess.Popen[bytes] | None = None
        self._busy: str | None = None  # the key of the job running
        self._last_job = 0.0
        self.stats = BackgroundStats()

    def lint(
        self,
        key: str,
        text: str,
        path: str | None,
        config: Config,
        is_current: Callable[[], bool] = lambda: True,
    ) -> LintResult | str | None:
        """*text*'s lint, or why there is none (a string), or None when a newer
        version of *key* made it pointless (cancelled or stale)."""
        with self._job_lock:
            if not is_current():
                self.stats.skipped += 1
                return None
            child = self._start()
            with self._lock:
                self._busy = key
            try:
                return self._run(child, (text, path, config, BACKGROUND_BUDGET), is_current)
            finally:
                with self._lock:
                    self._busy = None
                    self._last_job = time.monotonic()
                self._recycle()

    def running(self) -> bool:
        """Whether the child process is alive."""
        with self._lock:
            return self._child is not None and self._child.poll() is None

    def cancel(self, key: str) -> None:
        """A newer version of *key* exists: stop linting the old one now."""
        with self._lock:
            if self._busy != key or self._child is None:
                return
            child, self._child = self._child, None
        self.stats.cancelled += 1
        with contextlib.suppress(OSError):
            child.kill()  # the lint's thread sees the end of its answer and cleans up

    def close(self) -> None:
        with self._lock:
            child, self._child = self._child, None
        if child is not None:
            _kill(child)

    # -- the child -----------------------------------------------------------------------
    def _start(self) -> subprocess.Popen[bytes]:
        with self._lock:
            if self._child is not None and self._child.poll() is None:
                return self._child
        env = {**os.environ, "PYTHONSAFEPATH": "1"}
        child = subprocess.Popen(
            [sys.executable, "-P", "-m", "pygloss.engine.background", str(CHILD_MEMORY)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=tempfile.gettempdir(),  # not the workspace (and -P keeps it off sys.path)
            env=env,
        )
        with self._lock:
            self._child = child
        self.stats.children += 1
        self._watch(child, IDLE_EXIT)
        return child

    def _watch(self, child: subprocess.Popen[bytes], delay: float) -> None:
        timer = threading.Timer(delay, self._idle, args=(child,))
        timer.daemon = True
        timer.start()

    def _run(
        self, child: subprocess.Popen[bytes], job: tuple[Any, ...], is_current: Callable[[], bool]
    ) -> LintResult | str | None:
        self.stats.jobs += 1
        assert child.stdin is not None and child.stdout is not None
        try:
            _send(child.stdin, job)
            answer = _receive(child.stdout, HARD_TIMEOUT)
        except (OSError, EOFError, pickle.PickleError, struct.error):
            answer = None
        if answer is None:  # killed (cancelled, timed out) or died
            with self._lock:
                if self._child is child:
                    self._child = None
            _kill(child)
            if not is_current():
                return None
            self.stats.failed += 1
            return f"the lint process stopped (over {HARD_TIMEOUT:g} s or out of memory)"
        if isinstance(answer, str):
            self.stats.failed += 1
            self.stats.why.append(answer)
            return answer
        return answer  # type: ignore[no-any-return]

    def _recycle(self) -> None:
        with self._lock:
            child = self._child
        if child is not None and _resident(child.pid) > RECYCLE_RSS:
            with self._lock:
                if self._child is child:
                    self._child = None
            _kill(child)

    def _idle(self, child: subprocess.Popen[bytes]) -> None:
        """Stop *child* when it has had no work for :data:`IDLE_EXIT` seconds."""
        with self._lock:
            if self._child is not child:
                return
            idle = self._busy is None and time.monotonic() - self._last_job >= IDLE_EXIT
            if idle:
                self._child = None
        if idle:
            _kill(child)
        else:
            self._watch(child, IDLE_EXIT / 2)


def _kill(child: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError):
        child.kill()
    with contextlib.suppress(Exception):
        child.wait(timeout=5)
    for stream in (child.stdin, child.stdout):
        with contextlib.suppress(Exception):
            if stream is not None:
                stream.close()


def _resident(pid: int) -> int:
    """Resident memory of process *pid* in bytes (0 where /proc cannot tell)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _send(stream: IO[bytes], value: Any) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _receive(stream: IO[bytes], timeout: float | None = None) -> Any:
    """The next value on *stream*; None at end of input or after *timeout* seconds."""
    if timeout is not None:
        import select

        ready, _, _ = select.select([stream], [], [], timeout)
        if not ready:
            return None
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        return None
    return pickle.loads(data)


# -- in the child ----------------------------------------------------------------------
def _lint_job(text: str, path: str | None, config: Config, budget: float) -> LintResult | str:
    from pygloss.syntax.source import Source

    try:
        result = lint(Source(text, path), config, path, deadline=time.monotonic() + budget)
    except MemoryError:
        return "the lint ran out of memory"
    except RecursionError:
        return "the lint recursed too deeply"
    findings = [replace(f, data=dict(f.data)) for f in result.findings]
    failures = [RuleFailure(f.code, f.error) for f in result.failures]
    return replace(result, findings=findings, failures=failures, context=None)


def main(argv: list[str]) -> int:
    """The child: lint jobs from standard input, answers on standard output."""
    if len(argv) > 1 and os.name == "posix":
        import resource

        cap = int(argv[1])
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    requests = os.fdopen(os.dup(0), "rb")
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed goes to stderr, never into the answers
    while True:
        try:
            job = _receive(requests)
        except (OSError, EOFError, pickle.PickleError):
            return 0
        if job is None:
            return 0
        try:
            answer: Any = _lint_job(*job)
        except Exception as exc:  # a bug must not kill the child: say what it was
            answer = f"the lint failed: {exc!r}"
        try:
            _send(answers, answer)
        except (OSError, pickle.PickleError) as exc:
            with contextlib.suppress(OSError):
                _send(answers, f"the lint's result could not be sent: {exc!r}")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
