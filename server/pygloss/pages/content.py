"""What a topic's page says, as Markdown: the one source of the site's pages and of
``pygloss kb show`` / ``pygloss rule`` in a terminal.

A page is the title, the summary, for a rule the facts from the registry (what it
reports, severity, whether it is on, its fix and what that fix's safety means, how to
silence it), the topic's body (explanation, examples with their stated output, the
rule headings What it does / Why is this bad? / Example / Use instead / Fix safety),
then the rules it explains, "See also" and the documentation links.  Links to other
topics are made by the caller (*link*): relative page URLs on the site, the topic id
in a terminal.
"""

from __future__ import annotations

from collections.abc import Callable

from pygloss.kb.index import KnowledgeBase
from pygloss.kb.model import Topic
from pygloss.rules import get_rule
from pygloss.rules.base import FixSafety, Rule

Link = Callable[[Topic], str]
"""Markdown for a reference to another topic (a link, or its title and id)."""

SAFETY = {
    FixSafety.SAFE: (
        "safe: it keeps what the code does. `pygloss check --fix` applies it, and so "
        "does the editor's fix-all (`source.fixAll.pygloss`)"
    ),
    FixSafety.UNSAFE: (
        "unsafe: it can change what the code does (the section Fix safety says how), so "
        "it is only offered, its title ending in (unsafe: may change what the code does): "
        "read the change before you keep it. "
        "`pygloss check --fix` skips it unless you add `--unsafe-fixes`"
    ),
}
NO_FIX = "none: pygloss does not rewrite this code; the page says what to do instead"


def rule_for(topic: Topic) -> type[Rule] | None:
    """The rule whose page *topic* is (a topic of the ``rules`` area naming one rule)."""
    if topic.area != "rules" or len(topic.rules) != 1:
        return None
    rule = get_rule(topic.rules[0])
    return rule if rule is not None and rule.topic == topic.id else None


def rule_facts(rule: type[Rule]) -> str:
    """The registry's facts about *rule* as a Markdown list."""
    if rule.fix_safety is None or not rule.fix_title:
        fix = NO_FIX
    else:
        fix = f"{rule.fix_title} — {SAFETY[rule.fix_safety]}"
        if rule.fix_kind.value != "quickfix":
            fix += " (offered as a refactoring, never applied on save)"
    enabled = (
        "on by default"
        if rule.default_enabled
        else f'off by default: turn it on with `extend-select = ["{rule.code}"]`'
    )
    return "\n".join(
        [
            f"- **Code:** `{rule.code}` (`{rule.name}`)",
            f"- **Reports:** {rule.message}",
            f"- **Severity:** {rule.severity} by default, {enabled}",
            f"- **Fix:** {fix}",
            f"- **Silence one line:** `# pygloss: ignore[{rule.code}]` (or `# noqa: {rule.code}`)",
        ]
    )


def page_markdown(topic: Topic, kb: KnowledgeBase, link: Link) -> str:
    """The whole page of *topic* as Markdown (a ``#`` title, then ``##`` sections)."""
    parts = [f"# {topic.title}", topic.summary.strip()]
    rule = rule_for(topic)
    if rule is not None:
        parts.append(rule_facts(rule))
    if topic.body.strip():
        parts.append(topic.body.strip())
    explained = [t for code in topic.rules if (t := _rule_topic(kb, code)) and t.id != topic.id]
    if explained:
        parts.append("## Rules\n\n" + "\n".join(f"- {link(t)}" for t in explained))
    see = [t for i in topic.see_also if (t := kb.get(i)) is not None]
    if see:
        parts.append("## See also\n\n" + "\n".join(f"- {link(t)}" for t in see))
    if topic.docs:
        parts.append("## Documentation\n\n" + "\n".join(f"- <{url}>" for url in topic.docs))
    if topic.names:
        names = ", ".join(f"`{name}`" for name in topic.names)
        parts.append(f"## Names\n\nHovering these names shows this topic: {names}.")
    return "\n\n".join(parts) + "\n"


def _rule_topic(kb: KnowledgeBase, code: str) -> Topic | None:
    rule = get_rule(code)
    return kb.get(rule.topic) if rule is not None else None


def terminal_link(topic: Topic) -> str:
    """A reference for a terminal: the title and the command that shows the topic."""
    return f"{topic.title} (`pygloss kb show {topic.id}`)"
