"""The spending ledger: what this server asked JoggAI to make, recorded before each spending call is sent.

It knows nothing of MCP or of JoggAI's HTTP API: records in, records out (docs/architecture.md).
"""

from pathlib import Path

from jogg_mcp.ledger.records import Ledger, LedgerError, Outcome, SpendRecord
from jogg_mcp.ledger.redis import RedisLedger
from jogg_mcp.ledger.sqlite import SqliteLedger


def open_ledger(state: str | Path) -> Ledger:
    """A Redis URL (redis:// or rediss://) shares the ledger between replicas; anything else is a file."""
    if isinstance(state, str) and state.startswith(("redis://", "rediss://", "unix://")):
        return RedisLedger(state)
    return SqliteLedger(Path(state))


__all__ = ["Ledger", "LedgerError", "Outcome", "RedisLedger", "SpendRecord", "SqliteLedger", "open_ledger"]
