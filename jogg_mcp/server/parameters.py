"""Parameter types several tools share, each described once for the model."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from jogg_mcp.api.vocabulary import Language, ScriptStyle

AspectRatioName = Annotated[
    Literal["portrait", "landscape", "square"], Field(description="portrait 9:16, landscape 16:9, square 1:1")
]
AvatarSource = Annotated[
    Literal["public", "custom"], Field(description="public: JoggAI library avatar; custom: the user's own avatar")
]
# Ids are checked by shape, so nothing odd can reach a URL path or query (JoggAI ids are short and plain).
ProjectId = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9_-]{1,100}$",
        description="From create_video or create_avatar_video, or the JoggAI dashboard",
    ),
]
ProductId = Annotated[
    str, Field(pattern=r"^[A-Za-z0-9+/=_-]{1,100}$", description="product_id from create_product_from_url")
]
VoiceId = Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]{1,100}$", description="voice_id from list_voices")]
LanguageName = Annotated[Language, Field(description="Language of the script and voice, e.g. english")]
ScriptStyleName = Annotated[ScriptStyle, Field(description="Tone of the AI-written script")]
AvatarId = Annotated[int, Field(ge=0, description="From list_avatars")]
VideoName = Annotated[str | None, Field(default=None, max_length=200)]
Caption = Annotated[bool, Field(description="Burn in subtitles")]
