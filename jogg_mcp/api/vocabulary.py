"""JoggAI's vocabularies: the enums and value lists its endpoints use, with our friendly names for them.

Where JoggAI's documents give a list, it is copied here once; docs/joggai-api.md says which document.
"""

from __future__ import annotations

import difflib
from enum import IntEnum, StrEnum
from typing import Any, Literal, cast, get_args


class AspectRatio(StrEnum):
    """v2 sends these strings; v1 and all responses use 0, 1, 2."""

    PORTRAIT = "portrait"  # 9:16
    LANDSCAPE = "landscape"  # 16:9
    SQUARE = "square"  # 1:1

    @property
    def v1(self) -> int:
        return _ASPECT_TO_INT[self]

    @classmethod
    def from_wire(cls, value: Any) -> AspectRatio:
        if isinstance(value, cls):
            return value
        if isinstance(value, int) and not isinstance(value, bool) and value in _INT_TO_ASPECT:
            return _INT_TO_ASPECT[value]
        if isinstance(value, str) and value.isdigit() and int(value) in _INT_TO_ASPECT:
            return _INT_TO_ASPECT[int(value)]
        return cls(str(value).lower())


_ASPECT_TO_INT = {AspectRatio.PORTRAIT: 0, AspectRatio.LANDSCAPE: 1, AspectRatio.SQUARE: 2}
_INT_TO_ASPECT = {v: k for k, v in _ASPECT_TO_INT.items()}


class AvatarType(IntEnum):
    PUBLIC = 0  # JoggAI library avatar
    CUSTOM = 1  # your own: instant, photo or product avatar


class ScreenStyle(IntEnum):
    BACKGROUND = 1
    GREEN_SCREEN = 2  # MP4 on green, for chroma key
    TRANSPARENT_WEBM = 3  # WebM with alpha; JoggAI needs captions off for it


class MediaType(IntEnum):
    IMAGE = 1
    VIDEO = 2


class TemplateType(StrEnum):
    PUBLIC = "public"
    CUSTOM = "custom"


class VoiceMode(StrEnum):
    SCRIPT = "script"
    AUDIO = "audio"


# v1 create_video_from_url accepts these 16 script styles (docs/joggai-api.md, "Vocabularies").
ScriptStyle = Literal[
    "Don't Worry",
    "Discovery",
    "Data",
    "Top 3 reasons",
    "Soft Selling",
    "Humor & Meme",
    "Feature Explainer",
    "Soft Storytelling with Twist",
    "Expert Advice",
    "Unboxing & Review",
    "Challenge",
    "Problem/Solution",
    "Comparison",
    "Creative/Innovative",
    "Emotional Appeal",
    "Immersive Storytelling",
]

# Script and voice languages: the 54 lowercase names of the v2 spec's ai_scripts.language.
Language = Literal[
    "english",
    "filipino",
    "french",
    "german",
    "hindi",
    "indonesian",
    "italian",
    "japanese",
    "korean",
    "malay",
    "portuguese",
    "russian",
    "spanish",
    "thai",
    "vietnamese",
    "arabic",
    "greek",
    "turkish",
    "slovenian",
    "croatian",
    "romanian",
    "chinese",
    "bengali",
    "urdu",
    "hungarian",
    "traditional-chinese",
    "polish",
    "cantonese",
    "danish",
    "malayalam",
    "tamil",
    "telugu",
    "czech",
    "hebrew",
    "zulu",
    "swedish",
    "lithuanian",
    "dutch",
    "flemish",
    "norwegian",
    "finnish",
    "bulgarian",
    "latvian",
    "ukrainian",
    "mongolian",
    "persian",
    "odia",
    "assamese",
    "kannada",
    "tagalog",
    "amharic",
    "serbian",
    "slovak",
    "swahili",
]

# ISO 639 codes for the languages above, so "es", "ES" or "es-MX" mean spanish.
LANGUAGE_CODES: dict[str, str] = {
    "en": "english", "fil": "filipino", "fr": "french", "de": "german", "hi": "hindi", "id": "indonesian",
    "it": "italian", "ja": "japanese", "ko": "korean", "ms": "malay", "pt": "portuguese", "ru": "russian",
    "es": "spanish", "th": "thai", "vi": "vietnamese", "ar": "arabic", "el": "greek", "tr": "turkish",
    "sl": "slovenian", "hr": "croatian", "ro": "romanian", "zh": "chinese", "bn": "bengali", "ur": "urdu",
    "hu": "hungarian", "zh-tw": "traditional-chinese", "zh-hant": "traditional-chinese", "pl": "polish",
    "yue": "cantonese", "zh-hk": "cantonese", "da": "danish", "ml": "malayalam", "ta": "tamil", "te": "telugu",
    "cs": "czech", "he": "hebrew", "zu": "zulu", "sv": "swedish", "lt": "lithuanian", "nl": "dutch",
    "nl-be": "flemish", "no": "norwegian", "nb": "norwegian", "fi": "finnish", "bg": "bulgarian", "lv": "latvian",
    "uk": "ukrainian", "mn": "mongolian", "fa": "persian", "or": "odia", "as": "assamese", "kn": "kannada",
    "tl": "tagalog", "am": "amharic", "sr": "serbian", "sk": "slovak", "sw": "swahili",
}  # fmt: skip


def language_from(value: str) -> Language:
    """JoggAI's name for a language given by name in any case ("Spanish") or by code ("es", "es-MX")."""
    names = cast(tuple[str, ...], get_args(Language))
    text = value.strip().lower().replace("_", "-")
    spaced = text.replace(" ", "-")
    if spaced in names:
        return cast(Language, spaced)
    code = LANGUAGE_CODES.get(text) or LANGUAGE_CODES.get(text.split("-")[0])
    if code is not None:
        return cast(Language, code)
    close = difflib.get_close_matches(spaced, names, n=3, cutoff=0.6)
    if close:
        raise ValueError(f"{value!r} is not a language JoggAI speaks: did you mean {' or '.join(close)}?")
    raise ValueError(
        f"{value!r} is not a language JoggAI speaks; give one of these names, or its ISO code (en, es, ja, ...): "
        + ", ".join(names)
    )


VideoLength = Literal[15, 30, 60]


class ProjectStatus(StrEnum):
    """One vocabulary for every render, whichever endpoint reported it."""

    QUEUED = "queued"
    RENDERING = "rendering"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    DELETED = "deleted"

    @property
    def is_final(self) -> bool:
        return self in (ProjectStatus.SUCCEEDED, ProjectStatus.FAILED, ProjectStatus.DELETED)


# v1 GET /project status_code: 1 start, 2 waiting, 3 processing, 4 success, 5 failed, 99 deleted.
V1_STATUS = {
    1: ProjectStatus.QUEUED,
    2: ProjectStatus.QUEUED,
    3: ProjectStatus.RENDERING,
    4: ProjectStatus.SUCCEEDED,
    5: ProjectStatus.FAILED,
    99: ProjectStatus.DELETED,
}
# v2 avatar_video status strings.
V2_STATUS = {
    "pending": ProjectStatus.QUEUED,
    "processing": ProjectStatus.RENDERING,
    "completed": ProjectStatus.SUCCEEDED,
    "success": ProjectStatus.SUCCEEDED,  # lip sync's and photo generation's word for it
    "failed": ProjectStatus.FAILED,
    "in_progress": ProjectStatus.RENDERING,  # photo generation (docs/joggai-api.md, "Vocabularies")
    "error": ProjectStatus.FAILED,
}


class ProjectKind(StrEnum):
    URL_VIDEO = "url_video"  # v1 /create_video_from_url, status at GET /v1/project
    AVATAR_VIDEO = "avatar_video"  # v2 /create_video_from_avatar, status at GET /v2/avatar_video/{id}
    PREVIEW = "preview"  # v1 /preview: a cheap draft of a product video, status at GET /v1/project
    AI_SCRIPTS = "ai_scripts"  # v1 /ai_scripts: answered at once, no render to follow
    TEMPLATE_VIDEO = "template_video"  # v2 /create_video_with_template, status at GET /v2/template_video/{id}
    LIP_SYNC = "lip_sync"  # v2 /create_lip_sync_video, status at GET /v2/lip_sync_video/{task_id}
    TRANSLATION = "translation"  # v2 /video_translate/ (trailing slash), status at /v2/video_translate/{id}
    AVATAR_PHOTOS = "avatar_photos"  # v2 /photo_avatar/photo/generate, status at GET /v2/photo_avatar/photo
    PHOTO_AVATAR = "photo_avatar"  # v2 /photo_avatar/add_motion, status at GET /v2/photo_avatar?motion_id=
    PRODUCT_AVATAR_IMAGES = "product_avatar_images"  # v2 /product_avatar/generation, status per batch_id
    PRODUCT_AVATAR = "product_avatar"  # v2 /product_avatar/add_motion, status at GET /v2/product_avatar
