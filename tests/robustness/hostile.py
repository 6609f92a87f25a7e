"""Running pygloss against a hostile workspace: bounded in memory and time.

Every process started here runs under an address-space cap (``RLIMIT_AS``, so a
runaway read ends in ``MemoryError`` instead of filling the machine) and a
timeout (a hang fails the test instead of stalling the suite).  Both are limits
against disasters, far above what a correct run needs; they are not timings.

``PYGLOSS_TEST_SERVER_PATH=DIR`` runs the pygloss processes these tests start from
another source folder (``DIR`` first on their ``PYTHONPATH``), while the tests
themselves run from this checkout: how the hostile cases were shown to fail on
the code before the fixes (``<checkout of 4599578>/server``).
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

MEMORY_CAP = 3 << 30  # bytes of address space (jedi and libcst map a lot, use little)
TIMEOUT = 120.0  # seconds: a hang, not slowness
PYGLOSS = [sys.executable, "-P", "-m", "pygloss"]


def server_env() -> dict[str, str]:
    """The environment of the pygloss processes started (see the module doc)."""
    env = dict(os.environ)
    if folder := os.environ.get("PYGLOSS_TEST_SERVER_PATH"):
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [folder, env.get("PYTHONPATH")]))
    return env


def capped(memory: int = MEMORY_CAP) -> Callable[[], None]:
    """A ``preexec_fn`` that caps the child's address space."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return limit


def without_dac_override() -> list[str]:
    """A command prefix under which permission bits bind (as they do for a user):
    for root, ``setpriv`` dropping CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permission bits cannot be made to bind")
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]


def run_cli(
    *args: str,
    cwd: Path,
    prefix: list[str] | None = None,
    timeout: float = TIMEOUT,
    memory: int = MEMORY_CAP,
) -> subprocess.CompletedProcess[str]:
    """``pygloss ARGS`` in *cwd*, capped; fails the test on a time-out."""
    try:
        return subprocess.run(
            [*(prefix or []), *PYGLOSS, *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=capped(memory),
            env=server_env(),
        )
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"pygloss {' '.join(args)} hung ({timeout:g} s)") from exc


def nest(depth: int) -> str:
    """A TOML array nested *depth* deep (tomllib recurses once per level)."""
    return "[" * depth + "]" * depth
