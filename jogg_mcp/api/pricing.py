"""JoggAI's documented pricing (docs/joggai-api.md, "Prices"): credits are deducted when a request is accepted."""

from __future__ import annotations

import math

SECONDS_PER_VIDEO_CREDIT = 120
SPOKEN_WORDS_PER_SECOND = 2.5  # about 150 words a minute, a typical TTS pace


def video_credits(duration_seconds: float) -> int:
    """1 credit per started 2 minutes of video; every video costs at least 1."""
    return max(1, math.ceil(max(0.0, duration_seconds) / SECONDS_PER_VIDEO_CREDIT))


def estimated_script_seconds(script: str) -> float:
    """How long a text-to-speech script will run, from its word count."""
    return len(script.split()) / SPOKEN_WORDS_PER_SECOND
