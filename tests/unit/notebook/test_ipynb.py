"""Reading .ipynb files, and writing changed cell sources back without changing any other
character of the file."""

from __future__ import annotations

import json

import pytest

from pygloss.engine.notebook.ipynb import NotebookError, read_ipynb, rewrite_ipynb


def _notebook(*cells: dict[str, object], **metadata: object) -> dict[str, object]:
    return {"cells": list(cells), "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}


def _code(source: object, **extra: object) -> dict[str, object]:
    return {
        "cell_type": "code",
        "execution_count": 7,
        "id": "a1",
        "metadata": {"tags": ["x"]},
        "outputs": [{"output_type": "stream", "name": "stdout", "text": ["hi\n"]}],
        "source": source,
        **extra,
    }


def test_cells_are_read_with_their_kind_and_joined_source() -> None:
    raw = json.dumps(
        _notebook(
            {"cell_type": "markdown", "metadata": {}, "source": ["# Title\n", "text"]},
            _code(["import os\n", "x = 1"]),
            _code("y = 2\n"),
            {"cell_type": "raw", "metadata": {}, "source": "raw"},
            kernelspec={"language": "python", "name": "python3"},
        ),
        indent=1,
    )
    notebook = read_ipynb(raw)
    assert [(c.kind, c.text) for c in notebook.cells] == [
        ("markdown", "# Title\ntext"),
        ("code", "import os\nx = 1"),
        ("code", "y = 2\n"),
        ("raw", "raw"),
    ]
    assert sorted(notebook.spans) == [1, 2]
    assert notebook.skip is None and notebook.notes == []


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ('{"cells": [', "not valid JSON (line 1, column 12"),
        ("[1, 2]", "not a notebook: the JSON is not an object"),
        ('{"nbformat": 4}', "not a notebook: no `cells` list"),
        ('{"nbformat": 3, "worksheets": []}', "nbformat 3 is not supported"),
        ('{"nbformat": 5, "cells": []}', "nbformat 5 is not a version pygloss reads"),
        ("", "not valid JSON (line 1, column 1"),
        ("[" * 100_000, "not"),
    ],
)
def test_bad_files_are_refused_with_a_message(raw: str, message: str) -> None:
    with pytest.raises(NotebookError, match="^" + message.replace("(", r"\(")):
        read_ipynb(raw)


@pytest.mark.parametrize(
    ("metadata", "skip"),
    [
        ({"kernelspec": {"language": "R", "name": "ir"}}, "a R notebook"),
        ({"language_info": {"name": "julia"}}, "a julia notebook"),
        ({"language_info": {"name": "python", "version": "3.12"}}, None),
        ({}, None),
    ],
)
def test_non_python_kernels_are_skipped(metadata: dict[str, object], skip: str | None) -> None:
    notebook = read_ipynb(json.dumps(_notebook(_code("x <- 1"), **metadata)))
    assert (notebook.skip or "").startswith(skip or "")
    assert bool(notebook.skip) is bool(skip)


def test_broken_cells_are_skipped_with_a_note() -> None:
    raw = json.dumps(
        _notebook({"metadata": {}, "source": "x"}, _code(3), _code([1, 2]), "text", _code("ok"))
    )
    notebook = read_ipynb(raw)
    assert notebook.notes == [
        "cell 1 has no `cell_type`; skipped",
        "cell 2: `source` is neither a string nor a list of strings; skipped",
        "cell 3: `source` is neither a string nor a list of strings; skipped",
        "cell 4 is not a JSON object; skipped",
    ]
    assert [c.kind for c in notebook.cells] == ["invalid"] * 4 + ["code"]


def _changed_lines(old: str, new: str) -> list[tuple[str, str]]:
    old_lines, new_lines = old.splitlines(), new.splitlines()
    assert len(old_lines) <= len(new_lines) + 5
    return [(a, b) for a, b in zip(old_lines, new_lines, strict=False) if a != b]


@pytest.mark.parametrize("indent", [1, 2, 4, None])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_rewriting_changes_only_the_source_of_the_changed_cells(
    indent: int | None, newline: str
) -> None:
    data = _notebook(
        _code(["import os\n", "def f(a=[]):\n", "    return a"]),
        _code(["x = 1 is 1\n"]),
        _code("s = 'é' is 'é'\n"),
        kernelspec={"name": "python3"},
    )
    raw = json.dumps(data, indent=indent, ensure_ascii=False).replace("\n", newline) + newline
    notebook = read_ipynb(raw)
    assert rewrite_ipynb(notebook, {0: notebook.cells[0].text}) == raw  # nothing changed
    new = rewrite_ipynb(
        notebook,
        {0: "import os\ndef f(a=None):\n    return a", 2: "s = 'é' == 'é'\n"},
    )
    expected = json.loads(raw)
    expected["cells"][0]["source"] = ["import os\n", "def f(a=None):\n", "    return a"]
    expected["cells"][2]["source"] = "s = 'é' == 'é'\n"
    assert json.loads(new) == expected
    if indent is None:
        assert new == json.dumps(expected, ensure_ascii=False).replace("\n", newline) + newline
    else:
        assert _changed_lines(raw, new) == [
            (
                " " * (4 * indent) + '"def f(a=[]):\\n",',
                " " * (4 * indent) + '"def f(a=None):\\n",',
            ),
            (
                " " * (3 * indent) + "\"source\": \"s = 'é' is 'é'\\n\"",
                " " * (3 * indent) + "\"source\": \"s = 'é' == 'é'\\n\"",
            ),
        ]


def test_unchanged_lines_keep_their_spelling_and_new_ones_follow_the_file() -> None:
    raw = (
        '{"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], '
        '"execution_count": null, "source": ["s = \\"\\u00e9\\"\\n", "x = 1 is 1\\n", '
        '"y = \\/2"]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 2}'
    )
    notebook = read_ipynb(raw)
    new = rewrite_ipynb(notebook, {0: 's = "é"\nx = 1 == 1\ny = /2\nz = "ü"\n'})
    assert new == raw.replace(
        '"x = 1 is 1\\n", "y = \\/2"]',
        '"x = 1 == 1\\n", "y = /2\\n", "z = \\"\\u00fc\\"\\n"]',
    )


def test_an_empty_source_list_gets_nbformat_layout() -> None:
    raw = json.dumps(_notebook(_code([])), indent=1) + "\n"
    notebook = read_ipynb(raw)
    new = rewrite_ipynb(notebook, {0: "a\nb"})
    assert '   "source": [\n    "a\\n",\n    "b"\n   ]' in new


def test_nan_and_other_non_standard_values_survive() -> None:
    raw = '{"cells": [{"cell_type": "code", "source": "x = 1 is 1\\n", "n": NaN}], "x": -Infinity}'
    new = rewrite_ipynb(read_ipynb(raw), {0: "x = 1 == 1\n"})
    assert new == raw.replace("is", "==")


def test_a_rewrite_that_would_not_read_back_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from pygloss.engine.notebook import ipynb

    notebook = read_ipynb(json.dumps(_notebook(_code("x = 1 is 1\n"))))
    monkeypatch.setattr(ipynb, "_value", lambda *args: '"x = 2"')  # a bug in the writer
    with pytest.raises(NotebookError, match="would not read back"):
        rewrite_ipynb(notebook, {0: "x = 1 == 1\n"})
    monkeypatch.setattr(ipynb, "_value", lambda *args: '"x = 1 == 1\n')  # broken JSON
    with pytest.raises(NotebookError, match="not valid JSON"):
        rewrite_ipynb(notebook, {0: "x = 1 == 1\n"})


def test_duplicate_keys_follow_json_loads() -> None:
    raw = '{"cells": [{"cell_type": "code", "source": "a", "source": "b"}], "nbformat": 4}'
    notebook = read_ipynb(raw)
    assert notebook.cells[0].text == "b"
    new = rewrite_ipynb(notebook, {0: "c"})
    assert new == raw.replace('"source": "b"', '"source": "c"')
