"""A 100 MB video through upload_asset over stdio: progress arrives, and the server's memory stays flat."""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pytest
from mcp import Client, StdioServerParameters

from jogg_mcp.sandbox import SandboxServer
from tests import mediagen as g
from tests.support import memory_kib, process_with_marker

pytestmark = [pytest.mark.anyio, pytest.mark.slow]

SIZE = 100_000_000  # the largest video JoggAI accepts


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc for the server's memory")
async def test_100_mb_upload_streams_with_flat_memory(sandbox: SandboxServer, tmp_path: Path) -> None:
    big = g.pad_iso(g.video(tmp_path / "launch.mp4", seconds=2), SIZE)
    small = g.video(tmp_path / "warmup.mp4")
    marker = uuid.uuid4().hex
    env = {
        **os.environ,
        "JOGG_API_KEY": sandbox.api_key,
        "JOGG_BASE_URL": sandbox.base_url,
        "JOGG_ALLOWED_DIRS": str(tmp_path),
        "JOGG_TEST_MARKER": marker,
    }
    params = StdioServerParameters(command=sys.executable, args=["-m", "jogg_mcp", "serve"], env=env)
    async with Client(params) as client:
        warm = await client.call_tool("upload_asset", {"path": str(small)})  # loads libmagic and PyAV
        assert not warm.is_error
        pid = process_with_marker("JOGG_TEST_MARKER", marker)
        Path(f"/proc/{pid}/clear_refs").write_text("5")  # restart the peak-RSS counter from here
        baseline = memory_kib(pid, "VmRSS")

        progress: list[tuple[float, float | None, str | None]] = []

        async def on_progress(done: float, total: float | None, message: str | None) -> None:
            progress.append((done, total, message))

        result = await client.call_tool("upload_asset", {"path": str(big)}, progress_callback=on_progress)
        peak = memory_kib(pid, "VmHWM")

    assert not result.is_error, result.content
    assert result.structured_content is not None and result.structured_content["size_bytes"] == SIZE
    stored = sandbox.state.assets[result.structured_content["asset_url"].split("/assets/")[1].split("/")[0]]
    assert stored.path is not None and stored.path.stat().st_size == SIZE

    assert progress[-1][0] == SIZE and all(total == SIZE for _, total, _ in progress)
    assert [done for done, _, _ in progress] == sorted(done for done, _, _ in progress)
    assert progress[-1][2] == "uploading launch.mp4: 100.0 MB of 100.0 MB"
    assert len(progress) < 200  # throttled: not one notification per 1 MiB chunk

    growth_mib = (peak - baseline) / 1024
    print(f"server peak RSS growth during a 100 MB upload: {growth_mib:.1f} MiB")
    assert growth_mib < 32, f"the upload grew the server by {growth_mib:.1f} MiB"
