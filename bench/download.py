"""Download: a 100 MB render saved by save_video (jogg-mcp over stdio, from the sandbox) against curl fetching
the same URL into a file in the same folder. Reports throughput, the ratio to curl, and how much the server
process's peak RSS grew while saving.

save_video's time is end to end (asking JoggAI for the project, streaming, checking the header, the final
rename); curl's is the download alone, so the ratio is conservative. Runs are interleaved.

    python bench/download.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import anyio

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, median, memory_kib, save, table
from media_files import video_with_moov_last

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from jogg_mcp.media.probe import probe
from jogg_mcp.sandbox import SandboxServer
from jogg_mcp.sandbox.state import RenderProject
from tests.support import process_with_marker

SIZE = 100_000_000


def render_of(sandbox: SandboxServer, video: Path) -> str:
    """A finished product-video render in the sandbox whose video is `video`."""
    project = RenderProject(
        project_id=uuid.uuid4().hex,
        kind="url_video",
        title="bench",
        duration=probe(str(video)).duration_seconds or 0.0,
        credits=1,
        container="mp4",
        video_file=video,
    )
    sandbox.state.add_project(project, "bench")
    return project.project_id


def curl_get(url: str, target: Path) -> float:
    started = time.perf_counter()
    subprocess.run(["curl", "-sS", "--fail", "-o", str(target), url], check=True)
    elapsed = time.perf_counter() - started
    target.unlink()
    return elapsed


async def tool_saves(
    sandbox: SandboxServer, project_id: str, folder: Path, runs: int, curl_times: list[float]
) -> dict[str, list[float]]:
    from mcp import Client, StdioServerParameters

    marker = uuid.uuid4().hex
    env = {
        **os.environ,
        "JOGG_API_KEY": sandbox.api_key,
        "JOGG_BASE_URL": sandbox.base_url,
        "JOGG_ALLOWED_DIRS": str(folder),
        "JOGG_BENCH_MARKER": marker,
    }
    url = f"{sandbox.base_url}/media/{project_id}.mp4"
    times: list[float] = []
    growth: list[float] = []
    async with Client(StdioServerParameters(command=PYTHON, args=["-m", "jogg_mcp", "serve"], env=env)) as client:
        warm = render_of(sandbox, video_with_moov_last(folder.parent / "warm.mp4", 200_000))
        await client.call_tool("save_video", {"project_id": warm, "folder": "warm"})  # PyAV loaded, pool warm
        pid = process_with_marker("JOGG_BENCH_MARKER", marker)
        for run in range(runs):
            curl_times.append(await anyio.to_thread.run_sync(curl_get, url, folder / f"curl-{run}.mp4"))
            Path(f"/proc/{pid}/clear_refs").write_text("5")
            baseline = memory_kib(pid, "VmRSS")
            started = time.perf_counter()
            result = await client.call_tool("save_video", {"project_id": project_id, "filename": f"saved-{run}"})
            times.append(time.perf_counter() - started)
            if result.is_error:
                raise RuntimeError(result.content)
            growth.append((memory_kib(pid, "VmHWM") - baseline) / 1024)
            (folder / f"saved-{run}.mp4").unlink()
    return {"times": times, "growth_mib": growth}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work, SandboxServer(render_seconds=0, rate_limit=10_000) as sandbox:
        source = video_with_moov_last(Path(work) / "render.mp4", SIZE)
        folder = Path(work) / "saved"
        folder.mkdir()
        curl_times: list[float] = []
        measured = anyio.run(tool_saves, sandbox, render_of(sandbox, source), folder, args.runs, curl_times)
    tool_s, curl_s = median(measured["times"]), median(curl_times)
    summary = {
        "file_bytes": SIZE,
        "save_video_mb_per_s": round(SIZE / 1e6 / tool_s, 1),
        "curl_get_mb_per_s": round(SIZE / 1e6 / curl_s, 1),
        "throughput_ratio_to_curl": round(curl_s / tool_s, 3),
        "server_peak_rss_growth_mib": round(max(measured["growth_mib"]), 1),
    }
    print(f"100 MB render saved from the sandbox on loopback, median of {args.runs} interleaved runs")
    print(
        table(
            ["path", "seconds", "MB/s"],
            [
                ["save_video (status + stream + check + rename)", f"{tool_s:.2f}", summary["save_video_mb_per_s"]],
                ["curl -o (download only)", f"{curl_s:.2f}", summary["curl_get_mb_per_s"]],
            ],
        )
    )
    print(
        f"throughput vs curl: {summary['throughput_ratio_to_curl']:.2f}x (target >= 0.9); server peak RSS growth: "
        f"{summary['server_peak_rss_growth_mib']} MiB (target <= 16)"
    )
    print(f"results: {save('download', {'runs': args.runs, **summary})}")


if __name__ == "__main__":
    main()
