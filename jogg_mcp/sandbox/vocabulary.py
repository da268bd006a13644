"""What the fake JoggAI accepts and charges, written from JoggAI's own documents (docs/joggai-api.md), not
from the client's code: when the two disagree, a test says so (tests/unit/test_vocabularies.py)."""

from __future__ import annotations

import math
import re

# The 54 values of the v2 spec's ai_scripts.language.
LANGUAGES = frozenset(
    """english filipino french german hindi indonesian italian japanese korean malay portuguese russian
    spanish thai vietnamese arabic greek turkish slovenian croatian romanian chinese bengali urdu hungarian
    traditional-chinese polish cantonese danish malayalam tamil telugu czech hebrew zulu swedish lithuanian
    dutch flemish norwegian finnish bulgarian latvian ukrainian mongolian persian odia assamese kannada tagalog
    amharic serbian slovak swahili""".split()  # noqa: SIM905 - one value after another, as the spec lists them
)

# The 16 script styles the v1 spec lists for create_video_from_url and preview.
_STYLES = (
    "Don't Worry|Discovery|Data|Top 3 reasons|Soft Selling|Humor & Meme|Feature Explainer|"
    "Soft Storytelling with Twist|Expert Advice|Unboxing & Review|Challenge|Problem/Solution|Comparison|"
    "Creative/Innovative|Emotional Appeal|Immersive Storytelling"
)
SCRIPT_STYLES = frozenset(_STYLES.split("|"))

# The upload guide's size limits per declared content type (MB = 10^6 bytes), with the usual aliases.
_IMAGE, _VIDEO, _AUDIO = 10_000_000, 100_000_000, 20_000_000
UPLOAD_LIMITS = {
    **dict.fromkeys(("image/jpeg", "image/png", "image/webp", "image/gif"), _IMAGE),
    **dict.fromkeys(("video/mp4", "video/webm", "video/quicktime"), _VIDEO),
    **dict.fromkeys(("audio/mpeg", "audio/wav", "audio/x-wav", "audio/mp4", "audio/x-m4a"), _AUDIO),
}

BILLING_BLOCK_SECONDS = 120  # "1 credit per 2 minutes": a 3-minute video costs 2
TTS_WORDS_PER_MINUTE = 150
TTS_SYLLABLES_PER_SECOND = 4.5  # Chinese, Japanese, Thai... are read a character at a time
_WITHOUT_SPACES = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]"
)
_BREAK = re.compile(r"<break\s+time=[\"']?([\d.]+)(ms|s)[\"']?\s*/?>", re.I)  # the documented pause tag


PREVIEW_CREDITS_PER_BLOCK = 0.5  # "Preview video: 0.5 credit per started 2 minutes"
AI_SCRIPTS_CREDITS = 0.2  # "AI scripts: 0.2 per call"
LIP_SYNC_SECONDS_PER_CREDIT = 125  # "Lip sync: 1 credit per 125 s"
TRANSLATION_CREDITS_PER_BLOCK = 0.5  # "Video translation: 0.5 credit per started 20 s"
TRANSLATION_BLOCK_SECONDS = 20
PHOTO_CREDITS = 0.2  # "Photo avatar images: 0.05 per image; 0.2 per call (4 images)"
MOTION_CREDITS = {"1.0": 2.0, "2.0": 2.0, "2.0-Pro": 3.0, "3.0": 2.0}  # "Motion 1.0 / 2.0 / 2.0-Pro / 3.0"
# The target languages GET /v2/video_translate/target_languages lists (the spec's example, and more).
TRANSLATION_LANGUAGES = ("spanish", "french", "german", "japanese", "portuguese", "italian", "chinese", "korean")


def lip_sync_credits(seconds: float) -> float:
    return round(math.ceil(seconds) / LIP_SYNC_SECONDS_PER_CREDIT, 3)


def translation_credits(seconds: float) -> float:
    return TRANSLATION_CREDITS_PER_BLOCK * max(1, math.ceil(seconds / TRANSLATION_BLOCK_SECONDS))


def render_credits(rendered_seconds: float) -> int:
    """What JoggAI deducts for a render of this length: every started block, and never less than one."""
    return max(1, math.ceil(rendered_seconds / BILLING_BLOCK_SECONDS))


def preview_credits(rendered_seconds: float) -> float:
    return PREVIEW_CREDITS_PER_BLOCK * render_credits(rendered_seconds)


def spoken_seconds(script: str) -> float:
    """How long the sandbox's text-to-speech takes to read `script`: words, characters, and pauses."""
    paused = 0.0
    for amount, unit in _BREAK.findall(script):
        paused += float(amount) / 1000 if unit.lower() == "ms" else float(amount)
    plain = _BREAK.sub(" ", script)
    syllables = len(_WITHOUT_SPACES.findall(plain))
    words = len(_WITHOUT_SPACES.sub(" ", plain).split())
    return words * 60 / TTS_WORDS_PER_MINUTE + syllables / TTS_SYLLABLES_PER_SECOND + paused
