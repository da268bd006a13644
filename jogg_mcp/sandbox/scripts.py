"""The sandbox's stand-in for JoggAI's script writer (POST /v1/ai_scripts): short product scripts in several
styles, written from the product's real name, description and audience, in the requested language where the
sandbox has the words for it (English otherwise). The same input always gives the same scripts, and each
script fits the requested length when read by the sandbox's own voice (vocabulary.spoken_seconds)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jogg_mcp.sandbox.vocabulary import spoken_seconds

STYLES = ("Storytime", "Discovery", "Top 3 reasons")  # JoggAI answers several styles whatever was asked


@dataclass(frozen=True)
class Words:
    story: str  # each takes {name}
    discovery: str
    reasons: str
    ordinals: tuple[str, str, str]
    audience: str  # takes {audience}
    close: str  # takes {name}


WORDS = {
    "english": Words(
        "I almost gave up looking, until I found {name}.",
        "Have you heard of {name}?",
        "Three reasons to love {name}.",
        ("One:", "Two:", "Three:"),
        "Made for {audience}.",
        "Try {name} today.",
    ),
    "spanish": Words(
        "Casi me rendí, hasta que encontré {name}.",
        "¿Ya conoces {name}?",
        "Tres razones para amar {name}.",
        ("Uno:", "Dos:", "Tres:"),
        "Pensado para {audience}.",
        "Prueba {name} hoy.",
    ),
    "french": Words(
        "J'allais abandonner, puis j'ai trouvé {name}.",
        "Connaissez-vous {name} ?",
        "Trois raisons d'adorer {name}.",
        ("Un :", "Deux :", "Trois :"),
        "Pensé pour {audience}.",
        "Essayez {name} dès aujourd'hui.",
    ),
    "german": Words(
        "Ich hätte fast aufgegeben, bis ich {name} fand.",
        "Kennst du schon {name}?",
        "Drei Gründe für {name}.",
        ("Eins:", "Zwei:", "Drei:"),
        "Gemacht für {audience}.",
        "Probiere {name} noch heute.",
    ),
    "portuguese": Words(
        "Eu quase desisti, até encontrar {name}.",
        "Você já conhece {name}?",
        "Três motivos para amar {name}.",
        ("Um:", "Dois:", "Três:"),
        "Feito para {audience}.",
        "Experimente {name} hoje.",
    ),
    "japanese": Words(
        "諦めかけたとき、{name}に出会いました。",
        "{name}を知っていますか？",
        "{name}を選ぶ三つの理由。",
        ("一つ目：", "二つ目：", "三つ目："),
        "{audience}のために作られました。",
        "今すぐ{name}を試してみて。",
    ),
    "chinese": Words(
        "我差点放弃，直到发现了{name}。",
        "你听说过{name}吗？",
        "爱上{name}的三个理由。",
        ("第一：", "第二：", "第三："),
        "专为{audience}打造。",
        "今天就试试{name}。",
    ),
}

_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")


def selling_points(description: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(description) if part.strip()]


def write_scripts(
    *, name: str, description: str, target_audience: str, language: str, video_length: int
) -> list[dict[str, str]]:
    """/v1/ai_scripts' generated_scripts: one per style, paragraphs in one string as v1 sends them."""
    words = WORDS.get(language, WORDS["english"])
    points = selling_points(description) or [name]
    audience = [words.audience.format(audience=target_audience)] if target_audience else []
    close = words.close.format(name=name)
    three = [f"{ordinal} {points[index % len(points)]}" for index, ordinal in enumerate(words.ordinals)]
    drafts = {
        "Storytime": [words.story.format(name=name), *points, *audience, close],
        "Discovery": [words.discovery.format(name=name), *reversed(points), *audience, close],
        "Top 3 reasons": [words.reasons.format(name=name), *three, *audience, close],
    }
    return [
        {"script_style": style, "script_paragraphs": "\n".join(_fit(drafts[style], video_length))} for style in STYLES
    ]


def _fit(paragraphs: list[str], seconds: int) -> list[str]:
    """The opening and the close always; the paragraphs between them while the script still fits `seconds`."""
    opening, *middle, close = paragraphs
    kept = [opening]
    for paragraph in middle:
        if spoken_seconds(" ".join([*kept, paragraph, close])) <= seconds:
            kept.append(paragraph)
    return [*kept, close]
