"""Streamable HTTP: stateless (any replica can serve any call), bearer-protected when a token is set, with
the SDK's DNS-rebinding protection kept on."""

from __future__ import annotations

import hmac
import json
from typing import Any

from mcp.server import MCPServer
from mcp.server.transport_security import TransportSecuritySettings
from starlette.types import ASGIApp, Receive, Scope, Send

from jogg_mcp.config import is_loopback_host


class BearerAuth:
    """Answers 401 to any HTTP request without `Authorization: Bearer <token>`; compares in constant time."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self._expected = f"Bearer {token}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            given = next((v for k, v in scope["headers"] if k == b"authorization"), b"")
            if not hmac.compare_digest(given, self._expected):
                body = json.dumps(
                    {"error": "unauthorized", "error_description": "send Authorization: Bearer <JOGG_HTTP_TOKEN>"}
                ).encode()
                await send(
                    {
                        "type": "http.response.start",
                        "status": 401,
                        "headers": [
                            (b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            (b"www-authenticate", b'Bearer realm="jogg-mcp"'),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


def build_http_app(server: MCPServer[Any], *, host: str, token: str | None, allowed_hosts: list[str]) -> ASGIApp:
    """The ASGI app for `jogg-mcp serve --transport http`.

    On loopback the SDK's own DNS-rebinding protection applies (Host must be localhost). Bound elsewhere, the
    Host header must be one of `allowed_hosts` (the names clients use to reach this server).
    """
    security = None
    if not is_loopback_host(host):
        if not allowed_hosts:
            raise ValueError(
                f"--host {host} exposes the server beyond this machine: name the host names clients "
                "will use with --allowed-host (e.g. --allowed-host mcp.example.com), and set "
                "JOGG_HTTP_TOKEN."
            )
        security = TransportSecuritySettings(
            enable_dns_rebinding_protection=True,
            allowed_hosts=allowed_hosts,
            allowed_origins=[f"https://{h}" for h in allowed_hosts],
        )
    app: ASGIApp = server.streamable_http_app(stateless_http=True, host=host, transport_security=security)
    return BearerAuth(app, token) if token else app
