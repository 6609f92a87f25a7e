"""Benchmark: the editor features of issue 9 (inlay hints, code lenses, diagnostics
in each client's model and encoding), in the engine and through the server.

1. Engine, cold (a fresh ``Source`` per run, so parsing is included):
   ``inlay_hints`` and ``code_lenses`` on stdlib files and on a generated
   8,000-line test module full of stacked ``@patch`` decorators, mutable defaults
   and un-awaited coroutines, with emoji and CJK on many lines.
2. Round trip through ``pygloss serve`` with each recorded client's capabilities
   (VS Code: UTF-16 + push; Neovim: UTF-8 + pull; Emacs: UTF-32 + push), on the
   stdlib's ``asyncio/tasks.py`` and on the generated file: after each edit (a new
   version, so nothing is cached), the time to answer ``textDocument/inlayHint``
   (whole file), ``textDocument/codeLens`` and, for Neovim,
   ``textDocument/diagnostic``.  With push clients the debounced lint of the edit
   runs at the same time, as it does in an editor.

Prints medians and 95th percentiles in milliseconds.  Timings on a shared machine
are noisy: compare the rows of one run, not runs on different days.

    python bench/editor_features.py [--runs 20] [--lines 8000]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import sysconfig
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pytest_lsp import client_capabilities

from pygloss.engine.api import Engine
from pygloss.syntax.source import Source

STDLIB = Path(sysconfig.get_paths()["stdlib"])
BLOCK = """\
@mock.patch("pkg.service.fetch_{n}")
@mock.patch("pkg.service.store_{n}")
def test_case_{n}(mock_store_{n}, mock_fetch_{n}, seen={{"😀": {n}}}):
    label = "漢字 e\u0301 {n}"; mock_fetch_{n}.return_value = label


async def job_{n}(queue=[]):
    asyncio.sleep({n}); queue.append("🎉")
    return queue


"""


def generated(lines: int) -> str:
    head = "import asyncio\nfrom unittest import mock\n\n\n"
    per_block = BLOCK.count("\n")
    return head + "".join(BLOCK.format(n=n) for n in range(lines // per_block))


def percentiles(times: list[float]) -> str:
    times = sorted(times)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return f"median {statistics.median(times):8.2f} ms   p95 {p95:8.2f} ms"


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    result = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        result.append((time.perf_counter() - start) * 1000)
    return result


def engine_bench(files: dict[str, str], runs: int) -> None:
    engine = Engine()
    print("engine, cold (parse included)")
    for name, text in files.items():
        hints = engine.inlay_hints(Source(text))
        lenses = engine.code_lenses(Source(text))
        lines = text.count("\n")
        print(f"  {name} ({lines} lines, {len(hints)} hints, {len(lenses)} lenses)")
        for label, fn in (("inlay_hints", engine.inlay_hints), ("code_lenses", engine.code_lenses)):
            times = timed(lambda fn=fn, text=text: fn(Source(text)), runs)  # type: ignore[misc]
            print(f"    {label:12} {percentiles(times)}")


async def lsp_bench(client_name: str, path: Path, text: str, runs: int) -> None:
    client = LanguageClient("bench", "1")

    @client.feature(types.WORKSPACE_CONFIGURATION)
    def configuration(params: types.ConfigurationParams) -> list[Any]:
        return [{"inlayHints": True, "codeLens": True, "diagnostics": {"debounceMs": 0}}] * len(
            params.items
        )

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        return None

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def publish(params: types.PublishDiagnosticsParams) -> None:
        return None

    await client.start_io(sys.executable, "-P", "-m", "pygloss", "serve")
    caps = client_capabilities(client_name)
    result = await client.initialize_async(
        types.InitializeParams(capabilities=caps, root_uri=path.parent.as_uri())
    )
    client.initialized(types.InitializedParams())
    uri = path.as_uri()
    doc = types.TextDocumentIdentifier(uri=uri)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="python", version=1, text=text
            )
        )
    )
    whole = types.Range(
        start=types.Position(line=0, character=0),
        end=types.Position(line=text.count("\n") + 1, character=0),
    )
    requests: dict[str, Callable[[], Any]] = {
        "inlayHint": lambda: client.text_document_inlay_hint_async(
            types.InlayHintParams(text_document=doc, range=whole)
        ),
        "codeLens": lambda: client.text_document_code_lens_async(
            types.CodeLensParams(text_document=doc)
        ),
    }
    if result.capabilities.diagnostic_provider is not None:
        requests["diagnostic (pull)"] = lambda: client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=doc)
        )
    times: dict[str, list[float]] = {name: [] for name in requests}
    counts: dict[str, int] = {}
    version = 1
    for _ in range(runs):
        for name, request in requests.items():
            version += 1  # a new version: nothing cached
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
                )
            )
            start = time.perf_counter()
            answer = await request()
            times[name].append((time.perf_counter() - start) * 1000)
            items = getattr(answer, "items", answer)
            counts[name] = len(items or [])
    encoding = result.capabilities.position_encoding
    print(f"  {client_name} ({encoding}, {'pull' if 'diagnostic (pull)' in requests else 'push'})")
    for name, values in times.items():
        print(f"    {name:18} {percentiles(values)}   ({counts[name]} items)")
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--lines", type=int, default=8000)
    args = parser.parse_args()
    big = generated(args.lines)
    files = {
        "unittest/mock.py": (STDLIB / "unittest" / "mock.py").read_text(),
        "asyncio/tasks.py": (STDLIB / "asyncio" / "tasks.py").read_text(),
        f"generated_{args.lines}.py": big,
    }
    print(f"command: python bench/editor_features.py --runs {args.runs} --lines {args.lines}")
    engine_bench(files, args.runs)
    here = Path(__file__).resolve().parent
    for file_name in ("asyncio/tasks.py", f"generated_{args.lines}.py"):
        print(f"through pygloss serve, after each edit, on {file_name}")
        target = here / Path(file_name).name  # never written: the text is sent in didOpen
        for name in ("visual-studio-code", "neovim", "emacs"):
            asyncio.run(lsp_bench(name, target, files[file_name], args.runs))


if __name__ == "__main__":
    main()
