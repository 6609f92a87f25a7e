"""Every rule's in-rule VALID / INVALID examples, and the fix properties.

For each INVALID example with a ``fixed`` source: applying the rule's fixes gives
exactly that source, which parses, no longer triggers the rule, and a second
application changes nothing.
"""

from __future__ import annotations

import ast
from dataclasses import replace

import pytest

from pygloss.engine.config import Config
from pygloss.engine.fixes import fix, fix_all
from pygloss.engine.lint import lint
from pygloss.rules import all_rules
from pygloss.rules.base import Rule
from pygloss.syntax.source import Source


def _only(rule: type[Rule]) -> Config:
    return Config(select=(rule.code,))


def _cases(kind: str) -> list[object]:
    cases = []
    for rule in all_rules():
        for i, example in enumerate(getattr(rule, kind)):
            cases.append(pytest.param(rule, example, id=f"{rule.code}-{kind.lower()}-{i}"))
    return cases


@pytest.mark.parametrize(("rule", "example"), _cases("VALID"))
def test_valid_examples_are_silent(rule: type[Rule], example: object) -> None:
    source = Source(example.code, example.path)  # type: ignore[attr-defined]
    findings = lint(source, _only(rule)).findings
    assert findings == [], f"{rule.code} flagged valid code: {findings}"


@pytest.mark.parametrize(("rule", "example"), _cases("INVALID"))
def test_invalid_examples_are_flagged_and_fixed(rule: type[Rule], example: object) -> None:
    code, fixed, path = example.code, example.fixed, example.path  # type: ignore[attr-defined]
    source = Source(code, path)
    findings = lint(source, _only(rule)).findings
    assert findings and all(f.code == rule.code for f in findings)
    severity = example.severity  # type: ignore[attr-defined]
    expected = severity or rule.severity.value
    assert [f.severity.value for f in findings] == [expected] * len(findings), findings
    if fixed is None:
        assert all(fix(source, f, path) is None for f in findings)
        return
    result = fix_all(code, _only(rule), path, unsafe=True)
    assert result.text == fixed
    ast.parse(result.text)
    assert lint(Source(result.text, path), _only(rule)).findings == []
    again = fix_all(result.text, _only(rule), path, unsafe=True)
    assert again.text == result.text and again.applied == 0


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_rule_metadata_is_complete(rule: type[Rule], engine) -> None:  # type: ignore[no-untyped-def]
    assert rule.code.startswith("PG") and rule.name and rule.message
    assert (rule.fix_title is None) == (rule.fix_safety is None)
    assert engine.kb.get(rule.topic) is not None, f"{rule.code} links to a missing topic"
    assert len(rule.VALID) >= 4 and len(rule.INVALID) >= 4


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_rule_can_be_deselected(rule: type[Rule]) -> None:
    example = rule.INVALID[0]
    config = replace(Config(), ignore=(rule.code,))
    assert lint(Source(example.code, example.path), config).findings == []


RUNTIME_ONLY = [r for r in all_rules() if not r.stubs]


def test_the_runtime_rules_are_marked() -> None:
    codes = {r.code for r in RUNTIME_ONLY}
    assert {f"PG1{n:02}" for n in range(1, 18)} - codes == {"PG113", "PG114"}
    # mocks, coroutines, routes and database calls happen only when code runs
    assert {r.code for r in all_rules() if r.code >= "PG2"} <= codes


@pytest.mark.parametrize("rule", RUNTIME_ONLY, ids=lambda r: r.code)
def test_runtime_rules_are_silent_in_stub_files(rule: type[Rule]) -> None:
    # every INVALID example again, in a stub file (.pyi): a stub never runs
    for example in rule.INVALID:
        stub = example.path.removesuffix(".py") + ".pyi"
        assert lint(Source(example.code, stub), _only(rule), stub).findings == []


def test_a_typevar_name_mismatch_is_still_reported_in_a_stub() -> None:
    code = 'from typing import TypeVar\n\nT = TypeVar("U")\n'
    found = lint(Source(code, "m.pyi"), Config(select=("PG114",)), "m.pyi").findings
    assert [f.code for f in found] == ["PG114"]
