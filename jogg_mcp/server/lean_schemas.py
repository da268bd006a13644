"""tools/list as lean as the facts allow: every byte of it is context a model pays for in each conversation.

pydantic writes schemas for people reading Python: a title per field, `default: null` and an `anyOf` with
`{"type": "null"}` around every optional value, the input's length limits again in the output. The model needs
the names, types, enums, which fields are required, and a word where the name is not enough. The rules
(docs/tool-descriptions.md, "What tools/list costs"):

- no titles (they repeat the key);
- an optional input is simply not required: `anyOf [X, null]` becomes X, and `default: null` goes;
- an output may be null where it says so, written as a type list: `{"type": ["number", "null"]}`;
- outputs carry no defaults, descriptions or input limits: the tool's description and the text beside the
  structured result say what it means, and the server produced it;
- an id's `pattern` is the server's own guard for URL paths, checked there with a clear error; not listed;
- no string lengths: text rarely nears them, and the server names the one it passed and its limit;
- a `$defs` entry used once is written in place; the docstring of the Python class behind it goes.
"""

from __future__ import annotations

import json
from typing import Any

NULL = {"type": "null"}
# Keywords that constrain what a caller may send; an output schema describes what it gets, so they are noise.
INPUT_LIMITS = frozenset(
    {"maxLength", "minLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}
)


def lean_input(schema: Any) -> Any:
    return _lean(_inline_single_use(schema), output=False)


def lean_output(schema: Any) -> Any:
    return _lean(_inline_single_use(schema), output=True)


def _inline_single_use(schema: Any) -> Any:
    """Write each `$defs` entry referenced once where it is used, without its class docstring."""
    if not isinstance(schema, dict) or "$defs" not in schema:
        return schema
    defs = {name: {k: v for k, v in d.items() if k != "description"} for name, d in schema["$defs"].items()}
    text = json.dumps(schema)
    uses = {name: text.count(f'"#/$defs/{name}"') for name in defs}
    kept = {name: d for name, d in defs.items() if uses[name] > 1}

    def place(node: Any) -> Any:
        if isinstance(node, list):
            return [place(item) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref", "")
        name = ref.removeprefix("#/$defs/")
        if ref.startswith("#/$defs/") and name not in kept:
            return place({**defs[name], **{k: v for k, v in node.items() if k != "$ref"}})
        return {k: place(v) for k, v in node.items() if k != "$defs"}

    placed = place(schema)
    return {**placed, "$defs": {n: place(d) for n, d in kept.items()}} if kept else placed


def _lean(node: Any, *, output: bool) -> Any:
    if isinstance(node, list):
        return [_lean(item, output=output) for item in node]
    if not isinstance(node, dict):
        return node
    node = _without_null_choice(node, output=output)
    lean: dict[str, Any] = {}
    for key, value in node.items():
        if key == "title" and isinstance(value, str):
            continue
        if key == "default" and (output or value is None):
            continue
        if output and (key in INPUT_LIMITS or key == "description"):
            continue
        if key in ("pattern", "minLength", "maxLength"):
            continue
        if key == "properties" and isinstance(value, dict):  # property names are data, not keywords
            lean[key] = {name: _lean(prop, output=output) for name, prop in value.items()}
            continue
        lean[key] = _lean(value, output=output)
    return lean


def _without_null_choice(node: dict[str, Any], *, output: bool) -> dict[str, Any]:
    """`{"anyOf": [X, {"type": "null"}], ...}` as X: in an input, optional already means "may be left out";
    in an output, null stays allowed through a type list when X is a plain type."""
    choices = node.get("anyOf")
    if not (isinstance(choices, list) and len(choices) == 2 and NULL in choices):
        return node
    (other,) = [choice for choice in choices if choice != NULL]
    if not isinstance(other, dict):
        return node
    rest = {k: v for k, v in node.items() if k != "anyOf"}
    if not output:
        return {**other, **rest}
    kind = other.get("type")
    if isinstance(kind, str) and "$ref" not in other:
        merged = {**other, **rest, "type": [kind, "null"]}
        if "enum" in merged:
            merged["enum"] = [*merged["enum"], None]
        return merged
    return node
