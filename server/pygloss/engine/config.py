"""Configuration: ``[tool.pygloss]`` in the nearest ``pyproject.toml``, merged with
editor settings (settings win: a key they set replaces the file's, ``severity`` merges
code by code, and a ``select`` drops the file's ``ignore``/``extend-select`` as
``--select`` does).  Bad values never raise: they are reported as warnings and the
default is used instead.

Recognised keys (pyproject spelling; LSP settings use the same names)::

    select = ["PG1"]            # codes or prefixes; default: every rule on by default
    ignore = ["PG116"]
    extend-select = ["PG206"]
    severity = { PG107 = "hint" }
    per-file-ignores = { "tests/**" = ["PG115"] }
    exclude = ["build/**"]
    notes = ["docs/python-notes.md", "wiki/**/*.md"]
    max-file-size = 2000000     # bytes; bigger files are not analysed
    cache-dir = ".pygloss_cache"  # pygloss check's result cache, relative to this file
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

SEVERITIES = ("error", "warning", "information", "hint")
DEFAULT_MAX_FILE_SIZE = 2_000_000
MAX_PYPROJECT_BYTES = 4_000_000
_PATH_CACHE = 4096  # paths whose matches each configuration remembers


class ConfigError(str):
    """A warning that the configuration file itself could not be used (the command
    line exits 2 for it: "could not check"); a plain ``str`` otherwise."""


class PathMatcher:
    """Globs compiled once, matched the way ``fnmatch`` matches each (``*`` crosses
    ``/``; ``dir/**`` also matches the files directly in ``dir``).  Literal globs are
    a set lookup, ``literal-folder/**`` a lookup of each parent folder of the path;
    only the rest are regular expressions, each compiled once."""

    def __init__(self, patterns: Iterable[str]) -> None:
        self._exact: set[str] = set()
        self._folders: set[str] = set()
        self._regexes: list[re.Pattern[str]] = []
        for pattern in patterns:
            folder = pattern[:-3] if pattern.endswith("/**") else None
            if not _MAGIC.search(pattern):
                self._exact.add(pattern)
            elif folder and not _MAGIC.search(folder):
                self._folders.add(folder)
            else:
                self._regexes.append(re.compile(fnmatch.translate(pattern)))
                if folder is not None:
                    self._regexes.append(re.compile(fnmatch.translate(folder + "/*")))

    def matches(self, candidates: Iterable[str]) -> bool:
        for candidate in candidates:
            if candidate in self._exact:
                return True
            if self._folders:
                parts = candidate.split("/")
                for end in range(1, len(parts)):
                    if "/".join(parts[:end]) in self._folders:
                        return True
            if any(regex.match(candidate) is not None for regex in self._regexes):
                return True
        return False


_MAGIC = re.compile(r"[*?\[]")


class _Compiled:
    """A configuration's globs, compiled once, and the paths already matched."""

    def __init__(self, config: Config) -> None:
        groups: dict[tuple[str, ...], list[str]] = {}
        for pattern, codes in config.per_file_ignores.items():
            groups.setdefault(codes, []).append(pattern)
        self.ignores = [(codes, PathMatcher(patterns)) for codes, patterns in groups.items()]
        self.exclude = PathMatcher(config.exclude)
        self.root = config.root
        self._lock = threading.Lock()
        self._ignored: OrderedDict[str, tuple[tuple[str, ...], ...]] = OrderedDict()

    def candidates(self, path: str) -> list[str]:
        """The forms of *path* a glob is matched against: as given, its name, and
        relative to the project folder."""
        posix = Path(path).as_posix()
        found = [posix, PurePosixPath(posix).name]
        if self.root:
            with contextlib.suppress(ValueError, OSError, RuntimeError):
                found.append(Path(path).resolve().relative_to(Path(self.root)).as_posix())
        return [os.path.normcase(c) for c in found]  # as fnmatch.fnmatch does

    def ignored(self, path: str) -> tuple[tuple[str, ...], ...]:
        """The code lists of every ``per-file-ignores`` glob matching *path*."""
        with self._lock:
            cached = self._ignored.get(path)
            if cached is not None:
                self._ignored.move_to_end(path)
                return cached
        candidates = self.candidates(path)
        found = tuple(codes for codes, matcher in self.ignores if matcher.matches(candidates))
        with self._lock:
            self._ignored[path] = found
            while len(self._ignored) > _PATH_CACHE:
                self._ignored.popitem(last=False)
        return found


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    root: str | None = None
    cache_dir: str | None = None

    def rule_enabled(self, code: str, default_enabled: bool, path: str | None = None) -> bool:
        """Whether rule *code* runs on *path* under this configuration."""
        on = default_enabled if self.select is None else _matches(code, self.select)
        if _matches(code, self.extend_select):
            on = True
        if _matches(code, self.ignore):
            on = False
        if on and path is not None and self.per_file_ignores:
            return not any(_matches(code, codes) for codes in self._compiled.ignored(path))
        return on

    def is_excluded(self, path: str) -> bool:
        if not self.exclude:
            return False
        compiled = self._compiled
        return compiled.exclude.matches(compiled.candidates(path))

    @property
    def _compiled(self) -> _Compiled:
        compiled: _Compiled | None = self.__dict__.get("_compiled_globs")
        if compiled is None:  # two threads may both compile: same result, no harm
            compiled = _compiled_for(self)
            object.__setattr__(self, "_compiled_globs", compiled)
        return compiled

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without the compiled globs (each worker process compiles its own)."""
        state = dict(self.__dict__)
        state.pop("_compiled_globs", None)
        return state


_COMPILED: OrderedDict[Any, _Compiled] = OrderedDict()
_COMPILED_LOCK = threading.Lock()


def _compiled_for(config: Config) -> _Compiled:
    """The compiled globs of *config*, shared by every configuration with the same
    globs and root (the server derives a new one per request from the same file)."""
    key = (config.root, tuple(config.per_file_ignores.items()), config.exclude)
    with _COMPILED_LOCK:
        found = _COMPILED.get(key)
        if found is not None:
            _COMPILED.move_to_end(key)
            return found
    compiled = _Compiled(config)
    with _COMPILED_LOCK:
        _COMPILED[key] = compiled
        while len(_COMPILED) > 16:
            _COMPILED.popitem(last=False)
    return compiled


def _matches(code: str, selectors: tuple[str, ...]) -> bool:
    return any(s == "ALL" or code.startswith(s) for s in selectors)


def _codes(value: Any, key: str, warnings: list[str]) -> tuple[str, ...] | None:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        warnings.append(f"{key}: expected a list of rule codes, got {value!r}; ignored")
        return None
    return tuple(v.strip().upper() for v in value if v.strip())


def _strings(value: Any, key: str, warnings: list[str]) -> tuple[str, ...] | None:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        warnings.append(f"{key}: expected a list of strings, got {value!r}; ignored")
        return None
    return tuple(value)


def parse_config(
    data: Mapping[str, Any], base: Config | None = None, where: str = "[tool.pygloss]"
) -> tuple[Config, list[str]]:
    """Apply the keys in *data* over *base*; return the config and warnings."""
    config = base or Config()
    warnings: list[str] = []
    if not isinstance(data, Mapping):
        return config, [f"{where}: expected a table, got {type(data).__name__}; ignored"]
    changes: dict[str, Any] = {}
    for raw_key, value in data.items():
        key = str(raw_key).replace("_", "-")
        label = f"{where} {key}"
        if key in ("select", "ignore", "extend-select"):
            codes = _codes(value, label, warnings)
            if codes is not None:
                changes[key.replace("-", "_")] = codes
        elif key in ("exclude", "notes"):
            strings = _strings(value, label, warnings)
            if strings is not None:
                changes[key] = strings
        elif key == "severity":
            if isinstance(value, Mapping):
                good = {}
                for code, level in value.items():
                    if isinstance(level, str) and level.lower() in SEVERITIES:
                        good[str(code).upper()] = level.lower()
                    else:
                        warnings.append(f"{label}: {code} = {level!r} is not one of {SEVERITIES}")
                changes["severity"] = {**config.severity, **good}
            else:
                warnings.append(f"{label}: expected a table of code = level; ignored")
        elif key == "per-file-ignores":
            if isinstance(value, Mapping):
                table: dict[str, tuple[str, ...]] = {}
                for pattern, codes in value.items():
                    parsed = _codes(codes, f"{label} {pattern!r}", warnings)
                    if parsed is not None:
                        table[str(pattern)] = parsed
                changes["per_file_ignores"] = table
            else:
                warnings.append(f"{label}: expected a table of glob = [codes]; ignored")
        elif key == "cache-dir":
            if isinstance(value, str) and value.strip():
                changes["cache_dir"] = value
            else:
                warnings.append(f"{label}: expected a folder name, got {value!r}; ignored")
        elif key == "max-file-size":
            if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                changes["max_file_size"] = value
            else:
                warnings.append(f"{label}: expected a positive integer, got {value!r}; ignored")
        else:
            warnings.append(f"{label}: unknown setting; ignored")
    if "select" in changes:  # as in ruff: a layer's select starts the selection afresh
        changes.setdefault("ignore", ())
        changes.setdefault("extend_select", ())
    return replace(config, **changes), warnings


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above *start* (a file or directory)."""
    current = start if start.is_dir() else start.parent
    for folder in (current, *current.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def read_pyproject(path: Path) -> dict[str, Any] | str:
    """The parsed TOML of a ``pyproject.toml`` (read with the bounded reader), or why
    it cannot be had; never raises (a ``RecursionError`` from 600 nested arrays, a
    ``MemoryError``, invalid UTF-8, a FIFO are all reasons).  Every reader of a
    project's ``pyproject.toml`` goes through here."""
    import tomllib  # here, not at the top: the server parses settings before any file

    from pygloss.files import Unreadable, read_bytes

    data = read_bytes(path, MAX_PYPROJECT_BYTES)
    if isinstance(data, Unreadable):
        return data.reason
    try:
        return tomllib.loads(data.decode("utf-8"))
    except RecursionError:
        return "nested too deeply to parse"
    except Exception as exc:  # any failure: MemoryError, UnicodeDecodeError, ...
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def load_pyproject(path: Path) -> tuple[Config, list[str]]:
    """``[tool.pygloss]`` of one pyproject file; a file that cannot be read or parsed
    gives the defaults and one :class:`ConfigError` naming it."""
    base = Config(root=str(path.parent))
    parsed = read_pyproject(path)
    if isinstance(parsed, str):
        return base, [ConfigError(f"{path}: cannot read: {parsed}; using the defaults")]
    tool = parsed.get("tool", {})
    section = tool.get("pygloss", {}) if isinstance(tool, dict) else {}
    try:
        return parse_config(section, base, where=f"{path} [tool.pygloss]")
    except Exception as exc:  # a value no check foresaw
        why = f"{path} [tool.pygloss]: cannot use it ({exc!r}); using the defaults"
        return base, [ConfigError(why)]


def config_for(path: Path) -> tuple[Config, list[str]]:
    """The configuration that applies to *path* from its nearest pyproject."""
    pyproject = find_pyproject(path)
    if pyproject is None:
        return Config(), []
    return load_pyproject(pyproject)
