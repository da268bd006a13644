"""The ledger in one SQLite file (the default): safe for several processes on one machine."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jogg_mcp.ledger.records import LedgerError, Outcome, SpendRecord, counted_cost

_SCHEMA = """
CREATE TABLE IF NOT EXISTS spends (
    id TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    key_hash TEXT NOT NULL,
    created_at REAL NOT NULL,
    project_id TEXT,
    outcome TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS spends_by_intent ON spends (key_hash, fingerprint, created_at);
CREATE INDEX IF NOT EXISTS spends_by_project ON spends (project_id);
CREATE TABLE IF NOT EXISTS assets (asset_url TEXT PRIMARY KEY, duration_seconds REAL, created_at REAL NOT NULL);
"""
BUSY_TIMEOUT_MS = 10_000  # another process writing: wait this long before calling the file locked


class SqliteLedger:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None

    def describe(self) -> str:
        return f"the spending ledger {self.path}"

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                connection = sqlite3.connect(
                    self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
                )
                connection.execute("PRAGMA journal_mode=WAL")
                connection.executescript(_SCHEMA)
            except (sqlite3.Error, OSError) as error:
                raise self._explain(error) from None
            self._connection = connection
        return self._connection

    def _explain(self, error: Exception) -> LedgerError:
        text = str(error)
        if "locked" in text or "busy" in text:
            return LedgerError(
                f"{self.describe()} is locked by another process for over {BUSY_TIMEOUT_MS // 1000} s, so this "
                "spending call was not sent. Try again in a moment; if it persists, stop the other jogg-mcp."
            )
        if "not a database" in text or "malformed" in text:
            return LedgerError(
                f"{self.describe()} is damaged ({text}), so no spending call can be recorded or sent. Move the "
                "file aside (renders already made stay in your JoggAI account), or set JOGG_STATE to a new path."
            )
        return LedgerError(f"{self.describe()} cannot be used ({text}). Set JOGG_STATE to a writable path.")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            connection = self._connect()
            try:
                connection.execute("BEGIN IMMEDIATE")  # one writer at a time, across processes too
                yield connection
                connection.execute("COMMIT")
            except sqlite3.Error as error:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise self._explain(error) from None
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise

    # --- spends ---------------------------------------------------------------------------------------

    def claim(self, record: SpendRecord, *, window_seconds: float, new_take: bool) -> tuple[SpendRecord, bool]:
        """Record `record` as sent, unless an identical request (same key, same fingerprint) was made within
        the window and was not refused: then return that one instead. True when `record` was stored."""
        with self._transaction() as db:
            if not new_take:
                found = self._recent_twin(db, record.key_hash, record.fingerprint, record.created_at - window_seconds)
                if found is not None:
                    return found, False
            self._write(db, record)
        return record, True

    def find_twin(self, key_hash: str, fingerprint: str, since: float) -> SpendRecord | None:
        """The latest identical request since `since` that was not refused, without claiming anything."""
        with self._lock:
            try:
                return self._recent_twin(self._connect(), key_hash, fingerprint, since)
            except sqlite3.Error as error:
                raise self._explain(error) from None

    @staticmethod
    def _recent_twin(db: sqlite3.Connection, key_hash: str, fingerprint: str, since: float) -> SpendRecord | None:
        row = db.execute(
            "SELECT record FROM spends WHERE key_hash = ? AND fingerprint = ? AND created_at >= ? "
            "AND outcome != ? ORDER BY created_at DESC LIMIT 1",
            (key_hash, fingerprint, since, Outcome.REFUSED),
        ).fetchone()
        return None if row is None else SpendRecord.model_validate_json(row[0])

    def update(self, record_id: str, **changes: Any) -> SpendRecord:
        with self._transaction() as db:
            row = db.execute("SELECT record FROM spends WHERE id = ?", (record_id,)).fetchone()
            if row is None:
                raise LedgerError(f"{self.describe()} has no record {record_id}")
            record = SpendRecord.model_validate_json(row[0]).model_copy(update=changes)
            self._write(db, record)
        return record

    def _write(self, db: sqlite3.Connection, record: SpendRecord) -> None:
        db.execute(
            "INSERT OR REPLACE INTO spends (id, fingerprint, key_hash, created_at, project_id, outcome, record) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                record.id,
                record.fingerprint,
                record.key_hash,
                record.created_at,
                record.project_id,
                record.outcome.value,
                record.model_dump_json(),
            ),
        )

    def _query(self, sql: str, parameters: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._connect().execute(sql, parameters).fetchall()
            except sqlite3.Error as error:
                raise self._explain(error) from None

    def get(self, record_id: str) -> SpendRecord | None:
        rows = self._query("SELECT record FROM spends WHERE id = ?", (record_id,))
        return SpendRecord.model_validate_json(rows[0][0]) if rows else None

    def by_project(self, project_id: str) -> SpendRecord | None:
        rows = self._query(
            "SELECT record FROM spends WHERE project_id = ? ORDER BY created_at DESC LIMIT 1", (project_id,)
        )
        return SpendRecord.model_validate_json(rows[0][0]) if rows else None

    def recent(self, key_hash: str, *, limit: int, offset: int = 0) -> list[SpendRecord]:
        rows = self._query(
            "SELECT record FROM spends WHERE key_hash = ? ORDER BY created_at DESC LIMIT ? OFFSET ?",
            (key_hash, limit, offset),
        )
        return [SpendRecord.model_validate_json(row[0]) for row in rows]

    def spent_since(self, key_hash: str, since: float, *, unknown_cost: float) -> float:
        """Credits spent (or possibly spent) by this key since `since` (records.counted_cost)."""
        rows = self._query("SELECT record FROM spends WHERE key_hash = ? AND created_at >= ?", (key_hash, since))
        return sum(counted_cost(SpendRecord.model_validate_json(raw), unknown_cost) for (raw,) in rows)

    # --- uploaded assets ------------------------------------------------------------------------------

    def remember_asset(self, asset_url: str, duration_seconds: float | None) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO assets (asset_url, duration_seconds, created_at) VALUES (?, ?, ?)",
                (asset_url, duration_seconds, time.time()),
            )

    def asset_duration(self, asset_url: str) -> float | None:
        rows = self._query("SELECT duration_seconds FROM assets WHERE asset_url = ?", (asset_url,))
        return float(rows[0][0]) if rows and rows[0][0] is not None else None

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
