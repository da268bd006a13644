"""`jogg-mcp demo`: the walk-through (walkthrough.py) and the sample media and product page it uses
(samples.py)."""

from jogg_mcp.demo.walkthrough import DemoOptions, run

__all__ = ["DemoOptions", "run"]
