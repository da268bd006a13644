"""Configuration from the environment (and CLI flags), validated once at start-up.

Every problem is collected and reported in one message, so a user fixes their client config in one go
instead of restarting the server once per mistake. The API key is held as a SecretStr and never printed.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, SecretStr

DEFAULT_BASE_URL = "https://api.jogg.ai"

# A value copied from a config template but never filled in: "${JOGG_API_KEY}", "$JOGG_API_KEY",
# "<your-api-key>", "YOUR_API_KEY", "${input:jogg_key}" (VS Code) and the like.
_PLACEHOLDER = re.compile(
    r"""^\s*(
        \$\{[^}]*\}            # ${VAR} or ${input:x}
      | \$[A-Za-z_][A-Za-z0-9_]*  # $VAR
      | <[^>]*>                # <your-api-key>
      | (your|my)[_\- ]?(jogg[_\- ]?)?(api[_\- ]?)?key  # YOUR_API_KEY
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


def is_unset(value: str | None) -> bool:
    """True for a missing, blank or unsubstituted-placeholder value."""
    return value is None or not value.strip() or bool(_PLACEHOLDER.match(value))


@dataclass(frozen=True)
class EnvVar:
    """One documented setting: the README's configuration table is generated from these."""

    name: str
    flag: str | None
    default: str
    description: str


ENV_VARS: tuple[EnvVar, ...] = (
    EnvVar(
        "JOGG_API_KEY",
        None,
        "(none)",
        "Your JoggAI API key (dashboard → avatar menu → API). "
        "Without it the server starts and every tool explains how to set it.",
    ),
    EnvVar(
        "JOGG_BASE_URL",
        "--base-url",
        DEFAULT_BASE_URL,
        "JoggAI API origin. Must be https, except for loopback addresses (the sandbox).",
    ),
    EnvVar("JOGG_CONNECT_TIMEOUT", None, "10", "Seconds to wait for a TCP/TLS connection."),
    EnvVar("JOGG_READ_TIMEOUT", None, "30", "Seconds to wait for an API response."),
    EnvVar(
        "JOGG_UPLOAD_TIMEOUT",
        None,
        "300",
        "Seconds a single socket read or write of an upload may stall (not the whole upload).",
    ),
    EnvVar("JOGG_MAX_RETRIES", None, "3", "Retries for safe calls (GETs, uploads) after transient failures."),
    EnvVar(
        "JOGG_ALLOWED_DIRS",
        "--allowed-dir",
        "(media folders in your home)",
        f"Folders upload_asset may read from, separated by '{os.pathsep}'. Ignored when the MCP client provides roots.",
    ),
    EnvVar("JOGG_LOG_LEVEL", "--log-level", "INFO", "Log level for stderr: DEBUG, INFO, WARNING or ERROR."),
    EnvVar(
        "JOGG_HTTP_TOKEN",
        "--http-token",
        "(none)",
        "HTTP transport only: clients must send `Authorization: Bearer <token>`. Strongly advised off loopback.",
    ),
    EnvVar(
        "JOGG_STATE",
        None,
        "(your state folder)/ledger.sqlite3",
        "Where the spending ledger is kept: a file path (SQLite), or redis://host:port/db to share one between "
        "HTTP replicas (pip install 'jogg-mcp[redis]'). Every spending call is recorded there first.",
    ),
    EnvVar(
        "JOGG_DEDUP_MINUTES",
        None,
        "30",
        "An identical spending request within this many minutes returns the first one's project instead of paying "
        "again (new_take=true renders again on purpose).",
    ),
    EnvVar(
        "JOGG_SPEND_LIMIT",
        None,
        "(none)",
        "Most credits one API key may spend through this server in any 24 hours; a call that would pass it is "
        "refused before it is sent.",
    ),
    EnvVar(
        "JOGG_CONFIRM_SPENDING",
        None,
        "auto",
        "auto: when the MCP client can ask its user (elicitation), every spending call asks first, with the cost "
        "and the balance after; never: do not ask.",
    ),
    EnvVar("JOGG_READ_ONLY", "--read-only", "(off)", "1: list no tool that spends credits or creates anything."),
    EnvVar(
        "JOGG_TOOLSETS",
        "--toolsets",
        "video",
        "Comma-separated toolsets to list: video (making and delivering videos), templates (videos from "
        "templates with your own text and media), avatars (photo and product avatars), studio (lip sync and "
        "translation), history (JoggAI's own lists of past renders), or all. An unknown name stops the server with "
        "the list of toolsets.",
    ),
    EnvVar(
        "JOGG_OUTPUT_SCHEMAS",
        "--output-schemas",
        "(off)",
        "1: list each tool's output schema too, for clients that check or program against structured results. "
        "Off, every result still carries structuredContent; hosts pass a model only names, descriptions and input "
        "schemas, so the schemas would cost context and tell it nothing.",
    ),
    EnvVar(
        "JOGG_TOOLS",
        "--tools",
        "(all)",
        "Comma-separated tool names: list only these (an unknown name stops the server with the list of names).",
    ),
)

_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class ConfigError(ValueError):
    """Raised with every configuration problem listed, one per line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"jogg-mcp configuration is invalid:\n{lines}")


class Settings(BaseModel):
    """Validated configuration. Build it with `Settings.load()`."""

    model_config = ConfigDict(frozen=True)

    api_key: SecretStr | None = None
    base_url: str = DEFAULT_BASE_URL
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    upload_timeout: float = 300.0
    max_retries: int = 3
    allowed_dirs: tuple[Path, ...] = ()
    # Entries of JOGG_ALLOWED_DIRS that cannot be used: upload_asset explains them, so a typo there does not
    # stop the server before a client can even connect.
    allowed_dir_problems: tuple[str, ...] = ()
    log_level: str = "INFO"
    http_token: SecretStr | None = None
    state_path: Path | None = None  # None: the user's state folder (platformdirs), found when first needed
    state_url: str | None = None  # a shared Redis ledger instead of a file (JOGG_STATE=redis://...)
    dedup_minutes: float = 30.0
    spend_limit: float | None = None
    read_only: bool = False
    tools: tuple[str, ...] = ()  # empty: every tool of the enabled toolsets
    toolsets: tuple[str, ...] = ("video",)
    output_schemas: bool = False  # list output schemas in tools/list (docs/tool-descriptions.md)
    confirm_spending: Literal["auto", "never"] = "auto"

    @property
    def has_api_key(self) -> bool:
        return self.api_key is not None

    @classmethod
    def load(
        cls,
        environ: Mapping[str, str] | None = None,
        overrides: Mapping[str, Any] | None = None,
    ) -> Settings:
        """Read the environment, apply CLI overrides (None means "not given"), validate everything."""
        env = dict(os.environ if environ is None else environ)
        given = {k: v for k, v in (overrides or {}).items() if v is not None}
        problems: list[str] = []

        raw_key = given.get("api_key", env.get("JOGG_API_KEY"))
        api_key = None if is_unset(raw_key) else SecretStr(str(raw_key).strip())

        base_url = str(given.get("base_url", env.get("JOGG_BASE_URL") or DEFAULT_BASE_URL)).rstrip("/")
        url_problem = _check_base_url(base_url)
        if url_problem:
            problems.append(f"JOGG_BASE_URL={base_url!r}: {url_problem}")

        def number(
            var: str, default: float, *, integer: bool = False, minimum: float = 0.0, unit: str = "seconds"
        ) -> float:
            raw = given.get(var.lower().removeprefix("jogg_"), env.get(var))
            if is_unset(None if raw is None else str(raw)):
                return default
            try:
                value = int(str(raw)) if integer else float(str(raw))
            except ValueError:
                kind = "a whole number" if integer else f"a number of {unit}"
                problems.append(f"{var}={raw!r}: must be {kind}, for example {default:g}")
                return default
            if value < minimum or (not integer and value == 0):
                problems.append(f"{var}={raw!r}: must be greater than {minimum:g}")
                return default
            return value

        connect_timeout = number("JOGG_CONNECT_TIMEOUT", 10.0)
        read_timeout = number("JOGG_READ_TIMEOUT", 30.0)
        upload_timeout = number("JOGG_UPLOAD_TIMEOUT", 300.0)
        max_retries = int(number("JOGG_MAX_RETRIES", 3, integer=True, minimum=0))

        raw_dirs = given.get("allowed_dirs")
        if raw_dirs is None:
            env_dirs = env.get("JOGG_ALLOWED_DIRS")
            raw_dirs = [] if is_unset(env_dirs) else [d for d in str(env_dirs).split(os.pathsep) if d.strip()]
        allowed_dirs: list[Path] = []
        dir_problems: list[str] = []
        for entry in raw_dirs:
            path = Path(os.path.expanduser(str(entry).strip()))
            if not path.is_absolute():
                dir_problems.append(f"JOGG_ALLOWED_DIRS entry {str(entry)!r}: must be an absolute path")
            elif not path.is_dir():
                dir_problems.append(f"JOGG_ALLOWED_DIRS entry {str(entry)!r}: is not an existing folder")
            else:
                allowed_dirs.append(path.resolve())

        log_level = str(given.get("log_level", env.get("JOGG_LOG_LEVEL") or "INFO")).upper()
        if log_level not in _LOG_LEVELS:
            problems.append(f"JOGG_LOG_LEVEL={log_level!r}: must be one of {', '.join(_LOG_LEVELS)}")

        raw_token = given.get("http_token", env.get("JOGG_HTTP_TOKEN"))
        http_token = None if is_unset(raw_token) else SecretStr(str(raw_token).strip())
        if http_token is not None and len(http_token.get_secret_value()) < 16:
            problems.append("JOGG_HTTP_TOKEN: must be at least 16 characters (use a random string)")

        raw_state = given.get("state", env.get("JOGG_STATE"))
        state_path = None
        state_url = None
        if not is_unset(None if raw_state is None else str(raw_state)):
            state_text = str(raw_state).strip()
            if state_text.startswith(("redis://", "rediss://")):
                state_url = state_text
            elif "://" in state_text:
                problems.append(f"JOGG_STATE={state_text!r}: must be a file path or a redis:// URL")
            else:
                state_path = Path(os.path.expanduser(state_text))
                if not state_path.is_absolute():
                    problems.append(f"JOGG_STATE={state_text!r}: must be an absolute file path")
        dedup_minutes = number("JOGG_DEDUP_MINUTES", 30.0, unit="minutes")
        spend_limit = number("JOGG_SPEND_LIMIT", 0.0, unit="credits") or None
        raw_read_only = str(given.get("read_only", env.get("JOGG_READ_ONLY") or "")).strip().lower()
        if raw_read_only not in ("", "0", "1", "true", "false", "yes", "no"):
            problems.append(f"JOGG_READ_ONLY={raw_read_only!r}: must be 1 or 0")
        read_only = raw_read_only in ("1", "true", "yes")
        raw_schemas = str(given.get("output_schemas", env.get("JOGG_OUTPUT_SCHEMAS") or "")).strip().lower()
        if raw_schemas not in ("", "0", "1", "true", "false", "yes", "no"):
            problems.append(f"JOGG_OUTPUT_SCHEMAS={raw_schemas!r}: must be 1 or 0")
        output_schemas = raw_schemas in ("1", "true", "yes")
        confirm = str(env.get("JOGG_CONFIRM_SPENDING") or "auto").strip().lower()
        if confirm not in ("auto", "never"):
            problems.append(f"JOGG_CONFIRM_SPENDING={confirm!r}: must be auto or never")
            confirm = "auto"
        raw_tools = given.get("tools", env.get("JOGG_TOOLS"))
        tools = tuple(t.strip() for t in str(raw_tools or "").split(",") if t.strip())
        raw_toolsets = given.get("toolsets", env.get("JOGG_TOOLSETS"))
        toolsets = tuple(t.strip().lower() for t in str(raw_toolsets or "").split(",") if t.strip()) or ("video",)

        if problems:
            raise ConfigError(problems)
        return cls(
            api_key=api_key,
            base_url=base_url,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            upload_timeout=upload_timeout,
            max_retries=max_retries,
            allowed_dirs=tuple(allowed_dirs),
            allowed_dir_problems=tuple(dir_problems),
            log_level=log_level,
            http_token=http_token,
            state_path=state_path,
            state_url=state_url,
            dedup_minutes=dedup_minutes,
            spend_limit=spend_limit,
            read_only=read_only,
            tools=tools,
            toolsets=toolsets,
            output_schemas=output_schemas,
            confirm_spending="never" if confirm == "never" else "auto",
        )


def is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _check_base_url(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "must be an http(s) URL such as https://api.jogg.ai"
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        return "plain http would send your API key unencrypted; use https (http is allowed only on loopback)"
    if parts.query or parts.fragment:
        return "must not contain a query string or fragment"
    if parts.path not in ("", "/"):
        return (
            f"must be the API's origin only, such as https://api.jogg.ai: drop {parts.path!r} "
            "(jogg-mcp adds /v1/... and /v2/... itself)"
        )
    return None
