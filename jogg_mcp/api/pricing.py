"""JoggAI's documented pricing (docs/joggai-api.md, "Prices"): credits are deducted when a request is accepted.

Estimates err up, never down: a user told 2 credits must not be charged 3.
"""

from __future__ import annotations

import math
import re

SECONDS_PER_VIDEO_CREDIT = 120
PREVIEW_CREDITS_PER_BLOCK = 0.5  # a preview costs half a render: 0.5 credit per started 2 minutes
AI_SCRIPTS_CREDITS = 0.2  # per call to /v1/ai_scripts, however many scripts it returns
LIP_SYNC_SECONDS_PER_CREDIT = 125  # "1 credit per 125 s" (shown as 0.01/s, which is 0.008 rounded up)
TRANSLATION_CREDITS_PER_BLOCK = 0.5  # per started 20 s of the source video
TRANSLATION_BLOCK_SECONDS = 20
AVATAR_PHOTOS_CREDITS = 0.2  # one call makes 4 photos at 0.05 each
MOTION_CREDITS = {"1.0": 2.0, "2.0": 2.0, "2.0-Pro": 3.0, "3.0": 2.0}  # animating a photo into an avatar
SPOKEN_WORDS_PER_SECOND = 2.4  # a little slower than a typical 150-words-a-minute voice: errs up
SPOKEN_CHARACTERS_PER_SECOND = 4.0  # scripts without spaces (Chinese, Japanese, Thai...): a little slow too

# Scripts written without spaces between words are timed by character.
_UNSPACED = re.compile(
    r"[\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)
_PAUSE = re.compile(r"<break\s+time=[\"']?(\d+(?:\.\d+)?)\s*(ms|s)[\"']?\s*/?>", re.IGNORECASE)


def video_credits(duration_seconds: float) -> int:
    """1 credit per started 2 minutes of video; every video costs at least 1."""
    return max(1, math.ceil(max(0.0, duration_seconds) / SECONDS_PER_VIDEO_CREDIT))


def product_video_seconds(video_length: int, script: str | None) -> float:
    """A product video lasts its chosen length, or longer when the script given for it takes longer to say."""
    return max(float(video_length), estimated_script_seconds(script) if script else 0.0)


def product_video_credits(video_length: int, script: str | None) -> int:
    return video_credits(product_video_seconds(video_length, script))


def preview_credits(video_length: int, script: str | None) -> float:
    """A preview of that product video: half a credit per started 2 minutes."""
    return PREVIEW_CREDITS_PER_BLOCK * product_video_credits(video_length, script)


def estimated_script_seconds(script: str) -> float:
    """How long a text-to-speech voice takes to read `script`, pauses included."""
    pauses = sum(float(value) / (1000 if unit.lower() == "ms" else 1) for value, unit in _PAUSE.findall(script))
    text = _PAUSE.sub(" ", script)
    characters = len(_UNSPACED.findall(text))
    words = len(_UNSPACED.sub(" ", text).split())
    return words / SPOKEN_WORDS_PER_SECOND + characters / SPOKEN_CHARACTERS_PER_SECOND + pauses


def avatar_video_credits(script: str | None, audio_seconds: float | None) -> float | None:
    """A talking-avatar video: as long as its script takes to say, or as its audio. None: not knowable."""
    if script:
        return video_credits(estimated_script_seconds(script))
    return None if audio_seconds is None else video_credits(audio_seconds)


def template_video_credits(scripts: list[str]) -> int:
    """A template video runs as long as its template, or longer when its script variables take longer to say.
    The template's own length is not published: this is the least it costs (docs/joggai-api.md, "Prices")."""
    return video_credits(sum(estimated_script_seconds(script) for script in scripts))


def lip_sync_credits(audio_seconds: float) -> float:
    """A lip-synced video lasts as long as its audio (the video is looped or extended to match): every started
    second at 1/125 credit, rounded up to a hundredth."""
    return math.ceil(math.ceil(max(1.0, audio_seconds)) / LIP_SYNC_SECONDS_PER_CREDIT * 100) / 100


def translation_credits(video_seconds: float) -> float:
    return TRANSLATION_CREDITS_PER_BLOCK * max(1, math.ceil(video_seconds / TRANSLATION_BLOCK_SECONDS))
