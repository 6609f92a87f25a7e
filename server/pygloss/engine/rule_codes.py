"""Rule codes inside suppression comments: find one at an offset, and explain it.

``# noqa: PG101`` and ``# pygloss: ignore[PG101, PG103]`` name rules; hovering a
code there shows that rule's explanation (its knowledge topic), the way ruff's
server explains codes in ``# noqa`` comments.  Hovering another linter's code that
also silences a pygloss rule (``# noqa: B006`` silences PG101: see
:mod:`pygloss.rules.neighbours`) says so.  :func:`explain` calls
:func:`explain_rule_code` first; it answers None everywhere else, and for other
tools' codes that silence nothing of pygloss (``# noqa: E501``).
"""

from __future__ import annotations

import re

from pygloss.engine.explain import Explanation, TopicRef
from pygloss.engine.render import RenderOptions, escape, to_plaintext
from pygloss.kb.index import KnowledgeBase
from pygloss.kb.versions import PythonRange
from pygloss.rules import get_rule
from pygloss.rules.neighbours import Neighbour, neighbour
from pygloss.syntax.source import Source

_COMMENTS = (
    re.compile(r"#\s*noqa\s*:\s*(?P<codes>[A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*)", re.I),
    re.compile(r"#\s*pygloss\s*:\s*ignore\[(?P<codes>[^\]]*)\]", re.I),
)
_CODE = re.compile(r"[A-Za-z]+[0-9]+")
_SECTIONS = ("What it does", "Why is this bad?")


def rule_code_at(source: Source, offset: int) -> tuple[str, int, int] | None:
    """``(code, start, end)`` of the rule code under *offset* in a suppression comment."""
    line = source.line_of(offset)
    text = source.line_text(line)
    if "#" not in text:
        return None
    line_start = source.line_starts[line]
    column = offset - line_start
    for pattern in _COMMENTS:
        for match in pattern.finditer(text):
            group_start = match.start("codes")
            for code in _CODE.finditer(match.group("codes")):
                start, end = group_start + code.start(), group_start + code.end()
                if start <= column <= end:
                    return code.group().upper(), line_start + start, line_start + end
    return None


def explain_rule_code(
    source: Source,
    offset: int,
    kb: KnowledgeBase,
    options: RenderOptions,
    python: PythonRange | None = None,
) -> Explanation | None:
    """The explanation of the pygloss rule named at *offset* in a comment, or None;
    with *python*, only the sentences that hold for those Python versions."""
    found = rule_code_at(source, offset)
    if found is None:
        return None
    code, start, end = found
    rule = get_rule(code)
    if rule is None:
        return _explain_neighbour(code, start, end, kb, options)
    topic = kb.get(rule.topic)
    if topic is None or topic.id in options.mute:
        return None
    if python is not None:
        topic = topic.for_python(python)
    parts = [f"**{escape(topic.title)}** (`{rule.name}`)", topic.summary]
    if options.verbosity == "full":
        parts.append(topic.body.strip())
    elif options.verbosity == "normal":
        sections = topic.sections()
        for heading in _SECTIONS:
            if heading in sections:
                first_paragraph = sections[heading].split("\n\n")[0]
                parts.append(f"**{heading}** {first_paragraph}")
    if rule.fix_safety is not None:
        parts.append(f"Fix ({rule.fix_safety}): {rule.fix_title}")
    parts.append(f"[Learn more]({options.learn_more(topic)})")
    markdown = "\n\n".join(p.strip() for p in parts if p.strip())
    if not options.markdown:
        markdown = to_plaintext(markdown)
    return Explanation((TopicRef(topic.id, topic.title),), markdown, start, end)


def _explain_neighbour(
    code: str, start: int, end: int, kb: KnowledgeBase, options: RenderOptions
) -> Explanation | None:
    """Another linter's code (``B006``): which pygloss rule this ``# noqa`` silences too."""
    found = neighbour(code)
    if found is None:
        return None
    other, silenced = found
    rules = [rule for rule in map(get_rule, sorted(silenced)) if rule is not None]
    topics = [t for t in (kb.get(rule.topic) for rule in rules) if t and t.id not in options.mute]
    if not topics:
        return None
    named = ", ".join(f"**{rule.code}** (`{rule.name}`)" for rule in rules)
    parts = [
        f"`{other.code}` is {_owner(other)}. pygloss reports the same pitfall as {named}, "
        "so this `# noqa` silences it too.",
        *(f"**{topic.title}**: {topic.summary}" for topic in topics),
        *(f"[Learn more]({topic.uri})" for topic in topics),
    ]
    markdown = "\n\n".join(part.strip() for part in parts)
    if not options.markdown:
        markdown = to_plaintext(markdown)
    refs = tuple(TopicRef(topic.id, topic.title) for topic in topics)
    return Explanation(refs, markdown, start, end)


def _owner(other: Neighbour) -> str:
    if other.origin == "Ruff":
        return f"Ruff's `{other.name}`"
    return f"`{other.name}` from {other.origin} (also in Ruff)"
