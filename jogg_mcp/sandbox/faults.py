"""Fault injection: make the next N calls to a path fail in a chosen way.

Faults that refuse a request (5xx, code 50000, code 429, any business code) fire before the sandbox
processes it. Faults that lose the answer (a hang, a reset, truncated JSON, a slow body) fire after: the
request was accepted, and for a billable create it was charged. That is the case that must never lead a
client to charge the user twice.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, Field


class FaultKind(StrEnum):
    HTTP_500 = "http_500"
    HTTP_502 = "http_502"
    HTTP_503 = "http_503"
    CODE_50000 = "code_50000"
    CODE_429 = "code_429"  # add retry_after for a Retry-After header
    ERROR_CODE = "error_code"  # any business code, e.g. 18025, 10104
    HANG = "hang"  # answer only after `delay` seconds
    RESET = "reset"  # drop the connection before the body is complete
    TRUNCATED_JSON = "truncated_json"
    SLOW_BODY = "slow_body"  # send the body in pieces spread over `delay` seconds
    EXPIRE_SIGNED_URL = "expire_signed_url"  # the signed-URL PUT answers 403 "Request has expired"
    FORBID_PUT = "forbid_put"  # the signed-URL PUT answers a plain 403
    HOLD = "hold"  # keep the answer until the test calls faults.release() (at most `delay` seconds)
    REDIRECT = "redirect"  # a media download answers 302 to the URL in `message`


AFTER_PROCESSING = frozenset(
    {FaultKind.HANG, FaultKind.RESET, FaultKind.TRUNCATED_JSON, FaultKind.SLOW_BODY, FaultKind.HOLD}
)


class FaultSpec(BaseModel):
    """One injected fault, as the Python API and the control endpoint take it."""

    path: str = Field(description="Exact request path, e.g. /v1/project, or a prefix ending in '*', e.g. /upload/*")
    kind: FaultKind
    count: int = Field(default=1, ge=1, le=1000)
    method: str | None = Field(default=None, description="Only this HTTP method; any when omitted")
    code: int | None = Field(default=None, description="Business code for error_code")
    message: str | None = Field(default=None, max_length=2000, description="msg for error_code (default: JoggAI's)")
    retry_after: float | None = Field(default=None, ge=0, description="Retry-After seconds for code_429")
    http_status: int | None = Field(default=None, description="HTTP status for code_429 / error_code (default 200)")
    delay: float = Field(default=5.0, ge=0, le=120, description="Seconds for hang and slow_body")
    before_processing: bool | None = Field(default=None, description="Override when the fault fires")

    def matches(self, method: str, path: str) -> bool:
        if self.method and self.method.upper() != method.upper():
            return False
        if self.path.endswith("*"):
            return path.startswith(self.path[:-1])
        return path == self.path

    @property
    def fires_before(self) -> bool:
        if self.before_processing is not None:
            return self.before_processing
        return self.kind not in AFTER_PROCESSING


@dataclass
class _Armed:
    spec: FaultSpec
    remaining: int


class FaultBoard:
    """Thread-safe: tests arm faults from their own thread while the sandbox serves on another."""

    def __init__(self) -> None:
        self._armed: list[_Armed] = []
        self._lock = threading.Lock()
        self.fired: list[FaultSpec] = []
        self._holding = threading.Event()
        self._released = threading.Event()

    # --- hold: a test acts at the exact moment a request is in flight, without guessing with sleeps -------

    def hold(self, timeout: float) -> None:
        """Sandbox side (in a worker thread): wait until the test releases the held answer."""
        self._released.clear()  # a release meant for an earlier hold must not end this one
        self._holding.set()
        try:
            self._released.wait(timeout)
        finally:
            self._holding.clear()

    def wait_until_holding(self, timeout: float = 30.0) -> bool:
        """Test side: block until a request is being held (True), or `timeout` passes (False)."""
        return self._holding.wait(timeout)

    def release(self) -> None:
        self._released.set()

    def inject(self, spec: FaultSpec | None = None, /, **fields: object) -> FaultSpec:
        spec = spec or FaultSpec.model_validate(fields)
        with self._lock:
            self._armed.append(_Armed(spec, spec.count))
        return spec

    def take(self, method: str, path: str) -> FaultSpec | None:
        """The next armed fault for this request, consuming one of its N uses."""
        with self._lock:
            for armed in self._armed:
                if armed.spec.matches(method, path):
                    armed.remaining -= 1
                    if armed.remaining <= 0:
                        self._armed.remove(armed)
                    self.fired.append(armed.spec)
                    return armed.spec
        return None

    def clear(self) -> None:
        with self._lock:
            self._armed.clear()
            self.fired.clear()
        if self._holding.is_set():
            self.release()

    @property
    def pending(self) -> int:
        with self._lock:
            return sum(a.remaining for a in self._armed)
