"""The sandbox's JoggAI endpoints, one module per domain like jogg_mcp.api. Each handler is declared with
its route by @endpoint(method, path); importing the modules here fills envelope.ROUTES."""

from jogg_mcp.sandbox.endpoints import (
    assets,
    avatar_videos,
    catalog,
    history,
    photo_avatars,
    product_avatars,
    products,
    studio,
    templates,
)
from jogg_mcp.sandbox.envelope import ROUTES

__all__ = [
    "ROUTES",
    "assets",
    "avatar_videos",
    "catalog",
    "history",
    "photo_avatars",
    "product_avatars",
    "products",
    "studio",
    "templates",
]
