"""Big and hostile inputs through a real server: how long each request takes.

For each input: open it, pull diagnostics (first version, then again after each of
``--edits`` one-line edits: new versions), hover at 200 positions spread over the file, and ask
for code actions on the whole file.  Prints per input: size, diagnostics time of
each version, whether the lint was cut (and the server's notice), hover p50/p99/max,
code-action time, and any error logged.  The issue's bounds: diagnostics of a
50,000-line file within 3 s (or cut with a notice), hover within its budget, files
above ``max-file-size`` (2 MB by default) skipped with one message.

Usage: python bench/robustness_big.py [--hovers 200] [--edits 4] [--cold]

By default the inputs are measured once jedi's warm-up (which shares the GIL) has
finished; ``--cold`` measures during it, as right after the editor starts.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))  # the tests' corpora
from tests.corpus import stdlib_lines

from _lsp import Session, percentile, start


def inputs() -> list[tuple[str, str]]:
    deep_defs = "".join(f"{'    ' * i}def f{i}(x=[]):\n" for i in range(200)) + "    " * 200
    return [
        ("50,000 lines (stdlib code)", stdlib_lines(50_000)),
        ("8,000 lines (stdlib code)", stdlib_lines(8_000)),
        ("one 1 MB line", "x = [" + "1, " * 340_000 + "]\n"),
        ("10 MB (over max-file-size)", "x = 1  # ten megabytes of this\n" * 340_000),
        ("1,000-deep brackets", "x = " + "[" * 1000 + "]" * 1000 + "\n"),
        ("200-deep nested defs", deep_defs + "pass\n"),
    ]


async def measure(session: Session, name: str, text: str, hovers: int, edits: int) -> None:
    uri = (Path("/tmp/pygloss-big") / (name.split()[0].replace(",", "") + ".py")).as_uri()
    doc = types.TextDocumentIdentifier(uri=uri)
    seen = len(session.messages)
    session.open(uri, text)
    times: list[float] = []
    for version in range(1, edits + 2):
        if version > 1:
            session.client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[
                        types.TextDocumentContentChangePartial(
                            range=types.Range(
                                start=types.Position(line=1, character=0),
                                end=types.Position(line=1, character=0),
                            ),
                            text="edited = []\n",
                        )
                    ],
                )
            )
        started = time.perf_counter()
        await session.timed(
            "diagnostic " + name,
            session.client.text_document_diagnostic_async(
                types.DocumentDiagnosticParams(text_document=doc)
            ),
        )
        times.append(time.perf_counter() - started)
    lines = text.splitlines() or [""]
    hover_times: list[float] = []
    for n in range(hovers):
        line = n * len(lines) // hovers
        column = (n * 7) % max(1, len(lines[line]) + 1)
        started = time.perf_counter()
        await session.timed(
            "hover " + name,
            session.client.text_document_hover_async(
                types.HoverParams(
                    text_document=doc, position=types.Position(line=line, character=column)
                )
            ),
        )
        hover_times.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    await session.timed(
        "codeAction " + name,
        session.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=doc,
                range=types.Range(
                    start=types.Position(line=0, character=0),
                    end=types.Position(line=len(lines), character=0),
                ),
                context=types.CodeActionContext(diagnostics=[]),
            )
        ),
    )
    actions = time.perf_counter() - started
    session.close(uri)
    notices = [m for m in session.messages[seen:] if "stopped after" in m or "max-file-size" in m]
    print(
        f"{name}: {len(text) / 1e6:.2f} MB, {text.count(chr(10))} lines | diagnostics "
        f"{times[0]:.2f} s, after {edits} edits median {statistics.median(times[1:]):.2f} s "
        f"max {max(times[1:]):.2f} s | hover p50 "
        f"{percentile(hover_times, 0.5):.0f} ms p95 {percentile(hover_times, 0.95):.0f} ms "
        f"p99 {percentile(hover_times, 0.99):.0f} ms "
        f"max {max(hover_times):.0f} ms | code actions {actions:.2f} s"
    )
    for notice in notices:
        print(f"    notice: {notice}")


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hovers", type=int, default=200)
    parser.add_argument("--edits", type=int, default=4, help="new versions diagnosed")
    parser.add_argument(
        "--cold", action="store_true", help="measure during jedi's warm-up (no wait)"
    )
    args = parser.parse_args()
    print("command: python bench/robustness_big.py " + " ".join(sys.argv[1:]))
    session = await start()
    try:  # a small document first: the knowledge base is loaded before measuring
        session.open("file:///tmp/pygloss-big/warm.py", "import os\nos.path\n")
        await session.timed(
            "warm",
            session.client.text_document_hover_async(
                types.HoverParams(
                    text_document=types.TextDocumentIdentifier(
                        uri="file:///tmp/pygloss-big/warm.py"
                    ),
                    position=types.Position(line=1, character=3),
                )
            ),
        )
        if not args.cold:  # jedi's warm-up shares the GIL: measure after it
            started = time.perf_counter()
            while time.perf_counter() - started < 120 and not any(
                "warm-up done" in m for m in session.messages
            ):
                await asyncio.sleep(0.2)
            print(f"waited {time.perf_counter() - started:.1f} s for jedi's warm-up")
        for name, text in inputs():
            await measure(session, name, text, args.hovers, args.edits)
    finally:
        await session.stop()
    print(f"load average {os.getloadavg()[0]:.1f}; errors logged: {len(session.errors)}")
    for error in session.errors:
        print("ERROR", error[:1500])
    return 1 if session.errors else 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
