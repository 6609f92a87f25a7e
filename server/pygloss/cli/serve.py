"""``pygloss serve``: run the language server on stdio (default) or TCP.

When the session ends (the client closed standard input or the connection, or sent
``exit``) the process exits at once with the session's status — 0, or 1 for an
``exit`` without ``shutdown`` — without waiting for work still running in worker
threads (a lint of a huge file, a jedi lookup): nothing is left to answer.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from typing import Any


def add_parser(sub: Any) -> None:
    serve = sub.add_parser("serve", help="run the language server (stdio by default)")
    serve.add_argument("--stdio", action="store_true", help="talk LSP on stdin/stdout (default)")
    serve.add_argument("--tcp", action="store_true", help="listen on a TCP port instead")
    serve.add_argument("--host", default="127.0.0.1", help="TCP host (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=2087, help="TCP port (default 2087)")
    serve.add_argument("--log-file", help="also write the server log to this file")
    serve.add_argument(
        "--log-level",
        default="WARNING",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="log level for stderr / --log-file (default WARNING)",
    )
    serve.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import logging

    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if args.log_file:
        handlers.append(logging.FileHandler(args.log_file, encoding="utf-8"))
    logging.basicConfig(
        level=getattr(logging, args.log_level),
        handlers=handlers,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    from pygloss.lsp.server import create_server

    server = create_server()
    try:
        if args.tcp:
            server.start_tcp(args.host, args.port)
        else:
            server.start_io()
    finally:
        code = server.exit_code
        server.stop_workers()
        logging.shutdown()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    os._exit(code)  # worker threads may still run (a parse cannot be interrupted)
