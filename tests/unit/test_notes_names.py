"""Qualified names from notes code: block imports, aliases, fragments, inline code."""

from __future__ import annotations

import ast

import pytest

from pygloss.engine.notes.names import (
    base_imports,
    code_names,
    fragment_names,
    inline_names,
    marker_name,
    strip_prompts,
    text_names,
)

BASE = base_imports()


def _names(code: str) -> dict[str, int]:
    return dict(code_names(ast.parse(code).body, BASE))


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        pytest.param(
            "from unittest import mock\nmock.patch('a.b')\n",
            {"unittest.mock": 1, "unittest.mock.patch": 1},
            id="from-import-module",
        ),
        pytest.param(
            "import asyncio\nasyncio.gather(a(), b())\n",
            {"asyncio": 1, "asyncio.gather": 1},
            id="import-module",
        ),
        pytest.param(
            "def test():\n    from unittest.mock import patch as p\n    p.object(X, 'y')\n",
            {"unittest.mock.patch": 1, "unittest.mock.patch.object": 1},
            id="import-inside-a-def",
        ),
        pytest.param("asyncio.create_task(job())\n", {"asyncio.create_task": 1}, id="stdlib-head"),
        pytest.param(
            "np.zeros(3)\npd.DataFrame()\n", {"numpy.zeros": 1, "pandas.DataFrame": 1}, id="aliases"
        ),
        pytest.param(
            "@mock.patch('x')\ndef t(m): pass\n", {"unittest.mock.patch": 1}, id="mock-alias"
        ),
        pytest.param("mock = make()\nmock.patch('x')\n", {}, id="assigned-name-shadows-alias"),
        pytest.param("def f(np):\n    np.zeros(1)\n", {}, id="parameter-shadows-alias"),
        pytest.param("shop.pay()\nself.x.y()\n", {}, id="unknown-heads-skipped"),
        pytest.param("sorted(xs)\n", {"builtins.sorted": 1}, id="builtin"),
        pytest.param("if __name__ == '__main__':\n    pass\n", {}, id="dunder-globals-skipped"),
        pytest.param("os.path.join(a)\nos.path.join(b)\n", {"os.path.join": 2}, id="counted"),
    ],
)
def test_code_names(code: str, expected: dict[str, int]) -> None:
    assert _names(code) == expected


def test_learned_bindings_from_other_blocks_resolve_fragments() -> None:
    base = base_imports({"patch": "unittest.mock.patch"})
    names = code_names(ast.parse("patch.dict('os.environ', {})\n").body, base)
    # the literal's type is used too (it corroborates a heading such as "Dicts")
    assert dict(names) == {"unittest.mock.patch.dict": 1, "builtins.dict": 1}


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        pytest.param(
            "arr = np.zeros((3, 3)\nframe = pd.DataFrame(arr\n",
            {"numpy.zeros": 1, "pandas.DataFrame": 1},
            id="unclosed-calls",
        ),
        pytest.param(
            "from unittest import mock\nwith mock.patch('a') as m\n",
            {"unittest.mock": 1, "unittest.mock.patch": 1},
            id="block-import-line",
        ),
        pytest.param(
            "from unittest.mock import patch\n@patch('a')\ndef t(:\n",
            {"unittest.mock.patch": 2},
            id="single-name-bound-by-import",
        ),
        pytest.param("x = 'os.path.join' # np.zeros\nif (\n", {}, id="strings-and-comments"),
        pytest.param("mock = Fake()\nmock.patch(\n", {}, id="assigned-shadows"),
        pytest.param("asyncio . gather(\n", {"asyncio.gather": 1}, id="spaced-dots"),
    ],
)
def test_fragment_names(code: str, expected: dict[str, int]) -> None:
    with pytest.raises(SyntaxError):
        ast.parse(code)
    assert dict(fragment_names(code, BASE)) == expected


@pytest.mark.parametrize(
    ("text", "single", "expected"),
    [
        pytest.param("asyncio.gather()", False, ["asyncio.gather"], id="call"),
        pytest.param("@mock.patch pitfall", False, ["unittest.mock.patch"], id="decorator-heading"),
        pytest.param("np.array and pd.Series", False, ["numpy.array", "pandas.Series"], id="two"),
        pytest.param("__init__.py", True, [], id="file-name"),
        pytest.param("mymodule.os", False, [], id="unknown-module"),
        pytest.param("sorted()", True, ["builtins.sorted"], id="single-builtin"),
        pytest.param("sorted()", False, [], id="single-needs-flag"),
        pytest.param("some_local", True, [], id="single-unknown"),
    ],
)
def test_text_names(text: str, single: bool, expected: list[str]) -> None:
    found = text_names(text, BASE, single=single)
    assert [name for name, _ in found] == expected
    assert not any(guessed for _, guessed in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("from copy import deepcopy ; b = deepcopy(a)", ["copy.deepcopy"], id="code"),
        pytest.param("asyncio.gather()", ["asyncio.gather"], id="call"),
        pytest.param("@mock.patch", ["unittest.mock.patch"], id="fragment-falls-back"),
        pytest.param("sorted()", ["builtins.sorted"], id="builtin"),
        pytest.param("__init__.py", [], id="file-name"),
        pytest.param("python -m pytest", [], id="shell"),
    ],
)
def test_inline_names(text: str, expected: list[str]) -> None:
    assert inline_names(text, BASE) == expected


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("unittest.mock.patch", "unittest.mock.patch"),
        ("mock.patch", "unittest.mock.patch"),
        ("myteam.db.session", "myteam.db.session"),
        ("asyncio.gather()", "asyncio.gather"),
        ("print", "builtins.print"),
        ("str.join", "builtins.str.join"),
        ("not a name", None),
        ("1abc", None),
    ],
)
def test_marker_names(entry: str, expected: str | None) -> None:
    assert marker_name(entry, BASE) == expected


def test_doctest_prompts_are_stripped_and_output_dropped() -> None:
    code = ">>> import json\n>>>  json.dumps(\n...     1)\n'1'\n"
    # each kept line with its line in the block; a space too many after >>> is dropped
    assert strip_prompts(code) == ("import json\njson.dumps(\n    1)\n", [0, 1, 2])
    assert strip_prompts("x = 1\n") == ("x = 1\n", [0])
