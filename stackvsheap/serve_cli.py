"""`stackvsheap serve`: the game in a browser, through textual-serve.

Each browser session gets its own `stackvsheap` process, so attendees
without a suitable terminal play exactly the game the terminal shows."""

from __future__ import annotations

import argparse
import shlex
import socket
import sys
from typing import Any

from .game.loading import LoadError

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def session_command(target: str | None, data_dir: str | None) -> str:
    """The command each browser session runs: this Python, this package."""
    argv = [sys.executable, "-m", "stackvsheap"]
    if data_dir:
        argv += ["--data-dir", data_dir]
    if target:
        argv += ["play", target]
    return shlex.join(argv)


def check_port(host: str, port: int) -> None:
    """Fail with one line now, rather than a traceback from aiohttp later."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as e:
            raise LoadError(f"serve:1:1: cannot listen on {host}:{port}: {e.strerror or e}") from None


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        from textual_serve.server import Server
    except ImportError:
        raise LoadError("serve:1:1: serving needs textual-serve: pip install textual-serve") from None
    if args.target is not None:
        from .game.loading import load

        load(args.target)  # a bad snippet fails here, not in every browser tab
    check_port(args.host, args.port)
    if args.host not in LOCAL_HOSTS:
        print(f"warning: serving on {args.host}, not localhost: anyone who can reach port "
              f"{args.port} can start a session, and each one runs a process on this machine",
              file=sys.stderr)
    command = session_command(args.target, getattr(args, "data_dir", None))
    server = Server(command, host=args.host, port=args.port, title="stackvsheap")
    print(f"stackvsheap: serving on http://{args.host}:{args.port} (ctrl+c stops)", flush=True)
    server.serve()
    return 0


def add_command(sub: Any) -> None:
    sv = sub.add_parser("serve", help="serve the game to browsers (textual-serve)")
    sv.add_argument("target", metavar="SNIPPET_ID_OR_FILE", nargs="?",
                    help="open every session on this snippet (default: the title screen)")
    sv.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    sv.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    sv.set_defaults(func=cmd_serve)
