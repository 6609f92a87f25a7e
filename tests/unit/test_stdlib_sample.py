"""Real code: a sample of the running Python's standard library.

Every rule runs on every sampled file without raising, ``pygloss check`` reports no
internal error, and applying every fix (unsafe ones too) keeps each file compiling.
The whole standard library is run by ``bench/check_stdlib.py``.
"""

from __future__ import annotations

import sysconfig
from pathlib import Path

import pytest

from pygloss.cli.check_files import FileJob, check_file
from pygloss.engine.config import Config
from pygloss.engine.fixes import fix_all
from pygloss.files import iter_python_files, read_source

STDLIB = Path(sysconfig.get_paths()["stdlib"])
SAMPLE = list(iter_python_files(STDLIB))[::40]
EVERYTHING = Config(select=("ALL",))


@pytest.mark.slow
def test_the_sample_is_big_enough() -> None:
    assert len(SAMPLE) >= 40


@pytest.mark.slow
@pytest.mark.parametrize("path", SAMPLE, ids=lambda p: str(p.relative_to(STDLIB)))
def test_check_and_fix_a_stdlib_file(path: Path) -> None:
    report = check_file(FileJob(str(path), EVERYTHING, unsafe_fixes=True))
    assert not [n for n in report.notes if "internal error" in n or " failed:" in n]
    text = read_source(path)
    if not isinstance(text, str):
        return
    try:
        compile(text, str(path), "exec", dont_inherit=True)
    except SyntaxError:
        return  # files that do not compile on purpose (lib2to3 test data...)
    fixed = fix_all(text, EVERYTHING, str(path), unsafe=True)
    compile(fixed.text, str(path), "exec", dont_inherit=True)
