"""An optional record of every exchange the sandbox serves, one JSON object a line, in the record format of
the contract checker beside this repository (`contract-check --from-record`), so JoggAI's own specs can judge
any traffic, e.g. a test's whole conversation (tests/test_drafting.py).

Only the JoggAI API and what it hands out are written: /v1 and /v2 calls, PUTs to signed URLs, downloads of
assets and media; never the sandbox's own /_sandbox routes. API keys are written as "<redacted>". Bodies that
are not JSON (uploaded files, videos) are counted, not kept, so a record stays small whatever is uploaded.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

RECORDED_PREFIXES = ("/v1/", "/v2/", "/upload/", "/assets/", "/media/")


class _Body:
    """A body seen chunk by chunk: its length always, its bytes only when it is JSON."""

    def __init__(self, content_type: str) -> None:
        self.keep = "json" in content_type
        self.size = 0
        self._chunks: list[bytes] = []

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.keep:
            self._chunks.append(chunk)

    def parsed(self) -> Any:
        if not self.keep or not self.size:
            return None
        try:
            return json.loads(b"".join(self._chunks))
        except ValueError:
            return None


def _headers(raw: list[tuple[bytes, bytes]]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name_bytes, value_bytes in raw:
        name, value = name_bytes.decode("latin-1").lower(), value_bytes.decode("latin-1")
        if name == "x-api-key":
            value = "<redacted>" if value else ""
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return headers


class ExchangeRecorder:
    """ASGI middleware: writes each recorded exchange once its answer has been sent."""

    def __init__(self, app: ASGIApp, path: Path) -> None:
        self.app = app
        self.path = path
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(RECORDED_PREFIXES):
            await self.app(scope, receive, send)
            return
        request_headers = _headers(scope["headers"])
        request_body = _Body(request_headers.get("content-type", ""))
        answer: dict[str, Any] = {}

        async def receive_recorded() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                request_body.add(message.get("body", b""))
            return message

        async def send_recorded(message: Message) -> None:
            if message["type"] == "http.response.start":
                answer["status"] = message["status"]
                answer["headers"] = _headers(message.get("headers", []))
                answer["body"] = _Body(answer["headers"].get("content-type", ""))
            elif message["type"] == "http.response.body":
                answer["body"].add(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive_recorded, send_recorded)
        finally:
            if "status" in answer:  # a connection dropped before answering (a fault) has no exchange to write
                self._write(scope, request_headers, request_body, answer)

    def _write(self, scope: Scope, headers: dict[str, str], body: _Body, answer: dict[str, Any]) -> None:
        line = {
            "method": scope["method"],
            "path": scope["path"],
            "query": scope.get("query_string", b"").decode("latin-1"),
            "headers": headers,
            "body": body.parsed(),
            "body_bytes": body.size,
            "status": answer["status"],
            "response_headers": answer["headers"],
            "response_body": answer["body"].parsed(),
            "response_bytes": answer["body"].size,
        }
        with self._lock, self.path.open("a", encoding="utf-8") as record:
            record.write(json.dumps(line, ensure_ascii=False) + "\n")
