"""PG101 beyond the in-rule examples: what is and is not flagged, and the fix's edges."""

from __future__ import annotations

import pytest

from pygloss.engine.config import Config
from pygloss.engine.fixes import fix_all
from pygloss.engine.lint import lint
from pygloss.syntax.source import Source

ONLY = Config(select=("PG101",))
OWN = "\n\ndef caller():\n    mine = {}\n    f(x=mine)\n    return mine\n"  # passes its own


def _flagged(code: str) -> list[str]:
    source = Source(code)
    return [source.text[f.start : f.end] for f in lint(source, ONLY).findings]


@pytest.mark.parametrize(
    "default",
    [
        "[]",
        "{}",
        "set()",
        "list()",
        "dict()",
        "[x for x in y]",
        "{k: 1 for k in y}",
        "{x for x in y}",
        "bytearray()",
        "{1, 2}",
        "[1, 2]",
    ],
)
def test_mutable_defaults_are_flagged(default: str) -> None:
    assert _flagged(f"def f(a={default}):\n    return a\n") == [default]


@pytest.mark.parametrize(
    "default",
    [
        "()",
        "None",
        "frozenset()",
        "'text'",
        "b''",
        "0",
        "(1, [2])",
        "tuple()",
        "range(3)",
        "MappingProxyType({})",
        "True",
        "...",
    ],
)
def test_immutable_defaults_are_not_flagged(default: str) -> None:
    assert _flagged(f"def f(a={default}):\n    a.append(1)\n    return a\n") == []


def test_positional_only_and_keyword_only_defaults_line_up() -> None:
    code = "def f(a, b=[], /, c=1, *, d={}, e, g=()):\n    return b, d, g\n"
    assert _flagged(code) == ["[]", "{}"]


def test_lambda_is_flagged_without_a_fix() -> None:
    result = fix_all("cb = lambda e, acc=[]: acc\n", ONLY, unsafe=True)
    assert result.applied == 0 and len(result.remaining) == 1


def test_fix_is_unsafe_so_fix_all_skips_it_by_default() -> None:
    code = "def f(x=[]):\n    return x\n"
    assert fix_all(code, ONLY).text == code


def test_two_mutable_defaults_get_two_guards_in_parameter_order() -> None:
    code = "def f(a=[], b={}):\n    return a, b\n"
    result = fix_all(code, ONLY, unsafe=True)
    assert result.text == (
        "def f(a=None, b=None):\n"
        "    if a is None:\n        a = []\n"
        "    if b is None:\n        b = {}\n"
        "    return a, b\n"
    )


def test_one_line_body_with_two_defaults_converges() -> None:
    result = fix_all("def f(a=[], b={}): return a, b\n", ONLY, unsafe=True)
    assert result.remaining == []
    compile(result.text, "<fixed>", "exec")


def test_optional_annotation_is_kept() -> None:
    code = "from typing import Optional\n\ndef f(x: Optional[list] = []):\n    return x\n"
    result = fix_all(code, ONLY, unsafe=True)
    assert "x: Optional[list] = None" in result.text


def test_tabs_and_crlf_are_preserved() -> None:
    code = "def f(x=[]):\r\n\treturn x\r\n"
    result = fix_all(code, ONLY, unsafe=True)
    assert result.text == "def f(x=None):\r\n\tif x is None:\r\n\t\tx = []\r\n\treturn x\r\n"


@pytest.mark.parametrize(
    ("line", "silenced"),
    [
        ("def f(x=[]):  # noqa: PG101", True),
        ("def f(x=[]):  # noqa", True),
        ("def f(x=[]):  # noqa: E501", False),
        ("def f(x=[]):  # pygloss: ignore[PG101]", True),
        ("def f(x=[]):  # pygloss: ignore[PG102]", False),
    ],
)
def test_suppression_comments(line: str, silenced: bool) -> None:
    assert (_flagged(line + "\n    return x\n") == []) is silenced


def test_ignore_comment_on_the_line_before() -> None:
    assert _flagged("# pygloss: ignore[PG101]\ndef f(x=[]):\n    return x\n") == []


def test_syntax_error_elsewhere_keeps_the_diagnostic() -> None:
    code = "def good(x=[]):\n    return x\n\ndef bad(:\n    pass\n\ndef also(y={}):\n    return y\n"
    assert _flagged(code) == ["[]", "{}"]


def _risk(code: str) -> list[tuple[str, str]]:
    """(severity, what the message says the function does) for each finding."""
    source = Source(code)
    return [
        (f.severity.value, f.message.split("shared by every call", 1)[1])
        for f in lint(source, ONLY).findings
    ]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        pytest.param(
            "def f(x=[]):\n    x.append(1)\n",
            [("warning", ", and this function mutates it (line 2)")],
            id="append",
        ),
        pytest.param(
            "def f(d={}):\n    d['k'] = 1\n",
            [("warning", ", and this function mutates it (line 2)")],
            id="item-assignment",
        ),
        # an out-parameter: only written into, and a call here passes its own object
        pytest.param(f"def f(x=[]):\n    x.append(1)\n{OWN}", [], id="out-append"),
        pytest.param(f"def f(x={{}}):\n    x['k'] = 1\n{OWN}", [], id="out-item"),
        pytest.param(
            f"def f(x={{}}):\n    def g():\n        return x\n    x['k'] = 1\n    return g\n{OWN}",
            [("warning", ", and this function mutates it (line 4)")],
            id="out-but-read-by-a-closure",
        ),
        pytest.param(
            f"def f(x=[]):\n    x[0] = 1\n{OWN}",
            [("warning", ", and this function mutates it (line 2)")],
            id="out-list-item-assignment-raises-on-a-short-list",
        ),
        pytest.param(
            f"def f(x=[]):\n    x.remove(1)\n    x.append(1)\n{OWN}",
            [("warning", ", and this function mutates it (line 3)")],
            id="out-but-remove-depends-on-the-contents",
        ),
        pytest.param(
            f"def f(x={{}}):\n    x['k'] += 1\n{OWN}",
            [("warning", ", and this function mutates it (line 2)")],
            id="out-but-augmented-item-reads-it",
        ),
        pytest.param(
            "def f(x=[]):\n    x += [1]\n",
            [("warning", ", and this function mutates it (line 2)")],
            id="augmented",
        ),
        pytest.param(
            "def f(x=[]):\n    return x\n",
            [("hint", "; this function returns it (line 2)")],
            id="returned",
        ),
        pytest.param(
            "def f(x=[]):\n    return x or None, 1\n",
            [("hint", "; this function returns it inside a tuple (line 2)")],
            id="returned-in-a-tuple",
        ),
        pytest.param(
            "def f(x=[]):\n    yield 1, x\n",
            [("hint", "; this function yields it inside a tuple (line 2)")],
            id="yielded-in-a-tuple",
        ),
        pytest.param(
            "class C:\n    def __init__(self, ids=[]):\n        self.ids = ids\n",
            [("hint", "; this function keeps it as `self.ids` (line 3)")],
            id="stored-on-self",
        ),
        pytest.param(
            "class C:\n    def __init__(self, ids=[]):\n        self.ids = ids\n\n"
            "    def add(self, i):\n        self.ids += [i]\n",
            [
                (
                    "warning",
                    ", and this function keeps it as `self.ids` (line 3),"
                    " which `add` changes in place (line 6)",
                )
            ],
            id="stored-on-self-then-changed",
        ),
        pytest.param(
            "class C:\n    def __init__(self, ids=[]):\n        self.ids = ids\n\n"
            "class D(C):\n    def add(self, i):\n        self.ids.insert(0, i)\n",
            [
                (
                    "warning",
                    ", and this function keeps it as `self.ids` (line 3),"
                    " which `add` changes in place (line 7)",
                )
            ],
            id="stored-on-self-then-changed-in-a-subclass",
        ),
        pytest.param(
            "class C:\n    def __init__(self, ids=[]):\n        self.ids = ids\n\n"
            "    def drop(self, i):\n        self.ids.remove(i)\n",
            [("hint", "; this function keeps it as `self.ids` (line 3)")],
            id="stored-then-only-emptied",
        ),
        pytest.param(
            "class C:\n    def __init__(self, ids=[]):\n        self.ids = ids\n\n"
            "class Other:\n    def add(self, i):\n        self.ids.append(i)\n",
            [("hint", "; this function keeps it as `self.ids` (line 3)")],
            id="same-attribute-name-in-an-unrelated-class",
        ),
        pytest.param(
            "def f(ids=[]):\n    config = {'ids': ids}\n    return len(config)\n",
            [("hint", "; this function puts it in a dict (line 2)")],
            id="put-in-a-dict",
        ),
        pytest.param(
            "def f(x=[]):\n    y = x\n    y.append(1)\n",
            [("warning", ", and this function mutates it (line 3)")],
            id="through-an-alias",
        ),
        pytest.param(
            "def helper(items):\n    items.append(1)\n\ndef f(x=[]):\n    helper(x)\n",
            [
                (
                    "warning",
                    ", and this function passes it to `helper` (line 5), which mutates it (line 2)",
                )
            ],
            id="passed-to-a-local-function-that-mutates",
        ),
        pytest.param(
            "class Base:\n    def __init__(self, cnf):\n        self.cnf = cnf\n\n"
            "class W(Base):\n    def __init__(self, cnf={}):\n        super().__init__(cnf)\n",
            [
                (
                    "hint",
                    "; this function passes it to `__init__` (line 7),"
                    " which keeps it as `self.cnf` (line 3)",
                )
            ],
            id="passed-to-super-init-that-stores",
        ),
        pytest.param(
            "def f(opts={}):\n    for k in opts:\n        print(k, opts[k], len(opts))\n",
            [],  # only read: nothing
            id="only-read",
        ),
        pytest.param(
            "def f(opts={}):\n    return g(**opts), dict(opts), sorted(opts)\n",
            [],  # only read: nothing
            id="copied",
        ),
        pytest.param(
            "def helper(items):\n    return len(items)\n\ndef f(x=[]):\n    return helper(x)\n",
            [],  # only read: nothing
            id="passed-to-a-local-function-that-reads",
        ),
        pytest.param(
            "def merge(c):\n    return c\n\ndef f(cnf={}):\n    cnf = merge(cnf)\n"
            "    return len(cnf)\n",
            [],  # only read: nothing
            id="returned-by-a-local-function-then-read",
        ),
        pytest.param(
            "def f(opts={}):\n    if 'name' in opts:\n        del opts['name']\n",
            [],  # only read: nothing
            id="empty-default-only-loses-keys",
        ),
        pytest.param(
            "def f(opts={'name': 1}):\n    if 'name' in opts:\n        del opts['name']\n",
            [("warning", ", and this function mutates it (line 3)")],
            id="non-empty-default-loses-keys",
        ),
        pytest.param(
            "def f(x=[]):\n    x = list(x)\n    x.append(1)\n    return x\n",
            [],  # only read: nothing
            id="rebound-to-a-copy-first",
        ),
        pytest.param(
            "def f(attrs=['a'], cond=True):\n    if cond:\n        attrs = set(attrs)\n"
            "        attrs -= {'a'}\n    return len(attrs)\n",
            [],  # only read: nothing
            id="rebound-to-a-copy-in-a-branch",
        ),
        pytest.param(
            "def f(attrs=['a'], cond=True):\n    if cond:\n        attrs = set(attrs)\n"
            "    attrs.append('b')\n",
            [("warning", ", and this function mutates it (line 4)")],
            id="rebound-in-one-branch-only",
        ),
        pytest.param(
            "def f(x=[]):\n    send(x)\n",
            [],  # only handed to code pygloss cannot follow: no evidence of a change
            id="passed-to-an-unknown-callable",
        ),
        pytest.param(
            "def relay(x):\n    send(x)\n\ndef f(x=[]):\n    relay(x)\n",
            [],  # followed, and then handed to code pygloss cannot follow: nothing
            id="passed-on-to-an-unknown-callable",
        ),
        pytest.param(
            "def f(x=[]):\n    send(x)\n    return x\n",
            [("hint", "; this function returns it (line 3)")],
            id="passed-to-an-unknown-callable-and-returned",
        ),
        pytest.param(
            "def f(ns={}):\n    exec('a = 1', ns)\n",
            [("warning", ", and this function mutates it (line 2)")],
            id="exec-namespace",
        ),
        # state kept on purpose, as the code shows (pygloss.rules._kept_state): nothing
        pytest.param(
            "def outer(lines):\n    def number(line, n=[0]):\n        n[0] += 1\n"
            "        return n[0], line\n    return [number(x) for x in lines]\n",
            [],
            id="nested-closure-state",
        ),
        pytest.param(
            "def f(x, _seen=set()):\n    _seen.add(x)\n",
            [],
            id="private-name",
        ),
        pytest.param(
            "def f(path, doc_cache={}):\n    doc_cache.update(path=1)\n",
            [],
            id="cache-name",
        ),
        pytest.param(
            "def area(w, h, known={}):\n    if (w, h) not in known:\n"
            "        known[w, h] = w * h\n    return known[w, h]\n",
            [],
            id="memo-table",
        ),
        pytest.param(
            "def visit(node, done={}):\n    if node not in done:\n        done[node] = 1\n",
            [("warning", ", and this function mutates it (line 3)")],
            id="keyed-but-never-read-back",
        ),
        pytest.param(
            "def f(x, done={}):\n    done['last'] = x\n    return done['last']\n",
            [("warning", ", and this function mutates it (line 2)")],
            id="read-back-but-not-keyed-by-an-argument",
        ),
        pytest.param(
            "def tick(state=[0, 0]):\n    state[1] += 1\n",
            [],
            id="mutable-cell",
        ),
        pytest.param(
            "def tick(state=[0]):\n    state[0] += 1\n    state.append(0)\n",
            [("warning", ", and this function mutates it (line 2)")],
            id="a-cell-that-grows-is-no-cell",
        ),
    ],
)
def test_severity_follows_what_the_function_does_with_the_default(
    code: str, expected: list[tuple[str, str]]
) -> None:
    assert _risk(code) == expected


def test_fastapi_path_operation_defaults_are_copied_per_request() -> None:
    code = (
        "from fastapi import FastAPI, Query\n\napp = FastAPI()\n\n"
        "@app.get('/items/')\nasync def read(q: list[str] = Query(), tags: list[str] = []):\n"
        "    return {'q': q, 'tags': tags}\n"
    )
    assert _flagged(code) == []
