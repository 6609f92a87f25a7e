"""Generated documentation matches its source (STYLE.md #23): the rule list."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_rule_list_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/document_rules.py", "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
