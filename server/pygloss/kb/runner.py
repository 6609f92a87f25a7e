"""Run knowledge-base examples in a subprocess and check what they print.

Used by the test suite and by ``pygloss kb check --run`` (so authors of their own
topics get the same check).  This runs the *examples of knowledge topics*, on
request only; the language server never runs anything.

The example's source is written unchanged to ``example.py`` in a fresh temporary
directory (also the working directory).  A small driver replaces ``print`` so
that output written by a call on a line with a ``# -> value`` comment is tagged
with that line; the driver then runs the file as ``__main__`` with ``runpy``.
``python pytest`` blocks are written to ``test_example.py`` and run by pytest.
A block (``version: >=3.12``) or a topic (``python = "<3.12"``) limited to other
Python versions than the running one is not run (:func:`skip_reason`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from pygloss.kb.blocks import CodeBlock, python_blocks, stated_outputs
from pygloss.kb.model import Topic
from pygloss.kb.versions import interpreter_range, parse_range

TIMEOUT = 60.0
TAG, END = "\x1e", "\x1f"

DRIVER = """\
import builtins, runpy, sys
target, marked = sys.argv[1], {int(n) for n in sys.argv[2].split(",") if n}
real_print = builtins.print
def tagged_print(*args, **kwargs):
    frame = sys._getframe(1)
    to_stdout = kwargs.get("file") in (None, sys.stdout)
    if to_stdout and frame.f_code.co_filename == target and frame.f_lineno in marked:
        real_print(f"\\x1e{frame.f_lineno}\\x1f", end="")
    real_print(*args, **kwargs)
builtins.print = tagged_print
sys.argv = [target]
runpy.run_path(target, run_name="__main__")
"""


@dataclass(frozen=True)
class RunResult:
    returncode: int
    stdout: str
    """What the example printed, tags removed."""
    stderr: str
    tagged: dict[int, list[str]]
    """Line of a ``# -> value`` print call -> the lines it printed, in order."""


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("PYTHONSTARTUP", None)
    return env


def runnable_blocks(topic: Topic) -> list[CodeBlock]:
    """The blocks of *topic* that are examples to run (``run`` and ``pytest`` modes)."""
    return [b for b in python_blocks(topic.body, topic.body_line) if b.mode in ("run", "pytest")]


def skip_reason(topic: Topic, block: CodeBlock) -> str | None:
    """Why *block* is not run on this interpreter (its versions exclude it), or None."""
    here = interpreter_range()
    for owner, spec in (("topic", topic.python), ("example", block.python)):
        if spec and not parse_range(spec).overlaps(here):
            version = ".".join(str(p) for p in sys.version_info[:3])
            return f"{owner} holds on Python {spec}; this is Python {version}"
    return None


def check_block(block: CodeBlock, workdir: Path) -> list[str]:
    """Run *block* in *workdir* and return what is wrong (empty when all is right)."""
    try:
        result = run_block(block, workdir)
    except subprocess.TimeoutExpired:
        return [f"timed out after {TIMEOUT:.0f} s"]
    if result.returncode != 0:
        return [f"exited {result.returncode}\n{result.stderr.rstrip()}"]
    if block.mode == "pytest" and " passed" not in result.stdout:
        return [f"pytest ran no test\n{result.stdout.rstrip()}"]
    return output_mismatches(block, result)


def run_block(block: CodeBlock, workdir: Path) -> RunResult:
    """Run *block* with *workdir* as the working directory (a fresh temp dir)."""
    if block.mode == "pytest":
        path = workdir / "test_example.py"
        path.write_text(block.code, encoding="utf-8")
        argv = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", path.name]
        marked: dict[int, str] = {}
    else:
        path = workdir / "example.py"
        path.write_text(block.code, encoding="utf-8")
        (workdir / "driver.py").write_text(DRIVER, encoding="utf-8")
        marked = stated_outputs(block.code)
        lines = ",".join(str(n) for n in sorted(marked))
        argv = [sys.executable, "driver.py", str(path), lines]
    proc = subprocess.run(
        argv,
        cwd=workdir,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
        env=_environment(),
        stdin=subprocess.DEVNULL,
    )
    tagged: dict[int, list[str]] = {}
    plain: list[str] = []
    text = proc.stdout[:-1] if proc.stdout.endswith("\n") else proc.stdout
    for line in text.split("\n") if text else []:
        while line.startswith(TAG) and END in line:
            number, _, line = line[1:].partition(END)
            tagged.setdefault(int(number), []).append(line)
        plain.append(line)
    stdout = "\n".join(plain) + ("\n" if plain else "")
    return RunResult(proc.returncode, stdout, proc.stderr, tagged)


def output_mismatches(block: CodeBlock, result: RunResult) -> list[str]:
    """Differences between what *block* states it prints and what it printed."""
    problems: list[str] = []
    for line, value in sorted(stated_outputs(block.code).items()):
        printed = result.tagged.get(line)
        if not printed:
            problems.append(f"line {line}: print never ran (stated `# -> {value}`)")
        elif any(p.rstrip() != value for p in printed):
            problems.append(f"line {line}: printed {printed!r}, stated `# -> {value}`")
    if block.output is not None:
        want = [line.rstrip() for line in block.output.rstrip().splitlines()]
        got = [line.rstrip() for line in result.stdout.rstrip().split("\n")]
        if want != got:
            problems.append(
                f"output block differs:\n--- stated\n{block.output}--- printed\n{result.stdout}"
            )
    return problems
