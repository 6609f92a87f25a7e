"""``explain``: what pygloss says about the code at one offset.

Pipeline:

1. **rule codes** — a rule code inside ``# noqa: PG101`` shows the rule's topic
   (:mod:`pygloss.engine.rule_codes`);
2. **view** — inside a region that does not parse, :mod:`.tolerant` supplies a view
   with that region repaired line by line (``ast`` only);
3. **targets** — the name under the cursor, qualified from the syntax and imports
   (:func:`pygloss.engine.names.resolve_syntax`) and only then through jedi, and every
   construct kind there (:mod:`pygloss.engine.constructs`);
4. **topics** — name topics first (a name topic such as ``mock-patch`` is more precise
   than a construct topic such as ``decorators``), then construct topics, narrowest
   construct first; muted topics and topics that hold only on other Python versions
   than the project's are dropped, and sentences for other versions are left out
   (:meth:`pygloss.kb.model.Topic.for_python`); the first is shown, the others are
   listed as "See also";
5. **context** — the explainers that apply (:mod:`.explainers`), each in try/except;
6. **render** — :func:`pygloss.engine.render.render`.

Returns None when pygloss has nothing to say, so an editor shows no pygloss hover.
"""

from __future__ import annotations

import ast
import functools
import itertools
import sys
import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field

from pygloss.engine.constructs import FUNCS, Found, recognize
from pygloss.engine.cursor import Cursor, cursor_at
from pygloss.engine.explainers import ExplainEnv, Target, context_for
from pygloss.engine.extras import Extra, ExtraEnv, append, run_extras
from pygloss.engine.jedi_resolver import JediResolver, modules_of
from pygloss.engine.names import candidates, resolve_syntax, worth_asking_jedi
from pygloss.engine.render import RenderOptions, render
from pygloss.engine.tolerant import legacy_type_params, recovered_view
from pygloss.kb.constructs import special_method_kind
from pygloss.kb.index import KnowledgeBase
from pygloss.kb.model import Topic
from pygloss.kb.versions import PythonRange
from pygloss.syntax.names import ImportMap, qualify
from pygloss.syntax.source import Source

# A patch call's string argument names what it replaces: (function, argument index).
PATCH_STRINGS = {
    "unittest.mock.patch": 0,
    "unittest.mock.patch.object": 1,
    "unittest.mock.patch.dict": 0,
    "pytest_mock.MockerFixture.patch": 0,
    "pytest_mock.MockerFixture.patch.object": 1,
    "pytest_mock.MockerFixture.patch.dict": 0,
}
# A rule topic names the kinds its pattern is made of (PG401 lists `decorator`); it is
# shown for a construct only where the construct itself is the pitfall.
RULE_TOPIC_KINDS = frozenset({"mutable-default"})
_IMPORTS: weakref.WeakKeyDictionary[Source, ImportMap] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


@dataclass(frozen=True)
class TopicRef:
    id: str
    title: str


@dataclass(frozen=True)
class Explanation:
    """What a hover shows: topics, rendered Markdown, and the offsets it covers."""

    topics: tuple[TopicRef, ...]
    markdown: str
    start: int
    end: int
    context: tuple[str, ...] = field(default=())
    kinds: tuple[str, ...] = field(default=())


def imports_for(source: Source) -> ImportMap:
    """The module-level imports of *source* (computed once per source)."""
    with _LOCK:
        found = _IMPORTS.get(source)
    if found is None:
        found = ImportMap.from_statements(source.statements)
        with _LOCK:
            _IMPORTS[source] = found
    return found


@functools.lru_cache(maxsize=8)
def _last_parts(kb: KnowledgeBase) -> frozenset[str]:
    """Last components of every name the knowledge base knows (a cheap jedi filter)."""
    return frozenset(name.rsplit(".", 1)[-1] for name in kb.names())


@functools.lru_cache(maxsize=8)
def _third_party_modules(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    """Top-level package -> the modules the knowledge base names in it (not stdlib)."""
    found: dict[str, list[str]] = {}
    for module in modules_of(kb.names()):
        package = module.split(".")[0]
        if package not in sys.stdlib_module_names:
            found.setdefault(package, []).append(module)
    return {package: tuple(modules) for package, modules in found.items()}


def _warm_imported(imports: ImportMap, kb: KnowledgeBase, resolver: JediResolver) -> None:
    """Queue jedi's warm-up of the third-party modules the knowledge base names that
    this file imports (in the background; each module once per process)."""
    known = _third_party_modules(kb)
    for target in imports.bindings.values():
        modules = known.get(target.split(".")[0])
        if modules and not resolver.warmed.issuperset(modules):
            resolver.warm_up(modules, wait=False)


# Names that behave as another the knowledge base knows (pytest-mock's mocker.patch.dict
# is unittest.mock's patch.dict, with the undo done by the fixture).
SAME_AS = {
    f"pytest_mock.MockerFixture.patch.{kind}": f"unittest.mock.patch.{kind}"
    for kind in ("dict", "object", "multiple")
}


def name_topics(kb: KnowledgeBase, name: str, module: str | None, instance: bool) -> list[Topic]:
    name = SAME_AS.get(name, name)
    for candidate in candidates(name, module):
        topics = kb.for_name(candidate)
        if topics:
            return topics
    if instance and "." in name:  # a method of a known class: the class's topic
        return name_topics(kb, name.rsplit(".", 1)[0], None, False)
    return []


def _name_target(
    cursor: Cursor, imports: ImportMap, kb: KnowledgeBase, resolver: JediResolver | None
) -> tuple[Target, list[Topic]] | None:
    node = cursor.node
    if node is None:
        return None
    path = cursor.path
    if isinstance(node, ast.alias) and isinstance(path[-2], ast.ImportFrom | ast.Import):
        statement = path[-2]
        module = statement.module if isinstance(statement, ast.ImportFrom) else None
        if isinstance(statement, ast.ImportFrom) and statement.level:
            return None
        name = f"{module}.{node.name}" if module else node.name
        return _with_topics(cursor, node, name, kb, None, False)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        call = cursor.parent_of(node)
        if isinstance(call, ast.Call):
            function = qualify(call.func, imports)
            if function not in PATCH_STRINGS:  # mocker.patch(...): the fixture, typed by name
                line = cursor.source.line_of(cursor.offset) + 1
                typed = resolve_syntax(call.func, cursor.source, path, imports, line)
                function = typed.name if typed is not None else function
            index = PATCH_STRINGS.get(function or "")
            if (
                function
                and index is not None
                and any(a is node for a in call.args[index : index + 1])
            ):
                fixture = function.startswith("pytest_mock.")
                return _with_topics(cursor, node, function, kb, None, fixture)
        return None
    if not isinstance(node, ast.Name | ast.Attribute):
        return None
    chain: list[ast.AST] = [node]
    parent = cursor.parent_of(node)
    while isinstance(parent, ast.Attribute) and parent.value is chain[-1] and len(chain) < 4:
        chain.append(parent)  # `pytest` of `pytest.mark.parametrize` names it too
        parent = cursor.parent_of(parent)
    line = cursor.source.line_of(cursor.offset) + 1
    for candidate in chain:
        resolved = resolve_syntax(candidate, cursor.source, path, imports, line)
        if resolved is not None:
            found = _with_topics(cursor, candidate, resolved.name, kb, None, resolved.instance)
            if found is not None:
                return found
    if resolver is not None:
        last = node.id if isinstance(node, ast.Name) else node.attr
        if last in _last_parts(kb) and worth_asking_jedi(node, cursor.source, path, imports, line):
            return _jedi_target(cursor, node, kb, resolver)
    return None


def _jedi_target(
    cursor: Cursor, node: ast.AST, kb: KnowledgeBase, resolver: JediResolver
) -> tuple[Target, list[Topic]] | None:
    _start, end = cursor.span(node)
    line, column = cursor.source.position(end - 1)
    names = resolver.goto(cursor.source.text, cursor.source.path, line + 1, column)
    for jedi_name in names or ():
        found = _with_topics(cursor, node, jedi_name.full_name, kb, jedi_name.module_name, False)
        if found is not None:
            return found
    return None


# names whose topic is about them as a type annotation: elsewhere (`object()`, a base
# `class C(object)`) that topic says nothing about the code
ANNOTATION_ONLY = frozenset({"builtins.object"})


def in_annotation(path: tuple[ast.AST, ...], node: ast.AST) -> bool:
    """Whether *node* (the last of *path* or on it) is part of an annotation."""
    nodes = list(path)
    if node not in nodes:
        nodes.append(node)
    for parent, child in itertools.pairwise(nodes):
        if isinstance(parent, ast.arg | ast.AnnAssign) and child is parent.annotation:
            return True
        if isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef) and child is parent.returns:
            return True
    return False


def _with_topics(
    cursor: Cursor, node: ast.AST, name: str, kb: KnowledgeBase, module: str | None, instance: bool
) -> tuple[Target, list[Topic]] | None:
    if name in ANNOTATION_ONLY and not in_annotation(cursor.path, node):
        return None
    topics = name_topics(kb, name, module, instance)
    if not topics:
        return None
    start, end = cursor.span(node)
    if cursor.offset < start and cursor.source.text[cursor.offset] == "@":
        start = cursor.offset  # on a decorator's `@`: the range covers it too
    return Target("name", start, end, node, cursor.path, name), topics


def _rank(construct: Found, cursor: Cursor, kb: KnowledgeBase) -> list[Topic]:
    """Topics for a construct, the general one first (on ``def __eq__``, the topic
    about ``__eq__`` comes before the one about special methods).

    Rule topics are left out unless the construct itself is the pitfall; among the
    others a topic covering more constructs of the family comes first (``exceptions``
    before ``exception-groups`` on ``except``), except that ``except*`` prefers the
    topic about exception groups.
    """
    specific: list[Topic] = []
    if construct.kind == "dunder-method" and isinstance(construct.node, FUNCS):
        specific = kb.for_construct(special_method_kind(construct.node.name))
    topics = specific + [
        t
        for t in kb.for_construct(construct.kind)
        if (t.area != "rules" or construct.kind in RULE_TOPIC_KINDS) and t not in specific
    ]
    star = isinstance(cursor.parent_of(construct.node), ast.TryStar)

    def key(topic: Topic) -> tuple[bool, int]:
        about_groups = any("ExceptionGroup" in name for name in topic.names)
        return (star != about_groups, -len(topic.constructs))

    return sorted(topics, key=key) if construct.kind == "except" else topics


def find_targets(
    cursor: Cursor, imports: ImportMap, kb: KnowledgeBase, resolver: JediResolver | None = None
) -> list[tuple[Target, list[Topic]]]:
    """Everything at the cursor with its topics: the name first, then construct kinds."""
    found: list[tuple[Target, list[Topic]]] = []
    named = _name_target(cursor, imports, kb, resolver)
    if named is not None:
        found.append(named)
    for construct in recognize(cursor, imports):
        topics = _rank(construct, cursor, kb)
        target = Target(construct.kind, construct.start, construct.end, construct.node, cursor.path)
        found.append((target, topics))
    return found


def explain(
    source: Source,
    offset: int,
    kb: KnowledgeBase,
    options: RenderOptions | None = None,
    resolver: JediResolver | None = None,
    extras: Sequence[Extra] = (),
    python: PythonRange | None = None,
) -> Explanation | None:
    """Explain the code at *offset* (a code-point offset into ``source.text``);
    *extras* add content from outside the knowledge base (:mod:`.extras`); *python*
    is the project's Python (None: every version)."""
    options = options or RenderOptions()
    from pygloss.engine.rule_codes import explain_rule_code  # rule codes in noqa comments

    if (rule_code := explain_rule_code(source, offset, kb, options, python)) is not None:
        return rule_code
    view = recovered_view(source, offset) or source
    cursor = cursor_at(view, offset)
    imports = imports_for(view)
    if resolver is not None:
        resolver.touch()
        _warm_imported(imports, kb, resolver)
    found = find_targets(cursor, imports, kb, resolver)
    legacy = legacy_type_params(source, offset)
    if legacy is not None:
        target = Target("type-params", legacy[0], legacy[1], ast.Pass(), ())
        found.append((target, kb.for_construct("type-params")))
    topics: list[Topic] = []
    targets: list[Target] = []
    shown_for: list[set[str]] = []
    for target, target_topics in found:
        shown = [
            t if python is None else t.for_python(python)
            for t in target_topics
            if t.id not in options.mute and (python is None or t.fits(python))
        ]
        if not shown:
            continue
        targets.append(target)
        shown_for.append({t.id for t in shown})
        topics.extend(t for t in shown if all(t.id != seen.id for seen in topics))
    env_extra = ExtraEnv(cursor, imports, tuple(t for t, _ in found), options)
    added = run_extras(extras, env_extra) if extras else []
    if not topics:
        if not added:
            return None
        return Explanation((), append("", added, options), added[0].start, added[0].end)
    primary = tuple(t for t, ids in zip(targets, shown_for, strict=True) if topics[0].id in ids)
    env = ExplainEnv(view, imports, kb, targets[0], tuple(targets), resolver, primary=primary)
    context = context_for(topics, env)
    markdown = append(render(topics, context, options), added, options)
    refs = tuple(TopicRef(t.id, t.title) for t in topics)
    kinds = tuple(t.kind for t in targets)
    return Explanation(refs, markdown, targets[0].start, targets[0].end, tuple(context), kinds)
