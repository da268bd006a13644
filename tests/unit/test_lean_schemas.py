"""The lean tools/list rules (server/lean_schemas.py): fewer bytes, the same facts."""

from __future__ import annotations

from typing import Annotated, Any

import jsonschema
from pydantic import BaseModel, Field

from jogg_mcp.server.lean_schemas import lean_input, lean_output


class Item(BaseModel):
    """A Python docstring the model does not need."""

    url: str = Field(max_length=2048)
    title: str | None = Field(default=None, description="A field named like a keyword")


class Result(BaseModel):
    kind: Annotated[str, Field(pattern="^[a-z]+$")]
    credits: float | None = Field(description="null when unknown")
    first: Item
    others: list[Item] = []
    single: Annotated[Item | None, Field(default=None)] = None


def schema() -> dict[str, Any]:
    return Result.model_json_schema()


def test_an_optional_input_is_just_not_required() -> None:
    lean = lean_input(
        {
            "type": "object",
            "properties": {
                "n": {"anyOf": [{"type": "integer"}, {"type": "null"}], "default": None, "description": "d"}
            },
        }
    )
    assert lean["properties"]["n"] == {"type": "integer", "description": "d"}


def test_outputs_keep_null_where_allowed_and_lose_titles_defaults_limits_and_descriptions() -> None:
    lean = lean_output(schema())
    text = str(lean)
    assert lean["properties"]["credits"] == {"type": ["number", "null"]}
    for noise in ("'title': 'Result'", "maxLength", "pattern", "docstring", "'default'", "null when unknown"):
        assert noise not in text, noise
    assert "title" in lean["$defs"]["Item"]["properties"]  # a property named title stays a property
    validator = jsonschema.Draft202012Validator(lean)
    good = {"kind": "a", "credits": None, "first": {"url": "u", "title": None}, "others": [{"url": "v"}]}
    assert not list(validator.iter_errors(good))
    assert list(validator.iter_errors({**good, "credits": "many"}))  # still typed
    assert list(validator.iter_errors({**good, "first": {"title": "no url"}}))  # still required


def test_a_definition_used_once_is_written_in_place_and_one_used_often_is_kept() -> None:
    once = lean_output(
        {
            "$defs": {"K": {"enum": ["a"], "type": "string", "description": "doc"}},
            "properties": {"k": {"$ref": "#/$defs/K"}},
            "type": "object",
        }
    )
    assert once == {"properties": {"k": {"enum": ["a"], "type": "string"}}, "type": "object"}
    often = lean_output(schema())
    assert set(often["$defs"]) == {"Item"} and often["properties"]["first"] == {"$ref": "#/$defs/Item"}
