"""The knowledge base's content: examples run, names import, topics fit a hover.

- every ```` ```python ```` block of every topic runs in a subprocess (fresh temp
  dir as cwd, timeout) unless marked ``python norun: <reason>``; stated output
  (``print(...)  # -> value`` and ```` ```output ```` blocks) must match; a block or
  topic limited to other Python versions (``version: >=3.12``, ``python = "<3.12"``)
  is skipped, with the reason;
- every fully qualified name in ``names`` imports (longest importable module
  prefix, then attributes);
- every topic passes the hover-size checks of :mod:`pygloss.kb.style`;
- ``knowledge/notes-headings.txt`` is exactly the notes' ``##``..``####`` headings
  (that every one is covered: ``test_kb_completeness.py``).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from pygloss.engine.api import load_knowledge
from pygloss.kb.blocks import CodeBlock, headings
from pygloss.kb.loader import HEADINGS_FILE, read_headings
from pygloss.kb.model import Topic
from pygloss.kb.runner import check_block, runnable_blocks, skip_reason
from pygloss.kb.style import style_problems
from tests.conftest import KNOWLEDGE, ROOT

TOPICS = sorted(load_knowledge().topics.values(), key=lambda t: t.id)
# Libraries the examples and names may use; all are in the `test` extras.
OPTIONAL = frozenset(
    {"pydantic", "attrs", "sqlalchemy", "fastapi", "httpx", "numpy", "pytest_mock", "starlette"}
)


def _example_params() -> list[object]:
    params = []
    for topic in TOPICS:
        for block in runnable_blocks(topic):
            params.append(pytest.param(topic, block, id=f"{topic.id}:L{block.line}"))
    return params


@pytest.mark.parametrize(("topic", "block"), _example_params())
def test_example_runs_and_prints_what_it_states(
    topic: Topic, block: CodeBlock, tmp_path: Path
) -> None:
    reason = skip_reason(topic, block)
    if reason is not None:
        pytest.skip(reason)
    problems = check_block(block, tmp_path)
    assert not problems, f"{topic.path}:{block.line}:\n" + "\n".join(problems)


def resolve(name: str) -> object:
    """Import the longest importable module prefix of *name*, then getattr the rest."""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        module_name = ".".join(parts[:cut])
        try:
            obj: object = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if cut == 1 and parts[0] in OPTIONAL:
                pytest.skip(f"{parts[0]} is not installed (pip install -e '.[test]')")
            if exc.name is not None and not module_name.startswith(exc.name):
                raise  # the module exists but one of its own imports is missing
            continue
        for attribute in parts[cut:]:
            obj = getattr(obj, attribute)
        return obj
    raise ModuleNotFoundError(f"no importable module prefix in {name!r}")


@pytest.mark.parametrize("topic", [t for t in TOPICS if t.names], ids=lambda t: t.id)
def test_names_are_importable(topic: Topic) -> None:
    failures = []
    for name in topic.names:
        try:
            resolve(name)
        except (ImportError, AttributeError) as exc:
            failures.append(f"{name}: {type(exc).__name__}: {exc}")
    assert not failures, f"{topic.path}: names that do not resolve:\n" + "\n".join(failures)


def test_resolve_reports_what_does_not_exist() -> None:
    assert resolve("unittest.mock.patch.object") is not None
    assert resolve("builtins.super") is super
    with pytest.raises(AttributeError):
        resolve("functools.wrapz")
    with pytest.raises(ModuleNotFoundError):
        resolve("no_such_module_anywhere.thing")


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.id)
def test_topic_fits_a_hover(topic: Topic) -> None:
    problems = style_problems(topic)
    assert not problems, "\n".join(str(p) for p in problems)


def notes_file() -> Path | None:
    """``shared/notes/python-notes.md`` beside the checkout (or beside its worktree folder)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        path = base / "shared" / "notes" / "python-notes.md"
        if path.is_file():
            return path
    return None


def test_headings_file_lists_the_notes_headings() -> None:
    notes = notes_file()
    if notes is None:
        pytest.skip("../shared/notes/python-notes.md is absent: nothing to compare with")
    expected = headings(notes.read_text(encoding="utf-8"), min_level=2, max_level=4)
    listed = read_headings(KNOWLEDGE / HEADINGS_FILE, ordered=True)
    assert listed == expected
