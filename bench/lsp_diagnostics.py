"""LSP diagnostics latency for an 8,000-line file: time from an edit to its diagnostics.

A real client (pygls) starts ``python -P -m pygloss serve``, opens an 8,000-line file
(the stdlib's ``test/test_typing.py`` cut at a statement boundary, plus a few
pitfalls), then types: each edit is one incremental ``didChange``.  With push
diagnostics the debounce is set to 0 ms, so the figure is the server's own work
(apply the edit, parse, lint, convert, publish) plus the round trip; with pull
diagnostics the client asks ``textDocument/diagnostic`` right after the edit.

    python bench/lsp_diagnostics.py [--edits 40] [--mode push|pull|both] [--compare]
                                    [--keystroke name|syntax-error|newline]
                                    [--at end|start]

Each edit types ``x`` into ``    if items == None`` (in the last function of the
file) and the next one deletes it again.  ``--keystroke name`` (the default) types
it into the name ``items``, so every version parses; ``syntax-error`` types it before
``if`` (``xif``), so every other version has a syntax error (the keystroke measured
before the incremental lint existed); ``newline`` inserts the line ``    x = 1``
before that line and the next edit deletes it again (every edit adds or removes a
line break).  ``--at start`` makes the newline edit in the first top-level def/class
of the file instead (before its second body statement), so every statement after
it moves by a line: the worst case for the incremental lint, which renumbers them.

The server re-checks only what an edit touched (``engine/incremental.py``); with
``--compare`` each mode is also measured with ``PYGLOSS_FULL_LINT=1`` (every version
linted in full, the path before the incremental lint), in the same run, alternating.

Prints p50/p90/max in milliseconds, the server process's CPU time per edit (read
from ``/proc``: steadier than wall time on a shared machine), the same for the
edits proper and for their undos apart (an undo back to the text checked last is
nearly free; the versions with the syntax error are the edits), and the
engine-only time (parse + lint) of one version.  The budget is p50 <= 150 ms after an edit,
debounce excluded.
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import os
import statistics
import sys
import sysconfig
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from pygloss.engine.incremental import lint_edit
from pygloss.engine.lint import lint
from pygloss.syntax.source import Source

PITFALLS = (
    "\n\ndef bench_pitfalls(items=[], seen=None):\n"
    "    seen = seen or []\n"
    "    if items == None or seen is 1:\n"
    "        return list()\n"
    "    return items\n"
)


def corpus(lines: int = 8000) -> str:
    """About *lines* lines of real code, cut after a whole top-level statement."""
    text = (Path(sysconfig.get_paths()["stdlib"]) / "test" / "test_typing.py").read_text()
    source = Source(text)
    cut = max(end for start, end in source.statement_extents if source.line_of(end) < lines)
    return text[:cut] + PITFALLS


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process *pid* and its threads (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(len(ordered) * fraction) - 1))]


def place(text: str, where: str) -> tuple[int, str]:
    """0-based line and indentation of the edits: ``    if items == None`` in the last
    function (*where* ``end``), or the second body statement of the first top-level
    def/class with two (``start``)."""
    if where == "end":
        return text.count("\n") - 3, "    "
    for statement in Source(text).statements:
        body = getattr(statement, "body", None)
        if isinstance(statement, ast.FunctionDef | ast.ClassDef) and body and len(body) > 1:
            return body[1].lineno - 1, " " * body[1].col_offset
    raise SystemExit("no def/class with two body statements")


def changes(
    keystroke: str, line: int, indent: str
) -> tuple[types.TextDocumentContentChangePartial, types.TextDocumentContentChangePartial]:
    """The edit of *keystroke* at *line* (0-based) and the edit that undoes it."""

    def at(line: int, column: int) -> types.Position:
        return types.Position(line=line, character=column)

    if keystroke == "newline":
        return (
            types.TextDocumentContentChangePartial(
                range=types.Range(start=at(line, 0), end=at(line, 0)), text=f"{indent}x = 1\n"
            ),
            types.TextDocumentContentChangePartial(
                range=types.Range(start=at(line, 0), end=at(line + 1, 0)), text=""
            ),
        )
    column = 7 if keystroke == "name" else 4
    return (
        types.TextDocumentContentChangePartial(
            range=types.Range(start=at(line, column), end=at(line, column)), text="x"
        ),
        types.TextDocumentContentChangePartial(
            range=types.Range(start=at(line, column), end=at(line, column + 1)), text=""
        ),
    )


def edited(keystroke: str, text: str, where: str) -> str:
    """*text* after the first edit of *keystroke* (for the engine-only figure)."""
    line, indent = place(text, where)
    at = Source(text).line_starts[line]
    inserted = {"name": (7, "x"), "syntax-error": (4, "x"), "newline": (0, f"{indent}x = 1\n")}
    column, typed = inserted[keystroke]
    return text[: at + column] + typed + text[at + column :]


async def measure(
    text: str,
    edits: int,
    pull: bool,
    full: bool = False,
    keystroke: str = "name",
    where: str = "end",
) -> tuple[list[float], list[float]]:
    client = LanguageClient("pygloss-bench", "1")
    published: dict[int, asyncio.Event] = {}

    @client.feature(types.WINDOW_LOG_MESSAGE)
    def on_log(params: types.LogMessageParams) -> None:
        if params.type in (types.MessageType.Error, types.MessageType.Warning):
            print(f"server: {params.message}", file=sys.stderr)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None and params.diagnostics:
            published.setdefault(params.version, asyncio.Event()).set()

    env = dict(os.environ, PYGLOSS_FULL_LINT="1" if full else "0")
    await client.start_io(sys.executable, "-P", "-m", "pygloss", "serve", env=env)
    capabilities = types.ClientCapabilities(
        text_document=types.TextDocumentClientCapabilities(
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True),
            diagnostic=types.DiagnosticClientCapabilities() if pull else None,
        )
    )
    await client.initialize_async(
        types.InitializeParams(
            capabilities=capabilities,
            initialization_options={"pygloss": {"diagnostics": {"debounceMs": 0}}},
        )
    )
    client.initialized(types.InitializedParams())
    uri = Path("/tmp/pygloss-bench/big_module.py").as_uri()
    document = types.TextDocumentIdentifier(uri=uri)

    async def diagnostics_for(version: int) -> None:
        if pull:
            report = await client.text_document_diagnostic_async(
                types.DocumentDiagnosticParams(text_document=document)
            )
            assert report.items, "no diagnostics pulled"
        else:
            event = published.setdefault(version, asyncio.Event())
            await asyncio.wait_for(event.wait(), timeout=60)

    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="python", version=1, text=text
            )
        )
    )
    await diagnostics_for(1)
    times: list[float] = []
    cpu: list[float] = []
    pid = client._server.pid  # type: ignore[union-attr]
    do, undo = changes(keystroke, *place(text, where))
    await asyncio.sleep(1.0)  # let start-up work in the server settle
    for version in range(2, edits + 2):
        change = do if version % 2 == 0 else undo  # odd versions undo the edit before
        started, used = time.perf_counter(), cpu_seconds(pid)
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[change],
            )
        )
        await diagnostics_for(version)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((cpu_seconds(pid) - used) * 1000)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--mode", choices=("push", "pull", "both"), default="both")
    parser.add_argument(
        "--compare", action="store_true", help="also measure the full lint of every version"
    )
    parser.add_argument("--keystroke", choices=("name", "syntax-error", "newline"), default="name")
    parser.add_argument("--at", choices=("end", "start"), default="end")
    args = parser.parse_args()
    if args.at == "start" and args.keystroke != "newline":
        parser.error("--at start is for --keystroke newline")
    text = corpus()
    engine = []
    for _ in range(5):
        started = time.perf_counter()
        source = Source(text, "/tmp/pygloss-bench/big_module.py")
        lint(source, None, source.path)
        engine.append((time.perf_counter() - started) * 1000)
    print(f"file: {text.count(chr(10))} lines; load average {os.getloadavg()[0]:.2f}")
    print(f"engine only (parse + lint, 5 runs): median {statistics.median(engine):.0f} ms")
    versions = (text, edited(args.keystroke, text, args.at))
    state = lint_edit(Source(text, "/tmp/pygloss-bench/big_module.py"), None)[1]
    incremental = []
    for round_ in range(1, 11):
        started = time.perf_counter()
        source = Source(versions[round_ % 2], "/tmp/pygloss-bench/big_module.py")
        _, state = lint_edit(source, state)
        incremental.append((time.perf_counter() - started) * 1000)
    print(
        f"engine only, incremental ({args.keystroke} edit at the {args.at} and its undo, "
        f"10 runs): "
        f"median {statistics.median(incremental):.0f} ms"
    )
    modes = ("push", "pull") if args.mode == "both" else (args.mode,)
    runs = [
        (mode, full) for mode in modes for full in ((True, False) if args.compare else (False,))
    ]
    for mode, full in runs:
        pull = mode == "pull"
        times, cpu = asyncio.run(measure(text, args.edits, pull, full, args.keystroke, args.at))
        label = (
            f"{mode} ({'full lint' if full else 'incremental'}, {args.keystroke} at the {args.at})"
        )
        print(
            f"{label}: {len(times)} edits, "
            f"edit -> diagnostics p50 {percentile(times, 0.5):.0f} ms, "
            f"p90 {percentile(times, 0.9):.0f} ms, max {max(times):.0f} ms (debounce 0 ms); "
            f"server CPU per edit p50 {percentile(cpu, 0.5):.0f} ms"
        )
        made, undone = times[::2], times[1::2]  # the edits proper, and their undos
        print(
            f"    the edits: p50 {percentile(made, 0.5):.0f} ms, p90 {percentile(made, 0.9):.0f} "
            f"ms, CPU p50 {percentile(cpu[::2], 0.5):.0f} ms; the undos: p50 "
            f"{percentile(undone, 0.5):.0f} ms, CPU p50 {percentile(cpu[1::2], 0.5):.0f} ms"
        )
    print(f"command: python {' '.join(sys.argv)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
