"""Where upload_asset may read and save_video may write: only inside allowed roots, with symlinks resolved
before the check.

The roots are the MCP client's roots when it offers them, else JOGG_ALLOWED_DIRS, else the usual media
folders in the home directory (never the whole disk).
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from collections.abc import Collection, Iterable, Sequence
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


# --- where save_video may write ------------------------------------------------------------------------

_UNSAFE_NAME = re.compile(r"[\x00-\x1f/\\:*?\"<>|]+")


def folder_in_roots(raw: str | None, roots: Sequence[Path], *, create: bool = True) -> Path:
    """The real path of a folder inside one of `roots` to write into (created when missing, unless `create` is
    false: a check before anything is written), or PathRefused. None: the first root. The nearest existing
    folder is resolved (symlinks too) before anything is created."""
    allowed = f"Allowed folders: {describe_roots(roots)}."
    if not roots:
        raise PathRefused(
            "No folder is allowed for saving, so nothing can be written. Set JOGG_ALLOWED_DIRS (or let your MCP "
            "client share its roots) to the folder the video should go to."
        )
    text = (raw or "").strip()
    if "\x00" in text:
        raise PathRefused(f"{raw!r} is not a folder path. {allowed}")
    if text.lower().startswith("file:"):
        text = url2pathname(unquote(urlsplit(text).path))
    candidate = Path(os.path.expanduser(text)) if text else roots[0]
    if not candidate.is_absolute():
        candidate = roots[0] / candidate  # relative to the first root, never to the server's working directory
    existing = candidate
    while not os.path.lexists(existing) and existing.parent != existing:
        existing = existing.parent
    remainder = candidate.relative_to(existing)  # the folders to create: plain names only
    if ".." in remainder.parts:
        raise PathRefused(f"{raw!r} climbs out of a folder that does not exist yet; give a plain path. {allowed}")
    try:
        real = existing.resolve(strict=True) / remainder
    except (OSError, RuntimeError) as error:
        raise PathRefused(
            f"{raw!r} cannot be resolved ({error.__class__.__name__}): a broken link? {allowed}"
        ) from None
    if not any(real.is_relative_to(root) for root in roots):
        raise PathRefused(f"{raw!r} is {real}, outside the allowed folders, so nothing is written there. {allowed}")
    if os.path.lexists(real) and not real.is_dir():
        raise PathRefused(f"{raw!r} is a file, not a folder: give the folder to save into. {allowed}")
    if not create:
        return real
    try:
        real.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PathRefused(f"{real} cannot be created ({error.strerror or error}). {allowed}") from None
    if not os.access(real, os.W_OK):
        raise PathRefused(f"{real} cannot be written: permission denied. {allowed}")
    return real


def safe_filename(name: str, extension: str, replaced: Collection[str] = ()) -> str:
    """A plain file name (no folders, no characters file systems refuse) that ends in `extension`; an
    extension of `replaced` the name already has gives way to it ("clip.mp4" for a WebM: the content decides)."""
    stem = _UNSAFE_NAME.sub(" ", name).strip(" .")[:120].strip() or "video"
    root, given = os.path.splitext(stem)
    if given.lower() in replaced:
        stem = root.rstrip(" .") or "video"
    return f"{stem}{extension}"


def place_without_overwriting(finished: Path, folder: Path, filename: str) -> Path:
    """Move `finished` (a complete file in `folder`) to `filename` there, or to "name (2).ext", "name (3).ext"...
    when taken: a hard link claims the name atomically, so two saves at once never overwrite each other."""
    stem, extension = os.path.splitext(filename)
    for number in range(1, 1000):
        target = folder / (filename if number == 1 else f"{stem} ({number}){extension}")
        try:
            os.link(finished, target)
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links: check, then rename (not atomic, but rare)
            if os.path.lexists(target):
                continue
            os.replace(finished, target)
            return target
        finished.unlink()
        return target
    raise PathRefused(f"{folder} already holds 999 files named like {filename!r}; give another filename.")
