"""Properties of every fix, over every rule's INVALID examples and variations of them.

For any text built from INVALID examples (alone, two of them together, with CRLF line
breaks, after a docstring and comments), applying all fixes (unsafe ones included):

- gives text that still compiles;
- leaves only findings whose rule offers no fix for them;
- is idempotent: a second application changes nothing.

And each single fix, applied alone, removes its own finding.
"""

from __future__ import annotations

import ast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pygloss.engine.config import Config
from pygloss.engine.fixes import apply_edits, fix, fix_all
from pygloss.engine.lint import lint
from pygloss.rules import all_rules
from pygloss.syntax.source import Source

EXAMPLES = [(rule.code, example) for rule in all_rules() for example in rule.INVALID]
EVERYTHING = Config(select=("ALL",))


def _check_fix_all(text: str, path: str) -> None:
    result = fix_all(text, EVERYTHING, path, unsafe=True)
    compile(result.text, path, "exec")
    fixed = Source(result.text, path)
    remaining = lint(fixed, EVERYTHING, path)
    for finding in remaining.findings:
        assert fix(fixed, finding, path, remaining.context) is None, (finding, result.text)
    again = fix_all(result.text, EVERYTHING, path, unsafe=True)
    assert again.text == result.text and again.applied == 0


@pytest.mark.parametrize(
    ("code", "example"), EXAMPLES, ids=[f"{c}-{i}" for i, (c, _) in enumerate(EXAMPLES)]
)
def test_each_single_fix_removes_its_finding(code: str, example: object) -> None:
    text, path = example.code, example.path  # type: ignore[attr-defined]
    source = Source(text, path)
    result = lint(source, Config(select=(code,)), path)
    for finding in result.findings:
        found = fix(source, finding, path, result.context)
        if found is None:
            continue
        new_text = apply_edits(text, found.edits)
        ast.parse(new_text)
        after = lint(Source(new_text, path), Config(select=(code,)), path).findings
        assert len(after) < len(result.findings), (finding, new_text)


def _variant(draw: st.DrawFn) -> tuple[str, str]:
    first = draw(st.sampled_from(EXAMPLES))[1]
    parts = [first.code]  # type: ignore[attr-defined]
    path = first.path  # type: ignore[attr-defined]
    if draw(st.booleans()):
        second = draw(st.sampled_from(EXAMPLES))[1]
        parts.append(second.code)  # type: ignore[attr-defined]
    text = "\n\n".join(parts)
    if draw(st.booleans()):
        text = '"""A module."""\n# a comment\n\n' + text
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text, path


variants = st.composite(_variant)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(variants())
def test_fix_all_compiles_leaves_only_unfixable_findings_and_is_idempotent(
    variant: tuple[str, str],
) -> None:
    text, path = variant
    _check_fix_all(text, path)


@pytest.mark.parametrize(
    ("code", "example"), EXAMPLES, ids=[f"{c}-{i}" for i, (c, _) in enumerate(EXAMPLES)]
)
def test_fix_all_on_every_example(code: str, example: object) -> None:
    _check_fix_all(example.code, example.path)  # type: ignore[attr-defined]
