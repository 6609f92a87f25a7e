"""Each rule's knowledge topic: the headings users know from Ruff, an Example that
triggers the rule and a "Use instead" that does not (STYLE.md §11)."""

from __future__ import annotations

import re

import pytest

from pygloss.engine.config import Config
from pygloss.engine.lint import lint
from pygloss.rules import all_rules
from pygloss.rules.base import Rule
from pygloss.syntax.source import Source

HEADINGS = ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety")
_BLOCK = re.compile(r"```python[^\n]*\n(.*?)```", re.S)


def _blocks(text: str | None) -> list[str]:
    return _BLOCK.findall(text or "")


def _codes(rule: type[Rule], code: str) -> list[str]:
    # the path of the rule's own examples: some rules look only at test files
    source = Source(code, rule.INVALID[0].path if rule.INVALID else "example.py")
    return [f.code for f in lint(source, Config(select=(rule.code,))).findings]


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_rule_topic_has_the_sections(rule: type[Rule], engine) -> None:  # type: ignore[no-untyped-def]
    topic = engine.kb.get(rule.topic)
    assert topic is not None and rule.code in topic.rules
    assert [h for h in HEADINGS if topic.section(h) is None] == []


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_example_triggers_and_use_instead_does_not(rule: type[Rule], engine) -> None:  # type: ignore[no-untyped-def]
    topic = engine.kb.get(rule.topic)
    examples, instead = _blocks(topic.section("Example")), _blocks(topic.section("Use instead"))
    assert examples and instead
    for code in examples:
        assert rule.code in _codes(rule, code), code
    for code in instead:
        assert _codes(rule, code) == [], code
