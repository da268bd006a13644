"""The package builds a wheel and an sdist; the wheel installs into a clean virtualenv and serves over stdio."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest
from mcp import Client, StdioServerParameters

import jogg_mcp
from jogg_mcp.server.inventory import enabled_tools
from tests.support import ROOT

pytestmark = [pytest.mark.anyio, pytest.mark.slow]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return out


def test_wheel_and_sdist_contents(dist: Path) -> None:
    (wheel,) = dist.glob(f"jogg_mcp-{jogg_mcp.__version__}-*.whl")
    (sdist,) = dist.glob(f"jogg_mcp-{jogg_mcp.__version__}.tar.gz")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        entry_points = archive.read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "jogg_mcp/server/tools/assets.py" in names and "jogg_mcp/sandbox/app.py" in names
    assert not any(name.startswith("tests/") for name in names)
    assert "jogg-mcp = jogg_mcp.cli:main" in entry_points
    with tarfile.open(sdist) as archive:
        members = archive.getnames()
    assert any(m.endswith("/README.md") for m in members) and any(m.endswith("/pyproject.toml") for m in members)


async def test_wheel_installs_and_serves_from_a_clean_virtualenv(dist: Path, tmp_path: Path) -> None:
    (wheel,) = dist.glob("jogg_mcp-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        check=True,
        capture_output=True,
        timeout=900,
    )
    command = env_dir / "bin" / "jogg-mcp"
    shown = subprocess.run([str(command), "--help"], capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0 and "serve" in shown.stdout and "demo" in shown.stdout
    params = StdioServerParameters(command=str(command), args=["--sandbox"], env={"PATH": str(env_dir / "bin")})
    async with Client(params) as client:
        assert client.server_info.name == "jogg-mcp"  # type: ignore[union-attr]
        tools = {t.name for t in (await client.list_tools()).tools}
        result = await client.call_tool("get_credits", {})
    assert tools == {spec.name for spec in enabled_tools()} and not result.is_error
