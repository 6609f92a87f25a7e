"""Plain text where editors show plain text (issue #20, item 2): diagnostic messages,
quick-fix titles and picker entries lose the code spans' backticks, keep the code."""

from __future__ import annotations

import pytest

from pygloss.lsp.text import plain_markdown, plain_title, sort_key
from pygloss.rules import all_rules


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        pytest.param(
            "Mutable default `[]` for `history`", "Mutable default [] for history", id="spans"
        ),
        pytest.param(
            "Use the literal (`[]`, `{}`, `()`)", "Use the literal ([], {}, ())", id="brackets"
        ),
        pytest.param("*args and **kwargs", "*args and **kwargs", id="stars-kept"),
        pytest.param(
            "`__slots__`: no instance `__dict__`", "__slots__: no instance __dict__", id="dunder"
        ),
        pytest.param("``a `b` c``", "a `b` c", id="double-backticks"),
        pytest.param("`` `x` ``", "`x`", id="padded"),
        pytest.param("an odd ` backtick", "an odd ` backtick", id="unmatched"),
        pytest.param("Compare with `==` / `!=`", "Compare with == / !=", id="operators"),
    ],
)
def test_plain_title(written: str, shown: str) -> None:
    assert plain_title(written) == shown


def test_plain_markdown_is_one_line_without_markup() -> None:
    text = "Calling an `async def` **does not run it**:\nit returns a [coroutine](https://x.y/)."
    assert plain_markdown(text) == (
        "Calling an async def does not run it: it returns a coroutine <https://x.y/>."
    )


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_every_rule_message_and_fix_title_is_shown_without_backticks(rule: type) -> None:
    for text in (rule.message, rule.fix_title or ""):
        shown = plain_title(text)
        assert "`" not in shown, text
        assert shown == text.replace("`", ""), text  # only the backticks go


def test_pickers_sort_by_the_word_shown() -> None:
    shown = ["__slots__: fixed attributes", "Abstract base classes", "@property: computed", "*args"]
    assert sorted(shown, key=sort_key) == [
        "Abstract base classes",
        "*args",
        "@property: computed",
        "__slots__: fixed attributes",
    ]
