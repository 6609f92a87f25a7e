"""Precision of the notes in the hover: every section shown, judged, on real code.

Samples hover positions in real code — the standard library of the running Python,
and the ecosystem projects of ``bench/ecosystem`` when their sources are in the
cache (``/work/cache/ecosystem/src``) — computes the notes sections a hover shows
there (as ``pygloss notes which`` does: the keys under the cursor, the best two
sections), and keeps the positions with a verdict per section shown in a JSON
Lines file.  A person judges each ``"relevant": null``: ``true`` when the section is
about the thing under the cursor (the name, its type or module, the construct),
``false`` otherwise, with a short ``why``.

    python -P bench/notes_precision.py sample --out FILE [--quota stdlib:shown=60 ...]
    python -P bench/notes_precision.py check FILE      # precision, unjudged sections
    python -P bench/notes_precision.py update FILE     # re-run, keep the verdicts

A position is kept by file (relative to its corpus), line, column and the text of
its line, so that ``check`` finds it again in another version of the corpus (the
line is searched near where it was) or says it is gone.  ``tests/unit/
test_notes_precision.py`` replays the committed file.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import sysconfig
import tokenize
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pygloss.engine.notes import NotesFile  # noqa: E402
from pygloss.engine.notes.constructs import kinds_in  # noqa: E402
from pygloss.engine.notes.hover import best, keys_at  # noqa: E402
from pygloss.engine.notes.index import index_notes  # noqa: E402
from pygloss.syntax.source import Source  # noqa: E402

NOTES = ROOT.parent / "shared" / "notes" / "python-notes.md"
ECOSYSTEM = Path("/work/cache/ecosystem/src")
# ecosystem projects whose code the notes are about (testing, async, web, ORM)
PROJECTS = [
    "fastapi",
    "sqlalchemy",
    "sqlmodel",
    "pytest_mock",
    "starlette",
    "aiohttp",
    "alembic",
    "attrs",
    "anyio",
    "httpx",
    "tenacity",
    "flask_sqlalchemy",
    "fastapi_users",
    "celery",
    "click",
    "structlog",
]
SEARCH = 300  # lines around the recorded line where check looks for it
DEFAULT_QUOTAS = {
    "stdlib:shown": 60,
    "stdlib:silent": 45,
    "ecosystem:shown": 40,
    "ecosystem:silent": 10,
}


@dataclass(frozen=True)
class Corpus:
    name: str
    root: Path

    def files(self) -> list[Path]:
        """Its Python files (for the standard library, not the installed packages)."""
        return sorted(
            p
            for p in self.root.rglob("*.py")
            if "site-packages" not in p.parts[len(self.root.parts) :]
        )


def corpora() -> list[Corpus]:
    found = [Corpus("stdlib", Path(sysconfig.get_paths()["stdlib"]))]
    if ECOSYSTEM.is_dir():
        for project in sorted(ECOSYSTEM.iterdir()):
            name = project.name.rsplit("-", 1)[0].lower()
            if name in PROJECTS:
                found.append(Corpus(f"ecosystem:{project.name}", project))
    return found


def corpus_root(name: str) -> Path | None:
    for corpus in corpora():
        if corpus.name == name:
            return corpus.root
    return None


def indexed(path: Path) -> list[NotesFile]:
    return [index_notes(path.read_text(encoding="utf-8"), str(path), kinds_in)]


def section_path(notes: Sequence[NotesFile], match: object) -> str:
    section = match.section  # type: ignore[attr-defined]
    return " › ".join([*section.trail, section.heading])


def shown_at(
    notes: Sequence[NotesFile], source: Source, line: int, col: int
) -> tuple[list[str], list[str]]:
    """(keys looked up, paths of the sections shown) at a 1-based line and 0-based column."""
    keys = keys_at(source, source.offset_at(line - 1, col))
    found = best(notes, keys)
    return [f"{k} {v}" for k, v in keys.all()], [section_path(notes, m) for m in found]


def _positions(text: str) -> Iterator[tuple[int, int]]:
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type in (tokenize.NAME, tokenize.OP):
                yield token.start
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return


def sample(notes: Sequence[NotesFile], quotas: dict[str, int], seed: int) -> list[dict]:
    """Positions per ``group:bucket`` quota (group ``stdlib`` or ``ecosystem``, bucket
    ``shown`` — a section is shown — or ``silent``), at most one per file."""
    rng = random.Random(seed)
    entries: list[dict] = []
    got = dict.fromkeys(quotas, 0)
    files = [(corpus, path) for corpus in corpora() for path in corpus.files()]
    rng.shuffle(files)
    for corpus, path in files:
        group = corpus.name.split(":")[0]
        if all(got[q] >= n for q, n in quotas.items() if q.startswith(group + ":")):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        source = Source(text, str(path))
        candidates = list(_positions(text))
        for line, col in rng.sample(candidates, min(3, len(candidates))):
            keys, shown = shown_at(notes, source, line, col)
            quota = f"{group}:{'shown' if shown else 'silent'}"
            if not keys or got.get(quota, 0) >= quotas.get(quota, 0):
                continue
            got[quota] += 1
            entries.append(
                {
                    "corpus": corpus.name,
                    "file": str(path.relative_to(corpus.root)),
                    "line": line,
                    "col": col,
                    "text": text.splitlines()[line - 1].rstrip(),
                    "keys": keys,
                    "shown": [{"section": s, "relevant": None, "why": ""} for s in shown],
                }
            )
            break  # one position per file: spread over many files
    return entries


def locate(entry: dict) -> tuple[Source, int, int] | None:
    """The source and position of *entry* in this environment (its line searched by
    its text near where it was), or None."""
    root = corpus_root(entry["corpus"])
    if root is None:
        return None
    path = root / entry["file"]
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    lines = text.splitlines()
    line = entry["line"]
    near = range(max(1, line - SEARCH), min(len(lines), line + SEARCH) + 1)
    for number in sorted(near, key=lambda n: abs(n - line)):
        if lines[number - 1].rstrip() == entry["text"]:
            return Source(text, str(path)), number, entry["col"]
    return None


@dataclass
class Tally:
    """Positions found, sections shown and judged, and how many were relevant."""

    found: int = 0
    showing: int = 0
    judged: int = 0
    relevant: int = 0
    unjudged: int = 0

    def line(self, label: str) -> str:
        share = f"{self.relevant / self.judged:.1%}" if self.judged else "-"
        return (
            f"{label}: {self.found} positions, {self.showing} showing a section; "
            f"{self.judged} sections shown and judged, {self.relevant} relevant ({share})"
            + (f"; {self.unjudged} unjudged" if self.unjudged else "")
        )


def replay(entries: list[dict], notes: Sequence[NotesFile]) -> dict[str, Tally]:
    """Tallies per sample (and ``all``) of the entries found in this environment."""
    tallies: dict[str, Tally] = {"all": Tally()}
    for entry in entries:
        where = locate(entry)
        if where is None:
            continue
        source, line, col = where
        _keys, shown = shown_at(notes, source, line, col)
        verdicts = {item["section"]: item["relevant"] for item in entry["shown"]}
        for label in ("all", entry.get("sample", "all")):
            tally = tallies.setdefault(label, Tally())
            if label == "all" and tally is tallies.get(entry.get("sample")):
                continue
            tally.found += 1
            tally.showing += bool(shown)
            for section in shown:
                verdict = verdicts.get(section)
                if verdict is None:
                    tally.unjudged += 1
                else:
                    tally.judged += 1
                    tally.relevant += bool(verdict)
    return tallies


def check(path: Path, notes: Sequence[NotesFile], update: bool = False) -> int:
    entries = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    judged = relevant = unjudged = gone = changed = 0
    for label, tally in replay(entries, notes).items():
        print(tally.line(label))
    for entry in entries:
        where = locate(entry)
        if where is None:
            gone += 1
            continue
        source, line, col = where
        _keys, shown = shown_at(notes, source, line, col)
        verdicts = {item["section"]: item for item in entry["shown"]}
        if update:
            entry["shown"] = [
                verdicts.get(s, {"section": s, "relevant": None, "why": ""}) for s in shown
            ]
        for section in shown:
            verdict = verdicts.get(section)
            if verdict is None or verdict["relevant"] is None:
                unjudged += 1
                print(f"unjudged: {entry['corpus']}:{entry['file']}:{line}: {section}")
                continue
            judged += 1
            relevant += bool(verdict["relevant"])
            if not verdict["relevant"]:
                print(f"not relevant: {entry['file']}:{line}: {entry['text'][:60]} -> {section}")
        if set(shown) != set(verdicts):
            changed += 1
    if update:
        path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries))
    found = len(entries) - gone
    print(
        f"{found} positions found ({gone} gone), {sum(bool(e['shown']) for e in entries)} "
        f"showing a section; {judged} sections shown and judged, {relevant} relevant "
        f"({relevant / judged:.1%}); {unjudged} unjudged; {changed} positions changed"
        if judged
        else f"{found} positions found, nothing judged"
    )
    return 0 if unjudged == 0 else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("action", choices=["sample", "check", "update"])
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--notes", type=Path, default=NOTES)
    parser.add_argument(
        "--quota",
        action="append",
        default=[],
        metavar="GROUP:BUCKET=N",
        help="e.g. stdlib:shown=60 stdlib:silent=45 ecosystem:shown=40 ecosystem:silent=10",
    )
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    notes = indexed(args.notes)
    if args.action == "sample":
        quotas = {q.split("=")[0]: int(q.split("=")[1]) for q in args.quota}
        entries = sample(notes, quotas or DEFAULT_QUOTAS, args.seed)
        text = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries)
        (args.out.write_text(text) if args.out else sys.stdout.write(text))
        print(f"{len(entries)} positions", file=sys.stderr)
        return 0
    if args.file is None:
        parser.error("check and update need FILE")
    return check(args.file, notes, update=args.action == "update")


if __name__ == "__main__":
    sys.exit(main())
