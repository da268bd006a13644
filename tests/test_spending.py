"""Spend safety through the MCP client against the sandbox, with the sandbox's credit balance read around
every call: one charge per intent (twice, in parallel, after a client timeout, after a restart), new_take,
the limit and max_credits, honest estimates, and the read-only and --tools filters."""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import anyio
import httpx2
import pytest
from mcp import Client, StdioServerParameters

from jogg_mcp.config import Settings
from jogg_mcp.sandbox import SandboxServer
from jogg_mcp.server import Runtime, build_server
from jogg_mcp.server.inventory import enabled_tools
from tests import mediagen as g
from tests.support import AVATAR, VIDEO, User, free_port, mcp_client, sandbox_product, server_settings

pytestmark = pytest.mark.anyio

ENGLISH_SCRIPT = "Fresh coffee, roasted this morning and at your door tomorrow. " * 40  # ~2.8 minutes spoken
JAPANESE_SCRIPT = "今朝焙煎したコーヒーを明日お届けします。" * 40  # 800 characters, no spaces


def structured(result: Any) -> dict[str, Any]:
    assert not result.is_error, result.content[0].text
    assert result.structured_content is not None
    content: dict[str, Any] = result.structured_content
    return content


def charges(sandbox: SandboxServer) -> int:
    return sum(sandbox.state.billable_creates.values())


@pytest.fixture
async def client(sandbox: SandboxServer, tmp_path: Path) -> AsyncIterator[Client]:
    async with mcp_client(server_settings(sandbox, JOGG_ALLOWED_DIRS=str(tmp_path))) as connected:
        yield connected


async def test_the_same_request_twice_is_charged_once(client: Client, sandbox: SandboxServer) -> None:
    arguments = {"product_id": sandbox_product(sandbox), **VIDEO}
    first = structured(await client.call_tool("create_video", arguments))
    again = await client.call_tool("create_video", arguments)
    second = structured(again)
    assert first["charged"] is True and second["charged"] is False
    assert second["project_id"] == first["project_id"]
    assert "Already started" in again.content[0].text and "new_take=true" in again.content[0].text  # type: ignore[union-attr]
    assert charges(sandbox) == 1 and sandbox.state.credits == 99


async def test_new_take_renders_again_on_purpose(client: Client, sandbox: SandboxServer) -> None:
    arguments = {"product_id": sandbox_product(sandbox), **VIDEO}
    first = structured(await client.call_tool("create_video", arguments))
    second = structured(await client.call_tool("create_video", {**arguments, "new_take": True}))
    assert second["charged"] is True and second["project_id"] != first["project_id"]
    assert charges(sandbox) == 2 and sandbox.state.credits == 98


async def test_two_identical_calls_in_parallel_are_charged_once(client: Client, sandbox: SandboxServer) -> None:
    results: list[dict[str, Any]] = []

    async def one() -> None:
        results.append(structured(await client.call_tool("create_avatar_video", AVATAR)))

    async with anyio.create_task_group() as group:
        group.start_soon(one)
        group.start_soon(one)
    assert sorted(r["charged"] for r in results) == [False, True]
    assert results[0]["project_id"] == results[1]["project_id"]
    assert charges(sandbox) == 1


async def test_a_client_that_gave_up_does_not_cause_a_second_charge(client: Client, sandbox: SandboxServer) -> None:
    arguments = {"product_id": sandbox_product(sandbox), **VIDEO}
    sandbox.faults.inject(path="/v1/create_video_from_url", kind="hold", delay=60)  # JoggAI charged, then is slow

    async with anyio.create_task_group() as group:

        async def give_up_when_held() -> None:
            assert await anyio.to_thread.run_sync(sandbox.faults.wait_until_holding, 60)
            group.cancel_scope.cancel()  # the client stops waiting, as one with a short timeout does

        group.start_soon(give_up_when_held)
        await client.call_tool("create_video", arguments)
    sandbox.faults.release()

    again = await client.call_tool("create_video", arguments)  # the model tries again
    text: str = again.content[0].text  # type: ignore[union-attr]
    if again.is_error:  # the first answer never arrived: told so, and not sent again
        assert "was NOT sent again" in text and "most likely accepted and charged" in text
    else:  # the first answer arrived after all: its project
        assert structured(again)["charged"] is False
    assert charges(sandbox) == 1 and sandbox.state.credits == 99


async def test_a_lost_answer_is_reconciled_from_the_balance(client: Client, sandbox: SandboxServer) -> None:
    sandbox.faults.inject(path="/v2/create_video_from_avatar", kind="reset")  # accepted and charged, answer lost
    first = await client.call_tool("create_avatar_video", AVATAR)
    assert first.is_error and "may already have been accepted and charged" in first.content[0].text  # type: ignore[union-attr]
    again = await client.call_tool("create_avatar_video", AVATAR)
    text: str = again.content[0].text  # type: ignore[union-attr]
    assert again.is_error and "was NOT sent again" in text
    assert "from 100 to 99 credits" in text and "new_take=true" in text
    assert charges(sandbox) == 1


@pytest.mark.slow  # two server processes, one after the other
@pytest.mark.parametrize("backend", ["sqlite", "redis"])
async def test_the_ledger_outlives_a_restart(
    sandbox: SandboxServer, tmp_path: Path, request: pytest.FixtureRequest, backend: str
) -> None:
    state = request.getfixturevalue("redis_url") if backend == "redis" else str(tmp_path / "ledger.sqlite3")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("JOGG_")},
        "JOGG_API_KEY": sandbox.api_key,
        "JOGG_BASE_URL": sandbox.base_url,
        "JOGG_STATE": state,
    }
    server = StdioServerParameters(command=sys.executable, args=["-m", "jogg_mcp", "serve"], env=env)
    answers = []
    for _ in range(2):  # two separate server processes, one after the other
        async with Client(server) as client:
            answers.append(structured(await client.call_tool("create_avatar_video", AVATAR)))
    assert [a["charged"] for a in answers] == [True, False]
    assert answers[0]["project_id"] == answers[1]["project_id"] and charges(sandbox) == 1


async def test_the_spending_limit_refuses_before_sending(sandbox: SandboxServer) -> None:
    async with mcp_client(server_settings(sandbox, JOGG_SPEND_LIMIT="1")) as client:
        structured(await client.call_tool("create_avatar_video", AVATAR))
        refused = await client.call_tool("create_avatar_video", {**AVATAR, "script": "Something else"})
    text: str = refused.content[0].text  # type: ignore[union-attr]
    assert refused.is_error and "1 of 1 credits already spent" in text and "JOGG_SPEND_LIMIT" in text
    assert "Nothing was sent" in text and charges(sandbox) == 1


async def test_max_credits_refuses_a_dearer_render(client: Client, sandbox: SandboxServer) -> None:
    refused = await client.call_tool("create_avatar_video", {**AVATAR, "script": ENGLISH_SCRIPT, "max_credits": 1})
    text: str = refused.content[0].text  # type: ignore[union-attr]
    assert refused.is_error and "costs 2 credits, more than max_credits=1" in text
    assert (charges(sandbox) == 0 and sandbox.state.requests == []) or all(
        r.path != "/v2/create_video_from_avatar" for r in sandbox.state.requests
    )


@pytest.mark.parametrize("length", [15, 30, 60])
async def test_product_video_estimates_equal_the_charge(client: Client, sandbox: SandboxServer, length: int) -> None:
    created = structured(
        await client.call_tool(
            "create_video", {"product_id": sandbox_product(sandbox), **VIDEO, "video_length": length}
        )
    )
    assert created["estimated_credits"] == 100 - sandbox.state.credits == 1


@pytest.mark.parametrize("script", [ENGLISH_SCRIPT, JAPANESE_SCRIPT], ids=["english", "japanese"])
async def test_script_estimates_equal_the_charge(client: Client, sandbox: SandboxServer, script: str) -> None:
    created = structured(await client.call_tool("create_avatar_video", {**AVATAR, "script": script}))
    assert created["estimated_credits"] == 100 - sandbox.state.credits == 2


async def test_an_uploaded_audio_is_priced_from_its_length(
    client: Client, sandbox: SandboxServer, tmp_path: Path
) -> None:
    audio = structured(await client.call_tool("upload_asset", {"path": str(g.audio(tmp_path / "v.mp3", seconds=290))}))
    arguments = {**AVATAR, "script": None, "audio_url": audio["asset_url"]}
    created = structured(await client.call_tool("create_avatar_video", arguments))
    assert created["estimated_credits"] == 100 - sandbox.state.credits == 3  # 4:50 starts three 2-minute blocks
    assert "290 s file costs 3" in created["cost_note"]


async def test_audio_that_cannot_be_read_is_priced_as_unknown_not_guessed(
    client: Client, sandbox: SandboxServer
) -> None:
    arguments = {**AVATAR, "script": None, "audio_url": "https://10.1.2.3/voice.mp3"}  # private: never fetched
    created = structured(await client.call_tool("create_avatar_video", arguments))
    assert created["estimated_credits"] is None and "unknown" in created["cost_note"]


@pytest.mark.parametrize(
    ("name", "codec", "content_type"), [("v.mp3", "libmp3lame", "audio/mpeg"), ("v.wav", "pcm_s16le", "audio/wav")]
)
async def test_audio_uploaded_elsewhere_is_measured_from_its_header(
    client: Client, sandbox: SandboxServer, tmp_path: Path, name: str, codec: str, content_type: str
) -> None:
    """Uploaded to JoggAI, but not through this server: its first bytes say how long it is."""
    path = g.audio(tmp_path / name, codec=codec, seconds=290)
    headers = {"x-api-key": sandbox.api_key}
    body = {"filename": name, "content_type": content_type, "file_size": path.stat().st_size}
    ticket = httpx2.post(sandbox.base_url + "/v2/upload/asset", json=body, headers=headers).json()["data"]
    httpx2.put(ticket["sign_url"], content=path.read_bytes(), headers={"content-type": content_type})
    sandbox.state.requests.clear()
    created = structured(
        await client.call_tool("create_avatar_video", {**AVATAR, "script": None, "audio_url": ticket["asset_url"]})
    )
    assert created["estimated_credits"] == 100 - sandbox.state.credits == 3
    assert "290 s file costs 3" in created["cost_note"]


async def test_read_only_lists_nothing_that_spends_or_creates(sandbox: SandboxServer) -> None:
    async with mcp_client(server_settings(sandbox, JOGG_READ_ONLY="1")) as client:
        listed = {t.name for t in (await client.list_tools()).tools}
    assert listed == {spec.name for spec in enabled_tools() if spec.read_only}
    assert not listed & {"create_video", "create_avatar_video", "upload_asset", "update_product"}


async def test_tools_lists_only_the_named_ones(sandbox: SandboxServer) -> None:
    async with mcp_client(server_settings(sandbox, JOGG_TOOLS="get_credits, list_catalog")) as client:
        assert [t.name for t in (await client.list_tools()).tools] == ["list_catalog", "get_credits"]
    with pytest.raises(ValueError, match="'get_credit', which jogg-mcp does not have; its tools are: upload_asset"):
        build_server(Runtime(settings=Settings.load({"JOGG_TOOLS": "get_credit"})))


async def test_list_projects_shows_what_was_started_with_its_status_and_cost(
    client: Client, sandbox: SandboxServer
) -> None:
    video = structured(await client.call_tool("create_video", {"product_id": sandbox_product(sandbox), **VIDEO}))
    sandbox.faults.inject(path="/v2/create_video_from_avatar", kind="reset")
    await client.call_tool("create_avatar_video", AVATAR)  # answer lost
    sandbox.faults.inject(path="/v2/create_video_from_avatar", kind="error_code", code=18020)
    await client.call_tool("create_avatar_video", {**AVATAR, "script": "Refused for lack of credits"})
    listed = structured(await client.call_tool("list_projects", {}))
    by_status = {item["status"]: item for item in listed["projects"]}
    assert [item["status"] for item in listed["projects"]] == ["refused", "unknown", "succeeded"]  # newest first
    assert by_status["succeeded"]["project_id"] == video["project_id"] and by_status["succeeded"]["kind"] == "url_video"
    assert by_status["unknown"]["project_id"] is None and by_status["succeeded"]["estimated_credits"] == 1
    only = structured(await client.call_tool("list_projects", {"status": "unknown", "page_size": 5}))
    assert [item["status"] for item in only["projects"]] == ["unknown"] and only["more"] is False


async def test_the_user_is_asked_first_and_a_decline_sends_nothing(sandbox: SandboxServer) -> None:
    user = User("decline")
    async with mcp_client(server_settings(sandbox), elicitation=user) as client:
        refused = await client.call_tool("create_video", {"product_id": sandbox_product(sandbox), **VIDEO})
    assert refused.is_error and "did not agree to spend the credits" in refused.content[0].text  # type: ignore[union-attr]
    (question,) = user.asked
    assert question.startswith("Spend 1 credit on JoggAI to make a 15 s portrait video of product ")
    assert question.endswith("You have 100 credits; 99 after this.")
    assert charges(sandbox) == 0 and sandbox.state.credits == 100


@pytest.mark.parametrize(("answer", "confirm"), [("accept", False), ("cancel", True)])
async def test_an_unticked_or_cancelled_answer_sends_nothing(
    sandbox: SandboxServer, answer: str, confirm: bool
) -> None:
    async with mcp_client(server_settings(sandbox), elicitation=User(answer, confirm)) as client:
        refused = await client.call_tool("create_avatar_video", AVATAR)
    assert refused.is_error and charges(sandbox) == 0


async def test_agreed_it_is_sent_and_a_repeat_is_not_asked_again(sandbox: SandboxServer) -> None:
    user = User("accept")
    async with mcp_client(server_settings(sandbox), elicitation=user) as client:
        first = structured(await client.call_tool("create_avatar_video", {**AVATAR, "script": ENGLISH_SCRIPT}))
        second = structured(await client.call_tool("create_avatar_video", {**AVATAR, "script": ENGLISH_SCRIPT}))
    assert first["charged"] is True and second["charged"] is False
    assert len(user.asked) == 1 and "Spend 2 credits" in user.asked[0] and "98 after this" in user.asked[0]
    assert charges(sandbox) == 1


async def test_confirm_spending_never_does_not_ask(sandbox: SandboxServer) -> None:
    user = User("decline")
    async with mcp_client(server_settings(sandbox, JOGG_CONFIRM_SPENDING="never"), elicitation=user) as client:
        structured(await client.call_tool("create_avatar_video", AVATAR))
    assert user.asked == [] and charges(sandbox) == 1


async def test_two_replicas_sharing_redis_charge_once(sandbox: SandboxServer, redis_url: str) -> None:
    """Two HTTP replicas behind a load balancer: the same request reaching both is one intent."""
    settings = server_settings(sandbox, JOGG_STATE=redis_url)
    async with mcp_client(settings) as one, mcp_client(settings) as two:
        first = structured(await one.call_tool("create_avatar_video", AVATAR))
        second = structured(await two.call_tool("create_avatar_video", AVATAR))
    assert first["charged"] is True and second["charged"] is False and charges(sandbox) == 1


async def test_an_unreachable_redis_stops_spending_with_a_clear_error(sandbox: SandboxServer) -> None:
    nothing_there = f"redis://127.0.0.1:{free_port()}/0"
    async with mcp_client(server_settings(sandbox, JOGG_STATE=nothing_there)) as client:
        refused = await client.call_tool("create_avatar_video", AVATAR)
        listed = await client.call_tool("get_credits", {})
    text: str = refused.content[0].text  # type: ignore[union-attr]
    assert refused.is_error and "cannot be reached" in text and "Start Redis, or fix JOGG_STATE" in text
    assert "Nothing was sent to JoggAI" in text and charges(sandbox) == 0
    assert not listed.is_error  # everything that does not spend keeps working


async def test_a_voice_in_another_language_is_refused_before_spending(client: Client, sandbox: SandboxServer) -> None:
    arguments = {"product_id": sandbox_product(sandbox), **VIDEO, "language": "spanish"}  # an English voice
    refused = await client.call_tool("create_video", arguments)
    text: str = refused.content[0].text  # type: ignore[union-attr]
    assert refused.is_error and "'en-US-ChristopherNeural' speaks english, but the video's language is spanish" in text
    assert "es-ES-ElviraNeural" in text and "es-MX-JorgeNeural" in text and "Nothing was sent" in text
    assert charges(sandbox) == 0
    voice_lists = sum(1 for r in sandbox.state.requests if r.path == "/v2/voices")
    matching = {**arguments, "voice_id": "es-ES-ElviraNeural"}
    assert structured(await client.call_tool("create_video", matching))["charged"] is True
    assert sum(1 for r in sandbox.state.requests if r.path == "/v2/voices") == voice_lists  # the list was cached
    assert charges(sandbox) == 1


async def test_a_mismatched_voice_is_not_put_to_the_user(sandbox: SandboxServer) -> None:
    user = User("accept")
    async with mcp_client(server_settings(sandbox), elicitation=user) as client:
        refused = await client.call_tool(
            "create_video", {"product_id": sandbox_product(sandbox), **VIDEO, "language": "french"}
        )
    assert refused.is_error and user.asked == [] and charges(sandbox) == 0


async def test_a_spending_call_that_would_wait_long_in_the_throttle_returns_at_once(
    client: Client, sandbox: SandboxServer
) -> None:
    for n in range(20):  # JoggAI's 20 POSTs a minute for this key, used up by free calls
        structured(await client.call_tool("create_product_from_url", {"url": f"https://shop.example/p/{n}"}))
    refused = await client.call_tool("create_avatar_video", AVATAR)
    text: str = refused.content[0].text  # type: ignore[union-attr]
    assert refused.is_error and "held back and NOT sent. Try again in" in text and "Nothing was charged" in text
    assert charges(sandbox) == 0
    listed = structured(await client.call_tool("list_projects", {}))
    assert [p["status"] for p in listed["projects"]] == ["refused"]  # so trying again later is not a repeat


async def test_a_failed_balance_check_is_not_taken_for_a_lost_answer(client: Client, sandbox: SandboxServer) -> None:
    sandbox.faults.inject(path="/v2/user/remaining_quota", kind="error_code", code=50000, count=20)
    first = structured(await client.call_tool("create_avatar_video", AVATAR))  # the balance was not needed
    assert first["charged"] is True and charges(sandbox) == 1
    again = structured(await client.call_tool("create_avatar_video", AVATAR))
    assert again["charged"] is False and again["project_id"] == first["project_id"]


async def test_the_limit_counts_an_unknown_cost_at_its_most(sandbox: SandboxServer) -> None:
    """An audio whose length cannot be read may cost up to 5 credits: a limit of 4 cannot let it through."""
    async with mcp_client(server_settings(sandbox, JOGG_SPEND_LIMIT="4")) as client:
        arguments = {**AVATAR, "script": None, "audio_url": "https://10.1.2.3/voice.mp3"}  # never fetched
        refused = await client.call_tool("create_avatar_video", arguments)
    text: str = refused.content[0].text  # type: ignore[union-attr]
    assert refused.is_error and "an unknown cost, up to 5 credits" in text and charges(sandbox) == 0
