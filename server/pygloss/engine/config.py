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
"""

from __future__ import annotations

import contextlib
import fnmatch
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

SEVERITIES = ("error", "warning", "information", "hint")
DEFAULT_MAX_FILE_SIZE = 2_000_000


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

    def rule_enabled(self, code: str, default_enabled: bool, path: str | None = None) -> bool:
        """Whether rule *code* runs on *path* under this configuration."""
        on = default_enabled if self.select is None else _matches(code, self.select)
        if _matches(code, self.extend_select):
            on = True
        if _matches(code, self.ignore):
            on = False
        if on and path is not None:
            for pattern, codes in self.per_file_ignores.items():
                if self._path_matches(path, pattern) and _matches(code, codes):
                    return False
        return on

    def is_excluded(self, path: str) -> bool:
        return any(self._path_matches(path, pattern) for pattern in self.exclude)

    def _path_matches(self, path: str, pattern: str) -> bool:
        posix = Path(path).as_posix()
        candidates = [posix, PurePosixPath(posix).name]
        if self.root:
            with contextlib.suppress(ValueError, OSError):
                candidates.append(Path(path).resolve().relative_to(Path(self.root)).as_posix())
        for candidate in candidates:
            if fnmatch.fnmatch(candidate, pattern):
                return True
            if pattern.endswith("/**") and fnmatch.fnmatch(candidate, pattern[:-3] + "/*"):
                return True
        return False


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


def load_pyproject(path: Path) -> tuple[Config, list[str]]:
    """``[tool.pygloss]`` of one pyproject file; a broken file gives defaults + warning."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Config(root=str(path.parent)), [f"{path}: cannot read: {exc}"]
    tool = data.get("tool", {})
    section = tool.get("pygloss", {}) if isinstance(tool, dict) else {}
    base = Config(root=str(path.parent))
    return parse_config(section, base, where=f"{path} [tool.pygloss]")


def config_for(path: Path) -> tuple[Config, list[str]]:
    """The configuration that applies to *path* from its nearest pyproject."""
    pyproject = find_pyproject(path)
    if pyproject is None:
        return Config(), []
    return load_pyproject(pyproject)
