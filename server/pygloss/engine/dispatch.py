"""Rule dispatch for the incremental lint (:mod:`pygloss.engine.incremental`): which
rules check which node, the walk of one top-level statement, and running the rules
over the nodes kept per statement (a rule that raises stops the run: the caller then
lets :func:`~pygloss.engine.lint.lint` handle and report it)."""

from __future__ import annotations

import ast
import time
from collections import defaultdict
from dataclasses import dataclass

from pygloss.engine.lint import _walk
from pygloss.rules.base import Finding, Rule, RuleContext


@dataclass
class Dispatch:
    """Which rules check a node: by its type, and for calls by the called name."""

    by_type: dict[type[ast.AST], list[Rule]]
    by_call: dict[str, list[Rule]]

    def rules_for(self, node: ast.AST) -> list[Rule]:
        interested = self.by_type.get(type(node), [])
        if self.by_call and isinstance(node, ast.Call):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            named = self.by_call.get(called) if called else None
            if named:
                interested = interested + named
        return interested


def dispatch(rules: list[Rule], ctx: RuleContext, wanted: set[type[ast.AST]]) -> Dispatch:
    """The dispatch of *rules*; adds the node types they check to *wanted*."""
    by_type: dict[type[ast.AST], list[Rule]] = defaultdict(list)
    by_call: dict[str, list[Rule]] = defaultdict(list)
    for rule in rules:
        for node_type in rule.nodes:
            wanted.add(node_type)
            if node_type is ast.Call and rule.calls:
                for local in ctx.aliases(rule.calls):
                    by_call[local].append(rule)
            else:
                by_type[node_type].append(rule)
    return Dispatch(dict(by_type), dict(by_call))


def walk_statement(
    statement: ast.stmt, module: ast.Module, wanted: set[type[ast.AST]]
) -> tuple[dict[int, ast.AST], list[ast.AST]]:
    parents: dict[int, ast.AST] = {}
    """The parent links of *statement*'s nodes (itself a child of *module*) and its
    nodes of the *wanted* types."""
    holder = ast.Module(body=[statement], type_ignores=[])
    nodes = _walk(holder, parents, dict.fromkeys(wanted))
    assert nodes is not None
    parents[id(statement)] = module
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
