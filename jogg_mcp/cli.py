"""Command line: `jogg-mcp [serve]` runs the MCP server, `jogg-mcp sandbox` the local JoggAI sandbox.

Heavy modules are imported inside each command, so `--help` and start-up stay fast.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from jogg_mcp import __version__
from jogg_mcp.config import ConfigError, Settings, is_loopback_host


def _setup_logging(level: str) -> None:
    # stderr only: on stdio, stdout carries the protocol.
    logging.basicConfig(stream=sys.stderr, level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def _sandbox_command(args: argparse.Namespace) -> int:
    if not is_loopback_host(args.host):
        print(
            f"jogg-mcp sandbox: --host {args.host!r} is not a loopback address; the sandbox only serves "
            "this machine (use 127.0.0.1 or ::1).",
            file=sys.stderr,
        )
        return 2
    _setup_logging("INFO")
    from jogg_mcp.sandbox.server import serve_forever
    from jogg_mcp.sandbox.state import SandboxOptions

    options = SandboxOptions(api_key=args.api_key, credits=args.credits, render_seconds=args.render_seconds)
    print(
        f"JoggAI sandbox: JOGG_BASE_URL=http://{args.host}:{args.port} JOGG_API_KEY=<the --api-key you chose>",
        file=sys.stderr,
    )
    serve_forever(options, host=args.host, port=args.port)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jogg-mcp",
        description="MCP server for making marketing videos with the JoggAI API.",
    )
    parser.add_argument("--version", action="version", version=f"jogg-mcp {__version__}")
    commands = parser.add_subparsers(dest="command")

    sandbox = commands.add_parser("sandbox", help="run the local JoggAI sandbox API on loopback")
    sandbox.add_argument("--host", default="127.0.0.1", help="loopback address to bind (default 127.0.0.1)")
    sandbox.add_argument("--port", type=int, default=8787, help="port (default 8787)")
    sandbox.add_argument("--api-key", default="sandbox-key", help="the only key it accepts (default sandbox-key)")
    sandbox.add_argument("--credits", type=float, default=100.0, help="starting credits (default 100)")
    sandbox.add_argument(
        "--render-seconds",
        type=float,
        default=6.0,
        help="seconds a render takes from create to success (default 6; 0 is instant)",
    )
    sandbox.set_defaults(handler=_sandbox_command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        result: int = handler(args)
    except ConfigError as error:
        print(str(error), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return result


__all__ = ["Settings", "build_parser", "main"]
