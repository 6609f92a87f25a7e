"""Parent links found on demand, by position.

Rules ask for the parent of few nodes (on the standard library: some 40,000 asks,
most of them about a statement, against 2.8 million nodes), so linking every node to
its parent while walking the tree is mostly wasted work.  :class:`LazyParents` answers
an ask by going down from the module, at each level into the last child block (a
statement, an ``except`` clause or a ``case``) that starts at or before the node,
linking the child blocks of each block it opens; when the node is not a block, it
then links the own expressions of the block it stopped in (a block's header comes
before its child blocks in the source).  A node it cannot place that way (no
position, or positions that do not nest) makes it link the whole tree: the answers
are always those of a full walk.
"""

from __future__ import annotations

import ast
import bisect
from typing import Protocol

from pygloss.rules._walk import child_fields, children

BLOCK_FIELDS = ("body", "handlers", "orelse", "finalbody", "cases")
"""The fields that hold blocks (statements, ``except`` clauses, ``case`` clauses), in
the order their blocks come in the source."""
_SINGLETONS = (ast.expr_context, ast.boolop, ast.operator, ast.unaryop, ast.cmpop)
_Where = tuple[int, int]


class ParentLinks(Protocol):
    """What answers "the parent of this node": a full map, or :class:`LazyParents`."""

    def get(self, node: ast.AST, /) -> ast.AST | None: ...


class LazyParents:
    """The parent of any node of *module*'s tree, worked out when asked (a mapping's
    ``get``).  The answers are those of a full walk: ``None`` for the module, for a
    node not in the tree and for operator and context singletons (never linked)."""

    def __init__(self, module: ast.Module) -> None:
        self._module = module
        self._links: dict[ast.AST, ast.AST] = {}
        self._opened: dict[ast.AST, tuple[list[_Where], list[ast.AST]]] = {}
        self._walked: set[ast.AST] = set()
        self._complete = False

    def get(self, node: ast.AST) -> ast.AST | None:
        found = self._links.get(node)
        if found is None and not self._complete and node is not self._module:
            if isinstance(node, _SINGLETONS):
                return None
            self._place(node)
            found = self._links.get(node)
        return found

    def _place(self, node: ast.AST) -> None:
        where = _position(node)
        if where is None:
            self._link_all()
            return
        links, opened = self._links, self._opened
        block: ast.AST = self._module
        while True:
            found = opened.get(block)
            starts, kids = found if found is not None else self._open(block)
            if node in links:  # a block, linked when its parent was opened
                return
            index = bisect.bisect_right(starts, where) - 1
            if index < 0:  # before every child block: in the block's own header
                break
            block = kids[index]
        if block not in self._walked:
            self._walked.add(block)
            self._link_own(block)
        if node not in links:  # the positions did not lead to it
            self._link_all()

    def _open(self, block: ast.AST) -> tuple[list[_Where], list[ast.AST]]:
        """Link *block*'s child blocks; where each starts, in source order (a block
        out of order is left out: what it holds is then found by the full walk)."""
        starts: list[_Where] = []
        kids: list[ast.AST] = []
        links = self._links
        for name in BLOCK_FIELDS:
            for kid in getattr(block, name, ()):
                links[kid] = block
                start = _start(kid)
                if start is not None and (not starts or start >= starts[-1]):
                    starts.append(start)
                    kids.append(kid)
        self._opened[block] = (starts, kids)
        return starts, kids

    def _link_own(self, block: ast.AST) -> None:
        """Link every node of *block* that is not inside one of its child blocks."""
        links = self._links
        stack: list[ast.AST] = []
        for name in child_fields(type(block)):
            if name in BLOCK_FIELDS:
                continue
            value = getattr(block, name, None)
            for item in value if isinstance(value, list) else (value,):
                if isinstance(item, ast.AST) and not isinstance(item, _SINGLETONS):
                    links[item] = block
                    stack.append(item)
        self._link_below(stack)

    def _link_all(self) -> None:
        self._link_below([self._module])
        self._complete = True

    def _link_below(self, stack: list[ast.AST]) -> None:
        """Link every node under the nodes of *stack* (which it empties)."""
        links = self._links
        while stack:
            node = stack.pop()
            for child in children(node):
                links[child] = node
                stack.append(child)


def _position(node: ast.AST) -> _Where | None:
    """Where *node* starts (for the few node types without a position, such as
    ``arguments``, ``withitem`` or ``case``, where their first located part starts)."""
    line = getattr(node, "lineno", None)
    if line is not None:
        return line, node.col_offset  # type: ignore[attr-defined]
    found = [where for child in children(node) if (where := _position(child)) is not None]
    return min(found) if found else None


def _start(block: ast.AST) -> _Where | None:
    """Where *block* starts, its decorators included."""
    line = getattr(block, "lineno", None)
    if line is None:
        return _position(block)  # a case clause: where its pattern starts
    start = line, block.col_offset  # type: ignore[attr-defined]
    for decorator in getattr(block, "decorator_list", ()):
        start = min(start, (decorator.lineno, decorator.col_offset))
    return start
