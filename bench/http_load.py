"""HTTP mode under concurrent clients on loopback: calls per second, p50 and p99 latency of get_credits
(a tools/call that reaches the sandbox), at several levels of concurrency. Bounded: it stops by itself.

    python bench/http_load.py [--calls 50] [--clients 1 4 16]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import anyio
import httpx2

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import median, percentile, save, table

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.support import http_server


async def run_level(url: str, clients: int, calls: int) -> dict[str, float]:
    from mcp import Client
    from mcp.client.streamable_http import streamable_http_client

    latencies: list[float] = []
    failures = 0

    async def one_client() -> None:
        nonlocal failures
        async with httpx2.AsyncClient(timeout=30) as http, Client(streamable_http_client(url, http_client=http)) as c:
            await c.call_tool("get_credits", {})  # connect and warm up outside the measurement
            await ready.wait()
            for _ in range(calls):
                started = time.perf_counter()
                result = await c.call_tool("get_credits", {})
                latencies.append((time.perf_counter() - started) * 1000)
                failures += int(result.is_error)

    ready = anyio.Event()
    with anyio.fail_after(300):
        async with anyio.create_task_group() as group:
            for _ in range(clients):
                group.start_soon(one_client)
            await anyio.sleep(1.0)
            started = time.perf_counter()
            ready.set()
    elapsed = time.perf_counter() - started
    return {
        "clients": clients,
        "calls": len(latencies),
        "failures": failures,
        "calls_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(median(latencies), 2),
        "p99_ms": round(percentile(latencies, 0.99), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=50, help="calls per client")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4, 16])
    args = parser.parse_args()
    levels = []
    with http_server("--sandbox") as (url, _):
        for clients in args.clients:
            levels.append(anyio.run(run_level, url, clients, args.calls))
    print(f"Streamable HTTP (stateless) on loopback, get_credits, {args.calls} calls per client")
    print(
        table(
            ["clients", "calls", "failures", "calls/s", "p50 ms", "p99 ms"],
            [[r["clients"], r["calls"], r["failures"], r["calls_per_s"], r["p50_ms"], r["p99_ms"]] for r in levels],
        )
    )
    print(f"results: {save('http_load', {'levels': levels})}")


if __name__ == "__main__":
    main()
