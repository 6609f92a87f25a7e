"""Resident memory of a real server over many open/edit/close cycles.

Each cycle opens one of 50 documents (real stdlib modules), applies an incremental
edit, hovers three places, pulls diagnostics, asks for code actions on the whole
file, and closes it.  The server's RSS (``/proc/PID/status`` VmRSS) is printed every
200 cycles; the check is that it stays within 20% of where it settled after the
first 200 (caches warm, knowledge base loaded).

Usage: python bench/robustness_memory.py [--cycles 2000] [--documents 50] [--cold]

The cycles start once jedi's start-up warm-up is done (it loads the knowledge base's
modules into jedi once, ~30 MiB, and runs only while no hover is asked, so without
waiting it lands somewhere in the middle of the run); ``--cold`` does not wait.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import sysconfig
import time
from pathlib import Path

from lsprotocol import types

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _lsp import report, start


def documents(count: int) -> list[tuple[str, str]]:
    """*count* (uri, text) pairs: stdlib modules of 200..1500 lines, as scratch URIs."""
    lib = Path(sysconfig.get_paths()["stdlib"])
    found: list[tuple[str, str]] = []
    for path in sorted(lib.glob("*.py")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if 200 <= text.count("\n") <= 1500:
            found.append(((Path("/tmp/pygloss-memory") / path.name).as_uri(), text))
        if len(found) == count:
            break
    return found


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cycles", type=int, default=2000)
    parser.add_argument("--documents", type=int, default=50)
    parser.add_argument("--every", type=int, default=200)
    parser.add_argument(
        "--cold", action="store_true", help="start cycling before jedi's warm-up is done"
    )
    args = parser.parse_args()
    print("command: python bench/robustness_memory.py " + " ".join(sys.argv[1:]))
    docs = documents(args.documents)
    session = await start()
    if not args.cold:  # the warm-up loads the knowledge base's modules into jedi once
        waited = time.perf_counter()
        while time.perf_counter() - waited < 120 and not any(
            "warm-up done" in m for m in session.messages
        ):
            await asyncio.sleep(0.2)
        print(f"waited {time.perf_counter() - waited:.1f} s for jedi's warm-up")
    samples: list[tuple[int, int]] = [(0, session.rss_kib())]
    started = time.perf_counter()
    try:
        for cycle in range(1, args.cycles + 1):
            uri, text = docs[cycle % len(docs)]
            doc = types.TextDocumentIdentifier(uri=uri)
            session.open(uri, text)
            line = (cycle * 7) % max(1, text.count("\n"))
            session.client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                    content_changes=[
                        types.TextDocumentContentChangePartial(
                            range=types.Range(
                                start=types.Position(line=line, character=0),
                                end=types.Position(line=line, character=0),
                            ),
                            text=f"edited_{cycle} = [{cycle}]\n",
                        )
                    ],
                )
            )
            for position in (line, line + 10, line + 40):
                await session.timed(
                    "textDocument/hover",
                    session.client.text_document_hover_async(
                        types.HoverParams(
                            text_document=doc,
                            position=types.Position(line=position, character=4),
                        )
                    ),
                )
            await session.timed(
                "textDocument/diagnostic",
                session.client.text_document_diagnostic_async(
                    types.DocumentDiagnosticParams(text_document=doc)
                ),
            )
            await session.timed(
                "textDocument/codeAction",
                session.client.text_document_code_action_async(
                    types.CodeActionParams(
                        text_document=doc,
                        range=types.Range(
                            start=types.Position(line=0, character=0),
                            end=types.Position(line=text.count("\n") + 2, character=0),
                        ),
                        context=types.CodeActionContext(diagnostics=[]),
                    )
                ),
            )
            session.close(uri)
            if cycle % args.every == 0:
                samples.append((cycle, session.rss_kib()))
                print(f"  cycle {cycle:>5}: RSS {samples[-1][1] / 1024:7.1f} MiB", flush=True)
    finally:
        await session.stop()
    settled = dict(samples).get(args.every, samples[-1][1])
    after = [rss for cycle, rss in samples if cycle >= args.every]
    worst = max(after)
    growth = (worst - settled) / settled * 100
    print(
        f"{args.cycles} cycles over {len(docs)} documents in {time.perf_counter() - started:.0f} s"
        f" (load {os.getloadavg()[0]:.1f}): RSS at start {samples[0][1] / 1024:.1f} MiB, "
        f"settled after {args.every} {settled / 1024:.1f} MiB, max after {worst / 1024:.1f} MiB, "
        f"final {samples[-1][1] / 1024:.1f} MiB: growth {growth:+.1f}% "
        f"({'within' if growth <= 20 else 'OVER'} the 20% bound); errors {len(session.errors)}"
    )
    report(session)
    return 0 if growth <= 20 and not session.errors else 1


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
