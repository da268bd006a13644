"""What one spending call is, as the ledger keeps it."""

from __future__ import annotations

import hashlib
import json
import uuid
from enum import StrEnum
from typing import Any, Protocol

from pydantic import BaseModel, Field


class LedgerError(Exception):
    """The ledger cannot be read or written; the message says where it is and what to do."""


class Outcome(StrEnum):
    SENT = "sent"  # recorded, and being sent now: an identical call waits for it
    ACCEPTED = "accepted"  # JoggAI answered with a project id: it charged
    REFUSED = "refused"  # JoggAI refused it before processing: nothing was charged
    UNKNOWN = "unknown"  # the answer was lost: it may have been charged


class SpendRecord(BaseModel):
    id: str = Field(default_factory=lambda: uuid.uuid4().hex)
    fingerprint: str  # of the normalised request: identical requests share it
    key_hash: str  # of the API key, never the key
    kind: str  # url_video, avatar_video, ...
    summary: str  # what was asked for, in words
    created_at: float  # Unix time
    estimated_credits: float | None = None  # None: the cost could not be known beforehand
    charged_credits: float | None = None  # what JoggAI reports it charged, when it does
    credits_before: float | None = None  # the balance just before sending, to reconcile a lost answer
    project_id: str | None = None
    outcome: Outcome = Outcome.SENT
    status: str | None = None  # the last known render status
    request: dict[str, Any] = Field(default_factory=dict)  # the wire body as sent (no secrets in it)
    result: dict[str, Any] | None = None  # an answer given at once (AI scripts): repeated, never paid for again


def counted_cost(record: SpendRecord, unknown_cost: float) -> float:
    """What a record counts for against a spending limit: charged, else estimated, else (a cost that could not
    be known) `unknown_cost`, the most it can have been; a refused request cost nothing."""
    if record.outcome is Outcome.REFUSED:
        return 0.0
    if record.charged_credits is not None:
        return record.charged_credits
    return record.estimated_credits if record.estimated_credits is not None else unknown_cost


def fingerprint(endpoint: str, body: dict[str, Any]) -> str:
    """The same request gives the same fingerprint, whatever the order of its fields."""
    canonical = json.dumps({"endpoint": endpoint, "body": body}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def key_hash(api_key: str) -> str:
    return hashlib.sha256(b"jogg-mcp ledger:" + api_key.encode()).hexdigest()


class Ledger(Protocol):
    """What the server needs of a ledger; SqliteLedger and RedisLedger both provide it, with the same tests."""

    def describe(self) -> str: ...

    def claim(self, record: SpendRecord, *, window_seconds: float, new_take: bool) -> tuple[SpendRecord, bool]: ...

    def find_twin(self, key_hash: str, fingerprint: str, since: float) -> SpendRecord | None: ...

    def update(self, record_id: str, **changes: Any) -> SpendRecord: ...

    def get(self, record_id: str) -> SpendRecord | None: ...

    def by_project(self, project_id: str) -> SpendRecord | None: ...

    def recent(self, key_hash: str, *, limit: int, offset: int = 0) -> list[SpendRecord]: ...

    def spent_since(self, key_hash: str, since: float, *, unknown_cost: float) -> float: ...

    def remember_asset(self, asset_url: str, duration_seconds: float | None) -> None: ...

    def asset_duration(self, asset_url: str) -> float | None: ...

    def close(self) -> None: ...
