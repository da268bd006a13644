"""Run the sandbox: in-process on a free loopback port (tests, demo, --sandbox), or in the foreground (CLI)."""

from __future__ import annotations

import logging
import socket
import threading
import time
from types import TracebackType

import uvicorn

from jogg_mcp.sandbox.app import build_app
from jogg_mcp.sandbox.faults import FaultBoard
from jogg_mcp.sandbox.state import SandboxOptions, SandboxState


def _uvicorn_config(state: SandboxState, host: str, port: int, log_level: str) -> uvicorn.Config:
    return uvicorn.Config(
        build_app(state),
        host=host,
        port=port,
        log_level=log_level,
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=2,
        ws="none",
    )


class SandboxServer:
    """A real HTTP server on loopback, served from a background thread.

    with SandboxServer(render_seconds=0) as sandbox:
        client = JoggClient(api_key=sandbox.api_key, base_url=sandbox.base_url)
    """

    def __init__(
        self, options: SandboxOptions | None = None, *, host: str = "127.0.0.1", port: int = 0, **option_fields: object
    ) -> None:
        self.options = options or SandboxOptions(**option_fields)  # type: ignore[arg-type]
        self.state = SandboxState(self.options)
        # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on sockets that say they are TCP, and without it
        # every keep-alive response waits ~40 ms for a delayed ACK.
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, port))
        self.host, self.port = self._socket.getsockname()[:2]
        self._server = uvicorn.Server(_uvicorn_config(self.state, self.host, self.port, "critical"))
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def api_key(self) -> str:
        return self.options.api_key

    @property
    def faults(self) -> FaultBoard:
        return self.state.faults

    def reset(self) -> None:
        self.state.reset()

    def start(self) -> SandboxServer:
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, name="jogg-sandbox", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the JoggAI sandbox did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._socket.close()
        self.state.close()

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def serve_forever(options: SandboxOptions, host: str = "127.0.0.1", port: int = 8787) -> None:
    """`jogg-mcp sandbox`: serve in the foreground until interrupted."""
    state = SandboxState(options)
    logging.getLogger("jogg_mcp").info("JoggAI sandbox on http://%s:%d (API key: the one you passed)", host, port)
    try:
        uvicorn.Server(_uvicorn_config(state, host, port, "info")).run()
    finally:
        state.close()
