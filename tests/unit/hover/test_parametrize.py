"""``@pytest.mark.parametrize`` says what it does (issue #21, case 9): the number of
tests and the first test's id, checked here against pytest's own collection."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from pygloss.engine.explain import explain
from pygloss.syntax.source import Source
from tests.unit.hover.kb import hover_kb

CASES = {
    "numbers": ('("value", "expected")', "[(1, 2), (2, 3), (3, 4)]"),
    "one-name": ('"word"', '["alpha", "b c", "x"]'),
    "mixed": ('"a, b"', "[(1.5, None), (True, 'x')]"),
    "empty-string": ('"s"', '["", "a"]'),
}


def context(text: str) -> str:
    found = explain(Source(text, "/p/tests/test_p.py"), text.index("@pytest"), hover_kb())
    assert found is not None and found.topics[0].id == "pytest-parametrize"
    return "\n".join(found.context)


@pytest.mark.parametrize("case", CASES)
def test_the_count_and_first_id_are_pytests(case: str, tmp_path: Path) -> None:
    names, values = CASES[case]
    spelled = ast.literal_eval(names)
    params = ", ".join(spelled if isinstance(spelled, tuple) else spelled.split(","))
    text = (
        f"import pytest\n\n\n@pytest.mark.parametrize({names}, {values})\n"
        f"def test_it({params}):\n    pass\n"
    )
    said = context(text)
    (tmp_path / "test_it.py").write_text(text)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         str(tmp_path / "test_it.py")],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    collected = [line.split("::", 1)[1] for line in done.stdout.splitlines() if "::" in line]
    assert f"Runs `test_it` once per case: {len(collected)} cases" in said
    if "(the first is" in said:
        assert f"(the first is `{collected[0]}`)" in said


def test_stacked_decorators_multiply() -> None:
    text = (
        "import pytest\n\n\n@pytest.mark.parametrize('x', [1, 2, 3])\n"
        "@pytest.mark.parametrize('y', [1, 2])\ndef test_it(x, y):\n    pass\n"
    )
    assert "pytest runs every combination: 6 tests." in context(text)
