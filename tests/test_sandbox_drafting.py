"""The sandbox's drafting endpoints as JoggAI's v1 spec describes them: POST /v1/ai_scripts (synchronous,
0.2 credit, several styles) and POST /v1/preview (the create body without music and name, 0.5 credit per
started 2 minutes, followed at GET /v1/project), and the visible mark a preview's video carries."""

from __future__ import annotations

import io
from typing import Any

import av
import httpx2
import pytest

from jogg_mcp.sandbox import SandboxServer, media
from jogg_mcp.sandbox.vocabulary import spoken_seconds
from tests.support import sandbox_api as api
from tests.support import v1_video_body

LONG_DESCRIPTION = " ".join(f"Selling point number {n} is worth a whole sentence of its own." for n in range(1, 13))


def product(sandbox: SandboxServer, description: str = "Soft and blendable. Lasts all day.") -> str:
    body = {"name": "Glow Blush", "description": description, "media": []}
    product_id: str = api(sandbox, "POST", "/v1/product", json=body)["data"]["product_id"]
    return product_id


@pytest.mark.parametrize(
    ("change", "code", "message"),
    [
        ({"language": None}, 40000, "language is required"),
        ({"language": "klingon"}, 40000, "language must be one of"),
        ({"video_length": 15}, 40000, "video_length must be one of 15, 30, 60"),  # the spec's type is a string
        ({"product_id": "bm9wZQ"}, 10104, "product_id bm9wZQ"),
        ({"product_id": None}, 40000, "name is required"),
        ({"script_style": "Data"}, 40000, "unknown field script_style"),
    ],
)
def test_ai_scripts_validation(sandbox: SandboxServer, change: dict[str, Any], code: int, message: str) -> None:
    body = {"product_id": product(sandbox), "language": "english", "video_length": "15", **change}
    answer = api(sandbox, "POST", "/v1/ai_scripts", json={k: v for k, v in body.items() if v is not None})
    assert answer["code"] == code and message in answer["msg"], answer
    assert sandbox.state.credits == 100 and not sandbox.state.billable_creates


@pytest.mark.parametrize("length", [15, 30, 60])
def test_ai_scripts_are_deterministic_and_fit_the_length(sandbox: SandboxServer, length: int) -> None:
    body = {"product_id": product(sandbox, LONG_DESCRIPTION), "language": "english", "video_length": str(length)}
    first = api(sandbox, "POST", "/v1/ai_scripts", json=body)["data"]["generated_scripts"]
    again = api(sandbox, "POST", "/v1/ai_scripts", json=body)["data"]["generated_scripts"]
    assert first == again and len(first) == 3 and len({s["script_style"] for s in first}) == 3
    for script in first:
        assert isinstance(script["script_paragraphs"], str)  # v1: one string, not v2's list
        assert "Glow Blush" in script["script_paragraphs"] and spoken_seconds(script["script_paragraphs"]) <= length
        if script["script_style"] != "Top 3 reasons":  # the others fill the length with selling points
            assert spoken_seconds(script["script_paragraphs"]) > length / 2
    assert sandbox.state.credits == pytest.approx(99.6) and sandbox.state.billable_creates["/v1/ai_scripts"] == 2


def test_ai_scripts_from_a_name_and_description(sandbox: SandboxServer) -> None:
    body = {"name": "Owala FreeSip", "description": "No spills. Keeps cold for a day.", "language": "german"}
    scripts = api(sandbox, "POST", "/v1/ai_scripts", json=body)["data"]["generated_scripts"]
    assert all("Owala FreeSip" in s["script_paragraphs"] and "Probiere" in s["script_paragraphs"] for s in scripts)


def test_a_preview_takes_the_create_body_without_music_and_name(sandbox: SandboxServer) -> None:
    product_id = product(sandbox)
    for extra in ({"music_id": 1}, {"video_name": "x"}):
        refused = api(sandbox, "POST", "/v1/preview", json=v1_video_body(product_id, **extra))
        assert refused["code"] == 40000 and "unknown field" in refused["msg"]
    started = api(sandbox, "POST", "/v1/preview", json=v1_video_body(product_id))
    assert started["code"] == 0 and sandbox.state.credits == 99.5
    project = api(sandbox, "GET", "/v1/project", params={"project_id": started["data"]["project_id"]})["data"]
    assert project["status_code"] == 4 and "preview" in project["title"] and project["video_duration"] == 15


def test_a_longer_script_makes_a_longer_and_dearer_preview(sandbox: SandboxServer) -> None:
    script = "word " * 330  # about 132 s when read: two started 2-minute blocks
    api(sandbox, "POST", "/v1/preview", json=v1_video_body(product(sandbox), override_script=script))
    assert sandbox.state.credits == 99.0


def first_frame_luma(url: str) -> tuple[bytes, int]:
    with av.open(io.BytesIO(httpx2.get(url).content)) as container:
        frame = next(container.decode(video=0))
        return bytes(frame.planes[0]), frame.planes[0].line_size


def test_a_preview_video_carries_a_visible_mark(sandbox: SandboxServer) -> None:
    product_id = product(sandbox)
    preview_id = api(sandbox, "POST", "/v1/preview", json=v1_video_body(product_id))["data"]["project_id"]
    video_id = api(sandbox, "POST", "/v1/create_video_from_url", json=v1_video_body(product_id))["data"]["project_id"]
    letters = media.mark_pixels("PREVIEW")
    for project_id, marked in ((preview_id, True), (video_id, False)):
        url = api(sandbox, "GET", "/v1/project", params={"project_id": project_id})["data"]["video_url"]
        luma, stride = first_frame_luma(url)
        inked = sum(luma[row * stride + column] > 180 for row, column in letters)
        assert inked == (len(letters) if marked else 0), project_id
