"""Helpers the tests share (fixtures live in conftest.py; no test module imports another).

- example arguments for every tool, from the tool inventory, with its placeholders filled;
- a JoggAI client and an MCP server (through the official MCP client) against the sandbox;
- jogg-mcp as a real subprocess, and process memory from /proc;
- npm command-line tools (the MCP Inspector, the mcpb CLI), installed once into .tools/.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import httpx2
from mcp import Client
from mcp.types import ElicitResult, ListRootsResult, Root
from pydantic import FileUrl

from jogg_mcp.api import JoggClient
from jogg_mcp.api.models import UrlVideoRequest
from jogg_mcp.api.transport import RetrySettings, Throttle
from jogg_mcp.api.vocabulary import AvatarType
from jogg_mcp.config import Settings
from jogg_mcp.sandbox import SandboxServer
from jogg_mcp.server import Runtime, build_server
from jogg_mcp.server.inventory import (
    AUDIO_FILE,
    BY_NAME,
    IMAGE_FILE,
    PRODUCT_AVATAR_BATCH,
    PRODUCT_AVATAR_IMAGE,
    PRODUCT_ID,
    PROJECT_ID,
    VIDEO_SETTINGS,
    VIDEO_URL,
)
from tests import mediagen

# --- example arguments ----------------------------------------------------------------------------------

VIDEO: dict[str, Any] = dict(VIDEO_SETTINGS)  # create_video's settings, without a product_id
AVATAR: dict[str, Any] = dict(BY_NAME["create_avatar_video"].example)


def sandbox_product(sandbox: SandboxServer, url: str = "https://shop.example/p/1") -> str:
    """A product made directly in the sandbox (not through the code under test)."""
    answer = httpx2.post(sandbox.base_url + "/v1/product", json={"url": url}, headers={"x-api-key": sandbox.api_key})
    product_id: str = answer.json()["data"]["product_id"]
    return product_id


def sandbox_api(sandbox: SandboxServer, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
    """One JoggAI call straight to the sandbox (not through the code under test): its whole envelope."""
    response = httpx2.request(method, sandbox.base_url + path, headers={"x-api-key": sandbox.api_key}, **kwargs)
    envelope: dict[str, Any] = response.json()
    return envelope


def v1_video_body(product_id: str, /, **changes: Any) -> dict[str, Any]:
    """A valid create_video_from_url (or, without music and name, preview) body in JoggAI's own v1 encoding."""
    body = {
        "product_id": product_id,
        **VIDEO,
        "aspect_ratio": 0,
        "avatar_type": 0,
        "video_length": "15",
        "template_type": "public",
        "caption": True,
    }
    return {**body, **changes}


def sandbox_render(sandbox: SandboxServer, product_id: str) -> str:
    """A product video started directly in the sandbox, in JoggAI's own v1 encoding."""
    project_id: str = sandbox_api(sandbox, "POST", "/v1/create_video_from_url", json=v1_video_body(product_id))["data"][
        "project_id"
    ]
    return project_id


def sandbox_product_avatar_images(sandbox: SandboxServer) -> tuple[str, str]:
    """A finished batch of product avatar images, made directly in the sandbox: its batch_id and first image."""
    body = {
        "product_image_url": f"{sandbox.base_url}/media/shoe.png",
        "avatar_source": {"type": "description", "value": "a runner"},
        "quality": "medium",
        "aspect_ratio": "2:3",
        "num_images": 2,
    }
    batch_id: str = sandbox_api(sandbox, "POST", "/v2/product_avatar/generation", json=body)["data"]["batch_id"]
    sandbox.state.advance(sandbox.state.render_seconds)  # finished, without waiting
    images = sandbox_api(sandbox, "GET", f"/v2/product_avatar/generation/{batch_id}")["data"]["generations"]
    return batch_id, str(images[0]["url"])


def example(tool: str, sandbox: SandboxServer, folder: Path) -> dict[str, Any]:
    """The inventory's example arguments for `tool`, with what they refer to made in the sandbox (placeholders
    nested in lists and objects too)."""
    made: dict[str, Any] = {}

    def fill(value: Any) -> Any:
        if isinstance(value, dict):
            return {name: fill(item) for name, item in value.items()}
        if isinstance(value, list):
            return [fill(item) for item in value]
        if value == PRODUCT_ID:
            return sandbox_product(sandbox)
        if value == PROJECT_ID:
            return sandbox_render(sandbox, sandbox_product(sandbox))
        if value == VIDEO_URL:
            return f"{sandbox.base_url}/media/{sandbox_render(sandbox, sandbox_product(sandbox))}.mp4"
        if value in (PRODUCT_AVATAR_BATCH, PRODUCT_AVATAR_IMAGE):
            if "batch" not in made:
                made["batch"] = sandbox_product_avatar_images(sandbox)
            return made["batch"][0 if value == PRODUCT_AVATAR_BATCH else 1]
        if value == IMAGE_FILE:
            return str(mediagen.image(folder / "a.png", "PNG"))
        if value == AUDIO_FILE:
            return str(mediagen.audio(folder / "a.mp3", seconds=2))
        return value

    return {name: fill(value) for name, value in BY_NAME[tool].example.items()}


def url_video(product_id: str, **changes: object) -> UrlVideoRequest:
    """A valid create_video_from_url request for the client, with `changes` applied."""
    fields = {"product_id": product_id, **VIDEO, "avatar_type": AvatarType.PUBLIC, **changes}
    return UrlVideoRequest.model_validate(fields)


# --- a client and a server against the sandbox ----------------------------------------------------------

FAST_RETRY = RetrySettings(max_retries=3, base_delay=0.01, max_delay=0.05, max_total=10.0)


def make_client(sandbox: SandboxServer, **overrides: object) -> JoggClient:
    options: dict[str, object] = {
        "api_key": sandbox.api_key,
        "base_url": sandbox.base_url,
        "read_timeout": 2.0,
        "retry": FAST_RETRY,
        "throttle": Throttle(limit=1000, window=60.0),
    }
    options.update(overrides)
    return JoggClient(**options)  # type: ignore[arg-type]


def server_settings(sandbox: SandboxServer, **env: str) -> Settings:
    """Output schemas listed (JOGG_OUTPUT_SCHEMAS=1) unless a test says otherwise: then the MCP client checks
    every structured result in the suite against the lean schema the server lists for it."""
    return Settings.load(
        {
            "JOGG_API_KEY": sandbox.api_key,
            "JOGG_BASE_URL": sandbox.base_url,
            "JOGG_READ_TIMEOUT": "5",
            "JOGG_OUTPUT_SCHEMAS": "1",
            **env,
        }
    )


@asynccontextmanager
async def mcp_client(
    settings: Settings,
    *,
    roots: list[Path] | None = None,
    poll_interval: float = 0.2,
    mode: str = "auto",
    elicitation: Any = None,
    **runtime: Any,
) -> AsyncIterator[Client]:
    """A real MCP client session with a server built from `settings` (in memory, JSON-RPC in between)."""
    server = build_server(Runtime(settings=settings, poll_interval=poll_interval, **runtime))
    callback = None
    if roots is not None:
        offered = ListRootsResult(roots=[Root(uri=FileUrl(p.as_uri()), name=p.name) for p in roots])

        async def callback(context: object) -> ListRootsResult:
            return offered

    async with Client(
        server,
        list_roots_callback=callback,  # type: ignore[arg-type]
        elicitation_callback=elicitation,
        mode=mode,  # type: ignore[arg-type]
    ) as client:
        yield client


async def call_ok(client: Client, tool: str, **arguments: Any) -> dict[str, Any]:
    """A tool call that must succeed: its structured content."""
    result = await client.call_tool(tool, arguments)
    assert not result.is_error, result.content
    assert result.structured_content is not None
    return result.structured_content


async def call_error(client: Client, tool: str, **arguments: Any) -> str:
    """A tool call that must fail: its one text."""
    result = await client.call_tool(tool, arguments)
    assert result.is_error, result.structured_content
    text: str = result.content[0].text  # type: ignore[union-attr]
    return text


class User:
    """A person behind an MCP client that can ask them (elicitation), answering as told."""

    def __init__(self, answer: str, confirm: bool = True) -> None:
        self.answer, self.confirm = answer, confirm
        self.asked: list[str] = []

    async def __call__(self, context: object, params: Any) -> ElicitResult:
        self.asked.append(params.message)
        content = {"confirm": self.confirm} if self.answer == "accept" else None
        return ElicitResult(action=self.answer, content=content)  # type: ignore[arg-type]


# --- jogg-mcp as a subprocess ---------------------------------------------------------------------------


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


def wait_for_port(port: int, process: subprocess.Popen[Any], seconds: float = 30) -> None:
    """Until something listens on the loopback port, or the process ends (then: an error saying so)."""
    deadline = time.monotonic() + seconds
    while not _listening(port):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"the server on port {port} did not start")
        time.sleep(0.05)


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
        try:
            wait_for_port(port, process)
        except RuntimeError:
            _, stderr = process.communicate()
            raise RuntimeError(f"jogg-mcp did not start: {stderr.decode()}") from None
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=20)


# --- npm tools ------------------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
CONTRACT_CHECK = ROOT.parent / "shared" / "tools" / "contract-check"  # beside the checkout (its README)


def check_contract_record(record: Path, operations: Iterable[str] = ()) -> str:
    """Judge a recording sandbox's exchanges by JoggAI's OpenAPI files (contract-check's record mode): no
    violation but the contradictions accepted in docs/contract-accepted.txt, and each of `operations`
    ("GET /v2/templates") exercised. Returns the report."""
    accepted = ROOT / "docs" / "contract-accepted.txt"
    command = [str(CONTRACT_CHECK), "--from-record", str(record), "--accept-file", str(accepted)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=850)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert done.stdout.splitlines()[-1].endswith(" 0 violations"), done.stdout
    for operation in operations:
        assert operation in done.stdout, f"{operation} was not exercised:\n{done.stdout}"
    return done.stdout


TOOLS_DIR = ROOT / ".tools"


def npm_tool(package: str, binary: str) -> Path:
    path = TOOLS_DIR / "node_modules" / ".bin" / binary
    if not path.exists():
        _npm_install(package)
    return path


def npm_package(package: str) -> Path:
    """A package's folder in .tools/node_modules (for a Node script to require), installed on first use."""
    path = TOOLS_DIR / "node_modules" / package
    if not path.exists():
        _npm_install(package)
    return path


def _npm_install(package: str) -> None:
    npm = shutil.which("npm")
    assert npm, f"npm (Node.js 20+) is needed to install {package} for this test"
    TOOLS_DIR.mkdir(exist_ok=True)
    subprocess.run(
        [npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(TOOLS_DIR), package],
        check=True,
        timeout=600,
    )
