"""The sandbox's HTTP layer: the JoggAI envelope, auth, rate limit and fault injection around each endpoint,
plus the signed-URL storage, the served media and the /_sandbox control routes."""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio
from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from jogg_mcp.sandbox import endpoints, media
from jogg_mcp.sandbox.envelope import MESSAGES, ApiFailure, Call, Handler
from jogg_mcp.sandbox.faults import FaultKind, FaultSpec
from jogg_mcp.sandbox.recorder import ExchangeRecorder
from jogg_mcp.sandbox.state import RequestRecord, SandboxState


def _envelope(code: int, msg: str, data: Any, rid: str) -> dict[str, Any]:
    return {"rid": rid, "code": code, "msg": msg, "data": data}


def _sandbox(request: Request) -> SandboxState:
    state: SandboxState = request.app.state.sandbox
    return state


def _record(request: Request, state: SandboxState) -> None:
    headers = request.headers
    state.requests.append(
        RequestRecord(
            method=request.method,
            path=request.url.path,
            api_key_sent="x-api-key" in headers,
            platform=headers.get("x-api-platform"),
            content_type=headers.get("content-type"),
            content_length=headers.get("content-length"),
            chunked="chunked" in headers.get("transfer-encoding", "").lower(),
        )
    )


def api(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """Wrap a handler in what every JoggAI endpoint does: faults, auth, rate limit, envelope."""

    async def endpoint(request: Request) -> Response:
        state = _sandbox(request)
        _record(request, state)
        rid = uuid.uuid4().hex
        fault = state.faults.take(request.method, request.url.path)
        if fault is not None and fault.fires_before:
            return await _refusal(fault, rid, state)

        key = request.headers.get("x-api-key", "")
        if not hmac.compare_digest(key.encode(), state.options.api_key.encode()):
            return JSONResponse(_envelope(10105, MESSAGES[10105], None, rid), status_code=401)
        if request.method == "POST":
            wait = state.admit_post(key)
            if wait is not None:
                return JSONResponse(
                    _envelope(429, MESSAGES[429], None, rid),
                    status_code=429,
                    headers={"Retry-After": str(max(1, math.ceil(wait)))},
                )
        status = 200
        try:
            body = await _json_body(request)
            payload = _envelope(0, "success", await handler(Call(request, state, body)), rid)
        except ApiFailure as failure:
            payload = _envelope(failure.code, failure.msg, None, rid)
            status = failure.http_status
        if fault is not None:
            return await _lost_answer(fault, payload, status, state)
        return JSONResponse(payload, status_code=status)

    return endpoint


async def _json_body(request: Request) -> dict[str, Any]:
    if request.method not in ("POST", "PUT"):
        return {}
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except ValueError:
        raise ApiFailure(40000, "Parameter error: request body is not valid JSON") from None
    if not isinstance(body, dict):
        raise ApiFailure(40000, "Parameter error: request body must be a JSON object")
    return body


async def _refusal(fault: FaultSpec, rid: str, state: SandboxState) -> Response:
    kind = fault.kind
    if kind in (FaultKind.HTTP_500, FaultKind.HTTP_502, FaultKind.HTTP_503):
        status = int(kind.value.removeprefix("http_"))
        return Response(
            f"<html><body><h1>{status} Server Error</h1></body></html>", status_code=status, media_type="text/html"
        )
    if kind is FaultKind.CODE_50000:
        return JSONResponse(_envelope(50000, MESSAGES[50000], None, rid), status_code=fault.http_status or 200)
    if kind is FaultKind.CODE_429:
        headers = {"Retry-After": f"{fault.retry_after:g}"} if fault.retry_after is not None else {}
        return JSONResponse(
            _envelope(429, MESSAGES[429], None, rid), status_code=fault.http_status or 200, headers=headers
        )
    if kind is FaultKind.ERROR_CODE:
        code = fault.code or 50000
        message = fault.message or MESSAGES.get(code, "error")
        return JSONResponse(_envelope(code, message, None, rid), status_code=fault.http_status or 200)
    if kind is FaultKind.EXPIRE_SIGNED_URL:
        return _storage_error(403, "AccessDenied", "Request has expired")
    if kind is FaultKind.FORBID_PUT:
        return _storage_error(403, "AccessDenied", "Access Denied")
    # A "lost answer" fault armed to fire before processing: lose an empty answer.
    return await _lost_answer(fault, _envelope(50000, MESSAGES[50000], None, rid), 200, state)


async def _lost_answer(fault: FaultSpec, payload: dict[str, Any], status: int, state: SandboxState) -> Response:
    raw = json.dumps(payload).encode()
    if fault.kind is FaultKind.HOLD:
        await anyio.to_thread.run_sync(state.faults.hold, fault.delay)
        return Response(raw, status_code=status, media_type="application/json")
    if fault.kind is FaultKind.HANG:
        await anyio.sleep(fault.delay)
        return Response(raw, status_code=status, media_type="application/json")
    if fault.kind is FaultKind.TRUNCATED_JSON:
        return Response(raw[: len(raw) // 2], status_code=status, media_type="application/json")
    if fault.kind is FaultKind.SLOW_BODY:
        return StreamingResponse(
            _trickle(raw, fault.delay),
            status_code=status,
            media_type="application/json",
            headers={"content-length": str(len(raw))},
        )
    if fault.kind is FaultKind.RESET:
        return _DroppedConnection(raw)
    return await _refusal(fault, str(payload.get("rid", "")), state)


async def _trickle(raw: bytes, seconds: float) -> AsyncIterator[bytes]:
    pieces = 10
    step = max(1, math.ceil(len(raw) / pieces))
    for start in range(0, len(raw), step):
        yield raw[start : start + step]
        await anyio.sleep(seconds / pieces)


class _DroppedConnection(Response):
    """Promise a body, send half of it, then stop: the server closes the connection mid-response."""

    def __init__(self, raw: bytes, media_type: str = "application/json") -> None:
        super().__init__(raw, media_type=media_type)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
        await send({"type": "http.response.body", "body": self.body[: len(self.body) // 2], "more_body": True})
        raise ConnectionAbortedError("sandbox fault: connection dropped")


# --- signed-URL storage (S3-style: no envelope, XML errors, no API key) --------------------------------


def _storage_error(status: int, code: str, message: str) -> Response:
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{message}</Message>'
        f"<RequestId>{uuid.uuid4().hex[:16].upper()}</RequestId></Error>"
    )
    return Response(xml, status_code=status, media_type="application/xml")


async def put_upload(request: Request) -> Response:
    state = _sandbox(request)
    _record(request, state)
    fault = state.faults.take("PUT", request.url.path)
    if fault is not None and fault.fires_before:
        return await _refusal(fault, uuid.uuid4().hex, state)
    upload = state.uploads.get(request.path_params["token"])
    query = request.query_params
    if upload is None or not hmac.compare_digest(query.get("X-Amz-Signature", ""), upload.signature):
        return _storage_error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match")
    if state.wall_time() > upload.expires_at:
        return _storage_error(403, "AccessDenied", "Request has expired")
    headers = request.headers
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return _storage_error(
            501,
            "NotImplemented",
            "A header you provided implies functionality that is not implemented: Transfer-Encoding",
        )
    length_header = headers.get("content-length")
    if length_header is None or not length_header.isdigit():
        return _storage_error(411, "MissingContentLength", "You must provide the Content-Length HTTP header.")
    if headers.get("content-type", "") != upload.content_type:
        return _storage_error(
            403,
            "SignatureDoesNotMatch",
            f"Content-Type {headers.get('content-type', '')!r} is not the signed {upload.content_type!r}",
        )
    length = int(length_header)
    if upload.file_size is not None and length != upload.file_size:
        return _storage_error(
            403, "SignatureDoesNotMatch", f"Content-Length {length} is not the signed file size {upload.file_size}"
        )
    target = state.storage_path(upload.asset_id)
    partial = target.with_name(f"{target.name}.{uuid.uuid4().hex}.part")  # like S3, a failed PUT replaces nothing
    digest = hashlib.md5(usedforsecurity=False)
    received = 0
    with partial.open("wb") as handle:
        async for chunk in request.stream():
            received += len(chunk)
            digest.update(chunk)
            handle.write(chunk)
    if received != length:
        partial.unlink(missing_ok=True)
        return _storage_error(400, "IncompleteBody", "You did not provide the number of bytes specified")
    partial.replace(target)
    upload.path = target
    state.assets[upload.asset_id] = upload
    response: Response = Response(status_code=200, headers={"ETag": f'"{digest.hexdigest()}"'})
    if fault is not None:
        response = await _lost_answer(fault, {}, 200, state)
    return response


async def get_asset(request: Request) -> Response:
    upload = _sandbox(request).assets.get(request.path_params["asset_id"])
    if upload is None or upload.path is None:
        return _storage_error(404, "NoSuchKey", "The specified key does not exist.")
    return FileResponse(upload.path, media_type=upload.content_type)


async def get_media(request: Request) -> Response:
    name: str = request.path_params["name"]
    shade = int(hashlib.sha256(name.encode()).hexdigest()[:6], 16)
    if name.endswith(".png"):  # a cover (or a crawled product image): a slow one can be held by a test
        state = _sandbox(request)
        fault = state.faults.take("GET", request.url.path)
        if fault is not None and fault.kind is FaultKind.HOLD:
            await anyio.to_thread.run_sync(state.faults.hold, fault.delay)
        elif fault is not None:
            return _storage_error(503, "ServiceUnavailable", "Please reduce your request rate.")
        image = media.sample_png(shade >> 16, (shade >> 8) & 255, shade & 255, size=256)
        return Response(image, media_type="image/png")
    if name.endswith((".mp4", ".webm")):
        return _rendered_video(request, name)
    if name.endswith(".mp3"):
        return Response(media.sample_audio(), media_type="audio/mpeg")
    if name.endswith(".srt"):  # a translation's subtitles
        return Response("1\n00:00:00,000 --> 00:00:02,000\nHola.\n", media_type="application/x-subrip")
    return _storage_error(404, "NoSuchKey", "The specified key does not exist.")


def _rendered_video(request: Request, name: str) -> Response:
    """A render's video: as long as its status says, marked when it is a preview; or the file a test gave it.
    Faults: an expired link (403), a refusal (5xx), or a download cut halfway (reset)."""
    state = _sandbox(request)
    stem, container = name.rsplit(".", 1)
    media_type = f"video/{container}"
    project = state.projects.get(stem)
    fault = state.faults.take("GET", request.url.path)
    if fault is not None and fault.kind is FaultKind.EXPIRE_SIGNED_URL:
        return _storage_error(403, "AccessDenied", "Request has expired")
    if fault is not None and fault.kind is FaultKind.REDIRECT:
        return Response(status_code=302, headers={"location": fault.message or "/"})
    if fault is not None and fault.fires_before:
        return _storage_error(503, "ServiceUnavailable", "Please reduce your request rate.")
    if project is not None and project.video_file is not None:
        if fault is not None:
            return _DroppedConnection(project.video_file.read_bytes(), media_type)
        return FileResponse(project.video_file, media_type=media_type)
    seconds = project.duration if project is not None else 1.0
    mark = "PREVIEW" if project is not None and project.kind == "preview" else ""
    raw = media.sample_video(container, seconds, mark)
    if fault is not None:
        return _DroppedConnection(raw, media_type)
    return Response(raw, media_type=media_type)


# --- control routes for tests and demos ----------------------------------------------------------------


async def control_faults(request: Request) -> Response:
    try:
        spec = _sandbox(request).faults.inject(FaultSpec.model_validate(await request.json()))
    except (ValueError, ValidationError) as error:
        return JSONResponse({"error": str(error)}, status_code=422)
    return JSONResponse(spec.model_dump(mode="json"))


async def control_reset(request: Request) -> Response:
    _sandbox(request).reset()
    return JSONResponse({"reset": True})


async def control_stats(request: Request) -> Response:
    state = _sandbox(request)
    return JSONResponse(
        {
            "credits": state.credits,
            "billable_creates": dict(state.billable_creates),
            "requests": len(state.requests),
            "products": len(state.products),
            "projects": len(state.projects),
            "faults_pending": state.faults.pending,
        }
    )


async def control_outcome(request: Request) -> Response:
    body = await request.json()
    state = _sandbox(request)
    project_id = request.path_params["project_id"]
    if project_id not in state.projects:
        return JSONResponse({"error": f"no project {project_id}"}, status_code=404)
    state.set_outcome(project_id, body.get("outcome", "failed"), body.get("message"))
    return JSONResponse({"project_id": project_id, "outcome": body.get("outcome", "failed")})


def build_app(state: SandboxState) -> Starlette:
    routes = [Route(path, api(handler), methods=[method]) for method, path, handler in endpoints.ROUTES]
    routes += [
        Route("/upload/{token}", put_upload, methods=["PUT"]),
        Route("/assets/{asset_id}/{filename}", get_asset, methods=["GET"]),
        Route("/media/{name}", get_media, methods=["GET"]),
        Route("/_sandbox/faults", control_faults, methods=["POST"]),
        Route("/_sandbox/reset", control_reset, methods=["POST"]),
        Route("/_sandbox/stats", control_stats, methods=["GET"]),
        Route("/_sandbox/projects/{project_id}/outcome", control_outcome, methods=["POST"]),
    ]
    app = Starlette(routes=routes)
    app.state.sandbox = state
    if state.options.record:
        app.add_middleware(ExchangeRecorder, path=Path(state.options.record))
    return app
