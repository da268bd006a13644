"""How a failure reads to the model: one actionable paragraph that says whether anything was charged.

The facts come from the error classes (jogg_mcp.api.errors); this module only words them.
"""

from __future__ import annotations

from pydantic import ValidationError

from jogg_mcp.api import errors as api_errors

NO_KEY = (
    "No JoggAI API key is configured, so nothing can be sent to JoggAI. Set JOGG_API_KEY in this server's "
    'environment (in your MCP client\'s config: "env": {"JOGG_API_KEY": "..."}); find the key in the JoggAI '
    "dashboard under avatar menu → API. To try every tool without a key, start the server with --sandbox."
)


def explain(error: api_errors.JoggError, *, billable: bool) -> str:
    """The message a model (and the person behind it) can act on."""
    text = str(error)
    if (not billable or error.refused_before_processing) and "Nothing was charged" not in text:
        text += " Nothing was charged."  # free calls never charge; refused creates were not processed
    if isinstance(error, api_errors.AuthenticationError):
        text += " (Or start the server with --sandbox to try it without a key.)"
    if isinstance(error, api_errors.InsufficientCreditsError):
        text += " Call get_credits to see the balance."
    return text


def invalid_request(error: ValidationError) -> str:
    """A request model's refusal as one line per problem, without pydantic's class names and URLs."""
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"])
        message = item["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return f"Invalid request: {'; '.join(parts)}. Nothing was sent to JoggAI, so nothing was charged."
