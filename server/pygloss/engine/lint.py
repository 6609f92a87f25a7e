"""``lint``: run every enabled rule over one document with a single tree walk.

The stdlib ``ast`` of the document (parsed once by :class:`Source`, tolerant of
syntax errors) is walked once to collect the nodes of the types the rules asked for;
then each rule runs over its nodes (calls and comparisons go node by node to the rules
for their names and operators).  Parent links are found when a rule asks
(:class:`~pygloss.rules._parents.LazyParents`).
A rule that raises is logged with its traceback and skipped for the rest of the
document: it never fails the request or the other rules.  Suppression comments
(``# noqa: PG101``, ``# noqa``, ``# pygloss: ignore[PG101]`` on the line or the
line before, and ``# noqa: B006`` for the rule with the same pitfall) are applied last.

A *deadline* (a ``time.monotonic()`` value) bounds the work on huge files: once it
passes, no further node is visited or checked, the findings so far are kept and the
result is marked ``truncated`` (the caller says so to the user).
"""

from __future__ import annotations

import ast
import contextlib
import functools
import logging
import re
import time
from dataclasses import dataclass, field, replace
from itertools import chain, repeat

from pygloss.engine.config import Config
from pygloss.engine.dispatch import KEYED, call_pairs, collect, dispatch, pairs
from pygloss.rules import all_rules
from pygloss.rules._parents import LazyParents
from pygloss.rules.base import Finding, Rule, RuleContext, Severity
from pygloss.rules.neighbours import SILENCES
from pygloss.syntax.source import Source, SyntaxIssue

log = logging.getLogger("pygloss.lint")

_NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?", re.I)
_IGNORE = re.compile(r"#\s*pygloss:\s*ignore\[(?P<codes>[^\]]*)\]", re.I)


@dataclass(frozen=True)
class RuleFailure:
    code: str
    error: str


@dataclass
class LintResult:
    findings: list[Finding] = field(default_factory=list)
    syntax_errors: tuple[SyntaxIssue, ...] = ()
    failures: list[RuleFailure] = field(default_factory=list)
    context: RuleContext | None = None
    """The context the rules saw; pass it to ``fix`` to reuse its parents and indexes."""
    truncated: bool = False  # the deadline passed before every node was checked
    checked: int = 0  # nodes checked
    total: int = 0  # nodes the enabled rules asked for


@functools.cache
def _rule_objects() -> tuple[Rule, ...]:
    """One object per rule, made once: rules keep no state between calls (a
    document's state lives in its :class:`RuleContext`)."""
    return tuple(rule_cls() for rule_cls in all_rules())


def load_rules() -> None:
    """Import every rule module and make its rule object now (a process about to fork
    workers does it once for all of them)."""
    _rule_objects()


def enabled_rules(config: Config, path: str | None) -> list[Rule]:
    if path is None or not config.per_file_ignores:  # the same for every file
        with contextlib.suppress(TypeError):  # a list given for a tuple: asked below
            return list(_enabled(config.select, config.extend_select, config.ignore))
    return [
        rule
        for rule in _rule_objects()
        if config.rule_enabled(rule.code, rule.default_enabled, path)
    ]


@functools.lru_cache(maxsize=64)
def _enabled(
    select: tuple[str, ...] | None, extend_select: tuple[str, ...], ignore: tuple[str, ...]
) -> tuple[Rule, ...]:
    """The rules a configuration without per-file ignores enables (asked once per
    selection, not once per file)."""
    config = Config(select=select, extend_select=extend_select, ignore=ignore)
    return tuple(r for r in _rule_objects() if config.rule_enabled(r.code, r.default_enabled))


@functools.lru_cache(maxsize=256)
def _needles(words: tuple[str, ...]) -> tuple[str, ...]:
    """*words* less those that hold another of them (``TypeVarTuple`` holds
    ``TypeVar``: a text without the one has not the other)."""
    return tuple(w for w in words if not any(o != w and o in w for o in words))


def applicable(rules: list[Rule], source: Source, path: str | None) -> list[Rule]:
    """The *rules* that may report in *source*: their ``requires`` pre-filter passes,
    and in a stub file (``.pyi``) only those that judge stubs.  Each word is looked
    for once, however many rules name it (a search of the whole text each)."""
    text = source.text
    seen: dict[str, bool] = {}

    def present(word: str) -> bool:
        found = seen.get(word)
        if found is None:
            found = seen[word] = word in text
        return found

    found = [r for r in rules if not r.requires or any(map(present, _needles(r.requires)))]
    if path is not None and path.endswith(".pyi"):
        found = [r for r in found if r.stubs]
    return found


def lint(
    source: Source,
    config: Config | None = None,
    path: str | None = None,
    rules: list[Rule] | None = None,
    deadline: float | None = None,
) -> LintResult:
    """All findings of the enabled rules, sorted by position (those found before
    *deadline* when it passes: see :attr:`LintResult.truncated`)."""
    config = config or Config()
    path = path if path is not None else source.path
    active = applicable(rules if rules is not None else enabled_rules(config, path), source, path)
    result = LintResult(syntax_errors=source.parse.errors)
    if not active:
        return result
    ctx = RuleContext(source, path)
    result.context = ctx
    types: set[type[ast.AST]] = set()
    rules_for = dispatch(active, ctx, types)
    module = ast.Module(body=list(source.statements), type_ignores=[])
    ctx.set_parents(LazyParents(module))
    buckets = collect(module, types, deadline)
    if buckets is None:  # the deadline passed while walking the tree
        result.truncated = True
        return result
    broken: set[str] = set()
    findings: list[Finding] = []
    result.total = sum(map(len, buckets.values()))
    checked = 0
    for kind, nodes in buckets.items():
        keyed = kind in KEYED  # a call or comparison: the rules for its name or operators
        rules = rules_for.by_type.get(kind, [])
        for first in range(0, len(nodes), _CHUNK):
            if deadline is not None and time.monotonic() > deadline:
                result.truncated = True
                break
            chunk = nodes[first : first + _CHUNK]
            if keyed:  # each node to the rules for its name or operators
                found = call_pairs if kind is ast.Call else pairs
                _check_pairs(found(rules_for, chunk), ctx, findings, broken, result, path)  # type: ignore[arg-type]
            else:  # one rule over the chunk at a time
                for rule in rules:
                    if rule.code not in broken:
                        _check(rule, chunk, ctx, findings, broken, result, path)
            checked += len(chunk)
        if result.truncated:
            break
    result.checked = checked
    kept = [_with_severity(f, config) for f in findings if f.code not in broken]
    result.findings = sorted(suppress(source, kept), key=sort_key)
    return result


_CHUNK = 256
"""Nodes checked between two looks at the deadline."""


def _check(
    rule: Rule,
    nodes: list[ast.AST],
    ctx: RuleContext,
    findings: list[Finding],
    broken: set[str],
    result: LintResult,
    path: str | None,
) -> None:
    """*rule* on each of *nodes*, appending to *findings*."""
    try:
        findings.extend(chain.from_iterable(map(rule.check, nodes, repeat(ctx))))
    except Exception as exc:
        _broke(rule, exc, broken, result, path)


def _check_pairs(
    checked: list[tuple[ast.AST, list[Rule]]],
    ctx: RuleContext,
    findings: list[Finding],
    broken: set[str],
    result: LintResult,
    path: str | None,
) -> None:
    """Each node of *checked* by each of its rules, appending to *findings*."""
    for node, rules in checked:
        for rule in rules:
            if rule.code in broken:
                continue
            try:
                findings.extend(rule.check(node, ctx))
            except Exception as exc:
                _broke(rule, exc, broken, result, path)


def _broke(
    rule: Rule, exc: Exception, broken: set[str], result: LintResult, path: str | None
) -> None:
    """*rule* raised: it is logged, reported in *result* and skipped for the rest of
    the document, and its findings are dropped (a broken rule must not break the
    others)."""
    broken.add(rule.code)
    log.exception("rule %s failed on %s", rule.code, path or "<text>", exc_info=exc)
    result.failures.append(RuleFailure(rule.code, f"{type(exc).__name__}: {exc}"))


def sort_key(finding: Finding) -> tuple[int, str, int, str]:
    """The order of findings: by position, then code (a total order in practice, so
    the incremental lint gives the very same list)."""
    return finding.start, finding.code, finding.end, finding.message


def _with_severity(finding: Finding, config: Config) -> Finding:
    level = config.severity.get(finding.code)
    return replace(finding, severity=Severity(level)) if level else finding


def suppressed_codes(line_text: str) -> set[str] | None:
    """Codes a comment on this line suppresses; ``{"*"}`` for a bare ``# noqa``.  A
    ``# noqa`` naming another linter's code for the same pitfall (``B006``) also
    suppresses the pygloss rule (:mod:`pygloss.rules.neighbours`)."""
    codes: set[str] = set()
    found = False
    for match in _NOQA.finditer(line_text):
        found = True
        listed = match.group("codes")
        if listed:
            for code in re.split(r"[\s,]+", listed.upper()):
                codes.add(code)
                codes.update(SILENCES.get(code, ()))  # B006 silences PG101 too
        else:
            codes.add("*")
    for match in _IGNORE.finditer(line_text):
        found = True
        codes.update(c.strip().upper() for c in match.group("codes").split(",") if c.strip())
    return codes if found else None


def suppress(source: Source, findings: list[Finding]) -> list[Finding]:
    """Drop findings silenced by a comment.

    ``# noqa`` / ``# noqa: CODE`` / ``# pygloss: ignore[CODE]`` count on the line
    where the finding starts or ends; ``# pygloss: ignore[CODE]`` also counts on
    the line just before the finding (a line of its own, like a decorator).
    """
    if "#" not in source.text:
        return findings
    cache: dict[int, set[str]] = {}

    def on_line(line: int) -> set[str]:
        codes = cache.get(line)
        if codes is None:
            text = source.line_text(line)
            codes = (suppressed_codes(text) or set()) if "#" in text else set()
            cache[line] = codes
        return codes

    kept = []
    for finding in findings:
        first = source.line_of(finding.start)
        last = source.line_of(max(finding.start, finding.end - 1))
        here = on_line(first) | (on_line(last) if last != first else set())
        above_text = source.line_text(first - 1) if first > 0 else ""
        above: set[str] = set()
        if "#" in above_text:
            for match in _IGNORE.finditer(above_text):
                above.update(c.strip().upper() for c in match.group("codes").split(","))
        if "*" in here or finding.code in here or finding.code in above:
            continue
        kept.append(finding)
    return kept
