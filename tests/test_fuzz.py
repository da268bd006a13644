"""Protocol fuzzing: thousands of generated argument sets (wrong types, huge strings, odd unicode, negative
numbers, nested junk, missing fields) through the MCP client to every tool. Nothing crashes, hangs, or
leaks a stack trace; the only protocol error allowed is invalid params."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import anyio
import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mcp import Client, MCPError
from mcp.types import INVALID_PARAMS

from jogg_mcp.api.transport import forget_throttles
from jogg_mcp.sandbox import SandboxServer
from jogg_mcp.server.inventory import TOOLS
from tests.support import mcp_client, server_settings

EXAMPLES_PER_TOOL = 250

pytestmark = pytest.mark.slow

PLAUSIBLE = [
    "portrait",
    "square",
    "public",
    "custom",
    "english",
    "Don't Worry",
    "FullScreen",
    "female",
    "en-US-ChristopherNeural",
    "https://shop.example/p/1",
    "transparent",
    "../../etc/passwd",
    "a.png",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from(PLAUSIBLE),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.sampled_from([0, 1, 15, 30, 60, 81, 127, 100266, -1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=8),
    st.just("\x00\u202e\ud7ff\U0010ffff"),
    st.just("x" * 200_000),
)
junk = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12,
)


def arguments_for(known: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """Junk for a tool whose real parameter names are `known`, so fuzzed calls get past "unknown field"."""
    keys = st.sampled_from(known) if known else st.nothing()
    return st.one_of(
        st.dictionaries(keys, junk, max_size=len(known)),
        st.dictionaries(st.one_of(keys, st.text(max_size=12)), junk, max_size=6),  # stray and missing fields
        st.fixed_dictionaries({}, optional={k: scalars for k in known}),
    )


@pytest.fixture(scope="module")
def fuzz_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[BlockingPortal, Client]]:
    """One server for the whole run, driven from hypothesis' synchronous loop through a portal."""
    folder = tmp_path_factory.mktemp("fuzz-media")
    (folder / "a.png").write_bytes(b"not really a png")
    with (
        SandboxServer(render_seconds=0, rate_limit=1_000_000, credits=1_000_000) as sandbox,
        start_blocking_portal() as portal,
    ):
        settings_ = server_settings(sandbox, JOGG_ALLOWED_DIRS=str(folder), JOGG_MAX_RETRIES="0", JOGG_TOOLSETS="all")
        with portal.wrap_async_context_manager(mcp_client(settings_)) as client:
            yield portal, client


def check_one(portal: BlockingPortal, client: Client, tool: str, arguments: dict[str, Any]) -> None:
    forget_throttles()  # each example is its own short session as far as the POST throttle goes

    async def call() -> Any:
        with anyio.fail_after(20):  # a hang fails the test
            return await client.call_tool(tool, arguments)

    try:
        result = portal.call(call)
    except MCPError as error:
        code = error.error.code
        assert code == INVALID_PARAMS, (tool, arguments, error.error)  # noqa: PT017 - inspecting, not expecting
        return
    for block in result.content:
        text = getattr(block, "text", "")
        assert "Traceback" not in text and 'File "' not in text, text[:500]
        if result.is_error:
            assert text.strip() != f"Error executing tool {tool}", ("an unexpected exception", arguments)


@pytest.mark.parametrize("tool", [spec.name for spec in TOOLS])
def test_fuzz_tool(fuzz_target: tuple[BlockingPortal, Client], tool: str) -> None:
    portal, client = fuzz_target
    listed = {t.name: t for t in portal.call(client.list_tools).tools}
    known = sorted(listed[tool].input_schema.get("properties", {}))

    @settings(
        max_examples=EXAMPLES_PER_TOOL,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(arguments=arguments_for(known))
    def run(arguments: dict[str, Any]) -> None:
        check_one(portal, client, tool, arguments)

    run()
