"""``pygloss rule CODE``: a rule's explanation, like ``ruff rule``."""

from __future__ import annotations

import argparse
from typing import Any

from pygloss.cli.common import UsageError


def add_parser(sub: Any) -> None:
    rule = sub.add_parser("rule", help="show a rule's explanation, like `ruff rule`")
    rule.add_argument("code", help="rule code, e.g. PG101")
    rule.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pygloss.engine.api import Engine

    engine = Engine()
    rule = engine.rule(args.code)
    if rule is None:
        raise UsageError(f"unknown rule code {args.code!r}")
    topic = engine.rule_topic(rule.code)
    print(f"{rule.code} ({rule.name})\n")
    fix = f"{rule.fix_safety} fix: {rule.fix_title}" if rule.fix_safety else "no automatic fix"
    print(f"Message: {rule.message}\nFix: {fix}\n")
    if topic is not None:
        print(topic.markdown())
    return 0
