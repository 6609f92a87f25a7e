"""What a notes section's verdict on a key is: a :class:`Match` (with its tier and
evidence, ranked by :attr:`Match.rank`) or a :class:`Miss` (with the reason), and the
vocabulary the judges share (see :mod:`.match` for the tiers)."""

from __future__ import annotations

from dataclasses import dataclass

from pygloss.engine.notes.index import Key, Section
from pygloss.engine.notes.words import Terms, forms

COMMON_NAMES = frozenset(
    "builtins." + name
    for name in [
        "print",
        "len",
        "list",
        "dict",
        "set",
        "tuple",
        "str",
        "int",
        "float",
        "bool",
        "range",
        "enumerate",
        "zip",
        "isinstance",
        "type",
        "object",
        "open",
        "sorted",
        "min",
        "max",
        "sum",
        "map",
        "filter",
        "repr",
        "id",
        "iter",
        "next",
        "abs",
        "any",
        "all",
        "hash",
        "getattr",
        "setattr",
        "hasattr",
        "input",
        "round",
        "super",
        "format",
        "reversed",
        "Exception",
        "ValueError",
        "TypeError",
        "KeyError",
        "None",
        "True",
        "False",
        "self",
        "NotImplementedError",
        "RuntimeError",
    ]
)
# kinds nearly every example shows in passing; a heading or marker can still name them
COMMON_KINDS = frozenset({"import", "f-string", "dunder-method"})
COMMON_DUNDERS = frozenset({"__init__", "__name__", "__main__"})
# kinds a snippet never shows in passing: alone in a section's code, they are its subject
DELIBERATE_KINDS = frozenset(
    {
        "mutable-default",
        "walrus",
        "global",
        "nonlocal",
        "chained-comparison",
        "raise-from",
        "yield-from",
        "metaclass-keyword",
        "match",
        "type-params",
        "else-clause",
        "star-unpacking",
        "bool-op-default",
    }
)
EXPLICIT = frozenset({"heading", "marker"})
LIMIT = 2
TEXT = frozenset({"code", "inline"})


@dataclass(frozen=True)
class Match:
    """A section that matches, with the key, tier and evidence that make it match."""

    section: Section
    key: Key
    tier: int
    uses: int
    origins: tuple[tuple[str, int], ...]
    reason: str
    line: int  # the line that matched: the heading's, or the first use's
    loose: bool = False  # matched by package and last component only
    breadth: int = 1  # how many of the keys the section matches
    closeness: int = -1  # the innermost part of the name its heading names (-1: none)
    coverage: int = 0  # how many parts of the name its heading names
    exact: bool = False  # named as written (a dotted name, backticks, a marker)
    beyond: int = 0  # kinds its heading names that are not under the cursor
    framed: bool = False  # the headings above it (or the file's title) are about it too

    @property
    def rank(self) -> tuple[int, bool, int, bool, int, bool, bool, int, int, int, int, str, int]:
        s = self.section
        shown = any(origin in TEXT for origin, _ in self.origins)
        return (
            self.tier,
            self.loose,
            self.beyond,
            not self.exact,
            -self.closeness,
            not self.framed,
            not shown,
            -self.coverage,
            -self.breadth,
            -self.uses,
            s.length,
            s.path,
            s.line,
        )

    def why(self) -> str:
        """``name asyncio.gather: named by its heading (heading, code ×3)``."""
        kind, value = self.key
        parts = [origin if n == 1 else f"{origin} ×{n}" for origin, n in self.origins]
        evidence = f" ({', '.join(parts)})" if parts else ""
        return f"{kind} {value}: {self.reason}{evidence}"


@dataclass(frozen=True)
class Miss:
    """A section that mentions a key but is not about it, and why."""

    section: Section
    key: Key
    reason: str

    def why(self) -> str:
        return f"{self.key[0]} {self.key[1]}: {self.reason}"


_ORDER = ("heading", "marker", "code", "inline")
HEADING_TIERS = frozenset({0, 2, 5})


def matched(
    section: Section,
    key: Key,
    tier: int,
    reason: str,
    origins: dict[str, int],
    loose: bool = False,
    found: Key | None = None,
) -> Match:
    ordered = tuple((o, origins[o]) for o in _ORDER if origins.get(o))
    first = section.first.get(found or key)
    line = section.line if tier in HEADING_TIERS or first is None else first
    return Match(section, key, tier, sum(origins.values()), ordered, reason, line, loose)


def name_parts(value: str) -> list[str]:
    parts = value.split(".")
    return parts[1:] if parts[0] == "builtins" and len(parts) > 1 else parts


def names_part(terms: Terms, part: str) -> bool | None:
    """Whether *terms* name *part* (or its CamelCase tail): strongly, weakly, not at all."""
    found: bool | None = None
    for index, form in enumerate(forms(part)):
        named = terms.names_word(form)
        if named is not None:
            found = found or (named and index == 0)  # a CamelCase tail is a weak match
    return found
