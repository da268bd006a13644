"""Arguments a model got wrong, answered so it can fix them in one step (docs/architecture.md).

A middleware checks every tools/call before the SDK does: unknown argument names are refused with the
closest real one, and each invalid field gets one line: the field, the value received, what is allowed, and
which tool gives valid values. No class names, no pydantic URLs, and nothing is sent to JoggAI.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Mapping
from typing import Any

from mcp.server.mcpserver.tools import Tool
from mcp.types import CallToolResult, TextContent
from pydantic import ValidationError

from jogg_mcp.server.inventory import BY_NAME

# JoggAI's own numeric codes for values our tools name in words (docs/joggai-api.md, "Vocabularies"): a model
# that read JoggAI's docs may send them, and is told the word to use instead.
JOGGAI_CODES: dict[str, dict[Any, Any]] = {
    "avatar_type": {0: "public", 1: "custom"},
    "aspect_ratio": {0: "portrait", 1: "landscape", 2: "square"},
    "screen_style": {1: "background", 2: "green_screen", 3: "transparent"},
    "type": {1: "image", 2: "video"},  # product media items
    "video_length": {"15": 15, "30": 30, "60": 60},
    "template_type": {"common": "public", "user": "custom"},
}
# Names a model reaches for that difflib cannot relate to ours: JoggAI's own parameter names, mostly.
LIKELY_MEANT = {
    "avatar_type": "source",
    "template_type": "source",
    "type": "source",
    "lang": "language",
    "ratio": "aspect_ratio",
    "length": "video_length",
    "duration": "video_length",
    "style": "visual_style",
    "music": "music_id",
    "file": "path",
    "file_path": "path",
    "product_url": "url",
}
_TOOL_NAME = re.compile(
    r"\b(?:list_[a-z_]+(?:\(kind=[a-z_]+\))?|create_[a-z_]+|upload_asset|get_[a-z_]+|update_product)"
)
_MAX_SHOWN = 60


@functools.cache
def _tool(name: str) -> Tool | None:
    spec = BY_NAME.get(name)
    return None if spec is None else Tool.from_function(spec.function, name=name)


def problems(tool_name: str, arguments: Mapping[str, Any]) -> str | None:
    """What is wrong with these arguments, worded for the model; None when they are fine."""
    tool = _tool(tool_name)
    if tool is None:
        return None
    properties: dict[str, Any] = tool.parameters.get("properties", {})
    lines = [_unknown(name, tool_name, properties) for name in arguments if name not in properties]
    try:
        tool.fn_metadata.validate_arguments(dict(arguments))
    except ValidationError as error:
        lines += [_invalid(item, properties) for item in error.errors()]
    if not lines:
        return None
    listed = "\n".join(f"- {line}" for line in lines)
    return f"Invalid arguments for {tool_name}:\n{listed}\nNothing was sent to JoggAI, so nothing was charged."


def _unknown(name: str, tool_name: str, properties: Mapping[str, Any]) -> str:
    close = difflib.get_close_matches(name, list(properties), n=1, cutoff=0.6)
    if not close and LIKELY_MEANT.get(name) in properties:
        close = [LIKELY_MEANT[name]]
    hint = f" Did you mean {close[0]!r}?" if close else ""
    return f"{name}: not an argument of {tool_name}.{hint} It takes: {', '.join(properties) or 'no arguments'}."


def _invalid(item: Mapping[str, Any], properties: Mapping[str, Any]) -> str:
    location = [str(part) for part in item["loc"]]
    field = ".".join(location)
    described = _description(properties.get(location[0], {})) if location else ""
    if item["type"] == "missing":
        return f"{field}: missing (required).{_sources(described)}"
    received = item.get("input")
    message = str(item["msg"]).removeprefix("Value error, ").replace("Input should be", "should be")
    line = f"{field}: got {_shown(received)}; {message}" + ("" if message.endswith((".", "?")) else ".")
    coded = JOGGAI_CODES.get(location[-1], {}) if location else {}
    if _hashable(received) and received in coded and not isinstance(received, bool):
        meant = coded[received]
        line += (
            f" {received!r} is JoggAI's own code for {meant!r}: pass {meant!r}."
            if isinstance(meant, str)
            else f" Pass it as the number {meant}, not as text."
        )
    return line + _sources(described)


def _description(schema: Mapping[str, Any]) -> str:
    """A parameter's description: its own, or (an optional parameter) the one inside its non-null branch."""
    if schema.get("description"):
        return str(schema["description"])
    return next((str(branch["description"]) for branch in schema.get("anyOf", []) if "description" in branch), "")


def _sources(description: str) -> str:
    tools = list(dict.fromkeys(_TOOL_NAME.findall(description)))
    return f" Valid values come from {' or '.join(tools)}." if tools else ""


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 3] + "..."


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


async def check_tool_arguments(ctx: Any, call_next: Any) -> Any:
    """Server middleware: refuse a tools/call whose arguments are wrong, before anything runs."""
    params = getattr(ctx, "params", None)
    if getattr(ctx, "method", None) == "tools/call" and isinstance(params, Mapping):
        name, arguments = params.get("name"), params.get("arguments") or {}
        if isinstance(name, str) and isinstance(arguments, Mapping):
            text = problems(name, arguments)
            if text is not None:
                refused = CallToolResult(content=[TextContent(type="text", text=text)], is_error=True)
                return refused.model_dump(by_alias=True, mode="json", exclude_none=True)
    return await call_next(ctx)
