"""``pygloss notes index PATH...`` and ``pygloss notes which FILE:LINE:COL --notes PATH``.

``index`` prints each section of the notes (``file:line``, the heading) with what its
heading names (construct kinds, modules, types, in words or not) and the names and
kinds its own text uses, with where each comes from (heading, marker, code, inline
code), so a user can see why a section matches.  ``which`` prints what a hover at a
position of a Python file looks up, the sections that match, best first, each with
the reason it matches, and the sections that mention what is looked up but were
rejected, each with the reason; the hover shows the first two matches.  Paths may be
globs; problems with the notes go to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from pygloss.cli.common import UsageError

LISTED = 10  # matches `which` lists without --all


def add_parser(sub: Any) -> None:
    notes = sub.add_parser("notes", help="index your own Markdown notes; see what matches")
    actions = notes.add_subparsers(dest="notes_command", metavar="ACTION")
    actions.required = True
    index = actions.add_parser("index", help="show each section and what it is indexed under")
    index.add_argument("paths", nargs="+", metavar="PATH", help="notes files or globs")
    index.add_argument("--format", choices=["text", "json"], default="text")
    index.set_defaults(run=run_index)
    which = actions.add_parser("which", help="show which sections match at FILE:LINE:COL")
    which.add_argument("location", help="FILE:LINE:COL, 1-based as editors show them")
    which.add_argument(
        "--notes",
        action="append",
        default=None,
        metavar="PATH",
        help="notes file or glob (repeatable; default: notes in [tool.pygloss])",
    )
    which.add_argument("--format", choices=["text", "json"], default="text")
    which.add_argument("--all", action="store_true", help="list every match, not the best 10")
    which.set_defaults(run=run_which)


def warn(message: str) -> None:
    print(f"pygloss: {message}", file=sys.stderr)


def run_index(args: argparse.Namespace) -> int:
    from pygloss.engine.notes import NotesIndex, NotesSpec

    files = NotesIndex(warn=warn).files(NotesSpec(tuple(args.paths), os.getcwd()))
    if not files:
        raise UsageError("no notes file could be read")
    if args.format == "json":
        print(json.dumps([_file_json(f) for f in files], indent=2))
        return 0
    for notes in files:
        for section in notes.sections:
            print(_section_text(section))
    return 0


def _where(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return path


def _evidence(origins: dict[str, int]) -> str:
    parts = [o if n == 1 else f"{o} ×{n}" for o, n in origins.items()]
    return ", ".join(parts)


def _section_text(section: Any) -> str:
    from pygloss.engine.notes.match import COMMON_KINDS, COMMON_NAMES, EXPLICIT

    lines = [f"{_where(section.path)}:{section.line}: {'#' * section.level} {section.heading}"]
    named = _heading_named(section.terms)
    if named:
        lines.append(f"    heading names: {named}")
    groups: dict[str, list[str]] = {
        "names": [],
        "kinds": [],
        "too common alone": [],
        "unresolved (they only back a heading word)": [],
    }
    for (kind, value), origins in sorted(section.own.items()):
        common = value in (COMMON_KINDS if kind == "kind" else COMMON_NAMES)
        label = value if kind in ("name", "kind", "bare") else f"{kind} {value}"
        guessed = ", guessed" if (kind, value) in section.guessed else ""
        entry = f"{label} ({_evidence(dict(origins))}{guessed})"
        if kind == "bare":
            groups["unresolved (they only back a heading word)"].append(label)
        elif common and not EXPLICIT & set(origins):
            groups["too common alone"].append(entry)
        else:
            groups["kinds" if kind == "kind" else "names"].append(entry)
    for label, entries in groups.items():
        if entries:
            lines.append(f"    {label}: {', '.join(entries)}")
    if section.inherited:
        shown = sorted(value for _, value in section.inherited)
        more = f" (+{len(shown) - 8} more)" if len(shown) > 8 else ""
        lines.append(f"    in subsections: {', '.join(shown[:8])}{more}")
    return "\n".join(lines)


def _heading_named(terms: Any) -> str:
    """``kinds with, async-with; modules contextlib; words context, manager (weak) ...``"""
    parts: list[str] = []
    for label, found in (
        ("kinds", terms.kinds),
        ("modules", terms.modules),
        ("types", terms.types),
    ):
        if found:
            shown = [k if strong else f"{k} (weak)" for k, strong in sorted(found.items())]
            parts.append(f"{label} {', '.join(shown)}")
    for label, found in (("dunders", terms.dunders), ("files", terms.files)):
        if found:
            parts.append(f"{label} {', '.join(sorted(found))}")
    words = sorted(w for w in terms.exact if w in terms.words)
    if words:
        shown = [w if terms.words[w] else f"{w} (weak)" for w in words]
        parts.append(f"words {', '.join(shown)}")
    return "; ".join(parts)


def _file_json(notes: Any) -> dict[str, Any]:
    return {
        "path": notes.path,
        "sections": [
            {
                "line": s.line,
                "level": s.level,
                "heading": s.heading,
                "end": s.end,
                "trail": list(s.trail),
                "heading_names": {
                    "kinds": dict(s.terms.kinds),
                    "modules": dict(s.terms.modules),
                    "types": dict(s.terms.types),
                    "words": {
                        w: s.terms.words[w] for w in sorted(s.terms.exact & set(s.terms.words))
                    },
                    "dunders": sorted(s.terms.dunders),
                    "files": sorted(s.terms.files),
                },
                "names": {v: dict(o) for (k, v), o in sorted(s.own.items()) if k == "name"},
                "kinds": {v: dict(o) for (k, v), o in sorted(s.own.items()) if k == "kind"},
                "others": {
                    f"{k}:{v}": dict(o)
                    for (k, v), o in sorted(s.own.items())
                    if k not in ("name", "kind")
                },
                "in_subsections": sorted(f"{k}:{v}" for k, v in s.inherited),
            }
            for s in notes.sections
        ],
        "warnings": list(notes.warnings),
    }


def notes_spec_for(notes: list[str] | None, path: Path) -> Any:
    """``--notes`` (relative to the current folder), else ``notes`` in the file's
    ``[tool.pygloss]`` (relative to its project folder); None when neither."""
    from pygloss.engine.config import config_for
    from pygloss.engine.notes import NotesSpec

    if notes:
        return NotesSpec(tuple(notes), os.getcwd())
    config, _ = config_for(path)
    return NotesSpec.from_config(config)


def run_which(args: argparse.Namespace) -> int:
    from pygloss.cli.common import load_source
    from pygloss.cli.explain import parse_location
    from pygloss.engine.notes import NotesIndex
    from pygloss.engine.notes.hover import judged, keys_at
    from pygloss.engine.notes.match import pick
    from pygloss.engine.notes.render import breadcrumb

    path, line, col = parse_location(args.location)
    source = load_source(path)
    if line > source.line_count or col > len(source.line_text(line - 1)) + 1:
        raise UsageError(f"{path}:{line}:{col}: position is outside the file")
    spec = notes_spec_for(args.notes, path)
    if spec is None:
        raise UsageError("no notes: pass --notes PATH or set notes in [tool.pygloss]")
    files = NotesIndex(warn=warn).files(spec)
    keys = keys_at(source, source.offset_at(line - 1, col - 1))
    matches, misses = judged(files, keys)
    shown = {(m.section.path, m.section.index) for m in pick(files, matches)}
    if args.format == "json":
        print(json.dumps(_which_json(keys.all(), matches, misses, shown), indent=2))
        return 0
    looked_up = ", ".join(f"{k} {v}" for k, v in keys.all()) or "nothing pygloss can look up"
    print(f"{path}:{line}:{col}: looks up {looked_up}")
    if not matches:
        print("no section of your notes matches here")
    listed = matches if args.all else matches[:LISTED]
    for match in listed:
        section = match.section
        mark = "*" if (section.path, section.index) in shown else " "
        print(f"{mark} {_where(section.path)}:{section.line}: {breadcrumb(section)}")
        print(f"      {match.why()}")
    if len(listed) < len(matches):
        print(f"  ... and {len(matches) - len(listed)} more (--all lists them)")
    if shown:
        print("(* = shown in the hover)")
    rejected = misses if args.all else misses[:LISTED]
    if rejected:
        print("not about it:")
    for miss in rejected:
        section = miss.section
        print(f"  {_where(section.path)}:{section.line}: {breadcrumb(section)}")
        print(f"      {miss.why()}")
    if len(rejected) < len(misses):
        print(f"  ... and {len(misses) - len(rejected)} more (--all lists them)")
    return 0


def _which_json(keys: Any, matches: Any, misses: Any, shown: set[Any]) -> dict[str, Any]:
    return {
        "keys": [{"kind": k, "value": v} for k, v in keys],
        "matches": [
            {
                "path": m.section.path,
                "line": m.section.line,
                "heading": m.section.heading,
                "trail": list(m.section.trail),
                "tier": m.tier,
                "why": m.why(),
                "shown": (m.section.path, m.section.index) in shown,
            }
            for m in matches
        ],
        "rejected": [
            {
                "path": m.section.path,
                "line": m.section.line,
                "heading": m.section.heading,
                "why": m.why(),
            }
            for m in misses
        ],
    }
