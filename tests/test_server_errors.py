"""Every failure reaches the model as a clear ToolError, and bad arguments never reach JoggAI."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path
from typing import Any

import pytest
from mcp import Client

from jogg_mcp.config import Settings
from jogg_mcp.sandbox import SandboxServer
from tests.support import AVATAR, VIDEO, mcp_client

pytestmark = pytest.mark.anyio


async def error_text(client: Client, tool: str, arguments: dict[str, Any]) -> str:
    result = await client.call_tool(tool, arguments)
    assert result.is_error, result.structured_content
    assert result.structured_content is None
    text: str = result.content[0].text  # type: ignore[union-attr]
    assert text != f"Error executing tool {tool}"  # never the bare, sanitised message
    assert "Traceback" not in text
    return text


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (10105, "rejected the API key. Check JOGG_API_KEY"),
        (18025, "no API access"),
        (18020, "Not enough JoggAI credits"),
        (10104, "no record with that id"),
        (40000, "rejected a parameter"),
        (50000, "internal error"),
        (429, "rate limit"),
    ],
)
async def test_jogg_error_codes_become_tool_errors(
    mcp: Client, sandbox: SandboxServer, code: int, expected: str
) -> None:
    sandbox.faults.inject(path="/v2/user/remaining_quota", kind="error_code", code=code, count=10)
    text = await error_text(mcp, "get_credits", {})
    assert expected in text
    assert "JoggAI request id" in text  # the rid, for support


@pytest.mark.parametrize(("code", "expected"), [(18020, "get_credits"), (40000, "parameter"), (10104, "id")])
async def test_refused_create_says_nothing_was_charged(
    mcp: Client, sandbox: SandboxServer, code: int, expected: str
) -> None:
    sandbox.faults.inject(path="/v2/create_video_from_avatar", kind="error_code", code=code)
    text = await error_text(mcp, "create_avatar_video", AVATAR)
    assert "Nothing was charged." in text and expected in text
    assert sandbox.state.credits == 100


async def test_lost_answer_on_create_is_not_retried(mcp: Client, sandbox: SandboxServer) -> None:
    product = await mcp.call_tool("create_product_from_url", {"url": "https://shop.example/p/1"})
    assert product.structured_content is not None
    sandbox.faults.inject(path="/v1/create_video_from_url", kind="reset", count=3)
    text = await error_text(mcp, "create_video", {"product_id": product.structured_content["product_id"], **VIDEO})
    assert "may already have been accepted and charged" in text and "NOT retried" in text
    assert "Nothing was charged" not in text  # it may well have been
    assert sandbox.state.billable_creates["/v1/create_video_from_url"] == 1
    # The server keeps serving.
    assert not (await mcp.call_tool("get_credits", {})).is_error


@pytest.mark.parametrize(
    ("tool", "arguments", "fragment"),
    [
        ("create_video", {**VIDEO, "aspect_ratio": "wide", "product_id": "p"}, "aspect_ratio"),
        ("create_video", {**VIDEO, "video_length": 45, "product_id": "p"}, "video_length"),
        ("create_video", VIDEO, "product_id"),
        ("create_video", {**VIDEO, "product_id": "p", "language": "klingon"}, "language"),
        ("create_avatar_video", {**AVATAR, "avatar_id": "eighty-one"}, "avatar_id"),
        ("get_project", {"project_id": "abc", "wait_seconds": 51}, "wait_seconds"),
        ("get_project", {"project_id": "abc", "wait_seconds": -1}, "wait_seconds"),
        ("list_catalog", {"kind": "avatars", "page_size": 500}, "page_size"),
        ("create_product_from_url", {"url": "not a url"}, "url"),
        ("upload_asset", {}, "path"),
    ],
)
async def test_schema_rejects_bad_arguments_before_any_request(
    mcp: Client, sandbox: SandboxServer, tool: str, arguments: dict[str, Any], fragment: str
) -> None:
    text = await error_text(mcp, tool, arguments)
    assert fragment in text
    assert sandbox.state.requests == []


@pytest.mark.parametrize(
    ("tool", "arguments", "fragment"),
    [
        ("create_video", {**VIDEO, "product_id": "p", "template_id": 0}, "exactly one of visual_style"),
        ("create_video", {**VIDEO, "product_id": "p", "visual_style": None}, "exactly one of visual_style"),
        ("create_avatar_video", {**AVATAR, "audio_url": "https://a.example/x.mp3"}, "exactly one of script"),
        ("create_avatar_video", {**AVATAR, "screen_style": "transparent", "caption": True}, "caption=false"),
        ("update_product", {"product_id": "p"}, "Nothing to update"),
    ],
)
async def test_rules_across_fields_are_checked_locally(
    mcp: Client, sandbox: SandboxServer, tool: str, arguments: dict[str, Any], fragment: str
) -> None:
    assert fragment in await error_text(mcp, tool, arguments)
    assert sandbox.state.requests == []


async def test_without_a_key_every_tool_explains_how_to_set_it(sandbox: SandboxServer) -> None:
    settings = Settings.load({"JOGG_BASE_URL": sandbox.base_url, "JOGG_API_KEY": "${JOGG_API_KEY}"})
    async with mcp_client(settings) as client:
        for tool, arguments in [
            ("get_credits", {}),
            ("list_catalog", {"kind": "voices"}),
            ("get_project", {"project_id": "x"}),
            ("create_avatar_video", AVATAR),
        ]:
            text = await error_text(client, tool, arguments)
            assert "JOGG_API_KEY" in text and "--sandbox" in text
    assert sandbox.state.requests == []


async def test_not_found_project(mcp: Client) -> None:
    text = await error_text(mcp, "get_project", {"project_id": "f" * 32})
    assert "or translation with id" in text and "Nothing was charged" in text


async def test_bad_arguments_get_one_line_per_field_a_model_can_act_on(mcp: Client, sandbox: SandboxServer) -> None:
    arguments = {**VIDEO, "product_id": "p", "aspect_ratio": 0, "video_length": "15", "avatar_type": 0, "avatar_id": -1}
    text = await error_text(mcp, "create_video", arguments)
    lines = text.splitlines()
    assert lines[0] == "Invalid arguments for create_video:"
    assert "- aspect_ratio: got 0; should be 'portrait', 'landscape' or 'square'." in text
    assert "0 is JoggAI's own code for 'portrait': pass 'portrait'." in text
    assert "- video_length: got '15'" in text and "Pass it as the number 15" in text
    assert "0 is JoggAI's own code for 'public'" in text
    assert "- avatar_id: got -1" in text and "Valid values come from list_catalog(kind=avatars)." in text
    assert len([line for line in lines if line.startswith("- ")]) == 4  # one line per field
    for noise in ("validation error", "Arguments", "pydantic", "https://", "type=", "Traceback"):
        assert noise not in text
    assert lines[-1] == "Nothing was sent to JoggAI, so nothing was charged."
    assert sandbox.state.requests == []


@pytest.mark.parametrize(
    ("tool", "arguments", "expected"),
    [
        ("list_catalog", {"kind": "voices", "genders": 0}, "genders: not an argument of list_catalog. Did you mean"),
        ("get_project", {"projectid": "abc"}, "Did you mean 'project_id'?"),
        ("get_credits", {"verbose": True}, "verbose: not an argument of get_credits. It takes: no arguments."),
    ],
)
async def test_unknown_argument_names_are_refused_with_the_closest_one(
    mcp: Client, sandbox: SandboxServer, tool: str, arguments: dict[str, Any], expected: str
) -> None:
    assert expected in await error_text(mcp, tool, arguments)
    assert sandbox.state.requests == []


@pytest.mark.parametrize("given", ["Spanish", "es", "ES-mx", "spanish "])
async def test_languages_match_in_any_case_and_by_iso_code(mcp: Client, sandbox: SandboxServer, given: str) -> None:
    voices = await mcp.call_tool("list_catalog", {"kind": "voices", "language": given})
    assert not voices.is_error and voices.structured_content is not None
    assert voices.structured_content["items"] and {v["language"] for v in voices.structured_content["items"]} == {
        "spanish"
    }
    product = await mcp.call_tool("create_product_from_url", {"url": "https://shop.example/p/1"})
    assert product.structured_content is not None
    spanish = {**VIDEO, "voice_id": "es-ES-ElviraNeural", "language": given}
    created = await mcp.call_tool("create_video", {**spanish, "product_id": product.structured_content["product_id"]})
    assert not created.is_error, created.content


async def test_an_unknown_language_gets_suggestions(mcp: Client) -> None:
    assert "did you mean spanish" in await error_text(mcp, "list_catalog", {"kind": "voices", "language": "spansh"})
    text = await error_text(mcp, "list_catalog", {"kind": "voices", "language": "klingon"})
    assert "english" in text and "swahili" in text  # the names to choose from


async def test_a_product_url_without_a_scheme_gets_https(mcp: Client) -> None:
    result = await mcp.call_tool("create_product_from_url", {"url": "shop.example/p/5"})
    assert not result.is_error and result.structured_content is not None
    assert result.structured_content["url"] == "https://shop.example/p/5"


@pytest.mark.parametrize("local", ["/home/me/voice.mp3", "~/voice.mp3", "./voice.mp3", "file:///home/me/voice.mp3"])
async def test_a_local_path_where_a_url_belongs_says_upload_it_first(
    mcp: Client, sandbox: SandboxServer, local: str
) -> None:
    text = await error_text(mcp, "create_avatar_video", {**AVATAR, "script": None, "audio_url": local})
    assert "upload it with upload_asset first" in text and "audio_url" in text
    media = [{"type": "image", "url": local}]
    text = await error_text(mcp, "update_product", {"product_id": "p", "media": media})
    assert "media.0.url" in text and "upload it with upload_asset first" in text
    assert sandbox.state.requests == []


async def test_a_base_url_that_is_not_joggai_says_so(tmp_path: Path) -> None:
    """Something answers there, but not JoggAI: a plain 404 page must not read as "no record with that id"."""
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler) as web:
        threading.Thread(target=web.serve_forever, daemon=True).start()
        settings = Settings.load({"JOGG_API_KEY": "k" * 20, "JOGG_BASE_URL": f"http://127.0.0.1:{web.server_port}"})
        async with mcp_client(settings) as client:
            text = await error_text(client, "get_credits", {})
        web.shutdown()
    assert "answered HTTP 404 without JoggAI's JSON envelope" in text and "Check JOGG_BASE_URL" in text
    assert "no record with that id" not in text


async def test_misconfigured_allowed_folders_are_explained_by_upload_asset(tmp_path: Path) -> None:
    settings = Settings.load({"JOGG_API_KEY": "k" * 20, "JOGG_ALLOWED_DIRS": f"{tmp_path}:/definitely/not/here"})
    async with mcp_client(settings) as client:
        text = await error_text(client, "upload_asset", {"path": str(tmp_path / "a.png")})
    assert "'/definitely/not/here': is not an existing folder" in text and "Fix JOGG_ALLOWED_DIRS" in text
