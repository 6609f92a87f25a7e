"""The rule registry: every rule class, by code.

Adding a rule: write one module in this package with one :class:`Rule` subclass and
add it to ``_RULES`` below; its ``VALID``/``INVALID`` examples are picked up by the
tests automatically.
"""

from __future__ import annotations

from pygloss.rules.base import Rule
from pygloss.rules.mutable_default import MutableDefault

_RULES: tuple[type[Rule], ...] = (MutableDefault,)

REGISTRY: dict[str, type[Rule]] = {rule.code: rule for rule in _RULES}


def all_rules() -> list[type[Rule]]:
    return list(_RULES)


def get_rule(code: str) -> type[Rule] | None:
    return REGISTRY.get(code.upper())
