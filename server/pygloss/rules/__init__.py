"""The rule registry: every rule class, by code.

Adding a rule: write one module in this package (``rules/<bad_pattern>.py``) with one
:class:`~pygloss.rules.base.Rule` subclass.  Modules are discovered automatically
(names starting with ``_``, ``base`` and ``neighbours`` are skipped); the rule's
``VALID``/``INVALID`` examples are then picked up by the tests.
"""

from __future__ import annotations

import functools
import importlib
from typing import TYPE_CHECKING, Any

from pygloss.rules.base import Rule

if TYPE_CHECKING:
    REGISTRY: dict[str, type[Rule]]

_SKIP = {"base", "neighbours"}


@functools.cache
def _discover() -> tuple[type[Rule], ...]:
    """Every rule class, imported on first use (importing ``pygloss.rules.base`` for
    its types, as the language server does before its first lint, loads no rule)."""
    import pkgutil

    found: dict[str, type[Rule]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name in _SKIP:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Rule)
                and value is not Rule
                and value.__module__ == module.__name__
            ):
                if value.code in found:
                    raise RuntimeError(f"duplicate rule code {value.code}")
                found[value.code] = value
    return tuple(found[code] for code in sorted(found))


@functools.cache
def _registry() -> dict[str, type[Rule]]:
    return {rule.code: rule for rule in _discover()}


def __getattr__(name: str) -> Any:
    """``REGISTRY`` (code -> rule class), built on first use."""
    if name == "REGISTRY":
        return _registry()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def all_rules() -> list[type[Rule]]:
    """Every rule class, sorted by code."""
    return list(_discover())


def get_rule(code: str) -> type[Rule] | None:
    return _registry().get(code.upper())
