"""Path confinement (jogg_mcp.files), on real folders: what may be read, and the message when not."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from jogg_mcp.files import PathRefused, default_roots, resolve_in_roots, roots_from_uris


@pytest.fixture
def media(tmp_path: Path) -> Path:
    folder = tmp_path / "media"
    folder.mkdir()
    (folder / "logo.png").write_bytes(b"x")
    return folder.resolve()


def test_a_file_inside_a_root_resolves(media: Path) -> None:
    assert resolve_in_roots(str(media / "logo.png"), [media]) == media / "logo.png"


def test_relative_paths_start_at_the_first_root(media: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the working directory must not matter
    assert resolve_in_roots("logo.png", [media]) == media / "logo.png"


def test_a_sibling_folder_sharing_a_prefix_is_outside(media: Path) -> None:
    private = media.parent / "media-private"
    private.mkdir()
    (private / "secret.png").write_bytes(b"x")
    with pytest.raises(PathRefused, match="outside the allowed folders"):
        resolve_in_roots(str(private / "secret.png"), [media])


def test_dot_dot_cannot_climb_out(media: Path) -> None:
    (media.parent / "outside.png").write_bytes(b"x")
    with pytest.raises(PathRefused, match="outside the allowed folders"):
        resolve_in_roots("../outside.png", [media])


def test_a_symlink_is_judged_by_its_target(media: Path) -> None:
    target = media.parent / "elsewhere.png"
    target.write_bytes(b"x")
    (media / "link.png").symlink_to(target)
    with pytest.raises(PathRefused, match="through a symbolic link"):
        resolve_in_roots(str(media / "link.png"), [media])


def test_tilde_expands_to_the_home_folder(media: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(media.parent))
    assert resolve_in_roots("~/media/logo.png", [media]) == media / "logo.png"


def test_missing_file_suggests_a_close_name(media: Path) -> None:
    with pytest.raises(PathRefused, match=r"does not exist\. Did you mean .*logo\.png"):
        resolve_in_roots(str(media / "logo.pgn"), [media])


def test_folders_fifos_and_sockets_are_refused(media: Path) -> None:
    (media / "sub").mkdir()
    with pytest.raises(PathRefused, match="is a folder"):
        resolve_in_roots(str(media / "sub"), [media])
    os.mkfifo(media / "pipe")
    with pytest.raises(PathRefused, match="FIFO"):
        resolve_in_roots(str(media / "pipe"), [media])
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(media / "sock"))
        with pytest.raises(PathRefused, match="socket"):
            resolve_in_roots(str(media / "sock"), [media])


def test_no_roots_means_nothing_is_readable(media: Path) -> None:
    with pytest.raises(PathRefused, match="JOGG_ALLOWED_DIRS"):
        resolve_in_roots(str(media / "logo.png"), [])


def test_default_roots_are_media_folders_never_the_home_or_disk(tmp_path: Path) -> None:
    for name in ("Pictures", "Music", "Code"):
        (tmp_path / name).mkdir()
    roots = default_roots(tmp_path)
    assert roots == [(tmp_path / "Pictures").resolve(), (tmp_path / "Music").resolve()]
    assert tmp_path.resolve() not in roots and Path("/") not in roots


def test_roots_come_only_from_existing_file_uris(media: Path) -> None:
    uris = [media.as_uri(), "https://example.com/media", (media / "missing").as_uri()]
    assert roots_from_uris(uris) == [media]


def test_a_file_uri_is_a_path(media: Path) -> None:
    assert resolve_in_roots((media / "logo.png").as_uri(), [media]) == media / "logo.png"
    spaced = media / "my logo.png"
    spaced.write_bytes(b"x")
    assert resolve_in_roots(spaced.as_uri(), [media]) == spaced  # percent-encoded space
