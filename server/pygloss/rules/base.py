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
import bisect
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import PurePath
from typing import Any, ClassVar, TypeVar

from pygloss.rules._parents import ParentLinks
from pygloss.rules._scopes import Comprehension, Scope, bound_names, comprehension_names
from pygloss.rules._walk import children
from pygloss.syntax.names import ImportMap, dotted_name
from pygloss.syntax.source import Source

T = TypeVar("T", bound=ast.AST)


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
    frees: tuple[str, ...] = ()
    """Imported names whose use the fix rewrites away (``time`` for ``time.sleep`` →
    ``asyncio.sleep``): once every fix of a file is applied, an import of one that
    nothing names any more is removed."""


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
    """One diagnostic: a rule code, a message and the offsets it covers.

    ``data`` goes to the client with the diagnostic (and back to ``fix``);
    ``{"fixable": False}`` says the rule's fix does not apply to this finding, so no
    quick fix is offered for it (a lazily resolved one would come back empty)."""

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
    """Source in which the rule must report; *fixed* is the source after its fix(es).

    *severity*, when given, is the severity of every finding there: a case the rule
    reports only as a hint (what it cannot tell is risky) says so with ``"hint"``."""

    code: str
    fixed: str | None = None
    path: str = "example.py"
    severity: str | None = None


class RuleContext:
    """What a rule sees: the parsed source, its path, imports, parents and scopes.

    Everything here is computed lazily, once per document, and shared by all rules.
    """

    def __init__(self, source: Source, path: str | None = None) -> None:
        self.source = source
        self.path = path if path is not None else source.path
        self._parents: ParentLinks | None = None
        self._imports: ImportMap | None = None
        self._bindings: dict[int, set[str]] = {}
        self._scoped_imports: dict[int, ImportMap] = {}
        self._by_start: dict[int, list[ast.AST]] = {}
        self.cache: dict[str, Any] = {}
        """Per-document memo for rules (keys: ``"<rule or helper>-<what>"``)."""

    @property
    def imports(self) -> ImportMap:
        """Module-level imports (including those inside top-level if/try/with)."""
        if self._imports is None:
            self._imports = ImportMap.from_statements(self.source.statements)
        return self._imports

    @cached_property
    def file_name(self) -> str:
        return PurePath(self.path).name if self.path else ""

    @property
    def is_test_file(self) -> bool:
        """``test_*.py``, ``*_test.py`` or ``conftest.py`` (pytest's default discovery)."""
        name = self.file_name
        return name == "conftest.py" or (
            name.endswith(".py") and (name.startswith("test_") or name.endswith("_test.py"))
        )

    @cached_property
    def in_test_code(self) -> bool:
        """A test file, or a file under a ``test``/``tests``/``testing`` folder (a fact
        of the file, asked by several rules on many nodes: computed once)."""
        if self.is_test_file:
            return True
        if not self.path or "test" not in self.path:
            return False  # no folder of its path can be named test, tests or testing
        parts = PurePath(self.path).parts[:-1]
        return any(part in ("test", "tests", "testing") for part in parts)

    @property
    def is_stub(self) -> bool:
        return self.file_name.endswith(".pyi")

    def set_parents(self, parents: ParentLinks) -> None:
        """Use *parents* (a full map, or a :class:`LazyParents` of the tree)."""
        self._parents = parents

    def parent(self, node: ast.AST) -> ast.AST | None:
        if self._parents is None:
            parents: dict[ast.AST, ast.AST] = {}
            for parent in self.source.walk():
                for child in children(parent):
                    parents[child] = parent
            self._parents = parents
        return self._parents.get(node)

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

    def enclosing_class(self, node: ast.AST) -> ast.ClassDef | None:
        """The class whose method (at any depth of nesting statements) holds *node*."""
        function = None
        for ancestor in self.ancestors(node):
            if isinstance(ancestor, ast.FunctionDef | ast.AsyncFunctionDef):
                function = ancestor
            elif isinstance(ancestor, ast.ClassDef):
                return ancestor if function is not None else None
            elif isinstance(ancestor, ast.Lambda):
                return None
        return None

    def span(self, node: ast.AST) -> tuple[int, int]:
        return self.source.span(node)

    def aliases(self, names: frozenset[str]) -> frozenset[str]:
        """*names* plus the local names imported as one of them (``gb`` for ``groupby``)."""
        key = f"aliases-{sorted(names)}"
        found: frozenset[str] | None = self.cache.get(key)
        if found is None:
            local = {
                name
                for name, target in self.imports.bindings.items()
                if target.rsplit(".", 1)[-1] in names
            }
            found = names | local
            self.cache[key] = found
        return found

    def nodes_starting_at(self, offset: int) -> list[ast.AST]:
        """Nodes whose span starts at *offset*, outermost first.

        Only the top-level statement holding *offset* is searched, and only nodes on
        its line have their offsets computed: cheap enough to call per fix.
        """
        cached = self._by_start.get(offset)
        if cached is not None:
            return cached
        source = self.source
        extents = source.statement_extents
        index = bisect.bisect_right([start for start, _ in extents], offset) - 1
        found: list[ast.AST] = []
        if index >= 0 and offset < extents[index][1]:
            lineno = source.line_of(offset) + 1
            stack: list[ast.AST] = [source.statements[index]]
            while stack:
                node = stack.pop()
                first, last = getattr(node, "lineno", 0), getattr(node, "end_lineno", None)
                if first > lineno or (last is not None and last < lineno):
                    continue  # the subtree lies on other lines
                column = getattr(node, "col_offset", None)
                if (
                    isinstance(column, int)
                    and getattr(node, "lineno", None) == lineno
                    and source.offset(lineno, column) == offset
                ):
                    found.append(node)
                stack.extend(reversed(children(node)))
        self._by_start[offset] = found
        return found

    def find_node(self, start: int, end: int, types: type[T] | tuple[type[T], ...]) -> T | None:
        """The outermost node of *types* spanning exactly ``start..end`` (for fixes)."""
        for node in self.nodes_starting_at(start):
            if isinstance(node, types) and self.span(node)[1] == end:
                return node
        return None

    def definition_at(
        self, name_start: int
    ) -> ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | None:
        """The def or class whose name starts at *name_start* (findings on a def's name)."""
        line = self.source.line_of(name_start)
        text = self.source.line_text(line)
        first = self.source.line_starts[line] + len(text) - len(text.lstrip())
        for node in self.nodes_starting_at(first):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                return node
        return None

    # -- definitions and names ------------------------------------------------------
    @cached_property
    def _walrus(self) -> bool:
        return ":=" in self.source.text

    @cached_property
    def module_functions(self) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
        """Functions defined at module level (the last definition of a name wins)."""
        return {
            n.name: n
            for n in _top_level(self.source.statements)
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
        }

    @cached_property
    def module_classes(self) -> dict[str, ast.ClassDef]:
        """Classes defined at module level (the last definition of a name wins)."""
        return {
            n.name: n for n in _top_level(self.source.statements) if isinstance(n, ast.ClassDef)
        }

    def bindings(self, scope: Scope | None) -> set[str]:
        """Names bound directly in *scope* (None: the module)."""
        key = id(scope)
        found = self._bindings.get(key)
        if found is None:
            found = bound_names(
                scope if scope is not None else self.source.statements, walrus=self._walrus
            )
            self._bindings[key] = found
        return found

    def qualified(self, node: ast.AST) -> str | None:
        """Fully qualified name of a Name/Attribute chain, or None when unknown.

        Like :func:`~pygloss.syntax.names.qualify`, but a name rebound in an
        enclosing function, lambda, comprehension or at module level (``def list()``,
        a parameter called ``timeit``) is not taken for the import or builtin.
        """
        dotted = dotted_name(node)
        if dotted is None:
            return None
        head = dotted.partition(".")[0]
        for scope in self._scopes_of(node):
            if isinstance(scope, ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp):
                if head in comprehension_names(scope):
                    return None
                continue
            if head in self.bindings(scope):
                local = self._scoped_imports.get(id(scope))
                if local is None:
                    local = ImportMap()
                    body = (
                        scope.body
                        if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef)
                        else []
                    )
                    for statement in body:
                        if isinstance(statement, ast.Import | ast.ImportFrom):
                            local.add(statement)
                    self._scoped_imports[id(scope)] = local
                return local.resolve(dotted) if head in local.bindings else None
        if head not in self.imports.bindings and head in self.bindings(None):
            return None
        return self.imports.resolve(dotted)

    def _scopes_of(self, node: ast.AST) -> Iterator[Scope | Comprehension]:
        """Enclosing scopes of *node*, innermost first (the module excluded)."""
        child = node
        in_function = False
        for ancestor in self.ancestors(node):
            if isinstance(ancestor, ast.FunctionDef | ast.AsyncFunctionDef):
                # defaults, annotations and decorators belong to the outer scope
                if any(child is statement for statement in ancestor.body):
                    in_function = True
                    yield ancestor
            elif isinstance(ancestor, ast.Lambda):
                if child is ancestor.body:
                    in_function = True
                    yield ancestor
            elif isinstance(ancestor, ast.ClassDef):
                if not in_function and any(child is statement for statement in ancestor.body):
                    yield ancestor
            elif isinstance(ancestor, ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp):
                yield ancestor
            child = ancestor


def tail_name(node: ast.AST) -> str | None:
    """The last part of a Name/Attribute (``groupby`` in ``itertools.groupby``).

    A cheap first filter before :meth:`RuleContext.qualified`, which rules should
    call only on candidates: it looks at scopes and imports.
    """
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _top_level(statements: Iterable[ast.stmt]) -> Iterator[ast.stmt]:
    """Module-level statements, looking into if/try/with blocks (not defs)."""
    stack = list(statements)[::-1]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.If | ast.Try | ast.With | ast.TryStar):
            children: list[ast.stmt] = list(node.body)
            children += getattr(node, "orelse", [])
            children += getattr(node, "finalbody", [])
            for handler in getattr(node, "handlers", []):
                children += handler.body
            stack.extend(reversed(children))


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
    requires: ClassVar[tuple[str, ...]] = ()
    """Substrings of which the text must contain one for the rule to run at all
    (``("groupby",)``): a free, exact pre-filter; empty means always run."""
    calls: ClassVar[frozenset[str]] = frozenset()
    """For ``ast.Call`` nodes: only calls whose function's last name is one of these
    (``{"groupby"}`` gets ``groupby(...)``, ``itertools.groupby(...)`` and, through
    the imports, ``gb(...)`` after ``from itertools import groupby as gb``).
    Empty: every call (or those :meth:`wants_call` accepts, when a rule overrides it)."""
    operators: ClassVar[tuple[type[ast.cmpop], ...]] = ()
    """For ``ast.Compare`` nodes: only comparisons using one of these operators
    (``(ast.Is, ast.IsNot)``).  Empty: every comparison."""
    stubs: ClassVar[bool] = True
    """Whether the rule runs on stub files (``.pyi``).  False for rules about what
    happens at run time: a stub's defaults, decorators and bodies never run."""
    statement_local: ClassVar[bool] = False
    """Whether the findings for a node depend only on the top-level statement holding
    it plus the module's *context* (imports, module-level statements, def/class
    header lines, the path, the enabled rules): then the editor re-checks only the
    statement an edit touched (:mod:`pygloss.engine.incremental`).  The safe default
    is False (the rule is re-run on the whole module after every edit); set True only
    after checking that ``check`` (and every helper it calls) never looks at another
    top-level statement's body, at ``ctx.source.statements``/``walk()``, at
    ``module_functions``/``module_classes`` or at the text outside the statement."""
    VALID: ClassVar[list[Valid]] = []
    INVALID: ClassVar[list[Invalid]] = []

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        """Yield findings for *node* (one of ``nodes``)."""
        raise NotImplementedError

    def wants_call(self, name: str) -> bool:
        """For a rule with ``ast.Call`` among its ``nodes`` and no ``calls``: whether a
        call whose function's last name is *name* may report (a pure test of the
        name, asked once per name and document; a call of no name, like ``f()()``,
        is always checked).  Override it to skip the calls that cannot."""
        return True

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        """The fix for *finding*, or None when no fix is right."""
        return None

    def finding(
        self,
        ctx: RuleContext,
        node: ast.AST,
        message: str | None = None,
        related: tuple[Related, ...] = (),
        severity: Severity | None = None,
        **data: Any,
    ) -> Finding:
        """A finding over *node*; *severity* overrides the rule's (the risk of this case)."""
        start, end = ctx.span(node)
        return Finding(
            code=self.code,
            message=message or self.message,
            start=start,
            end=end,
            severity=severity or self.severity,
            data=data,
            related=related,
        )
