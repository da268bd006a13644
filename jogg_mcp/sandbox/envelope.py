"""What a sandbox endpoint handler sees and raises, and the table of routes the handlers declare."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request

from jogg_mcp.sandbox.state import SandboxState

MESSAGES = {
    0: "success",
    429: "Rate limit exceeded. Please try again later.",
    10104: "Record not found",
    10105: "Invalid API key",
    18020: "Insufficient credit",
    18025: "No permission to call APIs",
    40000: "Parameter error",
    50000: "System error",
}


class ApiFailure(Exception):
    """Raised by handlers: becomes the envelope {code, msg} with this HTTP status."""

    def __init__(self, code: int, msg: str | None = None, *, http_status: int = 200) -> None:
        super().__init__(msg or MESSAGES.get(code, "error"))
        self.code = code
        self.msg = msg or MESSAGES.get(code, "error")
        self.http_status = http_status


@dataclass
class Call:
    request: Request
    state: SandboxState
    body: dict[str, Any]

    @property
    def base(self) -> str:
        return str(self.request.base_url).rstrip("/")

    @property
    def query(self) -> Any:
        return self.request.query_params


Handler = Callable[[Call], Awaitable[Any]]


ROUTES: list[tuple[str, str, Handler]] = []


def endpoint(method: str, path: str) -> Callable[[Handler], Handler]:
    """Declare a handler with its route: the app serves every declared route (sandbox/endpoints/)."""

    def declare(handler: Handler) -> Handler:
        ROUTES.append((method, path, handler))
        return handler

    return declare
