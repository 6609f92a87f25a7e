"""Sweep a real server over every file of the stdlib and of the test extras' packages.

For each file: open it, pull diagnostics, ask for code actions on the whole file
(resolving each quick fix and fix-all), hover at every Nth token, close it.  Counts
unhandled exceptions (error-level ``window/logMessage``, error responses,
time-outs) and prints files, requests, errors and p50/p99 latency per method.

Usage::

    python bench/robustness_sweep.py [--roots stdlib site] [--every 20] [--tests all|skip|only]
                                     [--shard I/N] [--limit N] [--errors-to FILE]

``stdlib`` is this interpreter's standard library (with its tests); ``site`` is
the installed packages named in the ``test`` extras of ``pyproject.toml``.
``--shard 1/4`` takes every 4th file starting at the first, to split a long run.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import sys
import sysconfig
import time
import tokenize
import tomllib
from importlib import metadata
from pathlib import Path

from lsprotocol import types

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _lsp import Session, report, start

REPO = Path(__file__).resolve().parent.parent
SKIP_TOKENS = {tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}


def stdlib_files() -> list[Path]:
    lib = Path(sysconfig.get_paths()["stdlib"])
    return sorted(p for p in lib.rglob("*.py") if "site-packages" not in p.parts)


def site_files() -> list[Path]:
    """Files of the distributions named in the ``test`` extras (not their deps)."""
    extras = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    names = [
        n.split(">")[0].split("=")[0].split("[")[0].strip()
        for n in extras["optional-dependencies"]["test"]
    ]
    files: set[Path] = set()
    for name in names:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for entry in dist.files or []:
            if entry.suffix == ".py":
                files.add(Path(str(dist.locate_file(entry))).resolve())
    return sorted(p for p in files if p.is_file())


def token_starts(text: str, every: int) -> list[tuple[int, int]]:
    """0-based (line, column) of every *every*-th token (columns in code points)."""
    found: list[tuple[int, int]] = []
    count = 0
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type in SKIP_TOKENS:
                continue
            if count % every == 0:
                found.append((tok.start[0] - 1, tok.start[1]))
            count += 1
    except (tokenize.TokenError, SyntaxError, ValueError):
        pass  # a file that does not tokenize to the end: hover what came before
    return found


async def sweep_file(session: Session, path: Path, every: int) -> int:
    text = path.read_text(encoding="utf-8", errors="replace")
    uri = path.as_uri()
    doc = types.TextDocumentIdentifier(uri=uri)
    session.open(uri, text)
    requests = 1
    await session.timed(
        "textDocument/diagnostic",
        session.client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=doc)
        ),
        where=str(path),
    )
    whole = types.Range(
        start=types.Position(line=0, character=0),
        end=types.Position(line=text.count("\n") + 1, character=0),
    )
    for only in (None, ["source.fixAll.pygloss"]):
        actions = await session.timed(
            "textDocument/codeAction",
            session.client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=doc,
                    range=whole,
                    context=types.CodeActionContext(diagnostics=[], only=only),
                )
            ),
            where=f"{path} only={only}",
        )
        requests += 1
        for action in actions or []:
            if isinstance(action, types.CodeAction) and action.data is not None:
                await session.timed(
                    "codeAction/resolve",
                    session.client.code_action_resolve_async(action),
                    where=f"{path} {action.title}",
                )
                requests += 1
    for line, column in token_starts(text, every):
        await session.timed(
            "textDocument/hover",
            session.client.text_document_hover_async(
                types.HoverParams(
                    text_document=doc, position=types.Position(line=line, character=column)
                )
            ),
            where=f"{path}:{line + 1}:{column + 1}",
        )
        requests += 1
    session.close(uri)
    return requests


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--roots", nargs="+", default=["stdlib", "site"])
    parser.add_argument("--every", type=int, default=20)
    parser.add_argument("--shard", default="1/1")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--errors-to", type=Path)
    parser.add_argument(
        "--tests", choices=["all", "skip", "only"], default="all", help="test/ and tests/ dirs"
    )
    args = parser.parse_args()
    print("command: python bench/robustness_sweep.py " + " ".join(sys.argv[1:]))
    files: list[Path] = []
    for root in args.roots:
        files += stdlib_files() if root == "stdlib" else site_files()
    if args.tests != "all":
        only = args.tests == "only"
        files = [p for p in files if bool({"test", "tests"} & set(p.parts)) == only]
    index, count = (int(n) for n in args.shard.split("/"))
    files = files[index - 1 :: count]
    if args.limit:
        files = files[: args.limit]
    session = await start()
    started = time.perf_counter()
    requests = 0
    lines = 0
    try:
        for number, path in enumerate(files, 1):
            requests += await sweep_file(session, path, args.every)
            lines += path.read_text(encoding="utf-8", errors="replace").count("\n")
            if number % 100 == 0:
                print(f"  ... {number}/{len(files)} files, {len(session.errors)} errors",
                      file=sys.stderr, flush=True)  # fmt: skip
    finally:
        await session.stop()
    elapsed = time.perf_counter() - started
    print(
        f"python {sys.version.split()[0]}, roots {' '.join(args.roots)}, shard {args.shard}: "
        f"{len(files)} files, {lines} lines, {requests} requests, "
        f"{len(session.errors)} errors, {elapsed:.0f} s (load {os.getloadavg()[0]:.1f})"
    )
    report(session)
    if args.errors_to:
        args.errors_to.write_text("\n\n".join(session.errors))
    for error in session.errors[:20]:
        print("ERROR", error[:2000])
    return 1 if session.errors else 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
