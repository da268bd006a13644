"""The command line a person meets first: start-up refusals, --help, and a hint when run in a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest


def jogg_mcp(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("JOGG_")} | env
    return subprocess.run(
        [sys.executable, "-m", "jogg_mcp", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        stdin=subprocess.DEVNULL,
    )


def test_help_lists_the_environment_variables() -> None:
    done = jogg_mcp("--help")
    assert done.returncode == 0
    for name in ("JOGG_API_KEY", "JOGG_BASE_URL", "JOGG_ALLOWED_DIRS", "JOGG_HTTP_TOKEN"):
        assert name in done.stdout
    assert "jogg-mcp demo" in done.stdout


@pytest.mark.parametrize("url", ["https://api.jogg.ai/v2", "https://api.jogg.ai/api/v1"])
def test_a_base_url_with_a_path_stops_the_server_with_the_fix(url: str) -> None:
    done = jogg_mcp("serve", JOGG_BASE_URL=url)
    assert done.returncode == 2
    assert "JOGG_BASE_URL" in done.stderr and "origin only" in done.stderr and "https://api.jogg.ai" in done.stderr
    assert done.stdout == ""  # stdout is the protocol


def test_started_in_a_terminal_it_says_what_it_is_waiting_for() -> None:
    controller, terminal = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("JOGG_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "jogg_mcp", "--sandbox"],
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
    )
    try:
        assert process.stderr is not None
        seen = b""
        while b"jogg-mcp demo" not in seen:
            line = process.stderr.readline()
            assert line, f"it ended without the hint: {seen!r}"
            seen += line
        assert b"waiting for an MCP client" in seen
    finally:
        process.kill()
        process.wait(timeout=30)
        os.close(controller)
        os.close(terminal)
