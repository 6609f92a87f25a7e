"""``lint``: run every enabled rule over one document with a single tree walk.

The stdlib ``ast`` of the document (parsed once by :class:`Source`, tolerant of
syntax errors) is walked once; each node goes to the rules that asked for its type.
A rule that raises is logged with its traceback and skipped for the rest of the
document: it never fails the request or the other rules.  Suppression comments
(``# noqa: PG101``, ``# noqa``, ``# pygloss: ignore[PG101]`` on the line or the
line before) are applied last.
"""

from __future__ import annotations

import ast
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from pygloss.engine.config import Config
from pygloss.rules import all_rules
from pygloss.rules.base import Finding, Rule, RuleContext, Severity
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


def enabled_rules(config: Config, path: str | None) -> list[Rule]:
    return [
        rule_cls()
        for rule_cls in all_rules()
        if config.rule_enabled(rule_cls.code, rule_cls.default_enabled, path)
    ]


def lint(
    source: Source,
    config: Config | None = None,
    path: str | None = None,
    rules: list[Rule] | None = None,
) -> LintResult:
    """All findings of the enabled rules, sorted by position."""
    config = config or Config()
    path = path if path is not None else source.path
    active = rules if rules is not None else enabled_rules(config, path)
    result = LintResult(syntax_errors=source.parse.errors)
    if not active:
        return result
    ctx = RuleContext(source, path)
    dispatch: dict[type[ast.AST], list[Rule]] = defaultdict(list)
    for rule in active:
        for node_type in rule.nodes:
            dispatch[node_type].append(rule)
    broken: set[str] = set()
    parents: dict[int, ast.AST] = {}
    ctx.set_parents(parents)
    stack: list[ast.AST] = list(reversed(source.statements))
    module = ast.Module(body=list(source.statements), type_ignores=[])
    for statement in source.statements:
        parents[id(statement)] = module
    visits: list[ast.AST] = []
    while stack:
        node = stack.pop()
        visits.append(node)
        children = list(ast.iter_child_nodes(node))
        for child in children:
            parents[id(child)] = node
        stack.extend(reversed(children))
    for node in [module, *visits]:
        for rule in dispatch.get(type(node), ()):
            if rule.code in broken:
                continue
            try:
                result.findings.extend(rule.check(node, ctx))
            except Exception as exc:  # a broken rule must not break the others
                broken.add(rule.code)
                log.exception("rule %s failed on %s", rule.code, path or "<text>")
                result.failures.append(RuleFailure(rule.code, f"{type(exc).__name__}: {exc}"))
    findings = [_with_severity(f, config) for f in result.findings]
    result.findings = sorted(suppress(source, findings), key=lambda f: (f.start, f.code))
    return result


def _with_severity(finding: Finding, config: Config) -> Finding:
    level = config.severity.get(finding.code)
    return replace(finding, severity=Severity(level)) if level else finding


def suppressed_codes(line_text: str) -> set[str] | None:
    """Codes a comment on this line suppresses; ``{"*"}`` for a bare ``# noqa``."""
    codes: set[str] = set()
    found = False
    for match in _NOQA.finditer(line_text):
        found = True
        listed = match.group("codes")
        if listed:
            codes.update(c.upper() for c in re.split(r"[\s,]+", listed) if c)
        else:
            codes.add("*")
    for match in _IGNORE.finditer(line_text):
        found = True
        codes.update(c.strip().upper() for c in match.group("codes").split(",") if c.strip())
    return codes if found else None


def suppress(source: Source, findings: list[Finding]) -> list[Finding]:
    """Drop findings silenced by a comment on their line (or a pygloss one above)."""
    if "#" not in source.text:
        return findings
    kept = []
    for finding in findings:
        line = source.line_of(finding.start)
        here = suppressed_codes(source.line_text(line)) or set()
        above_text = source.line_text(line - 1) if line > 0 else ""
        above: set[str] = set()
        for match in _IGNORE.finditer(above_text):
            above.update(c.strip().upper() for c in match.group("codes").split(","))
        if "*" in here or finding.code in here or finding.code in above:
            continue
        kept.append(finding)
    return kept
