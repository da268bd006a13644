"""Stopping the stdio server in the middle of an upload (stdin EOF, or SIGTERM) ends it cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from jogg_mcp.sandbox import SandboxServer
from tests import mediagen as g


def start_upload(sandbox: SandboxServer, folder: Path) -> subprocess.Popen[bytes]:
    """A raw stdio session whose upload_asset call is stuck in its signed-URL PUT."""
    video = g.pad_iso(g.video(folder / "clip.mp4"), 5_000_000)
    sandbox.faults.inject(path="/upload/*", kind="hang", delay=30, before_processing=True)
    env = {
        **os.environ,
        "JOGG_API_KEY": sandbox.api_key,
        "JOGG_BASE_URL": sandbox.base_url,
        "JOGG_ALLOWED_DIRS": str(folder),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "jogg_mcp", "serve"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdin is not None and process.stdout is not None

    def send(message: dict[str, Any]) -> None:
        assert process.stdin is not None
        process.stdin.write((json.dumps(message) + "\n").encode())
        process.stdin.flush()

    send(
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {
                "protocolVersion": "2025-06-18",
                "capabilities": {},
                "clientInfo": {"name": "test", "version": "1"},
            },
        }
    )
    assert json.loads(process.stdout.readline())["id"] == 1
    send({"jsonrpc": "2.0", "method": "notifications/initialized"})
    send(
        {
            "jsonrpc": "2.0",
            "id": 2,
            "method": "tools/call",
            "params": {"name": "upload_asset", "arguments": {"path": str(video)}},
        }
    )
    deadline = time.monotonic() + 20
    while not any(r.method == "PUT" for r in sandbox.state.requests):
        assert time.monotonic() < deadline, "the upload never started"
        time.sleep(0.05)
    return process


def finish(process: subprocess.Popen[bytes]) -> tuple[int, bytes, bytes]:
    started = time.monotonic()
    code = process.wait(timeout=10)
    assert time.monotonic() - started < 5, "shutdown should be prompt"
    assert process.stdout is not None and process.stderr is not None
    return code, process.stdout.read(), process.stderr.read()


@pytest.mark.parametrize("how", ["stdin_eof", "sigterm"])
def test_stop_mid_upload_is_clean(sandbox: SandboxServer, tmp_path: Path, how: str) -> None:
    process = start_upload(sandbox, tmp_path)
    if how == "stdin_eof":
        assert process.stdin is not None
        process.stdin.close()
    else:
        process.send_signal(signal.SIGTERM)
    code, stdout, stderr = finish(process)
    assert code == 0
    for line in stdout.decode().splitlines():  # only protocol on stdout
        assert json.loads(line)["jsonrpc"] == "2.0"
    assert b"Traceback" not in stdout and b"Traceback" not in stderr
