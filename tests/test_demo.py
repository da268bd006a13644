"""`jogg-mcp demo` runs the whole flow and ends with the video URL; --live asks before spending credits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx2
import pytest

from jogg_mcp.media.check import inspect_video
from jogg_mcp.sandbox import SandboxServer
from jogg_mcp.server.inventory import enabled_tools

pytestmark = pytest.mark.slow  # each walks the whole flow in a subprocess


def run_demo(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("JOGG_")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "jogg_mcp", "demo", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=environment,
        input=stdin,
        cwd=cwd,  # the demo saves its video where it was started
    )


def test_demo_walks_the_seed_flow_to_a_video_url(tmp_path: Path) -> None:
    done = run_demo("--render-seconds", "1", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    for fragment in (
        "against the embedded JoggAI sandbox",
        f"{len(enabled_tools())} tools",
        "1. Upload a sample image",
        "PNG 640x360",
        "MP3 4.0 s",
        "'Aurora Trail Runner 2'",
        "audience 'trail runners and hikers'",
        "100 credits available",
        "queued",
        "Summary",
        "create_video",
        "get_project",
    ):
        assert fragment in out, fragment
    last = out.strip().splitlines()[-1]
    assert last.startswith("Your video is ready: http://127.0.0.1:") and last.endswith(".mp4")
    saved = tmp_path / "Aurora Trail Runner 2.mp4"
    assert f"Saved to: {saved}" in out and inspect_video(saved).format == "MP4"
    assert "Traceback" not in done.stderr


def test_demo_draft_walks_the_drafting_conversation(tmp_path: Path) -> None:
    done = run_demo("--draft", "--render-seconds", "1", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    for fragment in (
        "5. Review the product as JoggAI holds it (free)",
        "6. Draft scripts (0.2 credit)",
        "[Storytime]",
        "7. Preview it in two visual styles (0.5 credit each)",
        "previews started",
        "8. Render the",
        "spent 2.2 credits in all: 0.2 on ai_scripts, 1 on preview, 1 on url_video",
        "draft_script",
        "preview_video",
    ):
        assert fragment in out, fragment
    assert out.count("preview: http://127.0.0.1:") == 2
    assert out.strip().splitlines()[-1].startswith("Your video is ready: http://127.0.0.1:")


def test_live_needs_a_key_and_a_url() -> None:
    assert "needs JOGG_API_KEY" in run_demo("--live").stdout
    assert "needs --url" in run_demo("--live", env={"JOGG_API_KEY": "k"}).stdout


def test_live_asks_before_spending(sandbox: SandboxServer, tmp_path: Path) -> None:
    # The sandbox stands in for the real API here; the live path is the same code.
    env = {"JOGG_API_KEY": sandbox.api_key, "JOGG_BASE_URL": sandbox.base_url}
    refused = run_demo("--live", "--url", "https://shop.example/p/42", env=env, stdin="", cwd=tmp_path)
    assert refused.returncode == 1 and "stopped before spending credits" in refused.stdout
    assert sandbox.state.billable_creates == {} and sandbox.state.credits == 100

    sandbox.state.render_seconds = 0
    agreed = run_demo("--live", "--yes", "--url", "https://shop.example/p/42", env=env, cwd=tmp_path)
    assert agreed.returncode == 0, agreed.stdout + agreed.stderr
    assert sandbox.state.billable_creates["/v1/create_video_from_url"] == 1
    video_url = agreed.stdout.strip().splitlines()[-1].removeprefix("Your video is ready: ")
    assert httpx2.get(video_url).status_code == 200
