"""The rule framework: one walk, failing rules, suppression, scopes, imports, libcst edits."""

from __future__ import annotations

import ast
from collections.abc import Iterator

import pytest

from pygloss.engine.config import Config
from pygloss.engine.fixes import apply_edits
from pygloss.engine.lint import lint
from pygloss.engine.rule_codes import rule_code_at
from pygloss.rules._cst import replace_comparison_operator
from pygloss.rules._fixkit import import_name, statement_alone
from pygloss.rules.base import Finding, Rule, RuleContext
from pygloss.syntax.source import Source


class _Explodes(Rule):
    code = "PG990"
    name = "explodes"
    message = "never shown"
    topic = "pg101-mutable-default"
    nodes = (ast.Name,)

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        yield self.finding(ctx, node)
        raise RuntimeError("boom")


class _Names(Rule):
    code = "PG991"
    name = "names"
    message = "a name"
    topic = "pg101-mutable-default"
    nodes = (ast.Name,)

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        yield self.finding(ctx, node)


def test_a_failing_rule_is_skipped_and_reported_and_the_others_still_run() -> None:
    result = lint(Source("a = b\n"), rules=[_Explodes(), _Names()])
    assert [f.code for f in result.findings] == ["PG991", "PG991"]
    assert result.failures[0].code == "PG990" and "boom" in result.failures[0].error


class _ExplodesOnCalls(_Explodes):
    code = "PG992"
    nodes = (ast.Call,)
    calls = frozenset({"f"})


def test_a_rule_failing_on_a_call_is_skipped_and_reported_too() -> None:
    # calls go to their rules one node at a time (by the name they call)
    result = lint(Source("f(a)\nf(b)\n"), rules=[_ExplodesOnCalls(), _Names()])
    assert [f.code for f in result.findings] == ["PG991", "PG991", "PG991", "PG991"]
    assert [f.code for f in result.failures] == ["PG992"] and "boom" in result.failures[0].error


def test_every_node_is_visited_once_in_source_order() -> None:
    result = lint(Source("x = [a for a in b]\ndef f(y=c):\n    return d\n"), rules=[_Names()])
    starts = [f.start for f in result.findings]
    assert starts == sorted(set(starts)) and len(starts) == 6


@pytest.mark.parametrize(
    ("code", "kept"),
    [
        pytest.param("a = b  # noqa: PG991\n", 0, id="noqa-code"),
        pytest.param("a = b  # noqa:PG991,PG101\n", 0, id="noqa-no-space-list"),
        pytest.param("a = b  # NOQA\n", 0, id="bare-noqa"),
        pytest.param("a = b  # noqa: E501\n", 2, id="other-tool"),
        pytest.param("a = b  # pygloss: ignore[PG991]\n", 0, id="ignore"),
        pytest.param("# pygloss: ignore[PG991]\na = b\n", 0, id="ignore-line-before"),
        pytest.param("# noqa: PG991\na = b\n", 2, id="noqa-line-before-does-not-count"),
        pytest.param("a = (\n    b)  # noqa: PG991\n", 1, id="end-line-of-a-multiline-node"),
        pytest.param("s = '# noqa'\n", 0, id="noqa-in-a-string-still-counts-like-flake8"),
    ],
)
def test_suppression_comments(code: str, kept: int) -> None:
    assert len(lint(Source(code), rules=[_Names()]).findings) == kept


def test_per_rule_severity_from_config() -> None:
    config = Config(severity={"PG991": "hint"})
    (finding,) = lint(Source("a\n"), config, rules=[_Names()]).findings
    assert finding.severity == "hint"


def _qualified_calls(code: str) -> list[str | None]:
    source = Source(code)
    ctx = RuleContext(source)
    found = []
    for node in source.walk():
        if isinstance(node, ast.Call):
            found.append(ctx.qualified(node.func))
    return found


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        pytest.param("list()\n", ["builtins.list"], id="builtin"),
        pytest.param("def list(): pass\nlist()\n", [None], id="module-def-shadows"),
        pytest.param("def f(list):\n    return list()\n", [None], id="parameter-shadows"),
        pytest.param("def f(x=list()):\n    list = 1\n", ["builtins.list"], id="default-is-outer"),
        pytest.param("[list() for list in y]\n", [None], id="comprehension-variable"),
        pytest.param(
            "import timeit\ndef f(timeit):\n    timeit.timeit()\n", [None], id="param-hides-import"
        ),
        pytest.param(
            "def f():\n    import timeit as t\n    t.timeit()\n",
            ["timeit.timeit"],
            id="function-level-import",
        ),
        pytest.param(
            "class C:\n    list = 1\n    x = list()\n    def m(self):\n        return list()\n",
            [None, "builtins.list"],
            id="class-body-is-not-seen-by-methods",
        ),
        pytest.param("from collections import deque as dq\ndq()\n", ["collections.deque"], id="as"),
    ],
)
def test_qualified_names_respect_shadowing(code: str, expected: list[str | None]) -> None:
    assert _qualified_calls(code) == expected


@pytest.mark.parametrize(
    ("code", "style", "spelling", "result"),
    [
        pytest.param(
            "import functools\n\nx = 1\n", "module", "functools.wraps", None, id="module-present"
        ),
        pytest.param(
            "from functools import wraps as w\n", "module", "w", None, id="name-present-as"
        ),
        pytest.param(
            '"""Doc."""\nfrom __future__ import annotations\n\nimport os\n\nx = 1\n',
            "module",
            "functools.wraps",
            '"""Doc."""\nfrom __future__ import annotations\n\nimport functools\nimport os\n'
            "\nx = 1\n",
            id="after-leading-imports",
        ),
        pytest.param(
            "#!/usr/bin/env python\n# comment\n\n@deco\ndef f(): pass\n",
            "from",
            "wraps",
            "#!/usr/bin/env python\n# comment\n\n"
            "from functools import wraps\n\n\n@deco\ndef f(): pass\n",
            id="before-first-statement-after-comments",
        ),
        pytest.param(
            "from functools import (\n    partial,\n)\n",
            "from",
            "wraps",
            "from functools import (\n    partial,\n    wraps,\n)\n",
            id="extends-a-from-import",
        ),
        pytest.param(
            "import os",
            "module",
            "functools.wraps",
            "import functools\nimport os",
            id="no-final-newline",
        ),
        pytest.param(
            "wraps = 1\n",
            "from",
            "functools.wraps",
            "import functools\n\nwraps = 1\n",
            id="name-taken-falls-back-to-module",
        ),
    ],
)
def test_import_name(code: str, style: str, spelling: str, result: str | None) -> None:
    source = Source(code)
    ctx = RuleContext(source)
    local, edit = import_name(source, ctx.imports, "functools", "wraps", style=style)
    assert local == spelling
    assert (apply_edits(code, [edit]) if edit else None) == result


@pytest.mark.parametrize(
    ("code", "index", "operator", "fixed"),
    [
        pytest.param("x is 1\n", 0, "==", "x == 1\n", id="simple"),
        pytest.param("x is not 'a'\n", 0, "!=", "x != 'a'\n", id="is-not"),
        pytest.param("(x  # left\n is   1)\n", 0, "==", "(x  # left\n ==   1)\n", id="comment"),
        pytest.param("a < b is 1\n", 1, "==", "a < b == 1\n", id="chained"),
        pytest.param("x == None\n", 0, "is", "x is None\n", id="to-is"),
        pytest.param("f(x != None)\n", 0, "is not", "f(x is not None)\n", id="inside-call"),
    ],
)
def test_replace_comparison_operator(code: str, index: int, operator: str, fixed: str) -> None:
    source = Source(code)
    ctx = RuleContext(source)
    compare = next(n for n in source.walk() if isinstance(n, ast.Compare))
    edit = replace_comparison_operator(ctx, compare, index, operator)
    assert edit is not None and apply_edits(code, [edit]) == fixed


def test_statement_alone() -> None:
    source = Source("a = 1  # c\nb = 2; c = 3\nif x: d = 4\n")
    spans = [source.span(n) for n in source.walk() if isinstance(n, ast.Assign)]
    assert [statement_alone(source, *span) for span in spans] == [True, False, False, False]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("x = 1  # noqa: E501, PG101", "PG101", id="noqa-list"),
        pytest.param("x = 1  # pygloss: ignore[PG102, PG101]", "PG101", id="ignore-list"),
        pytest.param("x = 1  # pygloss: ignore[pg101]", "PG101", id="lower-case"),
        pytest.param("x = 'PG101'  # other", None, id="not-in-a-suppression-comment"),
    ],
)
def test_rule_code_at(line: str, expected: str | None) -> None:
    source = Source(line + "\n")
    found = rule_code_at(source, line.rindex("01"))
    assert (found[0] if found else None) == expected
    if found:
        assert source.text[found[1] : found[2]].upper() == expected


def test_hover_on_a_code_in_a_noqa_comment_explains_the_rule(engine) -> None:  # type: ignore[no-untyped-def]
    source = Source("def f(x=[]):  # noqa: E501, PG101\n    return x\n")
    explanation = engine.explain(source, source.text.index("PG101") + 1)
    assert explanation is not None
    assert [t.id for t in explanation.topics] == ["pg101-mutable-default"]
    assert source.text[explanation.start : explanation.end] == "PG101"
    assert explanation.markdown.startswith("**PG101 mutable default argument**")
    assert "**Why is this bad?**" in explanation.markdown
    assert engine.explain(source, source.text.index("E501") + 1) is None


class _Calls(Rule):
    code = "PG992"
    name = "calls"
    message = "a call"
    topic = "pg101-mutable-default"
    nodes = (ast.Call,)
    calls = frozenset({"groupby"})
    requires = ("groupby",)

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        yield self.finding(ctx, node)


@pytest.mark.parametrize(
    ("code", "count"),
    [
        pytest.param("groupby(x)\nitertools.groupby(y)\nsorted(z)\n", 2, id="by-last-name"),
        pytest.param("from itertools import groupby as runs\nruns(x)\nsorted(y)\n", 1, id="alias"),
        pytest.param("sorted(x)\nlen(y)\n", 0, id="required-word-absent"),
    ],
)
def test_rules_only_see_the_calls_they_name(code: str, count: int) -> None:
    assert len(lint(Source(code), rules=[_Calls()]).findings) == count


def test_the_editor_skips_excluded_files(engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    config = Config(exclude=("build/**",), extend_select=("PG116",), root=str(tmp_path))
    code = "items = list()\n"
    inside = str(tmp_path / "build" / "gen.py")
    outside = str(tmp_path / "src" / "app.py")
    assert engine.lint(Source(code, inside), config, inside).findings == []
    assert [f.code for f in engine.lint(Source(code, outside), config, outside).findings] == [
        "PG116"
    ]


def test_editor_settings_win_over_pyproject(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pygloss.engine.config import load_pyproject
    from pygloss.lsp.settings import Settings

    (tmp_path / "pyproject.toml").write_text(
        "[tool.pygloss]\n"
        'ignore = ["PG103"]\n'
        'extend-select = ["PG103", "PG116"]\n'
        'severity = { PG101 = "hint", PG116 = "error" }\n'
        'per-file-ignores = { "legacy/*.py" = ["PG116"] }\n'
    )
    pyproject, warnings = load_pyproject(tmp_path / "pyproject.toml")
    assert warnings == []
    # the layering the server uses for a document (PyglossServer.config_for)
    config, warnings = Settings(
        lint={"ignore": ["PG101"], "severity": {"PG103": "error"}}
    ).apply_to(pyproject)
    assert warnings == []
    code = "def f(x=[]):\n    return x == None, list(), x\n"
    for folder, expected in (
        # a key set in the settings replaces pyproject's (ignore: PG101, not PG103);
        # severity tables merge code by code (PG103 an error, PG116 still an error)
        ("src", [("PG103", "error"), ("PG116", "error")]),
        ("legacy", [("PG103", "error")]),  # pyproject's per-file-ignores still apply
    ):
        path = str(tmp_path / folder / "m.py")
        found = [(f.code, f.severity) for f in lint(Source(code, path), config, path).findings]
        assert found == expected
    # without the settings, pyproject alone: PG103 ignored, PG101 a hint, PG116 an error
    path = str(tmp_path / "src" / "m.py")
    found = [(f.code, f.severity) for f in lint(Source(code, path), pyproject, path).findings]
    assert found == [("PG101", "hint"), ("PG116", "error")]
    # a select in the settings starts afresh (as --select does): pyproject's ignore goes
    selected, _ = Settings(lint={"select": ["PG103", "PG101"]}).apply_to(pyproject)
    found = [f.code for f in lint(Source(code, path), selected, path).findings]
    assert found == ["PG101", "PG103"]
    both, _ = Settings(lint={"select": ["PG1"], "ignore": ["PG101"]}).apply_to(pyproject)
    assert [f.code for f in lint(Source(code, path), both, path).findings] == ["PG103", "PG116"]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        # PG116 (Ruff's C408) and PG206 are off by default
        pytest.param(Config(), ["PG101"], id="defaults"),
        pytest.param(Config(select=("PG1",), ignore=("PG116",)), ["PG101"], id="select-ignore"),
        pytest.param(
            Config(select=("PG101",), extend_select=("PG116",)), ["PG101", "PG116"], id="extend"
        ),
        pytest.param(
            Config(select=("PG101",), extend_select=("PG2",)), ["PG101", "PG206"], id="extend-off"
        ),
        pytest.param(Config(select=("ALL",), ignore=("PG1",)), ["PG206"], id="all-but-prefix"),
    ],
)
def test_select_ignore_and_extend_select(config: Config, expected: list[str]) -> None:
    # PG206 (a patch without autospec) is off by default: only a selection turns it on
    code = (
        "from unittest import mock\n\n"
        "@mock.patch('os.getcwd')\ndef test_f(getcwd, x=[]):\n    seen = list()\n"
        "    x.append(seen)\n"
    )
    found = sorted({f.code for f in lint(Source(code, "test_m.py"), config, "test_m.py").findings})
    assert found == expected


def test_style_and_float_rules_are_off_by_default() -> None:
    # PG115 (exact float == in a test: 0 of 47 judged true on the ecosystem projects)
    # and PG116 (Ruff's C408, style) report only when selected
    code = "def test_rate():\n    seen = dict()\n    assert 0.1 + 0.2 == 0.3\n"
    path = "tests/test_rate.py"
    default = lint(Source(code, path), Config(), path).findings
    assert [f.code for f in default] == []
    opted = lint(Source(code, path), Config(extend_select=("PG115", "PG116")), path).findings
    assert sorted(f.code for f in opted) == ["PG115", "PG116"]


def test_or_default_parameter_is_off_by_default() -> None:
    # PG117 (`x = x or []`: 0 of 20 hints judged worth acting on) reports only when selected
    code = "def collect(out=None):\n    out = out or []\n    out.append(1)\n    return out\n"
    assert [f.code for f in lint(Source(code, "m.py"), Config(), "m.py").findings] == []
    opted = lint(Source(code, "m.py"), Config(extend_select=("PG117",)), "m.py").findings
    assert [f.code for f in opted] == ["PG117"]
