"""Editor settings: a typed object with defaults, built from untrusted JSON.

Accepted shapes (from ``initializationOptions``, ``workspace/didChangeConfiguration``
or ``workspace/configuration``): ``{"pygloss": {...}}`` or the inner object itself.
Keys (camelCase or snake_case)::

    notes: [str]                 select / ignore / extendSelect: [code]
    severity: {code: level}      perFileIgnores: {glob: [code]}
    hover: {verbosity: "brief"|"normal"|"full", mute: [topic id]}
    diagnostics: {enable: bool, debounceMs: int}
    maxFileSize: int

Wrong types and unknown keys are reported as warnings (logged once by the server)
and the default is kept: settings never make the server fail.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pygloss.engine.config import Config, parse_config
from pygloss.engine.render import VERBOSITIES

_LINT_KEYS = {
    "select": "select",
    "ignore": "ignore",
    "extendSelect": "extend-select",
    "extend_select": "extend-select",
    "severity": "severity",
    "perFileIgnores": "per-file-ignores",
    "per_file_ignores": "per-file-ignores",
    "notes": "notes",
    "exclude": "exclude",
    "maxFileSize": "max-file-size",
    "max_file_size": "max-file-size",
}
_OTHER_KEYS = {
    "hover",
    "diagnostics",
    "trace",
    "interpreter",
    "importStrategy",
    "codeLens",
    "inlayHints",
}


@dataclass(frozen=True)
class Settings:
    lint: Mapping[str, Any] = field(default_factory=dict)
    verbosity: str = "normal"
    mute: frozenset[str] = frozenset()
    diagnostics_enabled: bool = True
    debounce_ms: int = 300

    def apply_to(self, config: Config) -> tuple[Config, list[str]]:
        """*config* (from pyproject) with these settings on top (settings win)."""
        return parse_config(self.lint, config, where="settings")


def parse_settings(raw: Any) -> tuple[Settings, list[str]]:
    """Build :class:`Settings` from client JSON; return it and warnings."""
    warnings: list[str] = []
    if raw is None:
        return Settings(), warnings
    if isinstance(raw, Mapping) and isinstance(raw.get("pygloss"), Mapping):
        raw = raw["pygloss"]
    if not isinstance(raw, Mapping):
        return Settings(), [f"settings: expected an object, got {type(raw).__name__}; ignored"]
    lint: dict[str, Any] = {}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key in _LINT_KEYS:
            lint[_LINT_KEYS[key]] = value
        elif key == "hover":
            _hover(value, values, warnings)
        elif key == "diagnostics":
            _diagnostics(value, values, warnings)
        elif key not in _OTHER_KEYS:
            warnings.append(f"settings: unknown key {key!r}; ignored")
    # validate the lint part now so the warnings are reported once
    _, lint_warnings = parse_config(lint, Config(), where="settings")
    warnings.extend(lint_warnings)
    return Settings(lint=lint, **values), warnings


def _hover(value: Any, values: dict[str, Any], warnings: list[str]) -> None:
    if not isinstance(value, Mapping):
        warnings.append("settings: hover must be an object; ignored")
        return
    verbosity = value.get("verbosity")
    if verbosity is not None:
        if verbosity in VERBOSITIES:
            values["verbosity"] = verbosity
        else:
            warnings.append(f"settings: hover.verbosity {verbosity!r} not in {VERBOSITIES}")
    mute = value.get("mute")
    if mute is not None:
        if isinstance(mute, list) and all(isinstance(m, str) for m in mute):
            values["mute"] = frozenset(mute)
        else:
            warnings.append("settings: hover.mute must be a list of topic ids; ignored")


def _diagnostics(value: Any, values: dict[str, Any], warnings: list[str]) -> None:
    if not isinstance(value, Mapping):
        warnings.append("settings: diagnostics must be an object; ignored")
        return
    enable = value.get("enable")
    if enable is not None:
        if isinstance(enable, bool):
            values["diagnostics_enabled"] = enable
        else:
            warnings.append("settings: diagnostics.enable must be true or false; ignored")
    debounce = value.get("debounceMs", value.get("debounce_ms"))
    if debounce is not None:
        if isinstance(debounce, int) and not isinstance(debounce, bool) and 0 <= debounce <= 10_000:
            values["debounce_ms"] = debounce
        else:
            warnings.append("settings: diagnostics.debounceMs must be 0..10000; ignored")
