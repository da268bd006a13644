"""The typed client against the sandbox over TCP, one test per endpoint family."""

from __future__ import annotations

from pathlib import Path

import httpx2
import pytest
from pydantic import ValidationError

from jogg_mcp.api import JoggClient
from jogg_mcp.api import errors as e
from jogg_mcp.api.models import (
    AvatarVideoRequest,
    CreateProductRequest,
    ProductMedia,
    UpdateProductRequest,
)
from jogg_mcp.api.vocabulary import AspectRatio, AvatarType, MediaType, ProjectKind, ProjectStatus, ScreenStyle
from jogg_mcp.sandbox import SandboxServer
from jogg_mcp.sandbox.media import sample_audio
from tests.support import url_video

pytestmark = pytest.mark.anyio


async def upload(jogg: JoggClient, path: Path, content_type: str) -> str:
    size = path.stat().st_size
    ticket = await jogg.assets.request_upload(path.name, content_type, size)
    await jogg.assets.put_file(ticket.sign_url, str(path), content_type=content_type, size=size)
    return ticket.asset_url


async def test_upload_streams_exact_length_without_api_key(
    jogg: JoggClient, sandbox: SandboxServer, tmp_path: Path
) -> None:
    path = tmp_path / "clip.mp4"
    path.write_bytes(b"\x00\x01" * 1_500_000)  # 3 MB: several chunks
    progress: list[tuple[int, int]] = []
    size = path.stat().st_size
    ticket = await jogg.assets.request_upload("clip.mp4", "video/mp4", size)
    await jogg.assets.put_file(
        ticket.sign_url,
        str(path),
        content_type="video/mp4",
        size=size,
        on_progress=lambda sent, total: progress.append((sent, total)),
    )
    assert httpx2.get(ticket.asset_url).content == path.read_bytes()
    assert progress[-1] == (size, size) and len(progress) == 3

    api_call, put = sandbox.state.requests
    assert (api_call.path, api_call.api_key_sent, api_call.platform) == ("/v2/upload/asset", True, "jogg-mcp")
    assert put.method == "PUT" and not put.api_key_sent and not put.chunked
    assert put.content_length == str(size) and put.content_type == "video/mp4"


async def test_upload_stops_when_the_file_changed_size(jogg: JoggClient, tmp_path: Path) -> None:
    path = tmp_path / "a.png"
    path.write_bytes(b"x" * 1000)
    ticket = await jogg.assets.request_upload("a.png", "image/png", 1000)
    path.write_bytes(b"x" * 600)
    with pytest.raises(e.UploadError, match="changed size"):
        await jogg.assets.put_file(ticket.sign_url, str(path), content_type="image/png", size=1000)


async def test_product_create_update_and_read_back(jogg: JoggClient) -> None:
    product = await jogg.products.create(
        CreateProductRequest(url="https://shop.example/p/123", target_audience="runners")
    )
    assert product.name == "Shop Product 123"
    assert product.target_audience == "runners"
    assert {m.type for m in product.media} == {MediaType.IMAGE, MediaType.VIDEO}

    media = [ProductMedia(type=MediaType.IMAGE, url="https://cdn.example/a.png", name="A")]
    await jogg.products.update(UpdateProductRequest(product_id=product.product_id, name="Renamed", media=media))
    stored = await jogg.products.get(product.product_id)
    assert stored is not None
    assert stored.name == "Renamed" and stored.description == product.description
    assert [m.url for m in stored.media] == ["https://cdn.example/a.png"]
    assert await jogg.products.get("bm9wZQ") is None


async def test_product_by_hand_needs_a_name_or_url() -> None:
    with pytest.raises(ValidationError, match="give a product page url"):
        CreateProductRequest(description="no name")


def test_url_video_wire_shape_matches_the_guide() -> None:
    wire = url_video("NTQ0MTkzNjg", music_id=3).wire()
    assert wire == {
        "product_id": "NTQ0MTkzNjg",
        "aspect_ratio": 0,
        "video_length": "15",
        "language": "english",
        "avatar_id": 127,
        "avatar_type": 0,
        "voice_id": "en-US-ChristopherNeural",
        "script_style": "Don't Worry",
        "template_type": "public",
        "caption": True,
        "visual_style": "FullScreen",
        "music_id": 3,
    }
    with pytest.raises(ValidationError, match="exactly one of visual_style"):
        url_video("x", template_id=0)


async def test_url_video_both_forms_and_status_lifecycle(jogg: JoggClient, sandbox: SandboxServer) -> None:
    product = await jogg.products.create(CreateProductRequest(url="https://shop.example/p/9"))
    sandbox.state.render_seconds = 600  # a third waiting, then processing; time moves only when we say
    created = await jogg.products.create_video(url_video(product.product_id))
    assert created.kind is ProjectKind.URL_VIDEO and created.estimated_credits == 1
    first = await jogg.products.get_project(created.project_id)
    assert first.status is ProjectStatus.QUEUED and first.raw_status == "2 waiting" and first.video_url is None
    sandbox.state.advance(300)
    assert (await jogg.products.get_project(created.project_id)).status is ProjectStatus.RENDERING
    sandbox.state.advance(300)
    done = await jogg.products.get_project(created.project_id)
    assert done.status is ProjectStatus.SUCCEEDED and done.raw_status == "4 success"
    assert done.video_url and done.cover_url and done.duration_seconds == 15

    templated = await jogg.products.create_video(
        url_video(
            product.product_id,
            visual_style=None,
            template_id=0,
            avatar_id=100266,
            avatar_type=AvatarType.CUSTOM,
            video_length=60,
            aspect_ratio=AspectRatio.SQUARE,
        )
    )
    assert templated.project_id != created.project_id
    assert sandbox.state.credits == 98


async def test_failed_and_deleted_projects_normalise(jogg: JoggClient, sandbox: SandboxServer) -> None:
    product = await jogg.products.create(CreateProductRequest(url="https://shop.example/p/1"))
    failed = await jogg.products.create_video(url_video(product.product_id))
    deleted = await jogg.products.create_video(url_video(product.product_id))
    sandbox.state.set_outcome(failed.project_id, "failed", "avatar could not be rendered")
    sandbox.state.set_outcome(deleted.project_id, "deleted")
    project = await jogg.products.get_project(failed.project_id)
    assert project.status is ProjectStatus.FAILED and project.error == "failed: avatar could not be rendered"
    assert (await jogg.products.get_project(deleted.project_id)).status is ProjectStatus.DELETED


async def test_avatar_video_from_script_and_from_uploaded_audio(
    jogg: JoggClient, sandbox: SandboxServer, tmp_path: Path
) -> None:
    script = AvatarVideoRequest(
        avatar_id=81,
        avatar_type=AvatarType.PUBLIC,
        voice_id="en-US-ChristopherNeural",
        script="Check out our amazing product!",
        aspect_ratio=AspectRatio.PORTRAIT,
    )
    assert script.wire() == {
        "avatar": {"avatar_id": 81, "avatar_type": 0},
        "voice": {"type": "script", "voice_id": "en-US-ChristopherNeural", "script": "Check out our amazing product!"},
        "aspect_ratio": "portrait",
        "screen_style": 1,
        "caption": False,
    }
    created = await jogg.avatar_videos.create(script)
    assert created.kind is ProjectKind.AVATAR_VIDEO and created.estimated_credits == 1
    video = await jogg.avatar_videos.get(created.project_id)
    assert video.status is ProjectStatus.SUCCEEDED and video.raw_status == "completed"
    assert video.video_url and video.video_url.endswith(".mp4")

    audio = tmp_path / "voice.mp3"
    audio.write_bytes(sample_audio())
    asset_url = await upload(jogg, audio, "audio/mpeg")
    from_audio = AvatarVideoRequest(
        avatar_id=100266,
        avatar_type=AvatarType.CUSTOM,
        voice_id="en-US-JennyNeural",
        audio_url=asset_url,
        aspect_ratio=AspectRatio.LANDSCAPE,
        screen_style=ScreenStyle.TRANSPARENT_WEBM,
        caption=False,
    )
    assert from_audio.wire()["voice"] == {"type": "audio", "voice_id": "en-US-JennyNeural", "audio_url": asset_url}
    transparent = await jogg.avatar_videos.create(from_audio, audio_seconds=1.0)
    result = await jogg.find_project(transparent.project_id)  # falls through /v1/project to the v2 endpoint
    assert result.kind is ProjectKind.AVATAR_VIDEO
    assert result.video_url and result.video_url.endswith(".webm")
    assert sandbox.state.billable_creates["/v2/create_video_from_avatar"] == 2


def test_avatar_request_rules() -> None:
    base = {"avatar_id": 1, "avatar_type": 0, "voice_id": "v", "aspect_ratio": "square"}
    with pytest.raises(ValidationError, match="exactly one of script"):
        AvatarVideoRequest.model_validate(base)
    with pytest.raises(ValidationError, match="exactly one of script"):
        AvatarVideoRequest.model_validate({**base, "script": "hi", "audio_url": "https://a.example/x.mp3"})
    with pytest.raises(ValidationError, match="caption=false"):
        AvatarVideoRequest.model_validate({**base, "script": "hi", "screen_style": 3, "caption": True})


async def test_long_script_costs_two_credits(jogg: JoggClient, sandbox: SandboxServer) -> None:
    words = " ".join(["word"] * 400)  # 160 s at 2.5 words a second: two started 2-minute blocks
    request = AvatarVideoRequest(
        avatar_id=81,
        avatar_type=AvatarType.PUBLIC,
        voice_id="en-US-ChristopherNeural",
        script=words,
        aspect_ratio=AspectRatio.PORTRAIT,
    )
    created = await jogg.avatar_videos.create(request)
    assert created.estimated_credits == 2
    assert await jogg.catalog.remaining_credits() == 98


async def test_catalogues(jogg: JoggClient) -> None:
    avatars = await jogg.catalog.public_avatars(page_size=100)
    assert {127, 81} <= {a.id for a in avatars}
    first = await jogg.catalog.public_avatars(page=1, page_size=5)
    second = await jogg.catalog.public_avatars(page=2, page_size=5)
    assert len(first) == 5 and {a.id for a in first}.isdisjoint(a.id for a in second)
    women = await jogg.catalog.public_avatars(gender="female", aspect_ratio=AspectRatio.PORTRAIT, page_size=100)
    assert women and all(a.gender == "female" and a.aspect_ratio is AspectRatio.PORTRAIT for a in women)

    custom = await jogg.catalog.custom_avatars(status="completed")
    assert 100266 in {a.id for a in custom} and all(a.avatar_status == "completed" for a in custom)

    voices = await jogg.catalog.voices(language="english", gender="male", page_size=2)
    assert voices.has_more and len(voices.voices) == 2
    assert all(v.language == "english" and v.gender == "male" for v in voices.voices)
    everyone = await jogg.catalog.voices(page_size=100)
    assert "en-US-ChristopherNeural" in {v.voice_id for v in everyone.voices} and not everyone.has_more

    styles = await jogg.catalog.visual_styles(AspectRatio.PORTRAIT)
    assert "FullScreen" in {s.name for s in styles}
    assert len(await jogg.catalog.visual_styles()) > len(await jogg.catalog.visual_styles(AspectRatio.LANDSCAPE))
    library = await jogg.catalog.templates()
    assert 0 in {t.id for t in library}
    portrait = await jogg.catalog.templates(aspect_ratio=AspectRatio.PORTRAIT)
    assert portrait and all(t.aspect_ratio is AspectRatio.PORTRAIT for t in portrait)
    assert {t.id for t in await jogg.catalog.templates(custom=True)}.isdisjoint(t.id for t in library)

    music = await jogg.catalog.music(page=2, page_size=5)
    assert music.pagination is not None and music.pagination.total_items == 12 and len(music.music) == 5
    assert await jogg.catalog.remaining_credits() == 100


def test_a_reported_charge_is_read_from_any_status_answer() -> None:
    from jogg_mcp.api.models import V1ProjectWire, V2AvatarVideoWire

    v1 = V1ProjectWire.model_validate({"id": "a" * 32, "status_code": 4, "deducted_credit": 2.0}).normalise()
    v2 = V2AvatarVideoWire.model_validate({"video_id": "v", "status": "completed"}).normalise()
    assert v1.charged_credits == 2.0 and v2.charged_credits is None  # None where JoggAI does not say
