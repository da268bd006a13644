"""The ledger in Redis, for several HTTP replicas sharing one record of what was spent (JOGG_STATE=redis://...).

The same methods and guarantees as SqliteLedger; a claim is one Lua script, so two replicas racing for the same
intent cannot both win.
"""

from __future__ import annotations

import hashlib
from typing import Any

from jogg_mcp.ledger.records import LedgerError, Outcome, SpendRecord, counted_cost

PREFIX = "jogg-mcp:ledger:"
_CLAIM = """
if ARGV[2] == '0' then
  local ids = redis.call('ZREVRANGEBYSCORE', KEYS[1], '+inf', ARGV[1])
  for _, id in ipairs(ids) do
    local found = redis.call('GET', ARGV[6] .. 'spend:' .. id)
    if found and cjson.decode(found)['outcome'] ~= 'refused' then return {0, found} end
  end
end
redis.call('SET', ARGV[6] .. 'spend:' .. ARGV[3], ARGV[5])
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
return {1, ARGV[5]}
"""


class RedisLedger:
    def __init__(self, url: str) -> None:
        self.url = url
        self._client: Any = None
        self._claim: Any = None

    def describe(self) -> str:
        return f"the spending ledger in Redis at {_without_password(self.url)}"

    def _redis(self) -> Any:
        if self._client is None:
            try:
                import redis  # only for deployments that share a ledger: `pip install 'jogg-mcp[redis]'`
            except ImportError:
                raise LedgerError(
                    f"JOGG_STATE points at Redis, but the redis package is not installed: pip install "
                    f"'jogg-mcp[redis]' (or set JOGG_STATE to a file path). {self.describe()}"
                ) from None
            self._client = redis.Redis.from_url(self.url, socket_timeout=5, socket_connect_timeout=5)
            self._claim = self._client.register_script(_CLAIM)
        return self._client

    def _call(self, action: str, *args: Any, **kwargs: Any) -> Any:
        client = self._redis()
        try:
            return getattr(client, action)(*args, **kwargs)
        except Exception as error:  # redis.RedisError and socket errors alike
            raise LedgerError(
                f"{self.describe()} cannot be reached ({type(error).__name__}: {error}), so this spending call "
                "was not sent. Start Redis, or fix JOGG_STATE."
            ) from None

    @staticmethod
    def _intent(key_hash: str, fingerprint: str) -> str:
        return f"{PREFIX}intent:{key_hash}:{fingerprint}"

    @staticmethod
    def _owner(key_hash: str) -> str:
        return f"{PREFIX}key:{key_hash}"

    # --- spends ---------------------------------------------------------------------------------------

    def claim(self, record: SpendRecord, *, window_seconds: float, new_take: bool) -> tuple[SpendRecord, bool]:
        self._redis()
        keys = [self._intent(record.key_hash, record.fingerprint), self._owner(record.key_hash)]
        arguments = [
            record.created_at - window_seconds,
            "1" if new_take else "0",
            record.id,
            record.created_at,
            record.model_dump_json(),
            PREFIX,
        ]
        try:
            stored, raw = self._claim(keys=keys, args=arguments)
        except Exception as error:
            raise LedgerError(
                f"{self.describe()} cannot be reached ({type(error).__name__}: {error}), so this spending call "
                "was not sent. Start Redis, or fix JOGG_STATE."
            ) from None
        return SpendRecord.model_validate_json(raw), bool(stored)

    def find_twin(self, key_hash: str, fingerprint: str, since: float) -> SpendRecord | None:
        for record_id in self._call("zrevrangebyscore", self._intent(key_hash, fingerprint), "+inf", since):
            found = self.get(record_id.decode())
            if found is not None and found.outcome is not Outcome.REFUSED:
                return found
        return None

    def update(self, record_id: str, **changes: Any) -> SpendRecord:
        current = self.get(record_id)
        if current is None:
            raise LedgerError(f"{self.describe()} has no record {record_id}")
        record = current.model_copy(update=changes)
        self._call("set", f"{PREFIX}spend:{record.id}", record.model_dump_json())
        if record.project_id is not None:
            self._call("set", f"{PREFIX}project:{record.project_id}", record.id)
        return record

    def get(self, record_id: str) -> SpendRecord | None:
        raw = self._call("get", f"{PREFIX}spend:{record_id}")
        return None if raw is None else SpendRecord.model_validate_json(raw)

    def by_project(self, project_id: str) -> SpendRecord | None:
        record_id = self._call("get", f"{PREFIX}project:{project_id}")
        return None if record_id is None else self.get(record_id.decode())

    def recent(self, key_hash: str, *, limit: int, offset: int = 0) -> list[SpendRecord]:
        ids = self._call("zrevrange", self._owner(key_hash), offset, offset + limit - 1)
        records = (self.get(record_id.decode()) for record_id in ids)
        return [record for record in records if record is not None]

    def spent_since(self, key_hash: str, since: float, *, unknown_cost: float) -> float:
        """Credits spent (or possibly spent) by this key since `since` (records.counted_cost)."""
        records = (
            self.get(record_id.decode())
            for record_id in self._call("zrangebyscore", self._owner(key_hash), since, "+inf")
        )
        return sum(counted_cost(record, unknown_cost) for record in records if record is not None)

    # --- uploaded assets ------------------------------------------------------------------------------

    def remember_asset(self, asset_url: str, duration_seconds: float | None) -> None:
        if duration_seconds is not None:
            self._call("set", _asset_key(asset_url), repr(duration_seconds))

    def asset_duration(self, asset_url: str) -> float | None:
        raw = self._call("get", _asset_key(asset_url))
        return None if raw is None else float(raw)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


def _asset_key(asset_url: str) -> str:
    return f"{PREFIX}asset:{hashlib.sha256(asset_url.encode()).hexdigest()}"


def _without_password(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.rpartition('@')[2]}" if "@" in rest else url
