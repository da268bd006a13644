"""Where upload_asset may read: only inside allowed roots, with symlinks resolved before the check.

The roots are the MCP client's roots when it offers them, else JOGG_ALLOWED_DIRS, else the usual media
folders in the home directory (never the whole disk).
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

DEFAULT_MEDIA_FOLDERS = ("Pictures", "Movies", "Videos", "Music", "Downloads", "Desktop")


class PathRefused(ValueError):
    """The path may not be read; the message names it and lists the allowed roots."""


def default_roots(home: Path | None = None) -> list[Path]:
    base = home or Path.home()
    return [(base / name).resolve() for name in DEFAULT_MEDIA_FOLDERS if (base / name).is_dir()]


def roots_from_uris(uris: Iterable[str]) -> list[Path]:
    """MCP roots are file:// URIs; anything else cannot hold local files."""
    roots = []
    for uri in uris:
        parts = urlsplit(uri)
        if parts.scheme == "file":
            path = Path(url2pathname(unquote(parts.path)))
            if path.is_dir():
                roots.append(path.resolve())
    return roots


def describe_roots(roots: Sequence[Path]) -> str:
    return ", ".join(str(r) for r in roots) if roots else "(none)"


def resolve_in_roots(raw: str, roots: Sequence[Path]) -> Path:
    """The real path of a readable regular file inside one of `roots`, or PathRefused saying why not."""
    allowed = f"Allowed folders: {describe_roots(roots)}."
    if not roots:
        raise PathRefused(
            f"No folder is allowed for uploads, so {raw!r} cannot be read. Set JOGG_ALLOWED_DIRS "
            "(or let your MCP client share its roots) to the folder that holds your media."
        )
    text = raw.strip()
    if not text or "\x00" in text:
        raise PathRefused(f"{raw!r} is not a file path. {allowed}")
    if text.lower().startswith("file:"):  # a file:// URI, as clients and editors hand them out
        text = url2pathname(unquote(urlsplit(text).path))
    candidate = Path(os.path.expanduser(text))
    if not candidate.is_absolute():
        candidate = roots[0] / candidate  # relative to the first root, never to the server's working directory
    if not os.path.lexists(candidate):
        raise PathRefused(_missing(raw, candidate, roots) + f" {allowed}")
    try:
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError) as error:  # a dangling or looping symlink
        raise PathRefused(
            f"{raw!r} cannot be resolved ({error.__class__.__name__}): a broken link? {allowed}"
        ) from None
    if not any(real.is_relative_to(root) for root in roots):
        via = " through a symbolic link" if real != Path(os.path.abspath(candidate)) else ""
        raise PathRefused(
            f"{raw!r} is {real}{via}, outside the allowed folders, so it will not be read. "
            f"Move or copy the file into one of them. {allowed}"
        )
    mode = real.stat().st_mode
    if stat.S_ISDIR(mode):
        raise PathRefused(f"{raw!r} is a folder; give the path of a file inside it. {allowed}")
    if not stat.S_ISREG(mode):
        kind = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        raise PathRefused(f"{raw!r} is {kind}, not a regular file. {allowed}")
    if not os.access(real, os.R_OK):
        raise PathRefused(f"{raw!r} cannot be read: permission denied. Check the file's permissions. {allowed}")
    return real


def _missing(raw: str, candidate: Path, roots: Sequence[Path]) -> str:
    message = f"{raw!r} does not exist"
    folder = Path(os.path.abspath(candidate)).parent
    try:
        inside = folder.is_dir() and any(folder.resolve().is_relative_to(root) for root in roots)
        names = sorted(p.name for p in folder.iterdir()) if inside else []
    except OSError:
        names = []
    close = difflib.get_close_matches(candidate.name, names, n=3, cutoff=0.5)
    if close:
        message += f". Did you mean {' or '.join(repr(str(folder / n)) for n in close)}?"
    else:
        message += f" (looked in {folder})."
    return message
