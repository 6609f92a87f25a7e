"""Incremental lint for the editor: after an edit, re-check only what it touched.

The language server lints the same document after every keystroke.  A full
:func:`~pygloss.engine.lint.lint` parses and walks the whole file; on an 8,000-line
file that alone exceeds the latency budget.  :func:`lint_edit` keeps, per document,
a :class:`LintState` of the previous version: its :class:`Source`, and for each
top-level statement its tree, its parent links, its nodes of interest and the raw
findings of the *statement-local* rules (:attr:`Rule.statement_local`).

For a new version the common prefix and suffix of the two texts give the changed
region.  The cheap path is taken only when all of this holds (otherwise the full
path runs, which is :func:`lint` computed statement by statement):

* the previous version parsed without errors, the texts have no BOM, and the
  edit adds or removes no line break (so every other statement keeps its line
  numbers, its columns and thus its very ``ast`` nodes);
* the changed region lies inside the *body* of one top-level ``def``/``class``
  (after the start of its first body statement, up to the end of the statement), so
  the module's *context* -- every other top-level statement and every def/class
  header line, decorators and bases included -- is unchanged;
* the whole lines of that statement, parsed alone at their real line numbers,
  give exactly one statement of the same kind and name;
* the enabled rules, the configuration, the path and whether the text has ``:=``
  are the same as before, and no rule failed on either version.

Then the parse is spliced (previous statements, the re-parsed one in place) and
injected into the new :class:`Source`, the statement-local rules run only on the
re-parsed statement (the other statements' findings are reused, their offsets
shifted by the length difference for statements after the edit), and the other
rules (the safe default: those whose findings may depend on other statements'
bodies, such as PG113 overloads or PG401 routes) run on the whole spliced module,
using the nodes collected per statement instead of a new walk.  Severity,
suppression comments and sorting are applied to the merged findings as in
:func:`lint`.  ``tests/unit/test_incremental.py`` checks after random edits of real
files that the result equals a full lint.
"""

from __future__ import annotations

import ast
import time
from collections import defaultdict
from dataclasses import dataclass, field, replace

from pygloss.engine.config import Config
from pygloss.engine.lint import (
    LintResult,
    _walk,
    _with_severity,
    enabled_rules,
    lint,
    sort_key,
    suppress,
)
from pygloss.engine.splice import splice
from pygloss.rules.base import Finding, Related, Rule, RuleContext
from pygloss.syntax.source import Source


@dataclass
class Unit:
    """One top-level statement of one version, with what linting it produced."""

    statement: ast.stmt
    checked: int  # how many of its nodes some rule checks
    local: list[Finding]  # raw findings of the statement-local rules
    module_wide: list[tuple[ast.AST, list[Rule]]]  # its nodes the other rules check


@dataclass
class LintState:
    """What :func:`lint_edit` keeps of a version to check the next one quickly."""

    source: Source
    key: tuple[object, ...]
    units: list[Unit]
    parents: dict[int, ast.AST]
    rules: list[Rule]
    result: LintResult
    stats: dict[str, int] = field(default_factory=dict)


def lint_edit(
    source: Source,
    previous: LintState | None,
    config: Config | None = None,
    path: str | None = None,
    deadline: float | None = None,
) -> tuple[LintResult, LintState | None]:
    """The same result as ``lint(source, config, path, deadline=deadline)``, computed
    from *previous* (the state of an earlier version of the same document) when the
    edit allows it; also the state to pass for the next version (None: none kept)."""
    config = config or Config()
    path = path if path is not None else source.path
    active = [
        r
        for r in enabled_rules(config, path)
        if not r.requires or any(word in source.text for word in r.requires)
    ]
    if path is not None and path.endswith(".pyi"):
        active = [r for r in active if r.stubs]
    if not active:
        return lint(source, config, path, rules=active, deadline=deadline), None
    key = (config, path, tuple(r.code for r in active), ":=" in source.text)
    if previous is not None and previous.key == key and previous.source.text == source.text:
        if "parse" not in source.__dict__:  # an undo back to the version checked last
            source.__dict__["parse"] = previous.source.parse
        return previous.result, previous
    fast = previous is not None and previous.key == key
    spliced = splice(previous.source, source) if fast and previous is not None else None
    if spliced is not None:
        index, statement = spliced
        assert previous is not None
        active = previous.rules  # the same rules (the key says so), already dispatched
        result, state = _lint_spliced(source, previous, index, statement, active, config, path)
        if result is not None:
            return result, state
    result, state = _lint_full(source, active, key, config, path, deadline)
    # a version that does not parse keeps the last one that did as the base to diff
    return result, state if state is not None or previous is None else previous


# -- linting --------------------------------------------------------------------------
@dataclass
class _Dispatch:
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


def _dispatch(rules: list[Rule], ctx: RuleContext, wanted: set[type[ast.AST]]) -> _Dispatch:
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
    return _Dispatch(dict(by_type), dict(by_call))


def _walk_statement(
    statement: ast.stmt, module: ast.Module, wanted: set[type[ast.AST]]
) -> tuple[dict[int, ast.AST], list[ast.AST]]:
    parents: dict[int, ast.AST] = {}
    holder = ast.Module(body=[statement], type_ignores=[])
    nodes = _walk(holder, parents, dict.fromkeys(wanted))
    assert nodes is not None
    parents[id(statement)] = module
    return parents, nodes


class _RuleFailed(Exception):
    pass


class _Late(Exception):
    pass


def _run(
    rules_for: _Dispatch,
    nodes: list[ast.AST],
    ctx: RuleContext,
    found: list[Finding],
    deadline: float | None = None,
) -> list[Finding]:
    """Check *nodes*, appending to *found* (also returned)."""
    return _run_pairs(_pairs(rules_for, nodes), ctx, found, deadline)


def _pairs(rules_for: _Dispatch, nodes: list[ast.AST]) -> list[tuple[ast.AST, list[Rule]]]:
    """The nodes some rule of *rules_for* checks, with those rules."""
    pairs = []
    for node in nodes:
        rules = rules_for.rules_for(node)
        if rules:
            pairs.append((node, rules))
    return pairs


def _run_pairs(
    pairs: list[tuple[ast.AST, list[Rule]]],
    ctx: RuleContext,
    found: list[Finding],
    deadline: float | None = None,
) -> list[Finding]:
    for count, (node, rules) in enumerate(pairs):
        if deadline is not None and not count % 32 and time.monotonic() > deadline:
            raise _Late
        for rule in rules:
            try:
                found.extend(rule.check(node, ctx))
            except Exception as exc:  # lint() reports it; so does the full path
                raise _RuleFailed(rule.code) from exc
    return found


def _finish(source: Source, findings: list[Finding], config: Config) -> list[Finding]:
    kept = [_with_severity(f, config) for f in findings]
    return sorted(suppress(source, kept), key=sort_key)


def _lint_full(
    source: Source,
    active: list[Rule],
    key: tuple[object, ...],
    config: Config,
    path: str | None,
    deadline: float | None,
) -> tuple[LintResult, LintState | None]:
    """:func:`lint`, statement by statement, keeping what the next edit can reuse."""
    ctx = RuleContext(source, path)
    wanted: set[type[ast.AST]] = set()
    local = _dispatch([r for r in active if r.statement_local], ctx, wanted)
    module_wide = _dispatch([r for r in active if not r.statement_local], ctx, wanted)
    statements = list(source.statements)
    module = ast.Module(body=statements, type_ignores=[])
    parents: dict[int, ast.AST] = {}
    ctx.set_parents(parents)
    units: list[Unit] = []
    every: list[list[ast.AST]] = []  # the checked nodes of each statement
    for statement in statements:
        if deadline is not None and time.monotonic() > deadline:
            return lint(source, config, path, rules=active, deadline=deadline), None
        own, nodes = _walk_statement(statement, module, wanted - {ast.Module})
        parents.update(own)
        units.append(Unit(statement, len(nodes), [], _pairs(module_wide, nodes)))
        every.append(nodes)
    findings: list[Finding] = []
    total = sum(unit.checked for unit in units)
    try:
        for unit, nodes in zip(units, every, strict=True):
            unit.local = _run(local, nodes, ctx, [], deadline)
            findings.extend(unit.local)
        _run(module_wide, [module], ctx, findings, deadline)
        for unit in units:
            _run_pairs(unit.module_wide, ctx, findings, deadline)
    except _RuleFailed:  # lint() skips the broken rule and says so: let it
        return lint(source, config, path, rules=active, deadline=deadline), None
    except _Late:  # the findings so far, as lint() does when its deadline passes
        late = LintResult(
            findings=_finish(source, findings, config),
            syntax_errors=source.parse.errors,
            context=ctx,
            truncated=True,
            total=total,
        )
        return late, None
    result = LintResult(
        findings=_finish(source, findings, config),
        syntax_errors=source.parse.errors,
        context=ctx,
        checked=total,
        total=total,
    )
    state = LintState(source, key, units, parents, active, result, {"reparsed": len(units)})
    return result, (state if source.parse.complete else None)


def _lint_spliced(
    source: Source,
    previous: LintState,
    index: int,
    statement: ast.stmt,
    active: list[Rule],
    config: Config,
    path: str | None,
) -> tuple[LintResult | None, LintState | None]:
    ctx = RuleContext(source, path)
    wanted: set[type[ast.AST]] = set()
    local = _dispatch([r for r in active if r.statement_local], ctx, wanted)
    module_wide = _dispatch([r for r in active if not r.statement_local], ctx, wanted)
    statements = list(source.statements)
    module = ast.Module(body=statements, type_ignores=[])
    old_unit = previous.units[index]
    parents = previous.parents.copy()
    old_nodes: dict[int, ast.AST] = {}  # the replaced statement's nodes: drop their links
    _walk(ast.Module(body=[old_unit.statement], type_ignores=[]), old_nodes, {})
    for node_id in old_nodes:
        del parents[node_id]
    own, nodes = _walk_statement(statement, module, wanted - {ast.Module})
    parents.update(own)
    for kept in statements:
        parents[id(kept)] = module
    ctx.set_parents(parents)
    delta = len(source.text) - len(previous.source.text)
    units: list[Unit] = []
    for position, unit in enumerate(previous.units):
        if position < index:
            units.append(unit)
        elif position > index:
            units.append(replace(unit, local=[_shifted(f, delta) for f in unit.local]))
        else:
            units.append(Unit(statement, len(nodes), [], _pairs(module_wide, nodes)))
    findings: list[Finding] = []
    try:
        units[index].local = _run(local, nodes, ctx, [])
        _run(module_wide, [module], ctx, findings)
        for unit in units:
            findings.extend(unit.local)
            _run_pairs(unit.module_wide, ctx, findings)
    except _RuleFailed:
        return None, None
    total = sum(unit.checked for unit in units)
    result = LintResult(
        findings=_finish(source, findings, config),
        syntax_errors=(),
        context=ctx,
        checked=total,
        total=total,
    )
    state = LintState(source, previous.key, units, parents, active, result, {"reparsed": 1})
    return result, state


def _shifted(finding: Finding, delta: int) -> Finding:
    if not delta:
        return finding
    related = tuple(Related(r.start + delta, r.end + delta, r.message) for r in finding.related)
    return replace(finding, start=finding.start + delta, end=finding.end + delta, related=related)
