"""Run every benchmark, then write the README's Performance table from bench/results/*.json.

python bench/run_all.py            # all six, then the README table
python bench/run_all.py --report   # only rebuild the README table from the last results
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, RESULTS, ROOT, table

BENCHMARKS = ["cold_start.py", "upload.py", "download.py", "validation.py", "call_overhead.py", "http_load.py"]
README = ROOT / "README.md"
BLOCK = re.compile(r"(<!-- BEGIN bench -->\n).*?(<!-- END bench -->)", re.S)


def load(name: str) -> dict:  # type: ignore[type-arg]
    return json.loads((RESULTS / f"{name}.json").read_text())


def report() -> str:
    cold, upload, validation = load("cold_start"), load("upload"), load("validation")
    download = load("download")
    overhead, http = load("call_overhead"), load("http_load")
    ours, floor = cold["servers"]["jogg-mcp"], cold["servers"]["bare MCPServer (floor)"]
    every = cold["servers"]["jogg-mcp (all toolsets)"]
    ourselves = ("jogg-mcp", "jogg-mcp (all toolsets)", "bare MCPServer (floor)")
    rows = [
        [
            "Cold start to `initialize` (stdio)",
            f"{ours['initialize_ms']:.0f} ms",
            f"{ours['initialize_ratio_to_floor']:.2f}x bare MCPServer ({floor['initialize_ms']:.0f} ms)",
            "<= 1.10x",
        ],
        [
            "  with every toolset",
            f"{every['initialize_ms']:.0f} ms",
            f"{every['initialize_ratio_to_floor']:.2f}x bare MCPServer",
            "<= 1.15x",
        ],
        [
            "Cold start to the tools/list answer",
            f"{ours['tools_list_ms']:.0f} / {every['tools_list_ms']:.0f} ms",
            f"{ours['tools_list_ratio_to_floor']:.2f}x / {every['tools_list_ratio_to_floor']:.2f}x bare "
            "(default / every toolset; the tools are built on the first list)",
            "",
        ],
    ]
    for name, peer in cold["servers"].items():
        if name not in ourselves:
            rows.append(
                [
                    f"  vs {name}",
                    f"{peer['initialize_ms']:.0f} ms",
                    f"{ours['initialize_ms'] / peer['initialize_ms']:.2f}x of it",
                    "",
                ]
            )
    rows += [
        ["Peak RSS at start", f"{ours['peak_rss_mb']:.0f} MB", f"bare: {floor['peak_rss_mb']:.0f} MB", ""],
        [
            "tools/list size (what the model reads)",
            f"{ours['tools_list_bytes']} B, {ours['tools']} tools",
            "; ".join(
                f"{n}: {p['tools_list_bytes']} B, {p['tools']} tools"
                for n, p in cold["servers"].items()
                if n not in ourselves
            ),
            "<= 15,500 B",
        ],
        [
            "  with every toolset",
            f"{every['tools_list_bytes']} B, {every['tools']} tools",
            "the 47-tool peer's 31,110 B",
            "<= 31,110 B",
        ],
        [
            "100 MB upload throughput",
            f"{upload['upload_asset_mb_per_s']} MB/s",
            f"{upload['throughput_ratio_to_curl']:.2f}x curl ({upload['curl_put_mb_per_s']} MB/s)",
            ">= 0.9x",
        ],
        ["Server RSS growth during 100 MB upload", f"{upload['server_peak_rss_growth_mib']} MiB", "", "<= 16 MiB"],
        [
            "100 MB save_video throughput",
            f"{download['save_video_mb_per_s']} MB/s",
            f"{download['throughput_ratio_to_curl']:.2f}x curl ({download['curl_get_mb_per_s']} MB/s)",
            ">= 0.9x",
        ],
        ["Server RSS growth during 100 MB save", f"{download['server_peak_rss_growth_mib']} MiB", "", "<= 16 MiB"],
        [
            "Bytes read to validate 1 MB / 100 MB video",
            f"{validation['files']['1 MB video']['bytes_read']} / "
            f"{validation['files']['100 MB video']['bytes_read']} B",
            f"time {validation['files']['1 MB video']['ms']} / {validation['files']['100 MB video']['ms']} ms",
            "<= 1 MB, flat",
        ],
        [
            "MCP overhead per get_project (stdio)",
            f"{overhead['overhead']['p50_ms']} ms p50",
            f"p99 {overhead['overhead']['p99_ms']} ms; direct GET {overhead['direct']['p50_ms']} ms",
            "<= 5 ms p50",
        ],
    ]
    for level in http["levels"]:
        rows.append(
            [
                f"HTTP, {level['clients']} concurrent client(s)",
                f"{level['calls_per_s']} calls/s",
                f"p50 {level['p50_ms']} ms, p99 {level['p99_ms']} ms, {level['failures']} failures",
                "",
            ]
        )
    machine = cold["machine"]
    return (
        f"Measured {cold['when']} on {machine['cpu']} ({machine['cores']} cores), Python {machine['python']}; "
        "every ratio compares runs made in the same session.\n\n"
        + table(["Measure", "jogg-mcp", "Compared with", "Target"], rows)
        + "\n"
    )


def main() -> None:
    if "--report" not in sys.argv:
        for script in BENCHMARKS:
            print(f"\n### {script}", flush=True)
            subprocess.run([PYTHON, str(ROOT / "bench" / script)], check=True, cwd=ROOT)
    text = README.read_text()
    README.write_text(BLOCK.sub(lambda m: m.group(1) + report() + m.group(2), text))
    print(f"\nREADME.md Performance table updated:\n{report()}")


if __name__ == "__main__":
    main()
