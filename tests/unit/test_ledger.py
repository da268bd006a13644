"""The spending ledger on its own: claims, outcomes, totals, and every way its file can go wrong."""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from pathlib import Path

import pytest

from jogg_mcp.ledger import Ledger, LedgerError, Outcome, RedisLedger, SpendRecord, SqliteLedger, open_ledger
from jogg_mcp.ledger.records import fingerprint
from tests.support import free_port


def record(fp: str = "f1", key: str = "k1", **fields: object) -> SpendRecord:
    values: dict[str, object] = {
        "fingerprint": fp,
        "key_hash": key,
        "kind": "url_video",
        "summary": "a video",
        "created_at": time.time(),
        "estimated_credits": 1.0,
    }
    values.update(fields)
    return SpendRecord.model_validate(values)


@pytest.fixture(params=["sqlite", "redis"])
def state(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """Where a ledger lives: both backends pass every test that is not about one of them."""
    if request.param == "redis":
        url: str = request.getfixturevalue("redis_url")
        return url
    return tmp_path / "state" / "ledger.sqlite3"


@pytest.fixture
def ledger(state: str | Path) -> Ledger:
    return open_ledger(state)


def test_an_identical_request_in_the_window_returns_the_first(ledger: Ledger) -> None:
    first, stored = ledger.claim(record(), window_seconds=1800, new_take=False)
    again, stored_again = ledger.claim(record(), window_seconds=1800, new_take=False)
    assert stored and not stored_again and again.id == first.id
    other_key, stored_other = ledger.claim(record(key="k2"), window_seconds=1800, new_take=False)
    assert stored_other and other_key.id != first.id  # another API key is another account
    take, stored_take = ledger.claim(record(), window_seconds=1800, new_take=True)
    assert stored_take and take.id != first.id


def test_outside_the_window_or_refused_it_is_sent_again(ledger: Ledger) -> None:
    old, _ = ledger.claim(record(created_at=time.time() - 3600), window_seconds=1800, new_take=False)
    fresh, stored = ledger.claim(record(), window_seconds=1800, new_take=False)
    assert stored and fresh.id != old.id
    ledger.update(fresh.id, outcome=Outcome.REFUSED)  # refused before processing: nothing was charged
    retry, stored_retry = ledger.claim(record(), window_seconds=1800, new_take=False)
    assert stored_retry and retry.id != fresh.id


def test_updates_lookups_and_totals(ledger: Ledger) -> None:
    one, _ = ledger.claim(record("a", estimated_credits=2.0), window_seconds=1800, new_take=False)
    two, _ = ledger.claim(record("b", estimated_credits=1.0), window_seconds=1800, new_take=False)
    ledger.update(one.id, outcome=Outcome.ACCEPTED, project_id="p1", charged_credits=3.0)
    ledger.update(two.id, outcome=Outcome.REFUSED)
    assert ledger.by_project("p1") == ledger.get(one.id)
    assert ledger.spent_since("k1", time.time() - 60, unknown_cost=5) == 3.0  # charged wins; refused is free
    assert [r.id for r in ledger.recent("k1", limit=10)] == [two.id, one.id]  # newest first
    ledger.claim(record("c", estimated_credits=None), window_seconds=1800, new_take=False)
    assert ledger.spent_since("k1", time.time() - 60, unknown_cost=5) == 8.0  # a cost not known counts its most
    ledger.remember_asset("https://cdn/a.mp3", 290.0)
    assert ledger.asset_duration("https://cdn/a.mp3") == 290.0 and ledger.asset_duration("https://x") is None


def _claim_many(state: str | Path, worker: int, count: int) -> None:
    ledger = open_ledger(state)
    for n in range(count):
        ledger.claim(record(f"w{worker}-{n}"), window_seconds=1800, new_take=False)
        ledger.claim(record("shared"), window_seconds=1800, new_take=False)  # all race for the same intent


@pytest.mark.slow  # four processes
def test_concurrent_writers_in_several_processes_lose_nothing(state: str | Path) -> None:
    open_ledger(state).recent("k1", limit=1)  # create it
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_claim_many, args=(state, w, 25)) for w in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
        assert process.exitcode == 0
    records = open_ledger(state).recent("k1", limit=1000)
    assert len(records) == 4 * 25 + 1  # every distinct intent, and the shared one exactly once


def test_a_damaged_file_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(LedgerError, match=r"is damaged .* Move the file aside .* JOGG_STATE"):
        SqliteLedger(path).claim(record(), window_seconds=1800, new_take=False)


def test_a_locked_file_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "ledger.sqlite3"
    SqliteLedger(path).recent("k1", limit=1)
    monkeypatch.setattr("jogg_mcp.ledger.sqlite.BUSY_TIMEOUT_MS", 100)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
    try:
        with pytest.raises(LedgerError, match="is locked by another process"):
            SqliteLedger(path).claim(record(), window_seconds=1800, new_take=False)
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_an_unwritable_place_is_explained(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(LedgerError, match=r"cannot be used .* JOGG_STATE"):
        SqliteLedger(blocker / "ledger.sqlite3").recent("k1", limit=1)


def test_a_fingerprint_ignores_field_order() -> None:
    assert fingerprint("/v1/x", {"a": 1, "b": 2}) == fingerprint("/v1/x", {"b": 2, "a": 1})
    assert fingerprint("/v1/x", {"a": 1}) != fingerprint("/v1/y", {"a": 1})


def test_an_unreachable_redis_is_explained() -> None:
    closed = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    with pytest.raises(LedgerError, match=r"in Redis at redis://127\.0\.0\.1:\d+/0 cannot be reached .* Start Redis"):
        RedisLedger(closed).claim(record(), window_seconds=1800, new_take=False)


def test_a_redis_password_never_appears_in_messages() -> None:
    assert "hunter2" not in RedisLedger("redis://user:hunter2@127.0.0.1:1/0").describe()
