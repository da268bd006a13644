"""What one server process holds: its settings (Runtime) and, for its life, one HTTP connection pool.

Tools reach both through their Context (runtime_of, pool_of), so tool functions live at module level and can
be imported, listed and tested on their own (docs/architecture.md).
"""

from __future__ import annotations

import tempfile
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import httpx2
from mcp.server import MCPServer
from mcp.server.mcpserver import Context
from mcp.types import ImageContent

from jogg_mcp.config import Settings
from jogg_mcp.ledger import Ledger, open_ledger

if TYPE_CHECKING:
    from jogg_mcp.api.models import Voice


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    sandbox: bool = False  # talking to the embedded JoggAI sandbox, not the real API
    poll_interval: float = 5.0  # get_project never polls faster (JoggAI asks for >= 5 s)
    accept_key_header: bool = False  # HTTP transport: allow a per-request key in the X-Jogg-Api-Key header


class AppState:
    """The runtime, and one connection pool shared by every call and every API key.

    The pool is made on the first call, not at start-up: building its TLS context costs ~80 ms that a client
    waiting for `initialize` should not pay.
    """

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self._http: httpx2.AsyncClient | None = None
        self._ledger: Ledger | None = None
        self.voice_cache: dict[str, tuple[float, list[Voice]]] = {}  # per API key: (fetched at, voices)
        # Thumbnails by cover URL (a cover never changes under its URL): polling a finished render is cheap.
        self.thumbnails: OrderedDict[str, ImageContent] = OrderedDict()

    @property
    def ledger(self) -> Ledger:
        """Opened on first use: JOGG_STATE, else a file in the user's state folder. The embedded sandbox gets a
        ledger of its own for the process, since each run starts a new sandbox that reuses the same ids."""
        if self._ledger is None:
            settings = self.runtime.settings
            if settings.state_url is not None:
                self._ledger = open_ledger(settings.state_url)
                return self._ledger
            path = settings.state_path
            if path is None and self.runtime.sandbox:
                path = Path(tempfile.mkdtemp(prefix="jogg-mcp-sandbox-ledger-")) / "ledger.sqlite3"
            if path is None:
                import platformdirs  # only when a spending call first needs it: start-up stays fast

                path = platformdirs.user_state_path("jogg-mcp") / "ledger.sqlite3"
            self._ledger = open_ledger(path)
        return self._ledger

    @property
    def http(self) -> httpx2.AsyncClient:
        if self._http is None:
            limits = httpx2.Limits(max_connections=50, max_keepalive_connections=20)
            self._http = httpx2.AsyncClient(limits=limits, trust_env=False)
        return self._http

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()
        if self._ledger is not None:
            self._ledger.close()


def lifespan_for(runtime: Runtime) -> Callable[[MCPServer[Any]], AbstractAsyncContextManager[AppState]]:
    """The server's lifespan: an AppState for `runtime`, closed when the server stops."""

    @asynccontextmanager
    async def lifespan(server: MCPServer[Any]) -> AsyncIterator[AppState]:
        state = AppState(runtime)
        try:
            yield state
        finally:
            await state.aclose()

    return lifespan


def state_of(ctx: Context) -> AppState:
    return cast(AppState, ctx.request_context.lifespan_context)


def runtime_of(ctx: Context) -> Runtime:
    return state_of(ctx).runtime
