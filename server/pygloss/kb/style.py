"""Hover-size and example-form checks on loaded topics (``pygloss kb check``).

The loader decides whether a topic is *valid* (it can be indexed); these checks
decide whether it is *fit to show in a hover*: a summary of at most two
sentences, a lead (body before the first ``##``) of about ten lines, examples of
at most twelve lines, code-block info strings that the example test
understands, and version-sensitive statements that say which Python they hold
for (:mod:`pygloss.kb.version_lint`).  Each problem names the topic file and line.
"""

from __future__ import annotations

import re

from pygloss.kb.blocks import orphan_arrows, python_blocks
from pygloss.kb.model import KbProblem, Topic
from pygloss.kb.version_lint import version_problems
from pygloss.kb.versions import parse_range

MAX_SUMMARY_SENTENCES = 2
MAX_LEAD_LINES = 12  # "readable in about ten lines": a little slack, no more
LEAD_LINE_WIDTH = 100
MAX_EXAMPLE_LINES = 12
MODES = ("run", "norun", "pytest")

_CODE_SPAN = re.compile(r"`+[^`]*`+")
_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|etc|vs|cf|approx)\.", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_SECTION = re.compile(r"^## ", re.MULTILINE)


def sentence_count(text: str) -> int:
    """Sentences in *text*, ignoring dots inside code spans and common abbreviations."""
    plain = _ABBREVIATIONS.sub("", _CODE_SPAN.sub("code", text)).strip()
    if not plain:
        return 0
    ends = len(_SENTENCE_END.findall(plain))
    return ends + (0 if _SENTENCE_END.search(plain[-1:]) else 1)


def lead_lines(lead: str) -> int:
    """Screen lines the lead takes: non-blank lines, long ones counted as wrapped."""
    return sum(-(-len(line) // LEAD_LINE_WIDTH) for line in lead.splitlines() if line.strip())


def example_lines(code: str) -> int:
    """Non-blank lines of an example."""
    return sum(1 for line in code.splitlines() if line.strip())


def style_problems(topic: Topic) -> list[KbProblem]:
    """Everything that makes *topic* too big for a hover or its examples unclear."""
    problems: list[KbProblem] = []

    def add(line: int, message: str) -> None:
        problems.append(KbProblem(topic.path, line, message))

    sentences = sentence_count(topic.summary)
    if sentences > MAX_SUMMARY_SENTENCES:
        add(
            topic.field_line("summary"),
            f"summary has {sentences} sentences (at most {MAX_SUMMARY_SENTENCES})",
        )
    size = lead_lines(topic.lead)
    if size > MAX_LEAD_LINES:
        message = f"lead before the first '##' takes {size} lines (at most {MAX_LEAD_LINES})"
        add(topic.body_line, message)
    if not topic.lead:
        add(topic.body_line, "body has no explanation before the first '##'")
    for block in python_blocks(topic.body, topic.body_line):
        if block.mode not in MODES:
            add(block.line, f"unknown python block mode {block.mode!r} (use norun: or pytest)")
            continue
        if block.mode == "norun" and not block.norun_reason:
            add(block.line, "'python norun' needs a reason: ```python norun: <why>")
        if block.python:
            try:
                parse_range(block.python)
            except ValueError as exc:
                add(block.line, f"'version:' of the example: {exc}")
        count = example_lines(block.code)
        if count > MAX_EXAMPLE_LINES:
            add(block.line, f"example has {count} lines (at most {MAX_EXAMPLE_LINES})")
        if block.mode == "norun":
            continue
        try:
            orphans = orphan_arrows(block.code)
        except (SyntaxError, ValueError) as exc:
            add(block.line, f"example does not parse: {exc}")
            continue
        for line in orphans:
            add(block.line + line, "'# -> value' comment is not at the end of a print(...) call")
    problems.extend(version_problems(topic))
    return problems
