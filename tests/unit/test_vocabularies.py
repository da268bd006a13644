"""The client and the sandbox each hold their own copy of JoggAI's vocabularies, limits and prices (so the
sandbox can catch the client's mistakes); these tests make any drift between the two copies fail loudly."""

from __future__ import annotations

from typing import get_args

import pytest

from jogg_mcp.api import pricing
from jogg_mcp.api.vocabulary import Language, ScriptStyle
from jogg_mcp.media.formats import FORMATS
from jogg_mcp.sandbox import vocabulary as sandbox


def test_languages_agree() -> None:
    assert set(get_args(Language)) == sandbox.LANGUAGES
    assert len(sandbox.LANGUAGES) == 54


def test_script_styles_agree() -> None:
    assert set(get_args(ScriptStyle)) == sandbox.SCRIPT_STYLES
    assert len(sandbox.SCRIPT_STYLES) == 16


def test_upload_limits_agree() -> None:
    for fmt in FORMATS:
        assert sandbox.UPLOAD_LIMITS[fmt.content_type] == fmt.max_bytes, fmt.name


@pytest.mark.parametrize("seconds", [0, 1, 15, 30, 60, 119.9, 120, 120.1, 239, 240, 290, 600])
def test_prices_agree(seconds: float) -> None:
    assert pricing.video_credits(seconds) == sandbox.render_credits(seconds)
    assert pricing.PREVIEW_CREDITS_PER_BLOCK * pricing.video_credits(seconds) == sandbox.preview_credits(seconds)


def test_draft_prices_agree() -> None:
    assert pricing.AI_SCRIPTS_CREDITS == sandbox.AI_SCRIPTS_CREDITS == 0.2
    assert pricing.preview_credits(15, None) == 0.5 and pricing.product_video_credits(60, None) == 1
    long_script = "word " * 330  # read in about 140 s: the video runs past its 60 s, into a second block
    assert pricing.product_video_credits(60, long_script) == 2 and pricing.preview_credits(60, long_script) == 1.0


def test_avatar_and_studio_prices_agree() -> None:
    assert pricing.AVATAR_PHOTOS_CREDITS == sandbox.PHOTO_CREDITS == 0.2
    assert pricing.MOTION_CREDITS == sandbox.MOTION_CREDITS
    for seconds in (1, 19.5, 20, 21, 125, 126, 179.9):
        assert pricing.translation_credits(seconds) == sandbox.translation_credits(seconds)
        # The lip-sync estimate errs up by less than a hundredth of a credit, never down.
        assert 0 <= pricing.lip_sync_credits(seconds) - sandbox.lip_sync_credits(seconds) < 0.01


SCRIPTS = {
    "english": "Fresh coffee, roasted this morning and at your door tomorrow. " * 40,  # 400 words
    "japanese": "今朝焙煎したコーヒーを明日お届けします。" * 40,  # 800 characters, no spaces
    "chinese": "今天早上烘焙的咖啡明天送到你家。" * 50,
    "thai": "กาแฟสดคั่วเช้านี้ส่งถึงบ้านพรุ่งนี้" * 25,
    "paused": "Fresh coffee. <break time=\"3s\" /> At your door tomorrow. <break time='500ms'/> " * 20,
}


@pytest.mark.parametrize("script", SCRIPTS.values(), ids=SCRIPTS.keys())
def test_the_estimate_errs_up_and_prices_like_the_sandbox(script: str) -> None:
    estimated, spoken = pricing.estimated_script_seconds(script), sandbox.spoken_seconds(script)
    assert spoken <= estimated <= spoken * 1.15  # never under; not wildly over either
    assert pricing.video_credits(estimated) == sandbox.render_credits(spoken)
