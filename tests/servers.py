"""Run jogg-mcp as a real subprocess for transport tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def process_with_marker(name: str, value: str) -> int:
    """The PID of the process whose environment holds NAME=value (a subprocess started by a library)."""
    needle = f"{name}={value}".encode()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if needle in (entry / "environ").read_bytes().split(b"\0"):
                    return int(entry.name)
            except OSError:
                continue
    raise LookupError(f"no process with {name}={value}")


def memory_kib(pid: int, field: str) -> int:
    """A VmRSS / VmHWM figure from /proc, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@contextmanager
def http_server(*args: str, env: Mapping[str, str] | None = None) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`jogg-mcp serve --transport http` on a free loopback port; yields its /mcp URL and the process."""
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("JOGG_")}
    environment.update(env or {})
    process = subprocess.Popen(
        [sys.executable, "-m", "jogg_mcp", "serve", "--transport", "http", "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
    )
    url = f"http://127.0.0.1:{port}/mcp"
    try:
        deadline = time.monotonic() + 30
        while not _listening(port):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                _, stderr = process.communicate()
                raise RuntimeError(f"jogg-mcp did not start: {stderr.decode()}")
            time.sleep(0.1)
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=20)
