"""Concurrent ``ast.parse`` under garbage collection (CPython 3.11 raised
``SystemError: AST constructor recursion depth mismatch``; seen in the suite as a
failing hover): with the lock the server and the jedi resolver install, threads
parsing while another churns weakly-referenced garbage never fail."""

from __future__ import annotations

import ast
import os
import threading
import time
import weakref
from pathlib import Path

from pygloss.engine.jedi_resolver import JediResolver
from pygloss.lsp.server import create_server
from pygloss.syntax import ast_lock

SECONDS = 3.0


class _Node:
    pass


def test_server_and_resolver_install_the_lock() -> None:
    create_server()
    JediResolver()
    assert ast_lock.installed()


def test_parsing_threads_under_gc_churn_never_fail() -> None:
    ast_lock.install()
    code = Path(os.__file__).read_text(encoding="utf-8")
    errors: list[BaseException] = []
    table: weakref.WeakKeyDictionary[_Node, int] = weakref.WeakKeyDictionary()
    stop = time.monotonic() + SECONDS

    def parse() -> None:
        while time.monotonic() < stop:
            try:
                ast.parse(code)
            except SystemError as exc:
                errors.append(exc)

    def churn() -> None:  # cycles whose collection runs Python weakref callbacks
        while time.monotonic() < stop:
            for _ in range(200):
                a, b = _Node(), _Node()
                a.other, b.other = b, a  # type: ignore[attr-defined]
                table[a] = 1

    threads = [threading.Thread(target=parse) for _ in range(2)]
    threads.append(threading.Thread(target=churn))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
