"""The knowledge loader accepts sound topics and rejects each kind of bad one."""

from __future__ import annotations

from pathlib import Path

import pytest

from pygloss.kb.loader import load_topics

GOOD = """+++
id = "{id}"
title = "A title"
summary = "One sentence."
names = ["functools.wraps"]
constructs = ["decorator"]
see_also = {see_also}
rules = {rules}
notes = {notes}
+++
Body text.

## Example

Text.
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / "area" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _topic(
    topic_id: str = "good-topic", see_also: str = "[]", rules: str = "[]", notes: str = "[]"
) -> str:
    return GOOD.format(id=topic_id, see_also=see_also, rules=rules, notes=notes)


def test_a_sound_topic_loads(tmp_path: Path) -> None:
    _write(tmp_path, "good-topic", _topic())
    result = load_topics([tmp_path], known_rules=frozenset())
    assert result.problems == []
    (topic,) = result.topics
    assert topic.area == "area" and topic.names == ("functools.wraps",)
    assert topic.lead == "Body text." and topic.section("Example") == "Text."


BAD_CASES = [
    ("no-front", "Just markdown\n", 1, "missing '+++' TOML front matter"),
    ("bad-toml", '+++\nid = "bad-toml"\ntitle = \n+++\n', 3, "bad TOML"),
    (
        "unknown-field",
        _topic("unknown-field").replace("names =", "colour = 'red'\nnames ="),
        5,
        "unknown field 'colour'",
    ),
    (
        "missing-title",
        _topic("missing-title").replace('title = "A title"\n', ""),
        1,
        "missing required field 'title'",
    ),
    (
        "wrong-type",
        _topic("wrong-type").replace('names = ["functools.wraps"]', "names = 3"),
        5,
        "field 'names' must be a list of strings",
    ),
    ("Not_Kebab", _topic("Not_Kebab"), 2, "is not kebab-case"),
    ("file-name", _topic("other-name"), 2, "does not match file name"),
    (
        "bad-kind",
        _topic("bad-kind").replace('"decorator"', '"decoratorz"'),
        6,
        "unknown construct kind 'decoratorz'",
    ),
    (
        "see-nowhere",
        _topic("see-nowhere", see_also='["missing-topic"]'),
        7,
        "see_also points nowhere: 'missing-topic'",
    ),
    ("rule-nowhere", _topic("rule-nowhere", rules='["PG999"]'), 8, "rules points nowhere: 'PG999'"),
    (
        "bad-name",
        _topic("bad-name").replace('["functools.wraps"]', '["wraps"]'),
        5,
        "name 'wraps' is not fully qualified",
    ),
    (
        "bad-docs",
        _topic("bad-docs").replace("rules =", 'docs = ["docs.python.org"]\nrules ='),
        8,
        "docs entry 'docs.python.org' is not an http(s) URL",
    ),
    (
        "bad-heading",
        _topic("bad-heading", notes='["Not A Heading"]'),
        9,
        "notes heading not in notes-headings.txt: 'Not A Heading'",
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "line", "message"), BAD_CASES, ids=[c[0] for c in BAD_CASES]
)
def test_bad_topics_are_rejected_with_file_and_line(
    tmp_path: Path, name: str, text: str, line: int, message: str
) -> None:
    path = _write(tmp_path, name, text)
    (tmp_path / "notes-headings.txt").write_text("Decorators\n", encoding="utf-8")
    _write(tmp_path, "good-topic", _topic())
    result = load_topics([tmp_path], known_rules=frozenset({"PG101"}))
    assert [t.id for t in result.topics] == ["good-topic"]
    (problem,) = result.problems
    assert problem.path == path and problem.line == line
    assert message in problem.message
    assert str(problem).startswith(f"{path}:{line}: ")


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    _write(tmp_path, "dup", _topic("dup"))
    other = tmp_path / "other" / "dup.md"
    other.parent.mkdir()
    other.write_text(_topic("dup"), encoding="utf-8")
    result = load_topics([tmp_path], known_rules=frozenset())
    assert len(result.topics) == 1
    assert "duplicate id 'dup'" in result.problems[0].message


def test_unreadable_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = _write(tmp_path, "latin", "")
    path.write_bytes(b"+++\nid = '\xe9'\n+++\n")
    result = load_topics([tmp_path])
    assert result.topics == [] and "cannot read topic" in result.problems[0].message


def test_builtin_knowledge_base_is_valid(engine) -> None:  # type: ignore[no-untyped-def]
    assert engine.kb.problems == ()
    assert engine.kb.get("mock-patch") is not None


def test_quick_front_matter_reader_agrees_with_tomllib() -> None:
    import tomllib

    from pygloss.kb.frontmatter import quick_loads
    from pygloss.kb.loader import split_front_matter
    from tests.conftest import KNOWLEDGE

    quick = 0
    for path in sorted(KNOWLEDGE.rglob("*.md")):
        split = split_front_matter(path.read_text(encoding="utf-8"))
        if split is None:
            continue
        fast = quick_loads(split[0])
        if fast is not None:
            quick += 1
            assert fast == tomllib.loads(split[0]), path
    assert quick >= 1


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('a = "x" # comment', id="comment"),
        pytest.param('a = ["x",]', id="trailing-comma"),
        pytest.param('a = "\\U0001F600"', id="long-unicode-escape"),
        pytest.param("a = 'literal'", id="literal-string"),
        pytest.param('a = "x"\na = "y"', id="duplicate-key"),
        pytest.param('a = "tab\there"', id="raw-tab"),
        pytest.param('a = [\n  "x",\n]', id="multi-line-array"),
        pytest.param("a = 3", id="integer"),
    ],
)
def test_quick_front_matter_reader_declines_the_rest(text: str) -> None:
    from pygloss.kb.frontmatter import quick_loads

    assert quick_loads(text) is None


def test_topics_load_the_same_with_either_reader(tmp_path: Path) -> None:
    text = _topic().replace('title = "A title"', 'title = "A \\u00e9 \\"title\\"" # note')
    _write(tmp_path, "good-topic", text)
    (topic,) = load_topics([tmp_path]).topics
    assert topic.title == 'A é "title"'


def test_one_bad_link_does_not_reject_the_topics_that_link_to_it(tmp_path: Path) -> None:
    _write(tmp_path, "a", _topic("a", see_also='["missing"]'))
    for name in ("b", "c", "d"):  # linking to "a", which is rejected
        _write(tmp_path, name, _topic(name, see_also='["a"]'))
    result = load_topics([tmp_path])
    assert sorted(t.id for t in result.topics) == ["b", "c", "d"]
    (problem,) = result.problems
    assert "see_also points nowhere: 'missing'" in problem.message


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('a = "\\u00e9"', id="unicode-escape"),
        pytest.param('a = "x\\/y"', id="json-only-escape"),
        pytest.param('a = "del\x7f"', id="raw-del"),
        pytest.param('a = ["x", 1]', id="mixed-array"),
        pytest.param('"quoted key" = "x"', id="quoted-key"),
        pytest.param("[table]", id="table-header"),
    ],
)
def test_quick_reader_leaves_escapes_and_odd_lines_to_tomllib(text: str) -> None:
    from pygloss.kb.frontmatter import quick_loads

    assert quick_loads(text) is None


def test_quick_reader_reads_the_simple_subset() -> None:
    from pygloss.kb.frontmatter import quick_loads

    text = 'id = "x"\n\ntitle="A \\"quoted\\" \\\\ title"\nnames = []\ndocs = ["u", "v"]\n'
    assert quick_loads(text) == {
        "id": "x",
        "title": 'A "quoted" \\ title',
        "names": [],
        "docs": ["u", "v"],
    }


def test_quick_reader_refuses_a_value_that_smuggles_pairs() -> None:
    from pygloss.kb.frontmatter import quick_loads

    assert quick_loads('a = "x", "b": "y"') is None
    assert quick_loads('a = "x", "b": "y"\nb = "z"') is None
