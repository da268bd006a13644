"""Command line: `jogg-mcp [serve]` runs the MCP server, `jogg-mcp sandbox` the local JoggAI sandbox.

Heavy modules are imported inside each command, so `--help` and start-up stay fast.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from collections.abc import Sequence

from pydantic import SecretStr

from jogg_mcp import __version__
from jogg_mcp.config import ENV_VARS, ConfigError, Settings, is_loopback_host


def _setup_logging(level: str) -> None:
    # stderr only: on stdio, stdout carries the protocol.
    logging.basicConfig(stream=sys.stderr, level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # httpx2 logs every URL at INFO, and a signed upload URL is a credential: keep those quiet.
    for noisy in ("httpx2", "httpcore2"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _raise_interrupt() -> None:
    raise KeyboardInterrupt


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM stops the server the way Ctrl-C does. Raised here, the interrupt would land inside whichever
    task was mid-step, which asyncio then reports as an unhandled error at shutdown; raised from a plain
    callback of the running loop, it unwinds the loop with every task merely cancelled."""
    import asyncio

    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:  # no loop running (start-up, or after it ended)
        raise KeyboardInterrupt from None
    loop.call_soon_threadsafe(_raise_interrupt)


def _serve_command(args: argparse.Namespace) -> int:
    settings = Settings.load(
        overrides={
            "base_url": args.base_url,
            "allowed_dirs": args.allowed_dir,
            "log_level": args.log_level,
            "http_token": args.http_token,
            "read_only": "1" if args.read_only else None,
            "tools": args.tools,
            "toolsets": args.toolsets,
            "output_schemas": "1" if args.output_schemas else None,
        }
    )
    _setup_logging(settings.log_level)
    log = logging.getLogger("jogg_mcp")
    from jogg_mcp.server import Runtime, build_server

    sandbox = None
    if args.sandbox:
        from jogg_mcp.sandbox import SandboxServer

        sandbox = SandboxServer(render_seconds=args.render_seconds).start()
        settings = settings.model_copy(update={"base_url": sandbox.base_url, "api_key": SecretStr(sandbox.api_key)})
        log.info("using the embedded JoggAI sandbox at %s: nothing real is created or charged", sandbox.base_url)
    elif not settings.has_api_key:
        log.warning("JOGG_API_KEY is not set: tools will explain how to set it (or run with --sandbox)")
    for problem in settings.allowed_dir_problems:
        log.warning("%s: upload_asset will explain it until it is fixed", problem)
    if args.transport == "stdio" and sys.stdin.isatty():
        print(
            "jogg-mcp is an MCP server: it is now waiting for an MCP client (Claude Desktop, Cursor, VS Code...) "
            "to talk to it over stdin. To see what it does, run `jogg-mcp demo`; to add it to a client, see "
            "the README. Press Ctrl-C to quit.",
            file=sys.stderr,
        )
    # SIGTERM (a client or supervisor stopping us) ends the server the way Ctrl-C does: in-flight calls are
    # cancelled, files closed, the embedded sandbox stopped, and nothing but protocol ever reaches stdout.
    signal.signal(signal.SIGTERM, _interrupt)
    runtime = Runtime(settings=settings, sandbox=sandbox is not None, accept_key_header=args.transport == "http")
    server = build_server(runtime)
    try:
        if args.transport == "stdio":
            server.run("stdio")
        else:
            import uvicorn

            from jogg_mcp.server.http import build_http_app

            token = settings.http_token.get_secret_value() if settings.http_token else None
            if token is None and not is_loopback_host(args.host):
                log.warning("serving beyond loopback without JOGG_HTTP_TOKEN: anyone who reaches it can use it")
            app = build_http_app(server, host=args.host, token=token, allowed_hosts=args.allowed_host or [])
            log.info("MCP over streamable HTTP at http://%s:%d/mcp", args.host, args.port)
            uvicorn.run(app, host=args.host, port=args.port, log_level="warning", lifespan="on")
    except KeyboardInterrupt:
        interrupted = True
    else:
        interrupted = False
    finally:
        if sandbox is not None:
            sandbox.stop()
    if interrupted:
        log.info("stopped")
        logging.shutdown()
        sys.stdout.flush()
        # The stdio transport reads stdin in a worker thread that no signal can wake: end the process here,
        # after the cleanup above, instead of waiting for a line that may never come.
        os._exit(0)
    return 0


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

    options = SandboxOptions(
        api_key=args.api_key, credits=args.credits, render_seconds=args.render_seconds, record=args.record
    )
    print(
        f"JoggAI sandbox: JOGG_BASE_URL=http://{args.host}:{args.port} JOGG_API_KEY=<the --api-key you chose>",
        file=sys.stderr,
    )
    serve_forever(options, host=args.host, port=args.port)
    return 0


def _demo_command(args: argparse.Namespace) -> int:
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    from jogg_mcp.demo import DemoOptions, run

    return run(
        DemoOptions(live=args.live, url=args.url, yes=args.yes, draft=args.draft, render_seconds=args.render_seconds)
    )


def build_parser() -> argparse.ArgumentParser:
    settings_help = "\n".join(f"  {var.name:<22} {var.description}" for var in ENV_VARS)
    parser = argparse.ArgumentParser(
        prog="jogg-mcp",
        description="MCP server for making marketing videos with the JoggAI API.",
        epilog=f"environment variables (jogg-mcp serve):\n{settings_help}\n\nTry it: jogg-mcp demo",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"jogg-mcp {__version__}")
    commands = parser.add_subparsers(dest="command")

    serve = commands.add_parser("serve", help="run the MCP server (the default command)")
    serve.add_argument(
        "--transport",
        choices=("stdio", "http"),
        default="stdio",
        help="stdio (default, for desktop clients) or streamable HTTP",
    )
    serve.add_argument("--host", default="127.0.0.1", help="HTTP: address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="HTTP: port (default 8000)")
    serve.add_argument(
        "--allowed-host",
        action="append",
        metavar="NAME",
        help="HTTP off loopback: a Host name clients use (repeatable); others are refused",
    )
    serve.add_argument("--http-token", help="HTTP: require this bearer token (or set JOGG_HTTP_TOKEN)")
    serve.add_argument(
        "--sandbox",
        action="store_true",
        help="use the embedded JoggAI sandbox instead of the real API (no key, no credits)",
    )
    serve.add_argument("--render-seconds", type=float, default=6.0, help=argparse.SUPPRESS)
    serve.add_argument("--base-url", help="JoggAI API origin (or set JOGG_BASE_URL)")
    serve.add_argument(
        "--allowed-dir",
        action="append",
        metavar="DIR",
        help="a folder upload_asset may read (repeatable; or set JOGG_ALLOWED_DIRS)",
    )
    serve.add_argument("--log-level", help="DEBUG, INFO, WARNING or ERROR (or set JOGG_LOG_LEVEL)")
    serve.add_argument(
        "--read-only",
        action="store_true",
        help="list no tool that spends credits or creates anything (or set JOGG_READ_ONLY=1)",
    )
    serve.add_argument(
        "--toolsets",
        metavar="A,B",
        help="list these toolsets: video (default), templates, avatars, studio, history, or all (or JOGG_TOOLSETS)",
    )
    serve.add_argument("--tools", metavar="A,B", help="list only these tools (or set JOGG_TOOLS)")
    serve.add_argument(
        "--output-schemas",
        action="store_true",
        help="list output schemas too, for clients that program against results (or JOGG_OUTPUT_SCHEMAS=1)",
    )
    serve.set_defaults(handler=_serve_command)

    demo = commands.add_parser("demo", help="watch the whole flow, from upload to finished video, in the sandbox")
    demo.add_argument(
        "--live",
        action="store_true",
        help="use the real JoggAI API (needs JOGG_API_KEY and --url; asks before spending credits)",
    )
    demo.add_argument("--url", help="product page URL (required with --live)")
    demo.add_argument(
        "--draft",
        action="store_true",
        help="draft first: review the product, draft scripts, preview two styles, render the chosen preview",
    )
    demo.add_argument("--yes", action="store_true", help="with --live: spend the credits without asking")
    demo.add_argument("--render-seconds", type=float, default=8.0, help=argparse.SUPPRESS)
    demo.set_defaults(handler=_demo_command)

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
    sandbox.add_argument(
        "--record",
        metavar="FILE",
        help="append every API exchange to FILE as JSON lines (for ../shared/tools/contract-check --from-record)",
    )
    sandbox.set_defaults(handler=_sandbox_command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or (arguments[0].startswith("-") and arguments[0] not in ("-h", "--help", "--version")):
        arguments.insert(0, "serve")  # `jogg-mcp` alone runs the server over stdio
    args = parser.parse_args(arguments)
    handler = args.handler
    try:
        result: int = handler(args)
    except (ConfigError, ValueError) as error:
        print(str(error), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return result


__all__ = ["build_parser", "main"]
