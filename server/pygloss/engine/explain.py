"""``explain``: what pygloss says about the code at one offset.

Pipeline: find the nodes under the cursor (:meth:`Source.path_at`), recognise a
*target* there (a name whose fully qualified target the knowledge base knows, or a
construct kind), pick the matching topics, run the context explainers registered
for those topics (each in try/except), and render the result.  Returns None when
pygloss has nothing to say, so an editor shows no pygloss hover at all.
"""

from __future__ import annotations

import ast
import logging
from dataclasses import dataclass, field

from pygloss.engine.explainers import ExplainEnv, Target, context_for
from pygloss.engine.render import RenderOptions, render
from pygloss.kb.index import KnowledgeBase
from pygloss.kb.model import Topic
from pygloss.syntax.names import ImportMap, dotted_name
from pygloss.syntax.source import Source

log = logging.getLogger("pygloss.explain")


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


def _name_target(source: Source, path: list[ast.AST], imports: ImportMap) -> Target | None:
    """A Name/Attribute chain under the cursor, qualified through the imports."""
    node = path[-1]
    if not isinstance(node, ast.Name | ast.Attribute):
        return None
    dotted = dotted_name(node)
    if dotted is None:
        return None
    qualified = imports.resolve(dotted)
    if qualified is None:
        return None
    start, end = source.span(node)
    return Target(kind="name", start=start, end=end, node=node, path=tuple(path), name=qualified)


def find_target(source: Source, offset: int, imports: ImportMap) -> Target | None:
    """The thing under the cursor that pygloss may know about, or None."""
    path = source.path_at(offset)
    if not path:
        return None
    return _name_target(source, path, imports)


def topics_for(target: Target, kb: KnowledgeBase) -> list[Topic]:
    if target.name is not None:
        return kb.for_name(target.name)
    return kb.for_construct(target.kind)


def explain(
    source: Source,
    offset: int,
    kb: KnowledgeBase,
    options: RenderOptions | None = None,
) -> Explanation | None:
    """Explain the code at *offset* (a code-point offset into ``source.text``)."""
    options = options or RenderOptions()
    from pygloss.engine.rule_codes import explain_rule_code  # rule codes in noqa comments

    if (rule_code := explain_rule_code(source, offset, kb, options)) is not None:
        return rule_code
    imports = ImportMap.from_statements(source.statements)
    target = find_target(source, offset, imports)
    if target is None:
        return None
    topics = [t for t in topics_for(target, kb) if t.id not in options.mute]
    if not topics:
        return None
    env = ExplainEnv(source=source, imports=imports, kb=kb, target=target)
    context = context_for(topics, env)
    markdown = render(topics, context, options)
    refs = tuple(TopicRef(t.id, t.title) for t in topics)
    return Explanation(refs, markdown, target.start, target.end, tuple(context))
