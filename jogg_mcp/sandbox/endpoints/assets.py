"""POST /v2/upload/asset: a signed URL to PUT the bytes to, and the URL they will have."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
import uuid
from typing import Any

from jogg_mcp.sandbox.endpoints.checks import bad, integer, one_of, only_fields, required
from jogg_mcp.sandbox.envelope import Call, endpoint
from jogg_mcp.sandbox.state import Upload
from jogg_mcp.sandbox.vocabulary import UPLOAD_LIMITS

_SIGNING_KEY = secrets.token_bytes(32)


@endpoint("POST", "/v2/upload/asset")
async def upload_asset(call: Call) -> dict[str, Any]:
    body = call.body
    only_fields(body, ("filename", "content_type", "file_size"))
    filename = required(body, "filename")
    if not isinstance(filename, str) or "/" in filename or "\\" in filename:
        raise bad("filename must be a plain file name")
    content_type = one_of(required(body, "content_type"), UPLOAD_LIMITS, "content_type")
    size = body.get("file_size")
    if size is not None:
        size = integer(size, "file_size")
        if size < 1:
            raise bad("file_size must be at least 1")
        if size > UPLOAD_LIMITS[content_type]:
            raise bad(f"File size exceeds limit ({size} bytes; {content_type} allows {UPLOAD_LIMITS[content_type]})")
    token = secrets.token_urlsafe(18)
    now = call.state.wall_time()
    ttl = call.state.options.signed_url_ttl
    signature = hmac.new(_SIGNING_KEY, f"{token}:{now + ttl}".encode(), hashlib.sha256).hexdigest()
    asset_id = uuid.uuid4().hex[:20]
    safe_name = re.sub(r"[^A-Za-z0-9._-]", "_", filename)[:120]
    call.state.uploads[token] = Upload(token, asset_id, safe_name, content_type, size, now + ttl, signature)
    # Shaped like an S3 presigned PUT: usable, again and again, until it expires.
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(now))
    query = (
        f"X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=SANDBOX%2F{stamp[:8]}%2Fauto%2Fs3%2Faws4_request"
        f"&X-Amz-Date={stamp}&X-Amz-Expires={max(1, round(ttl))}&X-Amz-SignedHeaders=content-length%3Bcontent-type"
        f"%3Bhost&X-Amz-Signature={signature}"
    )
    return {
        "sign_url": f"{call.base}/upload/{token}?{query}",
        "asset_url": f"{call.base}/assets/{asset_id}/{safe_name}",
    }
