"""Agreement of PG101/PG102/PG103 with ruff's B006/F632/E711 on a corpus (default: stdlib).

For each pair, prints how many sites both report, and every site only one of them
reports, with its source line, so that each difference can be explained.  A ruff
site matches a pygloss finding in the same file whose lines include ruff's line.

    python bench/ruff_agreement.py [PATH]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import sysconfig
from collections import defaultdict
from pathlib import Path

from pygloss.engine.config import Config
from pygloss.engine.lint import lint
from pygloss.files import iter_python_files, read_source
from pygloss.syntax.source import Source

PAIRS = {"B006": "PG101", "F632": "PG102", "E711": "PG103"}


def ruff_sites(root: Path) -> dict[str, list[tuple[str, int]]]:
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    command = [ruff, "check", "--no-cache", "--select", ",".join(PAIRS), "--exit-zero"]
    command += ["--output-format", "json", str(root)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    sites: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for item in json.loads(result.stdout):
        if item["code"] in PAIRS:
            path = str(Path(item["filename"]).resolve())
            sites[item["code"]].append((path, item["location"]["row"]))
    return sites


def pygloss_sites(root: Path) -> tuple[dict[str, list[tuple[str, int, int]]], dict[str, str]]:
    """Findings as ``(path, first line, last line)`` per code, and each file's text."""
    config = Config(select=tuple(PAIRS.values()))
    sites: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    texts: dict[str, str] = {}
    for path in iter_python_files(root):
        text = read_source(path)
        if not isinstance(text, str):
            continue
        key = str(path.resolve())
        texts[key] = text
        source = Source(text, key)
        for finding in lint(source, config, key).findings:
            first = source.line_of(finding.start) + 1
            last = source.line_of(max(finding.start, finding.end - 1)) + 1
            sites[finding.code].append((key, first, last))
    return sites, texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(sysconfig.get_paths()["stdlib"])
    parser.add_argument("path", nargs="?", type=Path, default=default)
    args = parser.parse_args()
    ruff, (ours, texts) = ruff_sites(args.path), pygloss_sites(args.path)
    root = str(args.path.resolve())
    print(f"corpus: {root} ({len(texts)} files read by pygloss)")
    for ruff_code, code in PAIRS.items():
        theirs = ruff[ruff_code]
        unmatched_ours = list(ours[code])
        only_ruff = []
        both = 0
        for path, line in theirs:
            match = next((s for s in unmatched_ours if s[0] == path and s[1] <= line <= s[2]), None)
            if match is None:
                only_ruff.append((path, line))
            else:
                unmatched_ours.remove(match)
                both += 1
        print(
            f"\n{code} vs {ruff_code}: both {both}, only ruff {len(only_ruff)}, "
            f"only pygloss {len(unmatched_ours)} (ruff {len(theirs)}, pygloss {len(ours[code])})"
        )
        for label, rows in (("only ruff", only_ruff), ("only pygloss", unmatched_ours)):
            for row in rows:
                path, line = row[0], row[1]
                text = texts.get(path, "").splitlines()
                shown = text[line - 1].strip() if 0 < line <= len(text) else "(file not read)"
                print(f"  {label}: {path.removeprefix(root + '/')}:{line}: {shown[:90]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
