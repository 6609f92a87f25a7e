"""Other linters' codes for the pitfalls pygloss rules report: ``# noqa: B006`` on a
line silences PG101 there too.

pygloss runs beside Ruff and flake8 plugins.  A line that a ``# noqa`` already marks
as deliberate for one of them must not light up again under another code, so each
pygloss rule lists the codes of the other tools' rules that catch the same pitfall on
the same line.  A pair belongs here only when both rules report the same mistake:
Ruff's B024 (an ABC without abstract methods) is the reverse of PG109, not the same,
and Ruff's B031 (a groupby group read twice) is another groupby mistake than PG107.
``tests/unit/test_neighbours.py`` runs Ruff on the rule's own examples and checks that
it reports each listed code on a line the pygloss rule reports; the table in
``docs/rule-list.md`` is generated from this one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Neighbour:
    code: str
    name: str  # the rule's name in Ruff
    origin: str  # the tool the code comes from (Ruff implements them all)


_B, _F, _E, _C = "flake8-bugbear", "Pyflakes", "pycodestyle", "flake8-comprehensions"
_RUF, _PL, _PGH, _UP, _ASYNC = "Ruff", "Pylint", "pygrep-hooks", "pyupgrade", "flake8-async"

NEIGHBOURS: dict[str, tuple[Neighbour, ...]] = {
    "PG101": (Neighbour("B006", "mutable-argument-default", _B),),
    "PG102": (Neighbour("F632", "is-literal", _F),),
    "PG103": (Neighbour("E711", "none-comparison", _E),),
    "PG111": (Neighbour("RUF008", "mutable-dataclass-default", _RUF),),
    "PG112": (Neighbour("RUF012", "mutable-class-default", _RUF),),
    "PG114": (Neighbour("PLC0132", "type-param-name-mismatch", _PL),),
    "PG115": (Neighbour("RUF069", "float-equality-comparison", _RUF),),
    "PG116": (Neighbour("C408", "unnecessary-collection-call", _C),),
    "PG204": (Neighbour("PGH005", "invalid-mock-access", _PGH),),
    "PG205": (Neighbour("UP026", "deprecated-mock-import", _UP),),
    "PG302": (
        Neighbour("ASYNC210", "blocking-http-call-in-async-function", _ASYNC),
        Neighbour("ASYNC221", "run-process-in-async-function", _ASYNC),
        Neighbour("ASYNC251", "blocking-sleep-in-async-function", _ASYNC),
    ),
    "PG303": (Neighbour("RUF006", "asyncio-dangling-task", _RUF),),
}

SILENCES: dict[str, frozenset[str]] = {}
"""Another tool's code → the pygloss codes a ``# noqa`` naming it silences."""
for _code, _neighbours in NEIGHBOURS.items():
    for _neighbour in _neighbours:
        SILENCES[_neighbour.code] = SILENCES.get(_neighbour.code, frozenset()) | {_code}


def neighbour(code: str) -> tuple[Neighbour, frozenset[str]] | None:
    """The other tool's rule named *code* and the pygloss codes it silences, or None."""
    silenced = SILENCES.get(code.upper())
    if silenced is None:
        return None
    found = next(n for c in sorted(silenced) for n in NEIGHBOURS[c] if n.code == code.upper())
    return found, silenced
