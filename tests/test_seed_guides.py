"""The requests of JoggAI's two guides (uploading media, URL to video; docs/joggai-api.md), sent as raw
JSON, get the documented responses field for field."""

from __future__ import annotations

import json
import re

import httpx2
import pytest

from jogg_mcp.sandbox import SandboxServer

HEX32 = re.compile(r"^[0-9a-f]{32}$")


def post(sandbox: SandboxServer, path: str, body: str | dict[str, object], method: str = "POST") -> httpx2.Response:
    raw = body if isinstance(body, str) else json.dumps(body)
    return httpx2.request(
        method,
        sandbox.base_url + path,
        content=raw.encode(),
        headers={"x-api-key": sandbox.api_key, "Content-Type": "application/json"},
    )


def ok(response: httpx2.Response) -> dict[str, object]:
    body = response.json()
    assert response.status_code == 200
    assert body["code"] == 0, body
    assert body["msg"].lower() == "success"
    assert HEX32.match(body["rid"])
    data: dict[str, object] = body["data"]
    return data


@pytest.mark.parametrize(
    ("filename", "content_type", "size"),
    [("product.jpg", "image/jpeg", 245678), ("demo.mp4", "video/mp4", 8456789), ("music.mp3", "audio/mpeg", 3456789)],
)
def test_upload_scenarios_1_to_3(sandbox: SandboxServer, filename: str, content_type: str, size: int) -> None:
    data = ok(
        post(sandbox, "/v2/upload/asset", {"filename": filename, "content_type": content_type, "file_size": size})
    )
    assert set(data) == {"sign_url", "asset_url"}
    payload = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    # Step 2 exactly as the guide's curl: PUT with the Content-Type, the body as binary, no API key.
    put = httpx2.put(str(data["sign_url"]), content=payload, headers={"Content-Type": content_type})
    assert put.status_code == 200
    fetched = httpx2.get(str(data["asset_url"]))
    assert fetched.status_code == 200
    assert fetched.headers["content-type"] == content_type
    assert fetched.content == payload


def test_scenario_4_flat_avatar_body_is_refused_as_the_spec_says(sandbox: SandboxServer) -> None:
    """The upload guide's Scenario 4 sends a flat body with made-up asset fields; the v2 spec wants nested
    avatar{} and voice{} (docs/joggai-api.md, C-2 and C-5). We follow the spec, as JoggAI's API does."""
    body = {
        "avatar_id": 81,
        "avatar_type": 0,
        "voice_id": "en-US-ChristopherNeural",
        "script": "Check out our amazing product!",
        "aspect_ratio": "portrait",
        "screen_style": 1,
        "background_image": "img_abc123",
        "background_music": "aud_ghi789",
    }
    answer = post(sandbox, "/v2/create_video_from_avatar", body).json()
    assert answer["code"] == 40000 and answer["msg"].startswith("Parameter error: unknown fields")
    assert "avatar_id" in answer["msg"] and "background_image" in answer["msg"]
    assert sandbox.state.credits == 100  # refused, so not charged


SEED_PRODUCT_URL = "https://www.amazon.com/Physicians-Formula-Happy-Booster-Boosting/dp/B004HYNCA0/ref=pd_pss"


def create_seed_product(sandbox: SandboxServer) -> dict[str, object]:
    return ok(post(sandbox, "/v1/product", '{\n    "url": "' + SEED_PRODUCT_URL + '"\n}'))


def test_create_product_from_url(sandbox: SandboxServer) -> None:
    data = create_seed_product(sandbox)
    assert set(data) == {"product_id", "url", "name", "description", "media", "target_audience"}
    assert re.fullmatch(r"[A-Za-z0-9+/]+", str(data["product_id"]))
    assert data["url"] == SEED_PRODUCT_URL
    assert data["name"] and data["description"]
    media = data["media"]
    assert isinstance(media, list) and media
    for item in media:
        assert set(item) == {"type", "name", "url", "description"}
        assert item["type"] in (1, 2)
    assert data["target_audience"] == ""
    # Deterministic: the same URL describes the same product.
    again = create_seed_product(sandbox)
    assert (again["name"], again["description"]) == (data["name"], data["description"])


def test_update_product_with_the_guide_body(sandbox: SandboxServer) -> None:
    product_id = create_seed_product(sandbox)["product_id"]
    body = {
        "product_id": product_id,
        "name": "Physician Tested update",
        "description": "Brush on a radiant blushing glow: Ultra-soft and blendable blushing powder.",
        "media": [
            {
                "type": 2,
                "name": "c7131c6d03cf0e5df33f7db8f1176c32.mp4",
                "url": "https://res.jogg.ai/c7131c6d03cf0e5df33f7db8f1176c32.mp4",
                "description": "",
            },
            {
                "type": 1,
                "name": "Image2",
                "url": "https://res.jogg.ai/2484eeeac5ae6360284fa2f04f1a2691.jpg",
                "description": "This product offers versatile blush shades.",
            },
        ],
        "target_audience": "",
    }
    response = post(sandbox, "/v1/product", body, method="PUT").json()
    assert response["code"] == 0
    products = ok(httpx2.get(sandbox.base_url + "/v1/products", headers={"x-api-key": sandbox.api_key}))
    assert isinstance(products, list)
    (stored,) = [p for p in products if p["product_id"] == product_id]
    assert stored["name"] == "Physician Tested update"
    assert [m["url"] for m in stored["media"]] == [m["url"] for m in body["media"]]  # type: ignore[index, union-attr]


VISUAL_STYLE_BODY = """{
    "product_id": "%s",
    "aspect_ratio": 0,
    "video_length":"15",
    "language": "english",
    "avatar_id": 127,
    "avatar_type":0,
    "visual_style": "FullScreen",
    "script_style": "Don't Worry",
    "voice_id":"en-US-ChristopherNeural",
    "template_type": "public",
    "override_script": "",
    "caption": true
    }"""

# As printed in the guide, "caption" appears twice.
TEMPLATE_BODY = """{
    "product_id": "%s",
    "aspect_ratio": 0,
    "video_length":"15",
    "language": "english",
    "caption": true,
    "avatar_id": 100266,
    "avatar_type":1,
    "script_style": "Don't Worry",
    "template_id":0,
    "voice_id":"en-US-ChristopherNeural",
    "template_type": "public",
    "override_script": "",
    "caption": true
}"""


@pytest.mark.parametrize("template", [VISUAL_STYLE_BODY, TEMPLATE_BODY], ids=["visual_style", "template"])
def test_create_video_from_url_and_get_it(sandbox: SandboxServer, template: str) -> None:
    product_id = create_seed_product(sandbox)["product_id"]
    data = ok(post(sandbox, "/v1/create_video_from_url", template % product_id))
    assert set(data) == {"project_id"}
    project_id = str(data["project_id"])
    assert HEX32.match(project_id)

    url = f"{sandbox.base_url}/v1/project?project_id={project_id}"
    project = ok(httpx2.get(url, headers={"x-api-key": sandbox.api_key}))
    assert set(project) == {
        "id",
        "title",
        "video_url",
        "cover_url",
        "video_duration",
        "status_code",
        "status_desc",
        "created_at",
    }
    assert project["id"] == project_id
    assert project["status_code"] == 4 and project["status_desc"] == "success"
    assert isinstance(project["video_duration"], int) and project["video_duration"] == 15
    assert isinstance(project["created_at"], int)
    video = httpx2.get(str(project["video_url"]))
    assert video.headers["content-type"] == "video/mp4" and video.content[4:8] == b"ftyp"
    cover = httpx2.get(str(project["cover_url"]))
    assert cover.content.startswith(b"\x89PNG")
