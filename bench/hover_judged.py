"""The judged hover corpus: hover positions in real code that no one here wrote, each
with what pygloss says there and a person's verdict on it.

    python bench/hover_judged.py              # hover every position again, compare, count
    python bench/hover_judged.py --update     # store the new outputs (a changed one is unjudged)
    python bench/hover_judged.py --cached-only  # only the projects already in the cache
    python bench/hover_judged.py --propose 40 --seed 3 [--projects celery-5.7.0 ...]

The corpus is ``tests/fixtures/hover_judged.jsonl``, one object per line: ``id``,
``project`` (a key of ``bench/ecosystem/projects.toml``, whose sdist is downloaded and
unpacked into the ecosystem cache, or ``python-X.Y.Z``: that interpreter's standard
library), ``path`` inside it, 1-based ``line`` and ``col``, the ``token`` there,
``topics`` and ``output`` (the hover as plain text, as ``pygloss explain`` prints it),
and the verdict: ``verdict`` (``true``: every statement holds for this code;
``misleading``; ``false``; ``unjudged``), ``useful`` (it tells more than a signature
and a docstring would) and ``note`` (why).  ``case`` marks the positions of issue
#21's "Seen in real code" list.

The default run hovers every position again with the engine the language server
uses (jedi included), prints the counts, lists each position whose output changed
(its verdict no longer applies) and exits 1 when one changed or when any verdict is
``false``, ``misleading`` or ``unjudged``.  ``--propose`` prints candidate positions
(unjudged) where pygloss has something to say, spread over topics and projects, to
judge and append.  Positions in projects that are not in the cache are downloaded
(pip, hash-checked) first.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import random
import sys
import tokenize
from collections import Counter, defaultdict
from pathlib import Path

from _ecosystem_corpus import Project, default_cache, download, load_projects, unpacked
from pygloss.engine.api import Engine
from pygloss.engine.explain import explain
from pygloss.engine.render import RenderOptions
from pygloss.kb.loader import builtin_knowledge_dir
from pygloss.syntax.source import Source

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "hover_judged.jsonl"
VERDICTS = ("true", "misleading", "false", "unjudged")
STDLIB = f"python-{platform.python_version()}"


def read_corpus(path: Path = CORPUS) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def write_corpus(entries: list[dict[str, object]], path: Path = CORPUS) -> None:
    lines = [json.dumps(entry, ensure_ascii=False) for entry in entries]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def roots(keys: set[str], cache: Path, fetch: bool = True) -> dict[str, Path]:
    """Project key -> its unpacked source folder (downloading what is missing, unless
    *fetch* is false: then a project not unpacked in the cache is left out)."""
    import sysconfig

    found: dict[str, Path] = {}
    if STDLIB in keys:
        found[STDLIB] = Path(sysconfig.get_paths()["stdlib"])
    wanted = [p for p in load_projects() if p.key in keys and p.source != "python"]
    missing = [p for p in wanted if not (cache / "src" / p.key / ".unpacked").exists()]
    if missing and not fetch:
        wanted = [p for p in wanted if p not in missing]
    elif missing:
        download(missing, cache)
    for project in wanted:
        found[project.key] = unpacked(project, cache)
    return found


def normalise(text: str) -> str:
    """Hover text without what depends on this checkout (the knowledge folder's URI)."""
    return text.replace(builtin_knowledge_dir().resolve().as_uri(), "<knowledge>")


def hover(engine: Engine, path: Path, line: int, col: int) -> tuple[list[str], str]:
    source = Source(path.read_text(encoding="utf-8"), str(path))
    offset = source.offset_at(line - 1, col - 1)
    found = engine.explain(source, offset, RenderOptions(markdown=False))
    if found is None:
        return [], ""
    return [t.id for t in found.topics], normalise(found.markdown)


def token_at(path: Path, line: int, col: int) -> str:
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    start = col - 1
    end = start
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1
    return text[start : max(end, start + 1)]


def check(
    entries: list[dict[str, object]], update: bool, fetch: bool = True, budget: float = 5.0
) -> int:
    cache = default_cache()
    where = roots({str(e["project"]) for e in entries}, cache, fetch)
    engine = Engine(jedi_budget=budget)
    changed: list[str] = []
    unavailable = 0
    for entry in entries:
        root = where.get(str(entry["project"]))
        if root is None:
            unavailable += 1
            continue
        path = root / str(entry["path"])
        line, col = int(str(entry["line"])), int(str(entry["col"]))
        topics, output = hover(engine, path, line, col)
        if output != entry["output"] or token_at(path, line, col) != entry["token"]:
            changed.append(f"{entry['id']}: {entry['topics']} -> {topics}")
            if update:
                entry.update(topics=topics, output=output, token=token_at(path, line, col))
                entry.update(
                    verdict="unjudged", note=f"output changed; was judged {entry['verdict']}"
                )
    if update:
        write_corpus(entries)
    counts = Counter(str(e["verdict"]) for e in entries)
    useful = sum(1 for e in entries if e.get("useful") and e["verdict"] == "true")
    projects = len({e["project"] for e in entries})
    cases = sorted({int(str(e["case"])) for e in entries if e.get("case")})
    flags = (" --update" if update else "") + ("" if fetch else " --cached-only")
    print(f"command: python bench/hover_judged.py{flags}")
    print(f"positions: {len(entries)} in {projects} projects; issue cases: {cases}")
    print("verdicts: " + ", ".join(f"{v} {counts[v]}" for v in VERDICTS))
    print(f"useful beyond a signature: {useful} of {counts['true']} true")
    print(f"changed since judged: {len(changed)}; not available here: {unavailable}")
    for line in changed:
        print(f"  changed: {line}")
    bad = counts["false"] + counts["misleading"] + counts["unjudged"]
    return 1 if changed or bad else 0


def _starts(text: str) -> list[tuple[int, int, str]]:
    """``(line, col, token)`` (1-based) of the tokens of *text* that are not comments."""
    found = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type in (tokenize.NAME, tokenize.OP, tokenize.STRING) and tok.string.strip():
                found.append((tok.start[0], tok.start[1] + 1, tok.string))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        pass
    return found


def propose(count: int, seed: int, keys: list[str], known: set[str]) -> None:
    """Print *count* unjudged candidates, spread over first topics and projects."""
    rng = random.Random(seed)
    projects: list[Project] = [p for p in load_projects() if p.group == "ecosystem"]
    chosen = [p for p in projects if not keys or p.key in keys]
    where = roots({p.key for p in chosen}, default_cache())
    kb = Engine().kb
    by_topic: dict[str, list[tuple[str, str, int, int, str]]] = defaultdict(list)
    for key, root in sorted(where.items()):
        files = sorted(root.rglob("*.py"))
        for path in rng.sample(files, min(6, len(files))):
            try:
                source = Source(path.read_text(encoding="utf-8"), str(path))
            except (OSError, UnicodeDecodeError):
                continue
            for line, col, token in _starts(source.text):
                ident = f"{key}/{path.relative_to(root)}:{line}:{col}"
                if ident in known:
                    continue
                found = explain(source, source.offset_at(line - 1, col - 1), kb)
                if found is not None and found.topics:
                    by_topic[found.topics[0].id].append(
                        (key, str(path.relative_to(root)), line, col, token)
                    )
    engine = Engine(jedi_budget=5.0)
    order = sorted(by_topic)
    rng.shuffle(order)
    picked = 0
    while picked < count and any(by_topic.values()):
        for topic in order:
            if picked >= count or not by_topic[topic]:
                continue
            key, rel, line, col = by_topic[topic].pop(rng.randrange(len(by_topic[topic])))[:4]
            topics, output = hover(engine, where[key] / rel, line, col)
            entry = {
                "id": f"{key}/{rel}:{line}:{col}",
                "project": key,
                "path": rel,
                "line": line,
                "col": col,
                "token": token_at(where[key] / rel, line, col),
                "topics": topics,
                "output": output,
                "verdict": "unjudged",
                "useful": False,
                "note": "",
            }
            print(json.dumps(entry, ensure_ascii=False))
            picked += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="store the new outputs")
    parser.add_argument("--propose", type=int, metavar="N", help="print N candidate positions")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--projects", nargs="*", default=[], help="project keys to propose from")
    parser.add_argument(
        "--cached-only", action="store_true", help="skip projects not unpacked in the cache"
    )
    parser.add_argument("--jedi-budget", type=float, default=5.0, help="seconds per hover")
    args = parser.parse_args(argv)
    entries = read_corpus() if CORPUS.exists() else []
    if args.propose:
        propose(args.propose, args.seed, args.projects, {str(e["id"]) for e in entries})
        return 0
    return check(entries, args.update, not args.cached_only, args.jedi_budget)


if __name__ == "__main__":
    sys.exit(main())
