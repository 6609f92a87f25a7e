"""A pygloss installed from a wheel, for benchmarks that time it the way users run it.

:func:`installed_wheel` builds a wheel of this checkout (``python -m build --wheel
--no-isolation``) and installs it with ``pip --no-deps`` into a fresh virtual
environment whose ``site-packages`` also sees the running environment's (for pygls,
lsprotocol, jedi, ...: no network).  pip compiles the byte code at install time, as
it does for users, so imports read ``.pyc`` files even when ``PYTHONDONTWRITEBYTECODE``
is set.  The environment is made once per *cache* folder and reused while the
checkout's files are unchanged (keyed by a digest of ``server/``, ``knowledge/`` and
``pyproject.toml``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import site
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "pygloss-bench-wheel"


def _digest() -> str:
    hasher = hashlib.sha256()
    for folder in ("server", "knowledge"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                hasher.update(str(path.relative_to(ROOT)).encode())
                hasher.update(path.read_bytes())
    hasher.update((ROOT / "pyproject.toml").read_bytes())
    return hasher.hexdigest()[:16]


def installed_wheel(cache: Path = DEFAULT_CACHE) -> Path:
    """The ``bin`` folder of a virtual environment with this checkout's wheel installed."""
    env = cache / _digest()
    bin_dir = env / "bin"
    if (bin_dir / "pygloss").exists():
        return bin_dir
    if env.exists():
        shutil.rmtree(env)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    python = bin_dir / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # the running environment's packages, after the new one's own (pygloss comes first)
    Path(purelib, "_bench_deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    with tempfile.TemporaryDirectory() as dist:
        subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", dist, ROOT],
            check=True,
            capture_output=True,
        )
        (wheel,) = Path(dist).glob("pygloss-*.whl")
        environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q"]
        subprocess.run(
            [*pip, "--no-deps", "--no-index", "--compile", str(wheel)],
            check=True,
            env=environ,
        )
    return bin_dir


def clean_environ() -> dict[str, str]:
    """The environment to run the installed pygloss in: byte code used, no
    ``PYTHONPATH`` or editable checkout in the way."""
    drop = {"PYTHONDONTWRITEBYTECODE", "PYTHONPATH", "PYTHONPYCACHEPREFIX", "VIRTUAL_ENV"}
    return {k: v for k, v in os.environ.items() if k not in drop}
