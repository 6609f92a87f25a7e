"""Install the pygloss server and its dependencies into ``client-vscode/bundled/libs``.

Run by ``npm run package`` (through ``npm run bundle-libs``) before ``vsce package``, so
the ``.vsix`` carries a server that runs with nothing else installed:

1. build the pygloss wheel from the repository root (``python -m build --wheel``);
2. install the dependencies pinned with hashes in ``requirements-bundle.txt``
   (``pip install --require-hashes --no-deps --only-binary=:all:``) once per
   supported CPython version (3.11-3.14 by default) for this machine's platform, and
   merge them: the pure-Python files are the same, and native extension modules
   (libcst) carry the Python version in their file names, so they sit side by side;
3. install the wheel (``--no-deps``) and check that the bundle imports from itself.

Regenerate the lock after changing the runtime dependencies in ``pyproject.toml``::

    pip install pip-tools
    pip-compile --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
        --no-emit-find-links --output-file=client-vscode/requirements-bundle.txt pyproject.toml

Environment: ``PYGLOSS_BUNDLE_PYTHONS`` (e.g. "3.12 3.13") narrows the versions.
"""

from __future__ import annotations

import filecmp
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
ROOT = HERE.parent
LOCK = HERE / "requirements-bundle.txt"
OUT = HERE / "bundled" / "libs"
VERSIONS = os.environ.get("PYGLOSS_BUNDLE_PYTHONS", "3.11 3.12 3.13 3.14").split()


def run(*args: str | Path, env: dict[str, str] | None = None) -> str:
    print("+", " ".join(str(a) for a in args), flush=True)
    done = subprocess.run([str(a) for a in args], check=True, text=True, stdout=subprocess.PIPE, env=env)
    return done.stdout


def platform_args() -> list[str]:
    """pip --platform tags for this machine (Linux: the manylinux family)."""
    if not sys.platform.startswith("linux"):
        return []  # macOS / Windows: this interpreter's own tags only
    machine = platform.machine()
    tags = ["manylinux2014", "manylinux_2_17", "manylinux_2_28", "musllinux_1_2", "linux"]
    return [arg for tag in tags for arg in ("--platform", f"{tag}_{machine}")]


def build_wheel(dist: Path) -> Path:
    try:
        import build  # noqa: F401
    except ImportError:
        sys.exit("bundle-libs: the 'build' package is missing: pip install build")
    run(sys.executable, "-m", "build", "--wheel", "--outdir", dist, ROOT)
    (wheel,) = dist.glob("pygloss-*.whl")
    return wheel


def locked_names() -> set[str]:
    names = re.findall(r"^([A-Za-z0-9_.-]+)==", LOCK.read_text(), flags=re.MULTILINE)
    return {normalize(n) for n in names}


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def check_lock_covers(wheel: Path) -> None:
    """Every runtime requirement of the wheel must be pinned in the lock."""
    with zipfile.ZipFile(wheel) as zf:
        meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        text = zf.read(meta).decode()
    required = {
        normalize(re.split(r"[ ;<>=!~\[(]", line.split(":", 1)[1].strip())[0])
        for line in text.splitlines()
        if line.startswith("Requires-Dist:") and "extra ==" not in line
    }
    missing = required - locked_names()
    if missing:
        sys.exit(f"bundle-libs: {LOCK.name} is stale (missing {sorted(missing)}); regenerate it (see {__file__})")


def install_for(version: str, target: Path) -> None:
    run(
        sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "--require-hashes", "--no-deps", "--only-binary=:all:", "--no-compile",
        "--implementation", "cp", "--python-version", version, *platform_args(),
        "--target", target, "-r", LOCK,
    )  # fmt: skip


def merge(source: Path, dest: Path) -> list[Path]:
    """Copy files of *source* missing in *dest*; return them (native modules)."""
    added: list[Path] = []
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if path.is_dir() or rel.parts[0].endswith(".dist-info"):
            continue
        target = dest / rel
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
            added.append(rel)
        elif not filecmp.cmp(path, target, shallow=False) and path.suffix == ".py":
            sys.exit(f"bundle-libs: {rel} differs between Python versions; cannot merge")
    return added


def verify() -> None:
    env = {**os.environ, "PYTHONPATH": str(OUT)}
    code = (
        "import jedi, libcst, lsprotocol, pygls, pygloss.lsp.server, sys; "
        "mods = (jedi, libcst, lsprotocol, pygls, pygloss); "
        "bad = [m.__name__ for m in mods if not m.__file__.startswith(sys.argv[1])]; "
        "print('outside the bundle:', bad) if bad else print('bundle imports OK:', pygloss.__version__); "
        "sys.exit(1 if bad else 0)"
    )
    print(run(sys.executable, "-P", "-c", code, OUT, env=env).strip())


def main() -> int:
    shutil.rmtree(OUT.parent, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="pygloss-bundle-") as tmp:
        work = Path(tmp)
        wheel = build_wheel(work / "dist")
        check_lock_covers(wheel)
        for i, version in enumerate(VERSIONS):
            target = OUT if i == 0 else work / f"py{version}"
            install_for(version, target)
            if i > 0:
                added = merge(target, OUT)
                print(f"  Python {version}: added {[str(a) for a in added]}")
        run(
            sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
            "--no-deps", "--no-compile", "--target", OUT, wheel,
        )  # fmt: skip
    shutil.rmtree(OUT / "bin", ignore_errors=True)
    for cache in list(OUT.rglob("__pycache__")):
        shutil.rmtree(cache, ignore_errors=True)
    verify()
    size = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    print(f"bundle-libs: {OUT} ({size / 1e6:.1f} MB) for CPython {', '.join(VERSIONS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
