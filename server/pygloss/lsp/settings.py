"""Editor settings: a typed object with defaults, built from untrusted JSON.

Accepted shapes (from ``initializationOptions``, ``workspace/didChangeConfiguration``
or ``workspace/configuration``): ``{"pygloss": {...}}`` or the inner object itself.
Keys (camelCase or snake_case)::

    notes: [str]                 select / ignore / extendSelect: [code]
    severity: {code: level}      perFileIgnores: {glob: [code]}
    hover: {verbosity: "brief"|"normal"|"full", mute: [topic id]}
    diagnostics: {enable: bool, debounceMs: int}  (no debounceMs: adaptive, see
                                                   lsp/features/diagnostics.py)
    inlayHints: bool | {enable: bool, patchTargets: bool, mutableDefaults: bool,
                        unawaitedCoroutines: bool}    (off by default; each kind on
                                                       once enabled)
    codeLens: bool | {enable: bool}                   (off by default)
    pages: {url: str}            the published knowledge pages ("Learn more", code links)
    maxFileSize: int
    workspaceTrusted: bool       (initializationOptions only; see workspace_trusted)

Wrong types and unknown keys are reported as warnings (logged once by the server)
and the default is kept: settings never make the server fail.  Several layers
(``initializationOptions``, the client's global settings, a workspace folder's
settings) are combined with :func:`merge_raw` before parsing: later layers win
key by key.  To add a section, write a ``_section(value, values, warnings)``
parser and list it in ``_SECTIONS``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from pygloss.engine.config import Config, parse_config
from pygloss.engine.render import VERBOSITIES

TRUST_KEY = "workspaceTrusted"
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
# keys the VS Code client reads itself, and the trust flag (read from
# initializationOptions only: lsp/features/lifecycle.py); accepted and ignored here
_CLIENT_KEYS = {"trace", "interpreter", "importStrategy", "path", "serverArgs", TRUST_KEY}
# inlay hint kinds: setting key -> kind name used by the engine
INLAY_HINT_KINDS = {
    "patchTargets": "patch-target",
    "mutableDefaults": "mutable-default",
    "unawaitedCoroutines": "unawaited-coroutine",
}


@dataclass(frozen=True)
class Settings:
    lint: Mapping[str, Any] = field(default_factory=dict)
    verbosity: str = "normal"
    mute: frozenset[str] = frozenset()
    diagnostics_enabled: bool = True
    debounce_ms: int | None = None  # None: adaptive (lsp/features/diagnostics.py)
    inlay_hints: frozenset[str] = frozenset()  # enabled kinds; empty: no hints
    code_lens: bool = False
    pages_url: str = ""  # published site of the knowledge pages, ending in "/"; "": local

    def with_mute(self, topics: frozenset[str]) -> Settings:
        """These settings with *topics* muted too (``pygloss.muteTopic``)."""
        return replace(self, mute=self.mute | topics) if topics - self.mute else self

    def apply_to(self, config: Config) -> tuple[Config, list[str]]:
        """*config* (from pyproject) with these settings on top (settings win)."""
        return parse_config(self.lint, config, where="settings")


def workspace_trusted(initialization_options: Any) -> bool:
    """Whether the editor trusts the workspace: ``workspaceTrusted`` at the top of
    ``initializationOptions`` or in its ``pygloss`` object; trusted unless it is
    ``false`` (editors without a notion of trust send nothing)."""
    for layer in (initialization_options, unwrap(initialization_options)):
        if isinstance(layer, Mapping) and layer.get(TRUST_KEY) is False:
            return False
    return True


def unwrap(raw: Any) -> Any:
    """The pygloss object of *raw*: ``{"pygloss": {...}}`` -> ``{...}``."""
    if isinstance(raw, Mapping) and isinstance(raw.get("pygloss"), Mapping):
        return raw["pygloss"]
    return raw


def merge_raw(*layers: Any) -> Any:
    """Deep-merge setting layers (later wins key by key); ``None`` layers are skipped.

    A layer that is not an object replaces what came before, so that
    :func:`parse_settings` can report it.
    """
    merged: Any = None
    for layer in layers:
        layer = unwrap(layer)
        if layer is None:
            continue
        if isinstance(merged, Mapping) and isinstance(layer, Mapping):
            out = dict(merged)
            for key, value in layer.items():
                out[key] = merge_raw(out.get(key), value) if key in out else value
            merged = out
        else:
            merged = layer
    return merged


def parse_settings(raw: Any) -> tuple[Settings, list[str]]:
    """Build :class:`Settings` from client JSON; return it and warnings."""
    warnings: list[str] = []
    if raw is None:
        return Settings(), warnings
    raw = unwrap(raw)
    if not isinstance(raw, Mapping):
        return Settings(), [f"settings: expected an object, got {type(raw).__name__}; ignored"]
    lint: dict[str, Any] = {}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key in _LINT_KEYS:
            lint[_LINT_KEYS[key]] = value
        elif key in _SECTIONS:
            _SECTIONS[key](value, values, warnings)
        elif key not in _CLIENT_KEYS:
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


def _enable(value: Any, key: str, warnings: list[str]) -> bool | None:
    """``true`` / ``false`` / ``{"enable": bool, ...}`` (an object without ``enable``
    counts as enabled); None (with a warning) otherwise."""
    if isinstance(value, Mapping):
        value = value.get("enable", True)
    if isinstance(value, bool):
        return value
    warnings.append(f"settings: {key} must be true, false or {{enable: bool}}; ignored")
    return None


def _inlay_hints(value: Any, values: dict[str, Any], warnings: list[str]) -> None:
    enabled = _enable(value, "inlayHints", warnings)
    if not enabled:
        return
    kinds = set(INLAY_HINT_KINDS.values())
    if isinstance(value, Mapping):
        for key, flag in value.items():
            if key == "enable":
                continue
            if key not in INLAY_HINT_KINDS:
                warnings.append(f"settings: unknown key inlayHints.{key}; ignored")
            elif not isinstance(flag, bool):
                warnings.append(f"settings: inlayHints.{key} must be true or false; ignored")
            elif not flag:
                kinds.discard(INLAY_HINT_KINDS[key])
    values["inlay_hints"] = frozenset(kinds)


def _code_lens(value: Any, values: dict[str, Any], warnings: list[str]) -> None:
    enabled = _enable(value, "codeLens", warnings)
    if enabled is not None:
        values["code_lens"] = enabled


def _pages(value: Any, values: dict[str, Any], warnings: list[str]) -> None:
    url = value.get("url") if isinstance(value, Mapping) else None
    if not isinstance(value, Mapping) or not isinstance(url, str):
        warnings.append("settings: pages must be {url: string}; ignored")
    elif url and not url.startswith(("https://", "http://", "file:///")):
        warnings.append(f"settings: pages.url {url!r} is not an http(s) or file URL; ignored")
    else:
        values["pages_url"] = url if not url or url.endswith("/") else url + "/"


Section = Callable[[Any, dict[str, Any], list[str]], None]
_SECTIONS: dict[str, Section] = {
    "hover": _hover,
    "diagnostics": _diagnostics,
    "inlayHints": _inlay_hints,
    "codeLens": _code_lens,
    "pages": _pages,
}
