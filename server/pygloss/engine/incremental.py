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

* the previous version parsed without errors and the texts have no BOM;
* the changed region lies inside the *body* of one top-level ``def``/``class``
  (after the start of its first body statement, before the line where the next
  top-level statement starts), so the module's *context* -- every other top-level
  statement and every def/class header line, decorators and bases included -- is
  unchanged (:func:`~pygloss.engine.splice.edited_region`);
* the lines of that statement (up to the next one), parsed alone at their real line
  numbers, give exactly one statement of the same kind and name; or they do not
  parse, and :func:`~pygloss.engine.splice_broken.splice_broken` shows what the
  tolerant full parse would make of the new text (the rest as before, that
  statement recovered or left out, the same syntax error);
* the enabled rules, the configuration, the path and whether the text has ``:=``
  are the same as before, and no rule failed on either version.

An edit that adds or removes lines moves the statements after it: their trees are
renumbered in place (:func:`~pygloss.engine.splice.shift_lines`, about 40 ms for the
whole of an 8,000-line file, far less than parsing it) and the line offsets after
the edit shifted; the previous version's trees are thereby given up (its state is
not returned again).  A version with a syntax error is never the base the next
edit is diffed against: the last version that parsed stays the base (so a broken
version is only taken cheaply when it adds or removes no line, leaving the base's
trees as they are).

Then the parse is spliced (previous statements, the re-parsed one in place) and
injected into the new :class:`Source`, the statement-local rules run only on the
re-parsed statement (the other statements' findings are reused, their offsets
shifted by the length difference for statements after the edit; when recovery
left the broken statement out or changed its kind, the module's context changed
and the statement-local rules run again on every statement; their check of the
``Module`` node itself, which belongs to no statement, runs on every edit), and the other
rules (the safe default: those whose findings may depend on other statements'
bodies, such as PG104 generators or PG401 routes) run on the whole spliced module,
using the nodes collected per statement instead of a new walk.  Severity,
suppression comments and sorting are applied to the merged findings as in
:func:`lint`.  ``tests/unit/test_incremental.py`` checks after random edits of real
files that the result equals a full lint.
"""

from __future__ import annotations

import ast
import time
from dataclasses import dataclass, field, replace

from pygloss.engine.config import Config
from pygloss.engine.dispatch import (
    Dispatch,
    Late,
    RuleFailed,
    dispatch,
    pairs,
    run,
    run_pairs,
    walk,
    walk_statement,
)
from pygloss.engine.lint import (
    LintResult,
    _with_severity,
    applicable,
    enabled_rules,
    lint,
    sort_key,
    suppress,
)
from pygloss.engine.splice import Spliced, splice
from pygloss.rules.base import Finding, Related, Rule, RuleContext
from pygloss.syntax.source import Source


@dataclass
class Unit:
    """One top-level statement of one version, with what linting it produced."""

    statement: ast.stmt
    checked: int  # how many of its nodes some rule checks
    local: list[Finding]  # raw findings of the statement-local rules
    module_wide: list[tuple[ast.AST, list[Rule]]]  # its nodes the other rules check
    local_pairs: list[tuple[ast.AST, list[Rule]]]  # its nodes the statement-local rules check


@dataclass
class LintState:
    """What :func:`lint_edit` keeps of a version to check the next one quickly."""

    source: Source
    key: tuple[object, ...]
    units: list[Unit]
    parents: dict[ast.AST, ast.AST]
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
    active = applicable(enabled_rules(config, path), source, path)
    if not active:
        return lint(source, config, path, rules=active, deadline=deadline), None
    key = (config, path, tuple(r.code for r in active), ":=" in source.text)
    if previous is not None and previous.key == key and previous.source.text == source.text:
        if "parse" not in source.__dict__:  # an undo back to the version checked last
            source.__dict__["parse"] = previous.source.parse
        return previous.result, replace(previous, stats={"undo": 1})
    fast = previous is not None and previous.key == key
    spliced = splice(previous.source, source) if fast and previous is not None else None
    if spliced is not None:
        assert previous is not None
        active = previous.rules  # the same rules (the key says so), already dispatched
        result, state = _lint_spliced(source, previous, spliced, active, config, path)
        if result is not None:
            return result, state
    result, state = _lint_full(source, active, key, config, path, deadline)
    if spliced is not None and spliced.line_delta:
        return result, state  # the previous trees were renumbered: no going back to them
    if state is None and previous is not None:  # keep the last version that parsed
        state = replace(previous, stats={"full": 1})  # as the base to diff the next one
    return result, state


@dataclass
class _Checkers:
    """The rules of one version, dispatched: the statement-local ones and the others."""

    ctx: RuleContext
    local: Dispatch
    module_wide: Dispatch
    wanted: set[type[ast.AST]]  # the node types some rule checks (the module left out)
    module: ast.Module

    @classmethod
    def of(cls, source: Source, path: str | None, active: list[Rule]) -> _Checkers:
        ctx = RuleContext(source, path)
        wanted: set[type[ast.AST]] = set()
        local = dispatch([r for r in active if r.statement_local], ctx, wanted)
        module_wide = dispatch([r for r in active if not r.statement_local], ctx, wanted)
        module = ast.Module(body=list(source.statements), type_ignores=[])
        return cls(ctx, local, module_wide, wanted - {ast.Module}, module)

    def unit(self, statement: ast.stmt, parents: dict[ast.AST, ast.AST]) -> Unit:
        """*statement* walked (its parent links added to *parents*) and paired with the
        rules that check its nodes."""
        own, nodes = walk_statement(statement, self.module, self.wanted)
        parents.update(own)
        local, module_wide = pairs(self.local, nodes), pairs(self.module_wide, nodes)
        return Unit(statement, len(nodes), [], module_wide, local)


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
    checkers = _Checkers.of(source, path, active)
    ctx, module = checkers.ctx, checkers.module
    statements = module.body
    parents: dict[ast.AST, ast.AST] = {}
    ctx.set_parents(parents)
    units: list[Unit] = []
    for statement in statements:
        if deadline is not None and time.monotonic() > deadline:
            return lint(source, config, path, rules=active, deadline=deadline), None
        units.append(checkers.unit(statement, parents))
    findings: list[Finding] = []
    total = sum(unit.checked for unit in units)
    try:
        for unit in units:
            unit.local = run_pairs(unit.local_pairs, ctx, [], deadline)
            findings.extend(unit.local)
        run(checkers.module_wide, [module], ctx, findings, deadline)
        run(checkers.local, [module], ctx, findings, deadline)  # the module node: every time
        for unit in units:
            run_pairs(unit.module_wide, ctx, findings, deadline)
    except RuleFailed:  # lint() skips the broken rule and says so: let it
        return lint(source, config, path, rules=active, deadline=deadline), None
    except Late:  # the findings so far, as lint() does when its deadline passes
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
    spliced: Spliced,
    active: list[Rule],
    config: Config,
    path: str | None,
) -> tuple[LintResult | None, LintState | None]:
    checkers = _Checkers.of(source, path, active)
    ctx, module = checkers.ctx, checkers.module
    statements = module.body
    index = spliced.index
    parents = previous.parents.copy()
    old_nodes: dict[ast.AST, ast.AST] = {}  # the replaced statement's nodes: drop their links
    walk(ast.Module(body=[previous.units[index].statement], type_ignores=[]), old_nodes, ())
    for node in old_nodes:
        del parents[node]
    fresh: list[Unit] = []
    for statement in spliced.fresh:
        fresh.append(checkers.unit(statement, parents))
    for kept in statements:
        parents[kept] = module
    ctx.set_parents(parents)
    delta = len(source.text) - len(previous.source.text)
    units = previous.units[:index] + fresh
    units += [
        replace(u, local=[_shifted(f, delta) for f in u.local]) for u in previous.units[index + 1 :]
    ]
    findings: list[Finding] = []
    try:
        if spliced.same_shape:
            for unit in fresh:
                unit.local = run_pairs(unit.local_pairs, ctx, [])
        else:  # a statement went missing: the module's context changed, check them all
            units = [replace(u, local=run_pairs(u.local_pairs, ctx, [])) for u in units]
        run(checkers.module_wide, [module], ctx, findings)
        run(checkers.local, [module], ctx, findings)
        for unit in units:
            findings.extend(unit.local)
            run_pairs(unit.module_wide, ctx, findings)
    except RuleFailed:
        return None, None
    total = sum(unit.checked for unit in units)
    result = LintResult(
        findings=_finish(source, findings, config),
        syntax_errors=spliced.errors,
        context=ctx,
        checked=total,
        total=total,
    )
    if spliced.errors:  # the base for the next edit stays the last version that parsed
        return result, replace(previous, stats={"reparsed": 1, "broken": 1})
    stats = {"reparsed": 1, "lines_moved": spliced.line_delta}
    return result, LintState(source, previous.key, units, parents, active, result, stats)


def _shifted(finding: Finding, delta: int) -> Finding:
    if not delta:
        return finding
    related = tuple(Related(r.start + delta, r.end + delta, r.message) for r in finding.related)
    return replace(finding, start=finding.start + delta, end=finding.end + delta, related=related)
