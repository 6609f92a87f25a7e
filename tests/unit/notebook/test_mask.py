"""IPython syntax in a cell is masked character for character, where IPython sees it,
and only there (strings, comments, brackets and docstrings stay as they are)."""

from __future__ import annotations

import ast

import pytest

from pygloss.engine.notebook.mask import Masked, cell_magic, mask_cell


def _masked_text(text: str) -> list[str]:
    """The stretches of *text* that were masked."""
    found = mask_cell(text)
    return [text[start:end] for start, end in found.spans]


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        pytest.param("%matplotlib inline\nimport os\n", ["%matplotlib inline"], id="line-magic"),
        pytest.param("!pip install numpy\n", ["!pip install numpy"], id="shell"),
        pytest.param("!!ls\n", ["!!ls"], id="shell-capture"),
        pytest.param("files = !ls *.csv\n", ["!ls *.csv"], id="assign-shell"),
        pytest.param("t = %timeit -o f()\n", ["%timeit -o f()"], id="assign-magic"),
        pytest.param("df.head?\n", ["df.head?"], id="help-after"),
        pytest.param("np.array??\n", ["np.array??"], id="help-source"),
        pytest.param("?len\n", ["?len"], id="help-before"),
        pytest.param("%timeit?\n", ["%timeit?"], id="magic-help"),
        pytest.param("/print 1 2\n", ["/print 1 2"], id="autocall-paren"),
        pytest.param(",print a b\n", [",print a b"], id="autocall-quote"),
        pytest.param(";print a b\n", [";print a b"], id="autocall-whole"),
        pytest.param("for i in x:\n    !echo {i}\n", ["!echo {i}"], id="indented"),
        pytest.param("!echo a \\\n  b\nx = 1\n", ["!echo a \\\n  b"], id="continued"),
        pytest.param("!echo it's '''\nx = 1\n", ["!echo it's '''"], id="quotes-in-shell"),
        pytest.param("%%time\nx = 1\n%time y\n", ["%%time", "%time y"], id="cell-magic-python"),
        pytest.param("\n\n%%capture out\nx = 1\n", ["%%capture out"], id="cell-magic-late"),
    ],
)
def test_masked_where_ipython_sees_it(text: str, masked: list[str]) -> None:
    assert _masked_text(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("s = 'what?'\n", id="question-in-string"),
        pytest.param("x = 1  # why?\n", id="question-in-comment"),
        pytest.param('"""doc\n!not a command\nwhy?\n%not magic\n"""\n', id="docstring"),
        pytest.param("f(a,\n  %x)\n", id="inside-brackets"),
        pytest.param("x != !y\n", id="not-an-assignment"),
        pytest.param("x == %y\n", id="comparison"),
        pytest.param("d = {'a': 1}\nx %= 3\n", id="operators"),
        pytest.param("print(f'{x!r}')\n", id="fstring-conversion"),
        pytest.param("y = 5 % 3\nz = a if b else c\n", id="modulo"),
    ],
)
def test_python_is_left_alone(text: str) -> None:
    assert mask_cell(text) == Masked(text, ())


@pytest.mark.parametrize(
    "text",
    [
        "%matplotlib inline\r\nimport os\r\n",
        "for i in x:\r\n    !echo {i}\r\n    y = i\r\n",
        "x = !ls\rz = 1\r",
        "%time f('é🎉')\nprint('é🎉')?\n",
        "%%timeit -n 3\nx = [1] * 10\n",
        "if x:\n    df.head?\nelse:\n    %who\n",
    ],
)
def test_masked_text_parses_with_the_same_length_and_lines(text: str) -> None:
    found = mask_cell(text)
    assert len(found.text) == len(text)
    assert [i for i, c in enumerate(found.text) if c in "\r\n"] == [
        i for i, c in enumerate(text) if c in "\r\n"
    ]
    ast.parse(found.text)
    for start, end in found.spans:  # outside the spans, nothing changed
        text = text[:start] + found.text[start:end] + text[end:]
    assert text == found.text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("%%bash\necho hi\n", "bash"),
        ("%%sql\nSELECT 1\n", "sql"),
        ("%%html\n<b>x</b>\n", "html"),
        ("\n%%writefile a.py\nprint(1)\n", "writefile"),
        ("%%cython\ncdef int x\n", "cython"),
    ],
)
def test_non_python_cell_magics_skip_the_cell(text: str, name: str) -> None:
    assert cell_magic(text) == name
    assert mask_cell(text) == Masked("", (), f"%%{name}")


def test_a_cell_magic_counts_only_on_the_first_line() -> None:
    assert cell_magic("x = 1\n%%bash\n") is None
    assert mask_cell("x = 1\n%%bash\n").skipped is None


@pytest.mark.parametrize(
    ("start", "end", "new_text", "touches"),
    [
        (0, 3, None, True),  # overlaps the mask
        (19, 25, None, False),  # the next line
        (5, 5, "x", True),  # inserted inside
        (0, 0, "import os\n", False),  # a whole line inserted before it
        (0, 0, "x", True),  # glued to the magic's start
        (18, 18, "\nimport os", False),  # a line added after it
        (18, 18, " -v", True),  # glued to its end: an argument of the magic
    ],
)
def test_edits_touch_a_mask_only_when_they_would_change_it(
    start: int, end: int, new_text: str | None, touches: bool
) -> None:
    found = mask_cell("%matplotlib inline\nimport os\n")
    assert found.touches(start, end, new_text) is touches
