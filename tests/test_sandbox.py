"""The sandbox's own behaviour: storage rules, crawling loopback pages, validation, controls and the CLI."""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest

from jogg_mcp.sandbox import SandboxServer
from tests.support import sandbox_api as api
from tests.support import v1_video_body


def ticket(sandbox: SandboxServer, **fields: object) -> dict[str, str]:
    body = {"filename": "a.png", "content_type": "image/png", "file_size": 4, **fields}
    data = api(sandbox, "POST", "/v2/upload/asset", json=body)["data"]
    assert isinstance(data, dict)
    return data


def put(url: str, body: bytes = b"abcd", content_type: str = "image/png", **headers: str) -> httpx2.Response:
    return httpx2.put(url, content=body, headers={"content-type": content_type, **headers})


def test_signed_put_rules(sandbox: SandboxServer) -> None:
    url = ticket(sandbox)["sign_url"]
    wrong_type = put(url, content_type="image/jpeg")
    assert wrong_type.status_code == 403 and b"SignatureDoesNotMatch" in wrong_type.content
    assert put(url, body=b"abc").status_code == 403  # length differs from the signed file_size
    assert put(url.replace("X-Amz-Signature=", "X-Amz-Signature=0")).status_code == 403
    chunked = httpx2.put(url, content=iter([b"ab", b"cd"]), headers={"content-type": "image/png"})
    assert chunked.status_code == 501 and b"Transfer-Encoding" in chunked.content
    assert put(url).status_code == 200
    # Like an S3 presigned PUT, the URL works again until it expires, and the last complete PUT wins.
    data = ticket(sandbox)
    assert put(data["sign_url"], body=b"1111").status_code == 200
    assert put(data["sign_url"], body=b"2222").status_code == 200
    assert httpx2.get(data["asset_url"]).content == b"2222"
    assert "X-Amz-Signature=" in data["sign_url"] and "X-Amz-Expires=" in data["sign_url"]


def test_signed_url_expires() -> None:
    with SandboxServer(render_seconds=0, signed_url_ttl=60) as sandbox:
        url = ticket(sandbox)["sign_url"]
        sandbox.state.advance(61)
        response = put(url)
    assert response.status_code == 403 and b"Request has expired" in response.content


def test_asset_is_served_only_after_upload(sandbox: SandboxServer) -> None:
    data = ticket(sandbox)
    assert httpx2.get(data["asset_url"]).status_code == 404
    put(data["sign_url"])
    assert httpx2.get(data["asset_url"]).content == b"abcd"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"content_type": "image/png"}, "Parameter error: filename is required"),
        ({"filename": "a.svg", "content_type": "image/svg+xml"}, "Parameter error: content_type must be one of"),
        ({"filename": "a.png", "content_type": "image/png", "file_size": 10_000_001}, "File size exceeds limit"),
        ({"filename": "a.png", "content_type": "image/png", "file_size": "big"}, "file_size must be an integer"),
    ],
)
def test_upload_validation_messages(sandbox: SandboxServer, body: dict[str, object], message: str) -> None:
    answer = api(sandbox, "POST", "/v2/upload/asset", json=body)
    assert answer["code"] == 40000 and message in str(answer["msg"])
    assert answer["data"] is None


@pytest.mark.parametrize(
    ("change", "code", "message"),
    [
        ({"language": "klingon"}, 40000, "language must be one of"),
        ({"video_length": "45"}, 40000, "video_length must be one of 15, 30, 60"),
        ({"aspect_ratio": "portrait"}, 40000, "aspect_ratio must be an integer"),
        ({"avatar_id": 999}, 10104, "avatar_id 999 is not a public avatar"),
        ({"visual_style": None}, 40000, "visual_style or template_id is required"),
        ({"visual_style": "Nope"}, 40000, "visual_style 'Nope' does not exist"),
        ({"script_style": None}, 40000, "script_style is required"),
        ({"product_id": "bm9wZQ"}, 10104, "product_id"),
        ({"voice_id": "xx-Nobody"}, 10104, "voice_id"),
    ],
)
def test_url_video_validation(sandbox: SandboxServer, change: dict[str, object], code: int, message: str) -> None:
    product = api(sandbox, "POST", "/v1/product", json={"url": "https://shop.example/p/1"})["data"]
    assert isinstance(product, dict)
    answer = api(sandbox, "POST", "/v1/create_video_from_url", json=v1_video_body(product["product_id"], **change))
    assert answer["code"] == code and message in str(answer["msg"]), answer
    assert sandbox.state.credits == 100 and not sandbox.state.billable_creates


def test_transparent_avatar_video_needs_captions_off(sandbox: SandboxServer) -> None:
    body = {
        "avatar": {"avatar_id": 127, "avatar_type": 0},
        "voice": {"type": "script", "voice_id": "en-US-ChristopherNeural", "script": "Hi"},
        "aspect_ratio": "portrait",
        "screen_style": 3,
        "caption": True,
    }
    answer = api(sandbox, "POST", "/v2/create_video_from_avatar", json=body)
    assert answer["code"] == 40000 and "caption must be false when screen_style is 3" in str(answer["msg"])
    body["voice"] = {"type": "audio", "voice_id": "en-US-ChristopherNeural"}
    answer = api(sandbox, "POST", "/v2/create_video_from_avatar", json=body)
    assert "voice.audio_url is required" in str(answer["msg"])


def test_uploaded_audio_length_sets_the_price(sandbox: SandboxServer, tmp_path: Path) -> None:
    import av

    path = tmp_path / "long.mp3"
    with av.open(str(path), "w", format="mp3") as output:  # 150 s of silence: two started 2-minute blocks
        stream = output.add_stream("libmp3lame", rate=8000)
        stream.layout = "mono"
        for index in range(150 * 8000 // 1152 + 1):
            frame = av.AudioFrame(format="s16", layout="mono", samples=1152)
            frame.planes[0].update(bytes(frame.planes[0].buffer_size))
            frame.sample_rate, frame.pts = 8000, index * 1152
            for packet in stream.encode(frame):
                output.mux(packet)
        for packet in stream.encode():
            output.mux(packet)
    data = ticket(sandbox, filename="long.mp3", content_type="audio/mpeg", file_size=path.stat().st_size)
    assert put(data["sign_url"], path.read_bytes(), "audio/mpeg").status_code == 200
    body = {
        "avatar": {"avatar_id": 127, "avatar_type": 0},
        "voice": {"type": "audio", "voice_id": "en-US-ChristopherNeural", "audio_url": data["asset_url"]},
        "aspect_ratio": "square",
        "screen_style": 1,
    }
    assert api(sandbox, "POST", "/v2/create_video_from_avatar", json=body)["code"] == 0
    assert sandbox.state.credits == 98


@pytest.fixture
def product_page(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "shoe.html").write_text(
        "<html><head><title>ignored</title><meta property='og:title' content='Trail Runner 2'>"
        "<meta name='description' content='Grippy, light and waterproof.'>"
        "<meta property='og:image' content='/img/shoe.png'></head><body>Buy</body></html>"
    )
    handler = lambda *a: http.server.SimpleHTTPRequestHandler(*a, directory=str(tmp_path))  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.RequestHandlerClass.log_message = lambda *a: None  # type: ignore[method-assign]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_loopback_product_page_is_crawled(sandbox: SandboxServer, product_page: str) -> None:
    data = api(sandbox, "POST", "/v1/product", json={"url": f"{product_page}/shoe.html"})["data"]
    assert isinstance(data, dict)
    assert data["name"] == "Trail Runner 2"
    assert data["description"] == "Grippy, light and waterproof."
    assert data["media"] == [{"type": 1, "name": "Image1", "url": f"{product_page}/img/shoe.png", "description": ""}]
    missing = api(sandbox, "POST", "/v1/product", json={"url": f"{product_page}/gone.html"})
    assert missing["code"] == 40000 and "Failed to extract product information" in str(missing["msg"])


def test_control_endpoints(sandbox: SandboxServer) -> None:
    fault = httpx2.post(sandbox.base_url + "/_sandbox/faults", json={"path": "/v2/musics", "kind": "http_502"})
    assert fault.status_code == 200
    assert httpx2.get(sandbox.base_url + "/v2/musics", headers={"x-api-key": sandbox.api_key}).status_code == 502
    product = api(sandbox, "POST", "/v1/product", json={"url": "https://shop.example/p/1"})["data"]
    assert isinstance(product, dict)
    stats = httpx2.get(sandbox.base_url + "/_sandbox/stats").json()
    assert stats["products"] == 1 and stats["faults_pending"] == 0
    httpx2.post(sandbox.base_url + "/_sandbox/faults", json={"path": "/v2/musics", "kind": "hang", "count": 3})
    assert httpx2.post(sandbox.base_url + "/_sandbox/reset").json() == {"reset": True}
    stats = httpx2.get(sandbox.base_url + "/_sandbox/stats").json()
    assert stats == {
        "credits": 100,
        "billable_creates": {},
        "requests": 0,
        "products": 0,
        "projects": 0,
        "faults_pending": 0,
    }
    bad = httpx2.post(sandbox.base_url + "/_sandbox/faults", json={"path": "/x", "kind": "meteor"})
    assert bad.status_code == 422 and "kind" in bad.text


def test_cli_sandbox_serves_and_refuses_public_hosts() -> None:
    refused = subprocess.run(
        [sys.executable, "-m", "jogg_mcp", "sandbox", "--host", "0.0.0.0"],  # noqa: S104 - it must be refused
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 2 and "not a loopback address" in refused.stderr

    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "jogg_mcp", "sandbox", "--port", str(port), "--api-key", "k1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ},
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                answer = httpx2.get(f"http://127.0.0.1:{port}/v2/user/remaining_quota", headers={"x-api-key": "k1"})
                break
            except httpx2.ConnectError:
                assert time.monotonic() < deadline, process.stderr.read() if process.stderr else ""
                time.sleep(0.1)
        assert answer.json()["data"] == {"remaining_quota": 100.0}
        wrong = httpx2.get(f"http://127.0.0.1:{port}/v2/user/remaining_quota", headers={"x-api-key": "sandbox-key"})
        assert wrong.json()["code"] == 10105
    finally:
        process.terminate()
        stdout, _ = process.communicate(timeout=20)
    assert stdout == b""  # logs go to stderr only


def test_the_record_holds_api_exchanges_only(tmp_path: Path) -> None:
    record = tmp_path / "record.jsonl"
    with SandboxServer(render_seconds=0, record=str(record)) as sandbox:
        url = ticket(sandbox)["sign_url"]
        assert put(url).status_code == 200
        httpx2.get(sandbox.base_url + "/_sandbox/stats")
        api(sandbox, "GET", "/v2/voices", params={"page": "1"})
    lines = [json.loads(line) for line in record.read_text().splitlines()]
    assert [(line["method"], line["path"].split("/")[1]) for line in lines] == [
        ("POST", "v2"),
        ("PUT", "upload"),
        ("GET", "v2"),
    ]
    upload, stored, voices = lines
    assert upload["headers"]["x-api-key"] == "<redacted>" and sandbox.api_key not in record.read_text()
    assert upload["body"]["filename"] == "a.png" and upload["response_body"]["data"]["sign_url"] == url
    assert stored["body"] is None and stored["body_bytes"] == 4 and "X-Amz-Signature=" in stored["query"]
    assert voices["query"] == "page=1" and voices["status"] == 200 and voices["response_body"]["code"] == 0
