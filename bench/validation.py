"""Validation cost: time and bytes read to check a ~100 MB video against a 1 MB one. It must not grow
with the file: the check reads the head (libmagic), a few box headers and the container index (PyAV).

Each measurement runs in a fresh process with the file evicted from the page cache first, and counts the
bytes the process read (rchar in /proc/self/io) around inspect_media alone.

    python bench/validation.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, median, save, table
from media_files import video_with_moov_last

PROBE = r"""
import json, os, sys, time
from pathlib import Path
from jogg_mcp.media.check import inspect_media
warm = Path(sys.argv[2])
inspect_media(warm)  # imports and library set-up are not what is measured
target = Path(sys.argv[1])
fd = os.open(target, os.O_RDONLY); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED); os.close(fd)
def rchar():
    return int(next(l for l in open("/proc/self/io") if l.startswith("rchar")).split()[1])
before, started = rchar(), time.perf_counter()
report = inspect_media(target)
elapsed, read = time.perf_counter() - started, rchar() - before
print(json.dumps({"ms": elapsed * 1000, "bytes_read": read, "size": report.size_bytes}))
"""


def measure(target: Path, warm: Path) -> dict[str, float]:
    done = subprocess.run([PYTHON, "-c", PROBE, str(target), str(warm)], capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        small = video_with_moov_last(Path(folder) / "small.mp4", 1_000_000)
        large = video_with_moov_last(Path(folder) / "large.mp4", 99_900_000)
        warm = video_with_moov_last(Path(folder) / "warm.mp4", 200_000)
        samples: dict[str, list[dict[str, float]]] = {"1 MB video": [], "100 MB video": []}
        for _ in range(args.runs):
            samples["1 MB video"].append(measure(small, warm))
            samples["100 MB video"].append(measure(large, warm))
    summary = {
        name: {
            "size_bytes": int(runs[0]["size"]),
            "ms": round(median([r["ms"] for r in runs]), 2),
            "bytes_read": int(median([r["bytes_read"] for r in runs])),
        }
        for name, runs in samples.items()
    }
    small_s, large_s = summary["1 MB video"], summary["100 MB video"]
    ratios = {
        "time_ratio": round(large_s["ms"] / small_s["ms"], 2),
        "bytes_ratio": round(large_s["bytes_read"] / small_s["bytes_read"], 2),
    }
    rows = [
        [name, s["size_bytes"], f"{s['ms']:.1f}", s["bytes_read"], f"{s['bytes_read'] / s['size_bytes']:.2%}"]
        for name, s in summary.items()
    ]
    print(f"Validation before upload (inspect_media), median of {args.runs} cold runs")
    print(table(["file", "size bytes", "check ms", "bytes read", "share of file read"], rows))
    print(
        f"100 MB vs 1 MB: time x{ratios['time_ratio']}, bytes read x{ratios['bytes_ratio']} (target: flat, "
        "at most 1 MB read)"
    )
    print(f"results: {save('validation', {'runs': args.runs, 'files': summary, **ratios})}")


if __name__ == "__main__":
    main()
