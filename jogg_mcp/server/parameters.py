"""Parameter types several tools share, each described once for the model."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

from jogg_mcp.api.vocabulary import Language, ScriptStyle, language_from

AspectRatioName = Annotated[
    Literal["portrait", "landscape", "square"], Field(description="portrait 9:16, landscape 16:9, square 1:1")
]
AvatarSource = Annotated[Literal["public", "custom"], Field(description="public (JoggAI's) or custom (the user's own)")]
# Ids are checked by shape, so nothing odd can reach a URL path or query (JoggAI ids are short and plain).
ProjectId = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9_-]{1,100}$",
        description="From a create_* tool, list_projects or JoggAI",
    ),
]
ProductId = Annotated[str, Field(pattern=r"^[A-Za-z0-9+/=_-]{1,100}$", description="From create_product_from_url")]
VoiceId = Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]{1,100}$", description="From list_catalog(kind=voices)")]
LanguageName = Annotated[
    Language,
    # Any case, or an ISO code, checked here with suggestions instead of an enum of 54 names in every schema.
    BeforeValidator(lambda value: language_from(value) if isinstance(value, str) else value),
    WithJsonSchema(
        {
            "type": "string",
            "maxLength": 40,
            "description": "Name or ISO code, e.g. english, es",
        }
    ),
]
ScriptStyleName = Annotated[ScriptStyle, Field(description="Tone of the AI-written script")]
AvatarId = Annotated[int, Field(ge=0, description="From list_catalog(kind=avatars)")]
VideoName = Annotated[str | None, Field(default=None, max_length=200)]
Caption = Annotated[bool, Field(description="Burn in subtitles")]


# A path on this computer, where a URL belongs: file:..., ~/..., ./..., ../..., /..., C:\...
LOCAL_PATH = re.compile(r"^(?:file:|~|\.{0,2}/|[A-Za-z]:[\\/])")
_WEB_URL = re.compile(r"^https?://[^\s/?#]+\.[^\s]*$|^https?://(?:localhost|127\.0\.0\.1|\[::1\])(?::\d+)?(?:/\S*)?$")


def media_url(value: str) -> str:
    """A URL JoggAI fetches itself: never a local file (which it cannot reach)."""
    text = value.strip()
    if LOCAL_PATH.match(text):
        raise ValueError(
            f"{text!r} is a file on this computer, which JoggAI cannot fetch: upload it with upload_asset first and "
            "pass the asset_url it returns"
        )
    if not _WEB_URL.match(text):
        raise ValueError("must be a public http(s) URL, such as an asset_url from upload_asset")
    return text


def product_page_url(value: str) -> str:
    """The product's web page; "shop.example/p/1" means https://shop.example/p/1."""
    text = value.strip()
    if LOCAL_PATH.match(text):
        raise ValueError(
            f"{text!r} is a file on this computer: give the product's web page, e.g. https://shop.example/p/1"
        )
    if "://" not in text:
        text = f"https://{text}"
    if not _WEB_URL.match(text):
        raise ValueError("must be the product's web page, e.g. https://shop.example/p/1")
    return text


MediaUrl = Annotated[
    str,
    Field(min_length=1, max_length=2048, description="Public URL, e.g. an asset_url"),
    AfterValidator(media_url),
]
ProductPageUrl = Annotated[
    str,
    Field(
        min_length=4,
        max_length=2048,
        description="Product page URL (Amazon, Shopify, eBay, TikTok Shop, ...); https:// is added when missing",
    ),
    AfterValidator(product_page_url),
]

Page = Annotated[int, Field(ge=1, le=10_000)]
PageSize = Annotated[int, Field(ge=1, le=50)]

NewTake = Annotated[
    bool,
    Field(description="true: pay again for an identical recent request"),
]
MaxCredits = Annotated[float | None, Field(default=None, gt=0, description="Send nothing if it would cost more")]
