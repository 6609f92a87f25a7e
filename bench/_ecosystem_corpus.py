"""The ecosystem corpus on disk: the pinned projects of ``bench/ecosystem/projects.toml``,
downloaded from PyPI into a cache with pip (hash-checking mode) and unpacked there.

Nothing here is committed: the cache is ``$PYGLOSS_ECOSYSTEM_CACHE``, else
``/work/cache/ecosystem`` when ``/work/cache`` exists (the shared cache of the
development machines), else ``~/.cache/pygloss/ecosystem``.
"""

from __future__ import annotations

import hashlib
import os
import platform
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

PROJECTS = Path(__file__).resolve().parent / "ecosystem" / "projects.toml"


@dataclass(frozen=True)
class Project:
    name: str
    version: str
    sha256: str
    license: str
    uses: tuple[str, ...]
    tests: dict[str, object] = field(default_factory=dict)
    group: str = "ecosystem"  # or "reference": a corpus of docs/rules-precision.md
    paths: tuple[str, ...] = ()  # the folders checked; () is the whole sdist
    source: str = "pypi"  # or "python": the running interpreter's standard library

    @property
    def key(self) -> str:
        return f"{self.name}-{self.version}"

    @property
    def available(self) -> bool:
        """False for the standard library of another Python version than the pinned one."""
        return self.source != "python" or platform.python_version() == self.version


def load_projects(path: Path = PROJECTS) -> list[Project]:
    with path.open("rb") as file:
        data = tomllib.load(file)
    return [
        Project(
            name=entry["name"],
            version=entry["version"],
            sha256=entry.get("sha256", ""),
            license=entry["license"],
            uses=tuple(entry.get("uses", ())),
            tests=dict(entry.get("tests", {})),
            group=group,
            paths=tuple(entry.get("paths", ())),
            source=entry.get("source", "pypi"),
        )
        for group, entries in (("ecosystem", data["project"]), ("reference", data["reference"]))
        for entry in entries
    ]


def default_cache() -> Path:
    configured = os.environ.get("PYGLOSS_ECOSYSTEM_CACHE")
    if configured:
        return Path(configured)
    shared = Path("/work/cache")
    if shared.is_dir():
        return shared / "ecosystem"
    return Path.home() / ".cache" / "pygloss" / "ecosystem"


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sdist(project: Project, downloads: Path) -> Path | None:
    """The downloaded sdist of *project* (its hash checked), or None."""
    for path in sorted(downloads.glob("*")):
        # the name part may hold dashes itself (an older sdist's aiohttp-jinja2-1.6.tar.gz)
        name, found, _ = path.name.rpartition(f"-{project.version}.")
        archive = path.name.endswith((".tar.gz", ".zip"))
        ours = found and _normal(name) == _normal(project.name)
        if archive and ours and _sha256(path) == project.sha256:
            return path
    return None


def download(projects: list[Project], cache: Path) -> None:
    """Download the sdists that are not in the cache yet, in one hash-checked pip run."""
    downloads = cache / "sdists"
    downloads.mkdir(parents=True, exist_ok=True)
    missing = [p for p in projects if p.source == "pypi" and _sdist(p, downloads) is None]
    if not missing:
        return
    print(f"downloading {len(missing)} sdists into {downloads}", file=sys.stderr)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as requirements:
        for project in missing:
            line = f"{project.name}=={project.version} --hash=sha256:{project.sha256}\n"
            requirements.write(line)
    try:
        subprocess.run(
            [
                *(sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"),
                *("--no-binary", ":all:", "--require-hashes", "-d", str(downloads)),
                *("-r", requirements.name),
            ],
            check=True,
        )
    finally:
        os.unlink(requirements.name)


def unpacked(project: Project, cache: Path) -> Path:
    """The unpacked sdist of *project* (unpacking it on first use), or the stdlib."""
    if project.source == "python":
        return Path(sysconfig.get_paths()["stdlib"])
    target = cache / "src" / project.key
    done = target / ".unpacked"
    if done.exists():
        return target
    sdist = _sdist(project, cache / "sdists")
    if sdist is None:
        raise FileNotFoundError(f"{project.key}: no sdist with sha256 {project.sha256}")
    if not sdist.name.endswith(".tar.gz"):
        raise ValueError(f"{sdist.name}: only .tar.gz sdists are supported")
    staging = cache / "src" / f".{project.key}.partial"
    for leftover in (staging, target):  # from an interrupted run
        shutil.rmtree(leftover, ignore_errors=True)
    with tarfile.open(sdist) as archive:
        archive.extractall(staging, filter="data")
    (top,) = staging.iterdir()  # an sdist holds one top-level folder
    top.rename(target)
    staging.rmdir()
    done.write_text(f"{sdist.name}\n")
    return target
