"""A voice that does not speak the video's language is refused before anything is spent, with voices that do.

JoggAI's voice catalogue is fetched once and kept a few minutes per API key, so in a conversation the check
costs no extra call (docs/architecture.md, "Spending").
"""

from __future__ import annotations

import time

from mcp.server.mcpserver import Context

from jogg_mcp.api import JoggClient
from jogg_mcp.api.errors import JoggError
from jogg_mcp.api.models import Voice
from jogg_mcp.server.runtime import state_of

CACHE_SECONDS = 300
PAGES_AT_MOST = 20  # 2,000 voices: more than JoggAI lists


async def _voices(ctx: Context, jogg: JoggClient, owner: str) -> list[Voice]:
    cache = state_of(ctx).voice_cache
    cached = cache.get(owner)
    if cached is not None and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]
    voices: list[Voice] = []
    for page in range(1, PAGES_AT_MOST + 1):
        found = await jogg.catalog.voices(page=page, page_size=100)
        voices += found.voices
        if not found.has_more or not found.voices:
            break
    cache[owner] = (time.monotonic(), voices)
    return voices


async def language_mismatch(ctx: Context, jogg: JoggClient, owner: str, voice_id: str, language: str) -> str | None:
    """Why this voice cannot speak `language`, or None when it can (or JoggAI's catalogue cannot tell)."""
    try:
        voices = await _voices(ctx, jogg, owner)
    except JoggError:
        return None  # the catalogue is a convenience: JoggAI itself still decides
    voice = next((v for v in voices if v.voice_id == voice_id), None)
    if voice is None or not voice.language or voice.language.lower() == language:
        return None  # a custom voice, or one that matches
    matching = [f"{v.name} ({v.voice_id})" for v in voices if (v.language or "").lower() == language][:5]
    offer = f"Voices that speak {language}: {', '.join(matching)}." if matching else f"No voice speaks {language}."
    return (
        f"voice_id {voice_id!r} speaks {voice.language}, but the video's language is {language}, so the script "
        f"and the voice would not match. {offer} Nothing was sent, so nothing was charged."
    )
