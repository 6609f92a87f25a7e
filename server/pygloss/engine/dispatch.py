"""Rule dispatch, shared by :func:`~pygloss.engine.lint.lint` and the incremental
lint (:mod:`pygloss.engine.incremental`): which rules check which node, the walk
that collects those nodes (:func:`collect`; parent links are found on demand), and,
for the incremental lint, the walk of one top-level statement (filling its parent
links) and running the rules over the nodes kept per
statement (a rule that raises stops that run: the caller then lets
:func:`~pygloss.engine.lint.lint` handle and report it)."""

from __future__ import annotations

import ast
import time
from collections import defaultdict
from collections.abc import Container, Iterable
from dataclasses import dataclass, field

from pygloss.rules._walk import CHILD_FIELDS, child_fields
from pygloss.rules.base import Finding, Rule, RuleContext

_NONE: list[Rule] = []
KEYED = frozenset({ast.Call, ast.Compare})
"""The node types whose rules depend on more than the type (:meth:`Dispatch.rules_for`)."""


@dataclass
class Dispatch:
    """Which rules check a node: by its type; a call also by the name it calls, and a
    comparison by its operators (the lists for each name and operator are made once
    per document, on first use)."""

    by_type: dict[type[ast.AST], list[Rule]]
    by_call: dict[str, list[Rule]]
    """Rules whose ``calls`` name the call (the local aliases included)."""
    call_tests: list[Rule] = field(default_factory=list)
    """Rules that ask :meth:`Rule.wants_call` about each called name."""
    by_operator: dict[type[ast.cmpop], list[Rule]] = field(default_factory=dict)
    """Rules whose ``operators`` hold the comparison operator."""
    _for_call: dict[str | None, list[Rule]] = field(default_factory=dict)
    _for_operators: dict[tuple[type[ast.cmpop], ...], list[Rule]] = field(default_factory=dict)

    def rules_for(self, node: ast.AST) -> list[Rule]:
        cls = type(node)
        if cls is ast.Call:
            func = node.func  # type: ignore[attr-defined]
            called = func.id if type(func) is ast.Name else getattr(func, "attr", None)
            found = self._for_call.get(called)
            if found is None:
                found = self._for_call[called] = self._call_rules(called)
            return found
        if cls is ast.Compare:
            key = tuple(map(type, node.ops))  # type: ignore[attr-defined]
            found = self._for_operators.get(key)
            if found is None:
                found = self._for_operators[key] = self._operator_rules(key)
            return found
        return self.by_type.get(cls, _NONE)

    def _call_rules(self, called: str | None) -> list[Rule]:
        found = list(self.by_type.get(ast.Call, _NONE))
        if called is not None:
            found += self.by_call.get(called, _NONE)
            found += [rule for rule in self.call_tests if rule.wants_call(called)]
        return found

    def _operator_rules(self, operators: tuple[type[ast.cmpop], ...]) -> list[Rule]:
        found = list(self.by_type.get(ast.Compare, _NONE))
        for operator in operators:
            found += [r for r in self.by_operator.get(operator, _NONE) if r not in found]
        return found


def dispatch(rules: list[Rule], ctx: RuleContext, wanted: set[type[ast.AST]]) -> Dispatch:
    """The dispatch of *rules*; adds the node types they check to *wanted*."""
    by_type: dict[type[ast.AST], list[Rule]] = defaultdict(list)
    by_call: dict[str, list[Rule]] = defaultdict(list)
    call_tests: list[Rule] = []
    by_operator: dict[type[ast.cmpop], list[Rule]] = defaultdict(list)
    for rule in rules:
        for node_type in rule.nodes:
            wanted.add(node_type)
            if node_type is ast.Call and rule.calls:
                for local in ctx.aliases(rule.calls):
                    by_call[local].append(rule)
            elif node_type is ast.Call and type(rule).wants_call is not Rule.wants_call:
                call_tests.append(rule)
            elif node_type is ast.Compare and rule.operators:
                for operator in rule.operators:
                    by_operator[operator].append(rule)
            else:
                by_type[node_type].append(rule)
    return Dispatch(dict(by_type), dict(by_call), call_tests, dict(by_operator))


def walk(
    module: ast.Module,
    parents: dict[ast.AST, ast.AST],
    wanted: Container[type[ast.AST]],
    deadline: float | None = None,
) -> list[ast.AST] | None:
    """Fill *parents* for every node; return the nodes of the *wanted* types (None
    when *deadline* passes first).

    A hand-rolled walk over the fields that can hold nodes: several times faster
    than ``ast.walk`` plus ``ast.iter_child_nodes``, which matters on every
    keystroke in a large file.  Operator and context singletons are not visited.
    The order of the nodes returned is unspecified (findings are sorted later).
    """
    found: list[ast.AST] = []
    keep = found.append
    stack: list[ast.AST] = [module]
    push = stack.append
    pop = stack.pop
    node_type = ast.AST
    known = CHILD_FIELDS
    visited = 0
    while stack:
        node = pop()
        visited += 1
        if deadline is not None and not visited & 4095 and time.monotonic() > deadline:
            return None
        cls = type(node)
        if cls in wanted:
            keep(node)
        fields = known.get(cls)
        if fields is None:
            fields = child_fields(cls)
        for name in fields:
            value = getattr(node, name, None)
            if type(value) is list:
                for item in value:
                    if isinstance(item, node_type):
                        parents[item] = node
                        push(item)
            elif isinstance(value, node_type):
                parents[value] = node
                push(value)
    return found


def collect(
    module: ast.Module, wanted: Iterable[type[ast.AST]], deadline: float | None = None
) -> dict[type[ast.AST], list[ast.AST]] | None:
    """The nodes of each *wanted* type in *module* (None when *deadline* passes first),
    in no particular order; no parent links (a :class:`LazyParents` finds those asked).

    The tightest walk: one lookup per node says where it goes and which fields hold
    its children; each list field is pushed whole, and the strings and ``None`` some
    lists hold are popped and dropped (a type with no child fields); a field holding
    a leaf of a type no rule asked for is not pushed at all.  The clock is read after
    every :data:`_STRETCH` nodes (a smaller tree is walked whole), and the walk ends
    when popping finds the stack empty.
    """
    found: dict[type[ast.AST], list[ast.AST]] = {kind: [] for kind in wanted}
    table = _NOWHERE.copy()  # type -> (its bucket or None, its child fields)
    for kind, nodes in found.items():
        table[kind] = (nodes, child_fields(kind))
    skip = _LEAVES.difference(found)  # a lone name or constant: not worth a trip round
    stack: list[object] = [module]
    push = stack.append
    extend = stack.extend
    pop = stack.pop
    while True:
        try:
            for _ in _STRETCH:
                node = pop()  # IndexError: the walk is done
                try:
                    bucket, fields = table[type(node)]
                except KeyError:  # not a node type (a value some field holds)
                    bucket, fields = None, child_fields(type(node))
                if bucket is not None:
                    bucket.append(node)  # type: ignore[arg-type]
                for name in fields:
                    value = getattr(node, name, None)
                    if type(value) is list:
                        extend(value)
                    elif value is not None and type(value) not in skip:
                        push(value)
        except IndexError:
            return found
        if deadline is not None and time.monotonic() > deadline:
            return None


def _node_types(base: type[ast.AST]) -> set[type[ast.AST]]:
    found = set()
    for kind in base.__subclasses__():
        found |= {kind, *_node_types(kind)}
    return found


_LEAVES = frozenset(
    t for t in _node_types(ast.AST) if t.__module__ == "ast" and not child_fields(t)
)
"""Node types without child nodes (``Name``, ``Constant``, ``Pass``...)."""
_NOWHERE: dict[type, tuple[list[ast.AST] | None, tuple[str, ...]]] = {
    kind: (None, child_fields(kind)) for kind in (*_node_types(ast.AST), str, type(None))
}
"""Each node type, and the strings and ``None`` lists hold, kept in no bucket."""
_STRETCH = range(4096)
"""Nodes walked between two looks at the clock."""


def walk_statement(
    statement: ast.stmt, module: ast.Module, wanted: set[type[ast.AST]]
) -> tuple[dict[ast.AST, ast.AST], list[ast.AST]]:
    parents: dict[ast.AST, ast.AST] = {}
    """The parent links of *statement*'s nodes (itself a child of *module*) and its
    nodes of the *wanted* types."""
    holder = ast.Module(body=[statement], type_ignores=[])
    nodes = walk(holder, parents, wanted)
    assert nodes is not None
    parents[statement] = module
    return parents, nodes


class RuleFailed(Exception):
    """A rule raised: the caller falls back to :func:`lint`, which reports it."""


class Late(Exception):
    """The deadline passed."""


def run(
    rules_for: Dispatch,
    nodes: list[ast.AST],
    ctx: RuleContext,
    found: list[Finding],
    deadline: float | None = None,
) -> list[Finding]:
    """Check *nodes*, appending to *found* (also returned)."""
    return run_pairs(pairs(rules_for, nodes), ctx, found, deadline)


def pairs(rules_for: Dispatch, nodes: list[ast.AST]) -> list[tuple[ast.AST, list[Rule]]]:
    """The nodes some rule of *rules_for* checks, with those rules."""
    pairs = []
    for node in nodes:
        rules = rules_for.rules_for(node)
        if rules:
            pairs.append((node, rules))
    return pairs


def call_pairs(rules_for: Dispatch, calls: list[ast.Call]) -> list[tuple[ast.AST, list[Rule]]]:
    """:func:`pairs` for calls only: the same answers as :meth:`Dispatch.rules_for`,
    with its lookup inlined (a module has many calls, and most are checked by no rule)."""
    pairs: list[tuple[ast.AST, list[Rule]]] = []
    keep = pairs.append
    if rules_for.call_tests or ast.Call in rules_for.by_type:
        known, make = rules_for._for_call, rules_for._call_rules
    else:  # only rules for the names they list: nothing to work out per name
        known, make = rules_for.by_call, None  # type: ignore[assignment]
    name, attribute = ast.Name, ast.Attribute
    for node in calls:
        func = node.func
        kind = type(func)
        called = func.id if kind is name else func.attr if kind is attribute else None  # type: ignore[attr-defined]
        rules = known.get(called)
        if rules is None:
            if make is None:
                continue
            rules = known[called] = make(called)
        if rules:
            keep((node, rules))
    return pairs


def run_pairs(
    pairs: list[tuple[ast.AST, list[Rule]]],
    ctx: RuleContext,
    found: list[Finding],
    deadline: float | None = None,
) -> list[Finding]:
    """Check each node with its rules, appending to *found* (also returned)."""
    for count, (node, rules) in enumerate(pairs):
        if deadline is not None and not count % 32 and time.monotonic() > deadline:
            raise Late
        for rule in rules:
            try:
                found.extend(rule.check(node, ctx))
            except Exception as exc:  # lint() reports it; so does the full path
                raise RuleFailed(rule.code) from exc
    return found
