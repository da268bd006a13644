"""Everything the sandbox remembers between calls. `reset()` brings it back to a clean start."""

from __future__ import annotations

import base64
import itertools
import shutil
import tempfile
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from jogg_mcp.sandbox.faults import FaultBoard


@dataclass(frozen=True)
class SandboxOptions:
    api_key: str = "sandbox-key"
    credits: float = 100.0
    render_seconds: float = 6.0  # time from create to success; 0 renders instantly
    rate_limit: int = 20  # POSTs per key per window (the documented limit)
    rate_window: float = 60.0
    signed_url_ttl: float = 600.0  # seconds a signed upload URL stays valid
    record: str | None = None  # a file to append every API exchange to (sandbox/recorder.py)


@dataclass
class Upload:
    token: str
    asset_id: str
    filename: str
    content_type: str
    file_size: int | None
    expires_at: float
    signature: str
    path: Path | None = None  # set once the PUT has stored the bytes


@dataclass
class RenderProject:
    project_id: str
    kind: Literal[
        "url_video",
        "preview",
        "avatar_video",
        "template_video",
        "lip_sync",
        "translation",
        "avatar_photos",
        "photo_avatar",
        "product_avatar_images",
        "product_avatar",
    ]
    title: str
    duration: float
    credits: float
    container: str  # mp4, or webm for a transparent-background avatar video
    created_at: int = field(default_factory=lambda: int(time.time()))
    started: float = 0.0  # on the state's clock, set when the project is added
    outcome: Literal["failed", "deleted"] | None = None
    error: str | None = None
    request: dict[str, Any] = field(default_factory=dict)  # the body it was created from, as received
    video_file: Path | None = None  # served instead of a generated video (a test's or a benchmark's own file)
    avatar_id: int | None = None  # a photo avatar's, usable as a custom avatar once its motion completed


@dataclass(frozen=True)
class RequestRecord:
    method: str
    path: str
    api_key_sent: bool
    platform: str | None
    content_type: str | None
    content_length: str | None
    chunked: bool


class SandboxState:
    def __init__(self, options: SandboxOptions) -> None:
        self.options = options
        self.faults = FaultBoard()
        self._lock = threading.Lock()
        self._storage = Path(tempfile.mkdtemp(prefix="jogg-sandbox-"))
        self._fresh()

    # --- time: renders and signed URLs follow this clock, which tests move forward instead of sleeping ----

    def advance(self, seconds: float) -> None:
        """Move the sandbox's clock forward (renders progress, signed URLs expire) without waiting."""
        with self._lock:
            self._clock_offset += seconds

    def now(self) -> float:
        """Monotonic seconds, for render progress."""
        return time.monotonic() + self._clock_offset

    def wall_time(self) -> float:
        """Unix time, for signed-URL expiry."""
        return time.time() + self._clock_offset

    def _fresh(self) -> None:
        self._clock_offset = 0.0
        self.credits = self.options.credits
        self.render_seconds = self.options.render_seconds
        self.products: dict[str, dict[str, Any]] = {}
        self.projects: dict[str, RenderProject] = {}
        self.uploads: dict[str, Upload] = {}
        self.assets: dict[str, Upload] = {}
        self.requests: list[RequestRecord] = []
        self.billable_creates: Counter[str] = Counter()
        self._post_times: dict[str, deque[float]] = {}
        self._product_numbers = itertools.count(544193680)

    def reset(self) -> None:
        """Back to a clean start: credits, records, uploads, faults, rate windows."""
        with self._lock:
            self.faults.clear()
            for upload in self.assets.values():
                if upload.path is not None:
                    upload.path.unlink(missing_ok=True)
            self._fresh()

    def close(self) -> None:
        shutil.rmtree(self._storage, ignore_errors=True)

    # --- rate limit ---------------------------------------------------------------------------------

    def admit_post(self, api_key: str) -> float | None:
        """Count a POST against the key's window; return seconds to wait when over the limit."""
        with self._lock:
            window = self._post_times.setdefault(api_key, deque())
            now = time.monotonic()
            while window and now - window[0] >= self.options.rate_window:
                window.popleft()
            if len(window) >= self.options.rate_limit:
                return self.options.rate_window - (now - window[0])
            window.append(now)
            return None

    # --- credits ------------------------------------------------------------------------------------

    def charge(self, credits: float) -> bool:
        with self._lock:
            if self.credits < credits:
                return False
            self.credits -= credits
            return True

    # --- products -----------------------------------------------------------------------------------

    def new_product_id(self) -> str:
        # JoggAI product ids are a number in unpadded base64, e.g. NTQ0MTkzNjg.
        return base64.b64encode(str(next(self._product_numbers)).encode()).decode().rstrip("=")

    # --- uploads ------------------------------------------------------------------------------------

    def storage_path(self, asset_id: str) -> Path:
        return self._storage / asset_id

    # --- projects -----------------------------------------------------------------------------------

    def add_project(self, project: RenderProject, endpoint: str) -> None:
        with self._lock:
            project.started = time.monotonic() + self._clock_offset
            self.projects[project.project_id] = project
            self.billable_creates[endpoint] += 1

    def count_billable(self, endpoint: str) -> None:
        """A charged call that starts no render (AI scripts)."""
        with self._lock:
            self.billable_creates[endpoint] += 1

    def set_outcome(self, project_id: str, outcome: Literal["failed", "deleted"], message: str | None = None) -> None:
        """Make a render end in failure or deletion (for tests and demos of those paths)."""
        project = self.projects[project_id]
        project.outcome = outcome
        project.error = message or ("Video generation failed" if outcome == "failed" else None)

    def stage(self, project: RenderProject) -> Literal["waiting", "processing", "success", "failed", "deleted"]:
        if project.outcome is not None:
            return project.outcome
        elapsed = self.now() - project.started
        if elapsed >= self.render_seconds:
            return "success"
        return "waiting" if elapsed < self.render_seconds / 3 else "processing"
