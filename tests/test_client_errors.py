"""Every documented error code, and every transport failure, becomes the right typed error."""

from __future__ import annotations

import socket

import pytest

from jogg_mcp.api import errors as e
from jogg_mcp.api.models import CreateProductRequest
from jogg_mcp.api.transport import RetrySettings
from jogg_mcp.sandbox import SandboxServer
from tests.support import make_client

pytestmark = pytest.mark.anyio

NO_RETRY = RetrySettings(max_retries=0)


async def test_wrong_key_is_an_authentication_error(sandbox: SandboxServer) -> None:
    async with make_client(sandbox, api_key="not-the-key") as jogg:
        with pytest.raises(e.AuthenticationError) as caught:
            await jogg.catalog.remaining_credits()
    error = caught.value
    assert error.code == 10105 and error.http_status == 401
    assert error.rid and len(error.rid) == 32 and error.rid in str(error)
    assert "JOGG_API_KEY" in str(error) and "not-the-key" not in str(error)


@pytest.mark.parametrize(
    ("code", "error_type", "advice"),
    [
        (18025, e.PermissionDeniedError, "no API access"),
        (18020, e.InsufficientCreditsError, "top up"),
        (10104, e.NotFoundError, "Check the id"),
        (40000, e.InvalidParametersError, "rejected a parameter"),
        (50000, e.ServerError, "internal error"),
        (429, e.RateLimitError, "rate limit"),
        (31337, e.UnexpectedResponseError, "code 31337"),
    ],
)
async def test_business_codes_map_to_typed_errors(
    sandbox: SandboxServer, code: int, error_type: type[e.JoggError], advice: str
) -> None:
    sandbox.faults.inject(path="/v2/voices", kind="error_code", code=code)
    async with make_client(sandbox, retry=NO_RETRY) as jogg:
        with pytest.raises(error_type, match=advice) as caught:
            await jogg.catalog.voices()
    assert caught.value.code == code and caught.value.rid


async def test_invalid_parameters_carry_the_server_text(sandbox: SandboxServer) -> None:
    async with make_client(sandbox) as jogg:
        with pytest.raises(e.InvalidParametersError) as caught:
            await jogg.products.create(CreateProductRequest(url="ftp://shop.example/thing"))
    assert "Parameter error: url must be an http(s) product page" in str(caught.value)


async def test_not_found_for_unknown_project(sandbox: SandboxServer) -> None:
    async with make_client(sandbox) as jogg:
        with pytest.raises(e.NotFoundError):
            await jogg.products.get_project("0" * 32)
        with pytest.raises(e.NotFoundError):
            await jogg.find_project("0" * 32)


async def test_credits_run_out_for_real(sandbox: SandboxServer) -> None:
    sandbox.state.credits = 0
    from tests.support import url_video

    async with make_client(sandbox) as jogg:
        product = await jogg.products.create(CreateProductRequest(url="https://shop.example/p/2"))
        with pytest.raises(e.InsufficientCreditsError, match="costs 1, 0 left"):
            await jogg.products.create_video(url_video(product.product_id))
    assert sandbox.state.billable_creates["/v1/create_video_from_url"] == 0


@pytest.mark.parametrize(("kind", "status"), [("http_500", 500), ("http_502", 502), ("http_503", 503)])
async def test_http_5xx_is_a_server_error(sandbox: SandboxServer, kind: str, status: int) -> None:
    sandbox.faults.inject(path="/v2/musics", kind=kind)
    async with make_client(sandbox, retry=NO_RETRY) as jogg:
        with pytest.raises(e.ServerError) as caught:
            await jogg.catalog.music()
    assert caught.value.http_status == status


async def test_refused_connection_says_nothing_was_sent() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed once the block ends: nothing listens there
    from jogg_mcp.api import JoggClient

    async with JoggClient(api_key="k", base_url=f"http://127.0.0.1:{port}", retry=NO_RETRY) as jogg:
        with pytest.raises(e.ConnectError, match="Nothing was sent") as caught:
            await jogg.catalog.remaining_credits()
    assert caught.value.reached_server is False


async def test_timeout_and_garbled_body(sandbox: SandboxServer) -> None:
    sandbox.faults.inject(path="/v2/visual_styles", kind="hang", delay=1.5)
    async with make_client(sandbox, retry=NO_RETRY, read_timeout=0.3) as jogg:
        with pytest.raises(e.ReadTimeoutError, match="did not answer in time"):
            await jogg.catalog.visual_styles()
        sandbox.faults.inject(path="/v2/visual_styles", kind="truncated_json")
        with pytest.raises(e.BadResponseError, match="not its JSON envelope"):
            await jogg.catalog.visual_styles()
        sandbox.faults.inject(path="/v2/visual_styles", kind="reset")
        with pytest.raises(e.BadResponseError, match="broke before a full answer"):
            await jogg.catalog.visual_styles()


def test_redaction_removes_signatures_and_secrets() -> None:
    text = "PUT https://storage.jogg.ai/upload/abc?X-Amz-Signature=deadbeef&expires=1 failed for key sk_live_1"
    cleaned = e.redact(text, "sk_live_1")
    assert "deadbeef" not in cleaned and "sk_live_1" not in cleaned
    assert "https://storage.jogg.ai/upload/abc?[signature redacted]" in cleaned
    assert "deadbeef" not in str(e.JoggError(text))


async def test_signed_url_never_appears_in_upload_errors(sandbox: SandboxServer, tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "x.png"
    path.write_bytes(b"p" * 100)
    async with make_client(sandbox, retry=NO_RETRY) as jogg:
        ticket = await jogg.assets.request_upload("x.png", "image/png", 100)
        signature = ticket.sign_url.split("X-Amz-Signature=")[1]
        for kind, error_type in (
            ("reset", e.TransportError),
            ("expire_signed_url", e.SignedUrlExpiredError),
            ("forbid_put", e.UploadError),
            ("http_503", e.ServerError),
        ):
            sandbox.faults.inject(path="/upload/*", kind=kind, before_processing=True)
            with pytest.raises(error_type) as caught:
                await jogg.assets.put_file(ticket.sign_url, str(path), content_type="image/png", size=100)
            assert signature not in str(caught.value) and signature not in repr(caught.value.args)


async def test_http_library_logs_carry_no_signatures(
    sandbox: SandboxServer, tmp_path: object, caplog: pytest.LogCaptureFixture
) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "x.png"
    path.write_bytes(b"p" * 10)
    caplog.set_level("DEBUG", logger="httpx2")
    async with make_client(sandbox) as jogg:
        ticket = await jogg.assets.request_upload("x.png", "image/png", 10)
        await jogg.assets.put_file(ticket.sign_url, str(path), content_type="image/png", size=10)
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name == "httpx2")
    assert "PUT" in logged and "signature redacted" in logged
    assert ticket.sign_url.split("X-Amz-Signature=")[1] not in logged
