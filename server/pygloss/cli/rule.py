"""``pygloss rule CODE``: a rule's page for a terminal, like ``ruff rule``.

The same text as ``pygloss kb show`` of the rule's topic and as the rule's page on the
site (:mod:`pygloss.pages.content`): the registry's facts, What it does, Why is this
bad?, Example, Use instead, Fix safety.
"""

from __future__ import annotations

import argparse
from typing import Any

from pygloss.cli.common import UsageError


def add_parser(sub: Any) -> None:
    rule = sub.add_parser("rule", help="show a rule's page, like `ruff rule`")
    rule.add_argument("code", help="rule code, e.g. PG101")
    rule.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pygloss.cli.kb import use_color
    from pygloss.engine.knowledge import load_knowledge, rule_topic
    from pygloss.kb.terminal import render_topic
    from pygloss.pages.content import page_markdown, terminal_link
    from pygloss.rules import get_rule

    rule = get_rule(args.code)
    if rule is None:
        raise UsageError(f"unknown rule code {args.code!r}")
    kb = load_knowledge()
    topic = rule_topic(kb, rule.code)
    if topic is None:  # a rule always has a topic (tests/unit/test_rule_topics.py)
        raise UsageError(f"{rule.code} has no topic in the knowledge base")
    print(render_topic(topic, page_markdown(topic, kb, terminal_link), use_color()), end="")
    return 0
