"""The rule registry: every rule class, by code.

Adding a rule: write one module in this package (``rules/<bad_pattern>.py``) with one
:class:`~pygloss.rules.base.Rule` subclass.  Modules are discovered automatically
(names starting with ``_``, ``base`` and ``neighbours`` are skipped); the rule's
``VALID``/``INVALID`` examples are then picked up by the tests.
"""

from __future__ import annotations

import importlib
import pkgutil

from pygloss.rules.base import Rule

_SKIP = {"base", "neighbours"}


def _discover() -> tuple[type[Rule], ...]:
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


_RULES: tuple[type[Rule], ...] = _discover()

REGISTRY: dict[str, type[Rule]] = {rule.code: rule for rule in _RULES}


def all_rules() -> list[type[Rule]]:
    """Every rule class, sorted by code."""
    return list(_RULES)


def get_rule(code: str) -> type[Rule] | None:
    return REGISTRY.get(code.upper())
