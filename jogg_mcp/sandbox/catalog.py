"""The sandbox's catalogues: deterministic, large enough to page through, and holding every id JoggAI's
guides use: public avatars 127 and 81, custom avatar 100266, voice en-US-ChristopherNeural, visual style
FullScreen, template 0 (docs/joggai-api.md)."""

from __future__ import annotations

from typing import Any

ASPECTS = ("portrait", "landscape", "square")
GENDERS = ("female", "male")
AGES = ("adult", "senior", "young_adult")
STYLES = ("professional", "social")
SCENES = ("lifestyle", "outdoors", "business", "studio", "health_fitness", "education", "news")
ETHNICITIES = ("european", "african", "south_asian", "east_asian", "middle_eastern", "south_american", "north_american")
_NAMES = (
    "Ava",
    "Noah",
    "Mia",
    "Liam",
    "Zoe",
    "Ethan",
    "Lena",
    "Omar",
    "Sofia",
    "Kenji",
    "Amara",
    "Lucas",
    "Priya",
    "Mateo",
    "Hana",
    "Jonas",
    "Nia",
    "Arjun",
    "Elif",
    "Diego",
)


def _avatar(index: int, avatar_id: int, base: str) -> dict[str, Any]:
    return {
        "id": avatar_id,
        "name": f"{_NAMES[index % len(_NAMES)]} {('Studio', 'Street', 'Office', 'Park')[index % 4]}",
        "video_url": f"{base}/media/avatar-{avatar_id}.mp4",
        "cover_url": f"{base}/media/avatar-{avatar_id}.png",
        "aspect_ratio": index % 3,
        "style": STYLES[index % 2],
        "gender": GENDERS[index % 2],
        "age": AGES[index % 3],
        "scene": SCENES[index % len(SCENES)],
        "ethnicity": ETHNICITIES[index % len(ETHNICITIES)],
    }


PUBLIC_AVATAR_IDS = (127, 81, *range(200, 236))
CUSTOM_AVATAR_IDS = (100266, 100267, 100268)
CUSTOM_AVATAR_STATUS = {100266: "completed", 100267: "completed", 100268: "processing"}


def public_avatars(base: str) -> list[dict[str, Any]]:
    return [_avatar(i, avatar_id, base) for i, avatar_id in enumerate(PUBLIC_AVATAR_IDS)]


def custom_avatars(base: str) -> list[dict[str, Any]]:
    return [
        {
            "id": avatar_id,
            "name": ("My Presenter", "My Spokesperson", "My New Avatar")[i],
            "video_url": f"{base}/media/avatar-{avatar_id}.mp4",
            "cover_url": f"{base}/media/avatar-{avatar_id}.png",
            "api_only": False,
            "avatar_status": CUSTOM_AVATAR_STATUS[avatar_id],
            "fail_msg": "",
            "avatar_url": f"{base}/media/avatar-{avatar_id}.mp4",
        }
        for i, avatar_id in enumerate(CUSTOM_AVATAR_IDS)
    ]


_VOICE_SEED = (
    ("en-US-ChristopherNeural", "Christopher", "english", "male", "middle_aged", "american", "advertisement"),
    ("en-US-JennyNeural", "Jenny", "english", "female", "young", "american", "narrative_story"),
    ("en-GB-RyanNeural", "Ryan", "english", "male", "young", "british", "news"),
    ("en-GB-SoniaNeural", "Sonia", "english", "female", "middle_aged", "british", "education"),
    ("en-AU-NatashaNeural", "Natasha", "english", "female", "young", "australian", "social_media"),
    ("es-ES-ElviraNeural", "Elvira", "spanish", "female", "middle_aged", "castilian", "advertisement"),
    ("es-MX-JorgeNeural", "Jorge", "spanish", "male", "young", "mexican", "narrative_story"),
    ("fr-FR-DeniseNeural", "Denise", "french", "female", "middle_aged", "parisian", "advertisement"),
    ("fr-FR-HenriNeural", "Henri", "french", "male", "old", "parisian", "news"),
    ("de-DE-KatjaNeural", "Katja", "german", "female", "young", "standard", "education"),
    ("de-DE-ConradNeural", "Conrad", "german", "male", "middle_aged", "standard", "advertisement"),
    ("it-IT-ElsaNeural", "Elsa", "italian", "female", "young", "standard", "social_media"),
    ("pt-BR-FranciscaNeural", "Francisca", "portuguese", "female", "middle_aged", "brazilian", "advertisement"),
    ("ja-JP-NanamiNeural", "Nanami", "japanese", "female", "young", "standard", "narrative_story"),
    ("ko-KR-InJoonNeural", "InJoon", "korean", "male", "young", "standard", "news"),
    ("zh-CN-XiaoxiaoNeural", "Xiaoxiao", "chinese", "female", "young", "mandarin", "social_media"),
    ("hi-IN-MadhurNeural", "Madhur", "hindi", "male", "middle_aged", "standard", "education"),
    ("ar-SA-ZariyahNeural", "Zariyah", "arabic", "female", "middle_aged", "gulf", "advertisement"),
    ("MFZUKuGQUsGJPQjTS4wC", "Grace", "english", "female", "old", "american", "narrative_story"),
    ("GzE4TcXfh9rYCU9gVgPp", "Marcus", "english", "male", "old", "american", "advertisement"),
)
VOICE_IDS = frozenset(v[0] for v in _VOICE_SEED)
VOICE_GENDERS = GENDERS
VOICE_AGES = ("young", "middle_aged", "old")


def voices(base: str) -> list[dict[str, Any]]:
    return [
        {
            "voice_id": vid,
            "name": name,
            "audio_url": f"{base}/media/voice-{i}.mp3",
            "language": lang,
            "gender": gender,
            "age": age,
            "accent": accent,
            "use_case": use,
        }
        for i, (vid, name, lang, gender, age, accent, use) in enumerate(_VOICE_SEED)
    ]


# Visual styles are chosen by name on create; some exist only for some aspect ratios.
_VISUAL_STYLES = (
    (2400, "FullScreen", ASPECTS),
    (2401, "Simple split screen template", ASPECTS),
    (2402, "Simple Product Switch", ASPECTS),
    (2403, "Picture in Picture", ("landscape", "square")),
    (2404, "Green Screen Effect", ("portrait",)),
    (2405, "Product Carousel", ("portrait", "square")),
    (2406, "Bold Captions", ASPECTS),
    (2407, "Minimal Frame", ("landscape",)),
)
VISUAL_STYLE_NAMES = frozenset(name for _, name, _ in _VISUAL_STYLES)


def visual_styles(aspect: str | None) -> list[dict[str, Any]]:
    return [{"id": sid, "name": name} for sid, name, aspects in _VISUAL_STYLES if aspect is None or aspect in aspects]


_TEMPLATES = (
    (0, "Product Spotlight", 0),
    (108, "Unboxing Story", 0),
    (143, "Feature Tour", 1),
    (149, "Social Promo", 0),
    (152, "Square Teaser", 2),
    (160, "Landscape Explainer", 1),
)
_CUSTOM_TEMPLATES = ((5001, "My Brand Intro", 0), (5002, "My Sale Banner", 1))
# A custom template's variables: (type, name). JoggAI publishes them for custom templates only.
CUSTOM_TEMPLATE_VARIABLES: dict[int, tuple[tuple[str, str], ...]] = {
    5001: (("text", "headline"), ("image", "logo"), ("script", "voiceover")),
    5002: (("text", "sale_text"), ("video", "background"), ("script", "voiceover")),
}
TEMPLATE_SECONDS = 15.0  # how long a template runs before its script makes it longer
TEMPLATE_IDS = frozenset(t[0] for t in _TEMPLATES)
CUSTOM_TEMPLATE_IDS = frozenset(t[0] for t in _CUSTOM_TEMPLATES)


def templates(base: str, aspect: str | None, *, custom: bool) -> list[dict[str, Any]]:
    source = _CUSTOM_TEMPLATES if custom else _TEMPLATES
    wanted = None if aspect is None else ASPECTS.index(aspect)
    return [
        {
            "id": tid,
            "name": name,
            "cover_url": f"{base}/media/template-{tid}.png",
            "preview_url": f"{base}/media/template-{tid}.mp4",
            "aspect_ratio": ratio,
        }
        for tid, name, ratio in source
        if wanted is None or ratio == wanted
    ]


_MUSIC = (
    "Upbeat Pop",
    "Calm Piano",
    "Corporate Drive",
    "Summer Breeze",
    "Lo-fi Morning",
    "Epic Rise",
    "Acoustic Sun",
    "Retro Synth",
    "Gentle Strings",
    "Urban Groove",
    "Bright Ukulele",
    "Deep House",
)
MUSIC_IDS = frozenset(range(1, len(_MUSIC) + 1))


def music(base: str) -> list[dict[str, Any]]:
    return [
        {"id": i, "name": name, "music_url": f"{base}/media/music-{i}.mp3", "duration": 60 + 15 * (i % 5)}
        for i, name in enumerate(_MUSIC, start=1)
    ]
