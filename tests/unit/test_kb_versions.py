"""Python versions in the knowledge base: ranges, leading version clauses, picking the
statements that hold for a project's Python, and the version-marker lint."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from pygloss.engine.api import Engine
from pygloss.engine.python_target import project_python
from pygloss.kb.blocks import python_blocks
from pygloss.kb.loader import load_topics
from pygloss.kb.model import Topic
from pygloss.kb.runner import skip_reason
from pygloss.kb.version_lint import OLDEST, version_problems
from pygloss.kb.versions import (
    PythonRange,
    interpreter_range,
    leading_range,
    parse_range,
    pick,
    sentences,
)
from pygloss.syntax.source import Source
from tests.conftest import ROOT

V311, V312, V3123, V313, V314 = (3, 11, 0), (3, 12, 0), (3, 12, 3), (3, 13, 0), (3, 14, 0)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        pytest.param(">=3.12", PythonRange(V312, None), id="at-least"),
        pytest.param("<3.12", PythonRange(None, V312), id="below"),
        pytest.param(">=3.11, <3.14", PythonRange(V311, V314), id="both"),
        pytest.param(">=3.12.3", PythonRange(V3123, None), id="micro"),
        pytest.param("<=3.13", PythonRange(None, V314), id="at-most"),
        pytest.param(">3.11", PythonRange((3, 12, 0), None), id="above"),
        pytest.param("==3.11.*", PythonRange(V311, V312), id="one-minor"),
        pytest.param("~=3.12", PythonRange(V312, (4, 0, 0)), id="compatible"),
        pytest.param(">=3.11,!=3.12.0", PythonRange(V311, None), id="not-equal-ignored"),
    ],
)
def test_parse_range(spec: str, expected: PythonRange) -> None:
    assert parse_range(spec) == expected


@pytest.mark.parametrize("spec", ["", "3.12", "^3.11", ">=three", ">=3.11,", "~=3"])
def test_parse_range_rejects(spec: str) -> None:
    with pytest.raises(ValueError):
        parse_range(spec)


def test_overlaps() -> None:
    project = parse_range(">=3.11")
    assert parse_range("<3.12").overlaps(project) and parse_range(">=3.12").overlaps(project)
    assert not parse_range("<3.12").overlaps(parse_range(">=3.12"))
    assert not parse_range(">=3.14").overlaps(parse_range(">=3.11,<3.14"))
    assert interpreter_range((3, 12, 2)) == PythonRange((3, 12, 2), (3, 12, 3))
    assert not parse_range(">=3.12.3").overlaps(interpreter_range((3, 12, 2)))


@pytest.mark.parametrize(
    ("sentence", "spec"),
    [
        pytest.param("Since Python 3.12, it raises.", ">=3.12", id="since"),
        pytest.param("Since 3.12 (PEP 701) quotes may nest.", ">=3.12", id="since-bare"),
        pytest.param("From 3.14 it raises RuntimeError.", ">=3.14", id="from"),
        pytest.param("On Python 3.12+ write def f[T].", ">=3.12", id="on-plus"),
        pytest.param("On 3.12 and later it warns.", ">=3.12", id="and-later"),
        pytest.param("Before Python 3.12.3, wraps= did not forward.", "<3.12.3", id="before"),
        pytest.param("Up to Python 3.13 they are evaluated.", "<=3.13", id="up-to"),
        pytest.param("On Python 3.11, it checks nothing.", "==3.11", id="on"),
        pytest.param("**On 3.11 and older** it passes.", "<=3.11", id="and-older"),
    ],
)
def test_leading_range(sentence: str, spec: str) -> None:
    assert leading_range(sentence) == parse_range(spec)


@pytest.mark.parametrize(
    "sentence",
    [
        "The lock was removed since 3.12 was too slow.",  # not at the start
        "Python 3.12 declares type parameters in brackets.",  # states a fact for all
        "In 3.12 the PEP was accepted.",
        "Since the call returns, nothing happens.",
        "On Linux it forks.",
    ],
)
def test_no_leading_range(sentence: str) -> None:
    assert leading_range(sentence) is None


def test_sentences_ignore_code_and_abbreviations() -> None:
    text = "Call `a.b()`. It works, e.g. Here. Since 3.12 it warns. `x.y` ends it."
    assert sentences(text) == [
        "Call `a.b()`.",
        "It works, e.g. Here.",
        "Since 3.12 it warns.",
        "`x.y` ends it.",
    ]


SUMMARY = (
    "A mock answers any attribute. On Python 3.11, it checks nothing. Since Python 3.12, it raises."
)
BODY = """Lead sentence. Before 3.12, the old way.

```python version: <3.12
print("old")
```

```python version: >=3.12
print("new")
```

```python
print("always")
```
"""


def test_pick_keeps_what_holds_for_the_project() -> None:
    assert pick(SUMMARY, parse_range(">=3.11")) == SUMMARY
    assert (
        pick(SUMMARY, parse_range(">=3.12"))
        == "A mock answers any attribute. Since Python 3.12, it raises."
    )
    assert pick(SUMMARY, interpreter_range((3, 11, 7))) == (
        "A mock answers any attribute. On Python 3.11, it checks nothing."
    )
    picked = pick(BODY, parse_range(">=3.13"))
    assert picked.startswith("Lead sentence.\n\n```python version: >=3.12")
    assert 'print("old")' not in picked and 'print("always")' in picked
    assert pick(BODY, parse_range(">=3.11")) == BODY.strip("\n")


def _topic(tmp_path: Path, front: str, body: str) -> tuple[Topic | None, list[str]]:
    path = tmp_path / "t.md"
    path.write_text(f'+++\nid = "t"\ntitle = "T"\n{front}\n+++\n{body}', encoding="utf-8")
    result = load_topics([tmp_path])
    return (result.topics[0] if result.topics else None), [p.message for p in result.problems]


def test_topic_python_field(tmp_path: Path) -> None:
    topic, problems = _topic(tmp_path, 'summary = "S."\npython = "<3.12"', "Lead.\n")
    assert problems == [] and topic is not None and topic.python == "<3.12"
    assert topic.fits(parse_range(">=3.11")) and not topic.fits(parse_range(">=3.12"))
    topic, problems = _topic(tmp_path, 'summary = "S."\npython = "3.12+"', "Lead.\n")
    assert topic is None and problems == ["field 'python': not a Python version specifier: '3.12+'"]


def test_topic_for_python(tmp_path: Path) -> None:
    topic, _ = _topic(tmp_path, f'summary = "{SUMMARY}"', BODY)
    assert topic is not None
    assert topic.for_python(parse_range(">=3.11")) is topic
    newer = topic.for_python(parse_range(">=3.12"))
    assert newer.summary == "A mock answers any attribute. Since Python 3.12, it raises."
    assert "the old way" not in newer.body and 'print("old")' not in newer.body


def test_block_version_option_and_skip(tmp_path: Path) -> None:
    topic, _ = _topic(tmp_path, 'summary = "S."', BODY)
    assert topic is not None
    old, new, always = python_blocks(topic.body, topic.body_line)
    assert (old.mode, old.python, new.python, always.python) == ("run", "<3.12", ">=3.12", "")
    here = interpreter_range()
    for block in (old, new):
        fits = parse_range(block.python).overlaps(here)
        assert (skip_reason(topic, block) is None) == fits
    assert skip_reason(topic, always) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param(
            "Since 3.12 it warns.", "mentions Python 3.12 but links no What's New", id="no-link"
        ),
        pytest.param(
            "Since 3.12 it warns ([What's New](https://docs.python.org/3/whatsnew/3.12.html)).",
            None,
            id="linked",
        ),
        pytest.param("It works on 3.11+.", None, id="oldest-needs-no-link"),
        pytest.param(
            "All names must be imported, since annotations are evaluated.",
            "annotation",
            id="annotations",
        ),
        pytest.param(
            "On 3.11 annotations are evaluated at once.", None, id="annotations-versioned"
        ),
        pytest.param(
            "`m.called_once_with(1)` runs and checks nothing.",
            "AttributeError since 3.12",
            id="mock",
        ),
        pytest.param("With autospec, `wraps=` does not forward.", "wraps=", id="wraps"),
        pytest.param("The old name is deprecated.", "deprecations", id="deprecated"),
        pytest.param("The old name is deprecated since 3.3.", None, id="deprecated-versioned"),
        pytest.param("The v1 names are deprecated.", None, id="library-version"),
        pytest.param("`pytest.warns(DeprecationWarning)` checks a warning.", None, id="class-name"),
        pytest.param("It produces items lazily.", None, id="lazily-is-not-annotations"),
    ],
)
def test_version_lint(tmp_path: Path, text: str, found: str | None) -> None:
    topic, _ = _topic(tmp_path, 'summary = "S."', text + "\n")
    assert topic is not None
    messages = [p.message for p in version_problems(topic)]
    if found is None:
        assert messages == []
    else:
        assert len(messages) == 1 and found in messages[0], messages


def test_python_field_exempts_from_the_lint(tmp_path: Path) -> None:
    topic, _ = _topic(
        tmp_path, 'summary = "S."\npython = "<3.12"', "It checks nothing: `called_with` passes.\n"
    )
    assert topic is not None and version_problems(topic) == []


def test_oldest_is_the_packages_requires_python() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert parse_range(project["requires-python"]).low == (*OLDEST, 0)


def test_project_python(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    assert project_python(str(tmp_path / "pkg" / "m.py")) in (
        interpreter_range(),
        parse_range(">=3.11"),
    )
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nrequires-python = ">=3.12"\n')
    assert project_python(str(tmp_path / "pkg" / "m.py")) == parse_range(">=3.12")
    (tmp_path / "pkg" / "pyproject.toml").write_text("[tool.ruff]\nline-length = 90\n")
    assert project_python(str(tmp_path / "pkg" / "m.py")) == interpreter_range()  # nearest has none
    (tmp_path / "pkg" / "pyproject.toml").write_text('[project]\nrequires-python = "^3.11"\n')
    assert project_python(str(tmp_path / "pkg" / "m.py")) == interpreter_range()  # unreadable spec
    assert project_python(None) == interpreter_range()


NOQA = "from unittest import mock\nm = mock.Mock()\nm.called_once_with(1)  # noqa: PG204\n"
OLD_SENTENCE = "On Python 3.11, `m.called_once_with(1)` is a call of a child mock"


@pytest.mark.parametrize(
    ("requires", "shows_old"),
    [
        pytest.param(">=3.11", True, id="both-versions"),
        pytest.param(">=3.12", False, id="newer-only"),
        pytest.param("<3.12", True, id="older-only"),
    ],
)
def test_rule_hover_states_what_holds_for_the_projects_python(
    engine: Engine, tmp_path: Path, requires: str, shows_old: bool
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        f'[project]\nname = "x"\nrequires-python = "{requires}"\n'
    )
    path = tmp_path / "test_it.py"
    explanation = engine.explain(Source(NOQA, str(path)), NOQA.index("PG204"))
    assert explanation is not None
    assert (OLD_SENTENCE in explanation.markdown) is shows_old
    assert "and so do real assertion names without their `assert_` prefix" in explanation.markdown


WRAPS = "import functools\n\n\n@functools.wraps(f)\ndef g(): ...\n"


@pytest.mark.parametrize(
    ("target", "shown"),
    [
        pytest.param(">=3.11", "wraps-new", id="both: the first loaded"),
        pytest.param(">=3.12", "wraps-new", id="newer"),
        pytest.param("<3.12", "wraps-old", id="older"),
    ],
)
def test_hover_picks_the_topic_for_the_projects_python(
    tmp_path: Path, target: str, shown: str
) -> None:
    from pygloss.engine.explain import explain
    from pygloss.kb.index import KnowledgeBase

    for topic_id, spec in (("wraps-old", "<3.12"), ("wraps-new", ">=3.12")):
        (tmp_path / f"{topic_id}.md").write_text(
            f'+++\nid = "{topic_id}"\ntitle = "{topic_id}"\nsummary = "For {spec}."\n'
            f'names = ["functools.wraps"]\npython = "{spec}"\n+++\nLead.\n'
        )
    result = load_topics([tmp_path])
    assert result.problems == []
    kb = KnowledgeBase(result.topics)
    found = explain(Source(WRAPS), WRAPS.index("wraps"), kb, python=parse_range(target))
    assert found is not None and found.topics[0].id == shown
    assert [t.id for t in found.topics] == [
        t.id for t in result.topics if t.fits(parse_range(target))
    ]
