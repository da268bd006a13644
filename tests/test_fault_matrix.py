"""Every tool against every fault the sandbox can inject, through the MCP client: success after bounded
retries where repeating is safe, otherwise a clear error that says what failed and whether anything was
charged; never more than one billable create per call; and the server keeps serving."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
from mcp import Client

from jogg_mcp.api.transport import RetryPolicy
from jogg_mcp.sandbox import SandboxServer
from jogg_mcp.server.inventory import BY_NAME, TOOLS
from tests import mediagen as g
from tests.support import example, mcp_client, server_settings

pytestmark = [pytest.mark.anyio, pytest.mark.slow]

# fault name -> inject() fields; each fires once
FAULTS: dict[str, dict[str, Any]] = {
    "http_500": {"kind": "http_500"},
    "http_502": {"kind": "http_502"},
    "http_503": {"kind": "http_503"},
    "code_50000": {"kind": "code_50000"},
    "code_429": {"kind": "code_429"},
    "code_429_retry_after": {"kind": "code_429", "retry_after": 1, "http_status": 429},
    "connection_reset": {"kind": "reset"},
    "read_timeout": {"kind": "hang", "delay": 1.5},
    "truncated_json": {"kind": "truncated_json"},
    "slow_body": {"kind": "slow_body", "delay": 1.0},
}
REFUSALS_BEFORE_PROCESSING = {"code_429", "code_429_retry_after", "slow_body"}


@pytest.fixture
async def client(sandbox: SandboxServer, tmp_path: Path) -> AsyncIterator[Client]:
    settings = server_settings(
        sandbox,
        JOGG_TOOLSETS="all",
        JOGG_READ_TIMEOUT="0.6",
        JOGG_UPLOAD_TIMEOUT="0.6",
        JOGG_ALLOWED_DIRS=str(tmp_path),
    )
    async with mcp_client(settings) as connected:
        yield connected


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("tool", [spec.name for spec in TOOLS if spec.calls is not None])
async def test_fault_matrix(client: Client, sandbox: SandboxServer, tmp_path: Path, tool: str, fault: str) -> None:
    # The fault hits the JoggAI call the tool makes first; its retry policy is the tool's.
    endpoint = BY_NAME[tool].calls
    assert endpoint is not None
    method, policy = endpoint.method, endpoint.policy
    path = re.sub(r"\{[a-z_]+\}", "*", endpoint.path)  # a path with an id in it: any id
    args = example(tool, sandbox, tmp_path)
    products_before = len(sandbox.state.products)
    creates_before = sum(sandbox.state.billable_creates.values())  # the example's own render, if it needs one
    sandbox.state.requests.clear()
    sandbox.faults.inject(path=path, method=method, **FAULTS[fault])

    result = await client.call_tool(tool, args)
    text: str = result.content[0].text  # type: ignore[union-attr]
    calls = sum(1 for r in sandbox.state.requests if r.method == method and fnmatch.fnmatchcase(r.path, path))

    if policy is RetryPolicy.SAFE or fault in REFUSALS_BEFORE_PROCESSING:
        assert not result.is_error, (tool, fault, text)
        assert calls == (1 if fault == "slow_body" else 2)  # one retry, and only one
    else:
        assert result.is_error, (tool, fault)
        assert calls == 1, "a create that may have been accepted must not be sent again"
        if policy is RetryPolicy.BILLABLE:
            assert "may already have been accepted and charged" in text and "NOT retried" in text
            assert "Nothing was charged" not in text
        else:
            assert "may have been created anyway" in text and "Nothing was charged" in text
        assert "Error executing tool" in text and len(text) > 120  # the reason, not a bare failure
    if policy is RetryPolicy.BILLABLE:
        assert sum(sandbox.state.billable_creates.values()) - creates_before <= 1
    if endpoint.path == "/v1/product" and endpoint.method == "POST":
        assert len(sandbox.state.products) - products_before <= 1
    # The server keeps serving.
    after = await client.call_tool("get_credits", {})
    assert not after.is_error


SIGNED_PUT_FAULTS: dict[str, tuple[dict[str, Any], str | None]] = {
    "put_http_503": ({"kind": "http_503"}, None),
    "put_connection_reset": ({"kind": "reset", "before_processing": True}, None),
    "put_read_timeout": ({"kind": "hang", "delay": 1.5, "before_processing": True}, None),
    "put_expired_url": ({"kind": "expire_signed_url"}, None),
    "put_403": ({"kind": "forbid_put"}, "The upload storage refused the file: AccessDenied"),
}


@pytest.mark.parametrize("fault", SIGNED_PUT_FAULTS)
async def test_signed_put_faults(client: Client, sandbox: SandboxServer, tmp_path: Path, fault: str) -> None:
    spec, refusal = SIGNED_PUT_FAULTS[fault]
    path = g.image(tmp_path / "a.png", "PNG")
    sandbox.faults.inject(path="/upload/*", **spec)
    result = await client.call_tool("upload_asset", {"path": str(path)})
    text: str = result.content[0].text  # type: ignore[union-attr]
    if refusal is None:
        assert not result.is_error, text
        assert result.structured_content is not None
        assert httpx2.get(result.structured_content["asset_url"]).content == path.read_bytes()
    else:
        assert result.is_error and refusal in text and "Nothing was charged" in text
        assert "signature=" not in text.lower()
    assert not (await client.call_tool("get_credits", {})).is_error
