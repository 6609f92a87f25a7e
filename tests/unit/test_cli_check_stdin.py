"""``pygloss check -``: the source on standard input, named by ``--stdin-filename``;
paths that are neither files nor directories (``/dev/stdin``, a FIFO).

Runs ``python -P -m pygloss`` in a subprocess with real bytes on its standard input.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

BAD = b"def f(x=[]):\n    return x == None, x\n\nitems = list()\n"
FLOAT_TEST = b"def test_sum():\n    assert 0.1 + 0.2 == 0.3\n"


# PG116 (Ruff's C408), PG103 (Ruff's E711) and PG115 are off by default; these tests use
# them as the simplest rule with a safe fix, the simplest warning with an unsafe one and
# the simplest test-file-only rule
OPT_IN = ("--extend-select", "PG103,PG115,PG116")


def run(*args: str, stdin: bytes | None = b"", cwd: Path) -> subprocess.CompletedProcess[bytes]:
    opt_in = OPT_IN if "--select" not in args else ()
    return subprocess.run(
        [sys.executable, "-P", "-m", "pygloss", "check", *opt_in, *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=300,
    )


def codes(result: subprocess.CompletedProcess[bytes]) -> list[tuple[str, str]]:
    return [(r["path"], r["code"]) for r in json.loads(result.stdout)]


def test_dash_reads_standard_input(tmp_path: Path) -> None:
    result = run("-", stdin=BAD, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    out = result.stdout.decode()
    assert out.startswith("-:1:9: hint: PG101 Mutable default")  # `x` is only compared
    assert "  4 | items = list()" in out
    assert out.splitlines()[-2:] == [
        "Found 3 problems: 1 warning, 2 hints (1 fixable with --fix, 2 more with --fix "
        "--unsafe-fixes).",
        "Hints do not fail the check (--fail-on information).",
    ]
    clean = run("-", stdin=b"items = []\n", cwd=tmp_path)
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, b"All checks passed.\n", b"")
    assert run("-", stdin=b"", cwd=tmp_path).returncode == 0


def test_stdin_filename_names_the_source_in_every_format(tmp_path: Path) -> None:
    named = ("-", "--stdin-filename", "pkg/mod.py", "--select", "PG116")
    assert codes(run(*named, "--format", "json", stdin=BAD, cwd=tmp_path)) == [
        ("pkg/mod.py", "PG116")
    ]
    github = run(*named, "--format", "github", stdin=BAD, cwd=tmp_path)
    assert github.returncode == 0  # a hint does not fail the check
    hints_fail = run(*named, "--format", "github", "--fail-on", "hint", stdin=BAD, cwd=tmp_path)
    assert hints_fail.returncode == 1
    assert github.stdout.decode().startswith("::notice title=pygloss (PG116),file=pkg/mod.py,")
    sarif = json.loads(run(*named, "--format", "sarif", stdin=BAD, cwd=tmp_path).stdout)
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "pkg/mod.py"
    text = run(*named, stdin=BAD, cwd=tmp_path).stdout.decode()
    assert text.startswith("pkg/mod.py:4:9: hint: PG116")
    # --stdin-filename alone (no PATH) also reads standard input, as in ruff
    assert codes(run(*named[1:], "--format", "json", stdin=BAD, cwd=tmp_path)) == [
        ("pkg/mod.py", "PG116")
    ]


def test_stdin_filename_picks_the_configuration_and_the_test_file_rules(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "legacy").mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        "[tool.pygloss]\n"
        'ignore = ["PG116"]\n'
        'per-file-ignores = { "legacy/*.py" = ["PG103"] }\n'
        'exclude = ["generated/**"]\n'
    )
    elsewhere = tmp_path / "elsewhere"  # the working directory has no pyproject
    elsewhere.mkdir()

    def found(name: str, source: bytes = BAD, *extra: str) -> list[tuple[str, str]]:
        args = ("-", "--stdin-filename", name, "--format", "json", *extra)
        return codes(run(*args, stdin=source, cwd=elsewhere))

    src = str(project / "src" / "m.py")  # the folder need not exist
    assert found(src) == [(src, "PG101"), (src, "PG103")]
    legacy = str(project / "legacy" / "m.py")
    assert found(legacy) == [(legacy, "PG101")]
    assert found(str(project / "generated" / "m.py")) == []
    assert found("m.py") == [("m.py", "PG101"), ("m.py", "PG103"), ("m.py", "PG116")]
    # a relative name is found from the working directory
    relative = run("-", "--stdin-filename", "src/m.py", "--format", "json", stdin=BAD, cwd=project)
    assert codes(relative) == [("src/m.py", "PG101"), ("src/m.py", "PG103")]
    # unnamed: the working directory's pyproject
    assert [c for _, c in codes(run("-", "--format", "json", stdin=BAD, cwd=project))] == [
        "PG101",
        "PG103",
    ]
    # PG115 runs in test files only: the name decides
    assert found("tests/test_stats.py", FLOAT_TEST) == [("tests/test_stats.py", "PG115")]
    assert found("tests/stats.py", FLOAT_TEST) == []
    assert found("-", FLOAT_TEST) == []


def test_fix_writes_the_source_to_stdout_and_the_report_to_stderr(tmp_path: Path) -> None:
    result = run("-", "--fix", stdin=BAD, cwd=tmp_path)
    assert result.returncode == 1  # two problems remain
    assert result.stdout == BAD.replace(b"list()", b"[]")
    err = result.stderr.decode()
    assert "-:1:9: hint: PG101" in err
    assert err.splitlines()[-2:] == [
        "Fixed 1 problem. Found 2 problems: 1 warning, 1 hint (2 more with --fix --unsafe-fixes).",
        "Hints do not fail the check (--fail-on information).",
    ]
    everything = run(
        "-", "--fix", "--unsafe-fixes", "--stdin-filename", "a.py", stdin=BAD, cwd=tmp_path
    )
    assert everything.returncode == 0
    assert everything.stdout == (
        b"def f(x=None):\n    if x is None:\n        x = []\n"
        b"    return x is None, x\n\nitems = []\n"
    )
    assert everything.stderr == b"Fixed 3 problems. No problems remain.\n"
    as_json = run("-", "--fix", "--format", "json", stdin=BAD, cwd=tmp_path)
    assert as_json.stdout == BAD.replace(b"list()", b"[]")
    assert [r["code"] for r in json.loads(as_json.stderr)] == ["PG101", "PG103"]


@pytest.mark.parametrize(
    "source",
    [
        b"x = 1\n",  # nothing to fix
        b"def broken(:\n    items = list()\n",  # a syntax error: nothing is fixed
        b"\xef\xbb\xbfitems = {}\r\n",  # BOM and CRLF kept
        b"",
    ],
)
def test_fix_echoes_a_source_it_does_not_change_byte_for_byte(
    tmp_path: Path, source: bytes
) -> None:
    result = run("-", "--fix", stdin=source, cwd=tmp_path)
    assert result.stdout == source
    excluded = tmp_path / "pyproject.toml"
    excluded.write_text('[tool.pygloss]\nexclude = ["gen/*"]\n')
    skipped = run("-", "--fix", "--stdin-filename", "gen/m.py", stdin=BAD, cwd=tmp_path)
    assert (skipped.returncode, skipped.stdout) == (0, BAD)  # excluded: the buffer comes back


def test_fix_keeps_the_declared_encoding_and_line_endings(tmp_path: Path) -> None:
    source = b"# -*- coding: latin-1 -*-\r\nname = '\xe9'\r\nitems = list()\r\n"
    result = run("-", "--fix", stdin=source, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == source.replace(b"list()", b"[]")


def test_diff_of_standard_input(tmp_path: Path) -> None:
    result = run("-", "--diff", "--stdin-filename", "app.py", stdin=BAD, cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.decode().splitlines()
    assert lines[:2] == ["--- a/app.py", "+++ b/app.py"]
    assert "-items = list()" in lines and "+items = []" in lines
    assert result.stderr == b"Would fix 1 problem.\n"
    assert run("-", "--diff", stdin=b"items = []\n", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize(
    ("args", "source", "message"),
    [
        (("-",), b"name = '\xff'\n", "<stdin>: not valid utf-8 text"),
        (
            ("-", "--stdin-filename", "m.py"),
            b"name = '\xff'\n",
            "m.py (standard input): not valid utf-8 text",
        ),
        (("-",), b"\x00\x01binary", "<stdin>: binary file (NUL bytes)"),
        (
            ("-",),
            b"# coding: nonsense\nx = 1\n",
            "<stdin>: bad encoding declaration: unknown encoding: nonsense",
        ),
    ],
)
def test_bad_input_is_one_clear_line(
    tmp_path: Path, args: tuple[str, ...], source: bytes, message: str
) -> None:
    for extra in ((), ("--fix",)):
        result = run(*args, *extra, stdin=source, cwd=tmp_path)
        assert result.returncode == 2
        assert result.stdout == b""  # with --fix too: no half-written source
        assert result.stderr.decode() == f"pygloss: error: {message}\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-", "a.py"), "'-' (standard input) cannot be checked together with other paths"),
        (
            ("a.py", "--stdin-filename", "b.py"),
            "--stdin-filename names standard input: give '-' as the only PATH",
        ),
        ((), "no PATH given (give '-' to read the source from standard input)"),
    ],
)
def test_usage_errors(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    (tmp_path / "a.py").write_bytes(BAD)
    result = run(*args, stdin=BAD, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr.decode() == f"pygloss: error: {message}\n"


def test_dev_stdin_is_read_like_a_file(tmp_path: Path) -> None:
    result = run("/dev/stdin", "--format", "json", stdin=BAD, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert codes(result) == [("/dev/stdin", c) for c in ("PG101", "PG103", "PG116")]
    fixed = run("/dev/stdin", "--fix", stdin=BAD, cwd=tmp_path)
    assert fixed.returncode == 1
    assert fixed.stderr == (
        b"pygloss: note: /dev/stdin: not a regular file; fixes not written (use '-' instead)\n"
    )
    assert fixed.stdout.decode().splitlines()[-2].startswith("Found 3 problems")
    bad = run("/dev/stdin", stdin=b"name = '\xff'\n", cwd=tmp_path)
    assert bad.stderr == b"pygloss: note: /dev/stdin: not valid utf-8 text; skipped\n"


def test_a_fifo_is_read_like_a_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.py"
    os.mkfifo(fifo)

    def feed() -> None:
        with fifo.open("wb") as stream:  # blocks until pygloss opens the other end
            stream.write(BAD)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    result = run(str(fifo), "--format", "json", stdin=None, cwd=tmp_path)
    writer.join(timeout=60)
    assert result.returncode == 1, result.stderr
    assert [c for _, c in codes(result)] == ["PG101", "PG103", "PG116"]


def test_an_endless_device_is_bounded(tmp_path: Path) -> None:
    result = run("/dev/zero", stdin=None, cwd=tmp_path)  # reads 8 MB, not forever
    assert result.returncode == 0
    assert result.stderr == (
        b"pygloss: note: /dev/zero: larger than max-file-size (2000000); skipped\n"
    )


def test_a_bad_selector_is_reported_without_waiting_for_standard_input(tmp_path: Path) -> None:
    # the pipe stays open: reading it first would hang until the timeout
    process = subprocess.Popen(
        [sys.executable, "-P", "-m", "pygloss", "check", "-", "--select", "PG9"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    try:
        _, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise AssertionError("pygloss read standard input before checking --select") from None
    assert process.returncode == 2
    assert b"--select: no rule matches 'PG9'" in err
