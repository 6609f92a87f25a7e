"""What a rule is: metadata, detection over the shared ``ast``, and a lazy fix.

A rule is one class in one module, named after the bad pattern.  It declares the
node types it wants (``nodes``); the linter walks each document's tree once and
hands every such node to every interested rule (see :mod:`pygloss.engine.lint`).
``check`` yields :class:`Finding` objects; ``fix`` builds a :class:`Fix` for one
finding only when asked (code action, ``--fix``), and returns None rather than
guess.  ``VALID`` / ``INVALID`` examples live in the rule and run as tests.

All positions are code-point offsets into the document text.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar

from pygloss.syntax.names import ImportMap
from pygloss.syntax.source import Source


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFORMATION = "information"
    HINT = "hint"


class FixSafety(StrEnum):
    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with *new_text*."""

    start: int
    end: int
    new_text: str


@dataclass(frozen=True)
class Fix:
    title: str
    safety: FixSafety
    edits: tuple[Edit, ...]


class FixKind(StrEnum):
    """How a fix is offered: a quick fix on the diagnostic, or a refactoring
    (``refactor.rewrite``) that changes behaviour the user must opt into."""

    QUICKFIX = "quickfix"
    REFACTOR_REWRITE = "refactor.rewrite"


@dataclass(frozen=True)
class Related:
    """Another place in the same document that explains a finding (shown as the
    diagnostic's ``relatedInformation``), e.g. the earlier route that shadows this one."""

    start: int
    end: int
    message: str


@dataclass(frozen=True)
class Finding:
    """One diagnostic: a rule code, a message and the offsets it covers."""

    code: str
    message: str
    start: int
    end: int
    severity: Severity = Severity.WARNING
    data: Mapping[str, Any] = field(default_factory=dict)
    related: tuple[Related, ...] = ()


@dataclass(frozen=True)
class Valid:
    """Source in which the rule must stay silent."""

    code: str
    path: str = "example.py"


@dataclass(frozen=True)
class Invalid:
    """Source in which the rule must report; *fixed* is the source after its fix(es)."""

    code: str
    fixed: str | None = None
    path: str = "example.py"


class RuleContext:
    """What a rule sees: the parsed source, its path and the module's imports."""

    def __init__(self, source: Source, path: str | None = None) -> None:
        self.source = source
        self.path = path if path is not None else source.path
        self._parents: dict[int, ast.AST] | None = None
        self._imports: ImportMap | None = None

    @property
    def imports(self) -> ImportMap:
        if self._imports is None:
            self._imports = ImportMap.from_statements(self.source.statements)
        return self._imports

    def set_parents(self, parents: dict[int, ast.AST]) -> None:
        self._parents = parents

    def parent(self, node: ast.AST) -> ast.AST | None:
        if self._parents is None:
            parents: dict[int, ast.AST] = {}
            for parent in self.source.walk():
                for child in ast.iter_child_nodes(parent):
                    parents[id(child)] = parent
            self._parents = parents
        return self._parents.get(id(node))

    def ancestors(self, node: ast.AST) -> Iterator[ast.AST]:
        current = self.parent(node)
        while current is not None:
            yield current
            current = self.parent(current)

    def enclosing_function(
        self, node: ast.AST
    ) -> ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | None:
        for ancestor in self.ancestors(node):
            if isinstance(ancestor, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                return ancestor
        return None

    def span(self, node: ast.AST) -> tuple[int, int]:
        return self.source.span(node)


class Rule:
    """Base class of every rule. Subclasses set the class attributes and ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    message: ClassVar[str]
    fix_title: ClassVar[str | None] = None
    fix_safety: ClassVar[FixSafety | None] = None
    fix_kind: ClassVar[FixKind] = FixKind.QUICKFIX
    topic: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    default_enabled: ClassVar[bool] = True
    nodes: ClassVar[tuple[type[ast.AST], ...]] = ()
    VALID: ClassVar[list[Valid]] = []
    INVALID: ClassVar[list[Invalid]] = []

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        """Yield findings for *node* (one of ``nodes``)."""
        raise NotImplementedError

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        """The fix for *finding*, or None when no fix is right."""
        return None

    def finding(
        self,
        ctx: RuleContext,
        node: ast.AST,
        message: str | None = None,
        related: tuple[Related, ...] = (),
        **data: Any,
    ) -> Finding:
        start, end = ctx.span(node)
        return Finding(
            code=self.code,
            message=message or self.message,
            start=start,
            end=end,
            severity=self.severity,
            data=data,
            related=related,
        )
