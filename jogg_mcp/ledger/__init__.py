"""The spending ledger: what this server asked JoggAI to make, recorded before each spending call is sent.

It knows nothing of MCP or of JoggAI's HTTP API: records in, records out (docs/architecture.md).
"""

from jogg_mcp.ledger.records import LedgerError, Outcome, SpendRecord
from jogg_mcp.ledger.sqlite import SqliteLedger

__all__ = ["LedgerError", "Outcome", "SpendRecord", "SqliteLedger"]
