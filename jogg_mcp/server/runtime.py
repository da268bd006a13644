"""What every tool shares: the run's settings, the HTTP pool, the per-call JoggAI client, error translation
and the shape of a reply. The tool modules stay thin glue over jogg_mcp.api."""

from __future__ import annotations

import inspect
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import httpx2
from mcp.server import MCPServer
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, TextContent, ToolAnnotations
from pydantic import BaseModel, Field, ValidationError

from jogg_mcp.api import JoggClient
from jogg_mcp.api import errors as api_errors
from jogg_mcp.config import Settings

logger = logging.getLogger("jogg_mcp.server")

ToolFunction = TypeVar("ToolFunction", bound=Callable[..., Any])

API_KEY_HEADER = "x-jogg-api-key"
"""HTTP transport: a client may send its own JoggAI key per request in this header."""

NO_KEY = (
    "No JoggAI API key is configured, so nothing can be sent to JoggAI. Set JOGG_API_KEY in this server's "
    'environment (in your MCP client\'s config: "env": {"JOGG_API_KEY": "..."}); find the key in the JoggAI '
    "dashboard under avatar menu → API. To try every tool without a key, start the server with --sandbox."
)


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    sandbox: bool = False  # talking to the embedded JoggAI sandbox, not the real API
    poll_interval: float = 5.0  # get_project never polls faster (the JoggAI guide asks for >= 5 s)
    accept_key_header: bool = False  # HTTP transport: allow a per-request key in API_KEY_HEADER


class AppState:
    """One connection pool for the server's life, shared by every call and every API key.

    It is made on the first call, not at start-up: building its TLS context costs ~80 ms that a client
    waiting for `initialize` should not pay.
    """

    def __init__(self) -> None:
        self._http: httpx2.AsyncClient | None = None

    @property
    def http(self) -> httpx2.AsyncClient:
        if self._http is None:
            limits = httpx2.Limits(max_connections=50, max_keepalive_connections=20)
            self._http = httpx2.AsyncClient(limits=limits, trust_env=False)
        return self._http

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()


@asynccontextmanager
async def lifespan(server: MCPServer[Any]) -> AsyncIterator[AppState]:
    state = AppState()
    try:
        yield state
    finally:
        await state.aclose()


class ToolResult(BaseModel):
    """Fields every result carries."""

    sandbox: bool = Field(default=False, description="True when this came from the local JoggAI sandbox")
    next_step: str = Field(default="", description="What to do next")


def reply(result: ToolResult, text: str, runtime: Runtime) -> CallToolResult:
    """Structured content for programs, one short paragraph for people and models."""
    if runtime.sandbox:
        result = result.model_copy(update={"sandbox": True})
        text = f"[JoggAI sandbox: nothing real was created or charged] {text}"
    if result.next_step:
        text = f"{text}\nNext: {result.next_step}"
    return CallToolResult(
        content=[TextContent(type="text", text=text)], structured_content=result.model_dump(mode="json")
    )


def _api_key(ctx: Context, runtime: Runtime) -> str:
    if runtime.accept_key_header:
        headers = ctx.headers
        header_key = headers.get(API_KEY_HEADER) if headers is not None else None
        if header_key and header_key.strip():
            return header_key.strip()
    if runtime.settings.api_key is None:
        raise ToolError(NO_KEY)
    return runtime.settings.api_key.get_secret_value()


def explain(error: api_errors.JoggError, *, billable: bool) -> str:
    """The message a model (and the person behind it) can act on."""
    text = str(error)
    refused_before_charging = (
        api_errors.AuthenticationError,
        api_errors.PermissionDeniedError,
        api_errors.InsufficientCreditsError,
        api_errors.InvalidParametersError,
        api_errors.NotFoundError,
        api_errors.RateLimitError,
        api_errors.ConnectError,
    )
    if (not billable or isinstance(error, refused_before_charging)) and "Nothing was charged" not in text:
        text += " Nothing was charged."  # free calls never charge; refused creates were not processed
    if isinstance(error, api_errors.AuthenticationError):
        text += " (Or start the server with --sandbox to try it without a key.)"
    if isinstance(error, api_errors.InsufficientCreditsError):
        text += " Call get_credits to see the balance."
    return text


def validation_message(error: ValidationError) -> str:
    """A pydantic error as one line per problem, without pydantic's URLs."""
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or "input"
        parts.append(f"{where}: {item['msg'].removeprefix('Value error, ')}")
    return "; ".join(parts)


@asynccontextmanager
async def jogg_session(ctx: Context, runtime: Runtime, *, billable: bool = False) -> AsyncIterator[JoggClient]:
    """A JoggAI client for this call (the configured key, or the caller's own over HTTP) on the shared pool.

    JoggAI errors and invalid requests become ToolErrors the model can read; the key never appears in them.
    """
    key = _api_key(ctx, runtime)
    state = cast(AppState, ctx.request_context.lifespan_context)
    client = JoggClient.from_settings(runtime.settings, api_key=key, http=state.http)
    try:
        yield client
    except api_errors.JoggError as error:
        logger.warning("JoggAI call failed: %s", api_errors.redact(str(error), key))
        raise ToolError(api_errors.redact(explain(error, billable=billable), key)) from None
    except ValidationError as error:
        raise ToolError(f"Invalid request: {validation_message(error)}") from None


def jogg_tool(
    server: MCPServer[Any],
    title: str,
    *,
    read_only: bool,
    destructive: bool = False,
    idempotent: bool,
    description: str | None = None,
) -> Callable[[ToolFunction], ToolFunction]:
    """Register a tool with a title, honest annotations (every tool talks to JoggAI, so all are open-world)
    and its docstring, dedented, as the description the model reads."""

    def register(function: ToolFunction) -> ToolFunction:
        text = inspect.cleandoc(description or function.__doc__ or "")
        annotations = ToolAnnotations(
            title=title,
            read_only_hint=read_only,
            destructive_hint=destructive,
            idempotent_hint=idempotent,
            open_world_hint=True,
        )
        server.tool(title=title, description=text, annotations=annotations)(function)
        return function

    return register
