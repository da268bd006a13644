"""Measuring audio from its first bytes, and which URLs the server may read at all (no network here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jogg_mcp.media.probe import duration_from_head
from jogg_mcp.server.remote_audio import may_read
from tests import mediagen as g


@pytest.mark.parametrize(("name", "codec"), [("a.mp3", "libmp3lame"), ("a.wav", "pcm_s16le")])
def test_the_length_is_read_from_the_first_bytes_and_errs_up(tmp_path: Path, name: str, codec: str) -> None:
    whole = g.audio(tmp_path / name, codec=codec, seconds=290)
    head = tmp_path / f"head-{name}"
    head.write_bytes(whole.read_bytes()[:64_000])
    seconds = duration_from_head(str(head), whole.stat().st_size, whole=False)
    assert seconds is not None and 290 <= seconds < 292


def test_without_the_total_size_a_cut_file_is_not_guessed(tmp_path: Path) -> None:
    whole = g.audio(tmp_path / "a.wav", codec="pcm_s16le", seconds=290)
    head = tmp_path / "head.wav"
    head.write_bytes(whole.read_bytes()[:64_000])
    assert duration_from_head(str(head), None, whole=False) is None
    assert duration_from_head(str(whole), None, whole=True) == pytest.approx(290, abs=0.1)


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("http://127.0.0.1:8787/assets/a/v.mp3", True),  # the configured API host (the sandbox here)
        ("https://8.8.8.8/v.mp3", True),  # public, over https
        ("http://8.8.8.8/v.mp3", False),  # not https
        ("https://10.0.0.5/v.mp3", False),  # private
        ("https://169.254.169.254/latest/meta-data", False),  # link-local: cloud metadata
        ("https://127.0.0.1:9999/v.mp3", False),  # loopback, not the API's
        ("https://[::1]/v.mp3", False),
        ("file:///etc/passwd", False),
    ],
)
async def test_only_public_https_or_the_api_host_may_be_read(url: str, allowed: bool) -> None:
    assert await may_read(url, "http://127.0.0.1:8787") is allowed
