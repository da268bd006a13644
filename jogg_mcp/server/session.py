"""A JoggAI client for one tool call: the right key, the shared pool, and errors worded for the model."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx2
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from pydantic import ValidationError

from jogg_mcp.api import JoggClient
from jogg_mcp.api import errors as api_errors
from jogg_mcp.api.transport import RetrySettings, WaitReporter
from jogg_mcp.config import Settings
from jogg_mcp.server.runtime import Runtime, state_of
from jogg_mcp.server.tool_errors import NO_KEY, explain, invalid_request

logger = logging.getLogger("jogg_mcp.server")

API_KEY_HEADER = "x-jogg-api-key"
"""HTTP transport: a client may send its own JoggAI key per request in this header."""


def client_for(
    settings: Settings,
    api_key: str,
    http: httpx2.AsyncClient | None = None,
    on_throttle_wait: WaitReporter | None = None,
) -> JoggClient:
    """The one place settings become a JoggClient (jogg_mcp.api knows nothing of configuration)."""
    return JoggClient(
        api_key=api_key,
        base_url=settings.base_url,
        connect_timeout=settings.connect_timeout,
        read_timeout=settings.read_timeout,
        upload_timeout=settings.upload_timeout,
        retry=RetrySettings(max_retries=settings.max_retries),
        http=http,
        on_throttle_wait=on_throttle_wait,
    )


def _throttle_reporter(ctx: Context) -> WaitReporter:
    async def report(seconds_left: float) -> None:
        await ctx.report_progress(
            0, None, f"waiting {seconds_left:.0f} s before sending: JoggAI allows 20 POST requests a minute per API key"
        )

    return report


def api_key_of(ctx: Context) -> str:
    """The JoggAI key this call uses (the configured one, or the caller's own over HTTP)."""
    return _api_key(ctx, state_of(ctx).runtime)


def _api_key(ctx: Context, runtime: Runtime) -> str:
    if runtime.accept_key_header:
        headers = ctx.headers
        header_key = headers.get(API_KEY_HEADER) if headers is not None else None
        if header_key and header_key.strip():
            return header_key.strip()
    if runtime.settings.api_key is None:
        raise ToolError(NO_KEY)
    return runtime.settings.api_key.get_secret_value()


@asynccontextmanager
async def jogg_session(ctx: Context, *, billable: bool = False) -> AsyncIterator[JoggClient]:
    """A JoggAI client for this call (the configured key, or the caller's own over HTTP) on the shared pool.

    JoggAI errors and invalid requests become ToolErrors the model can read; the key never appears in them.
    """
    state = state_of(ctx)
    key = _api_key(ctx, state.runtime)
    client = client_for(state.runtime.settings, key, state.http, _throttle_reporter(ctx))
    try:
        yield client
    except api_errors.JoggError as error:
        logger.warning("JoggAI call failed: %s", api_errors.redact(str(error), key))
        raise ToolError(api_errors.redact(explain(error, billable=billable), key)) from None
    except ValidationError as error:
        raise ToolError(invalid_request(error)) from None
