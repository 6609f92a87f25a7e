"""pytest's fixtures known by name in test files (issue #21, case 8): an unannotated
``mocker`` or ``monkeypatch`` parameter is the fixture pytest passes, so
``mocker.patch(...)``, ``mocker.patch.dict(...)`` and ``monkeypatch.setattr`` are
explained, with the patch target's context; outside test files the name means
nothing."""

from __future__ import annotations

import pytest

from pygloss.engine.explain import explain
from pygloss.syntax.source import Source
from tests.unit.hover.kb import hover_kb

TEST = """\
def test_env(mocker, monkeypatch):
    getcwd = mocker.patch("os.getcwd", return_value="/srv")
    mocker.patch.dict("os.environ", {"MODE": "test"})
    monkeypatch.setattr("os.sep", "/")
    assert getcwd() == "/srv"
"""


def hover(text: str, needle: str, path: str, nth: int = 0):  # type: ignore[no-untyped-def]
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    return explain(Source(text, path), offset, hover_kb())


@pytest.mark.parametrize(
    ("needle", "topic", "phrase"),
    [
        pytest.param("patch(", "pytest-mock", "", id="mocker-patch"),
        pytest.param('"os.getcwd"', "pytest-mock", "Replaces `getcwd` in module `os` while",
                     id="mocker-target"),
        pytest.param("dict(", "mock-patch-dict", "", id="mocker-patch-dict"),
        pytest.param("setattr", "pytest-monkeypatch", "", id="monkeypatch-setattr"),
    ],
)  # fmt: skip
def test_in_a_test_file(needle: str, topic: str, phrase: str) -> None:
    found = hover(TEST, needle, "/project/tests/test_env.py")
    assert found is not None and found.topics[0].id == topic
    assert phrase in "\n".join(found.context)


@pytest.mark.parametrize("needle", ["patch(", "dict(", "setattr"])
def test_not_outside_test_files(needle: str) -> None:
    assert hover(TEST, needle, "/project/app/env.py") is None


def test_an_annotated_parameter_keeps_its_annotation() -> None:
    text = "def test_x(mocker: int):\n    mocker.patch('os.getcwd')\n"
    assert hover(text, "patch(", "/project/tests/test_x.py") is None
