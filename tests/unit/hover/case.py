"""One table-driven hover case: a source, where the cursor is, and what must be said.

The cursor is put on the *nth* occurrence of *needle* in *source*, plus *delta*
characters.  *topics* lists the expected topic ids, the shown one first (the others
must be among the "See also" topics); ``None`` means the hover must be ``null``.
*phrases* must all appear in the computed context.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class Case:
    id: str
    source: str
    needle: str
    topics: tuple[str, ...] | None
    phrases: tuple[str, ...] = ()
    nth: int = 0
    delta: int = 0

    @property
    def offset(self) -> int:
        index = -1
        for _ in range(self.nth + 1):
            index = self.source.index(self.needle, index + 1)
        return index + self.delta

    def param(self, prefix: str) -> object:
        return pytest.param(self, id=f"{prefix}-{self.id}")


def case(
    id: str,
    source: str,
    needle: str,
    topics: str | tuple[str, ...] | None,
    *phrases: str,
    nth: int = 0,
    delta: int = 0,
) -> Case:
    expected = (topics,) if isinstance(topics, str) else topics
    return Case(id, source, needle, expected, tuple(phrases), nth, delta)
