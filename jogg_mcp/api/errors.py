"""The JoggAI error hierarchy: one class per thing a caller would handle differently.

Every error carries the JoggAI request id (`rid`) when the server sent one, the business `code` and the
HTTP status, and a message a person can act on. Signed upload URLs are redacted from every message.

Two facts per class drive everything downstream (docs/architecture.md, "How a request is retried"):
- `retryable`: the same request may succeed if sent again;
- `refused_before_processing`: JoggAI provably did not act on the request, so nothing was created or charged.
The transport's retry rule and the tool layer's "Nothing was charged." both read these, and nothing else.
"""

from __future__ import annotations

import re

# A URL with a query string is, for storage services, a credential: keep where it points, drop the query.
_URL_WITH_QUERY = re.compile(r"(https?://[^\s?\"'<>]+)\?[^\s\"'<>]*")


# Characters a key or token is made of: a secret is redacted only where it stands as a whole token, so a short
# key (say "ab") never mangles the words around it ("about" stays "about").
_TOKEN_EDGE = r"A-Za-z0-9_\-"  # noqa: S105 - a character class, not a password


def redact(text: str, *secrets: str | None) -> str:
    """Remove signed-URL signatures and any given secret (API key, full signed URL) from `text`."""
    for secret in secrets:
        if secret:
            pattern = rf"(?<![{_TOKEN_EDGE}]){re.escape(secret)}(?![{_TOKEN_EDGE}])"
            text = re.sub(pattern, "[redacted]", text)
    return _URL_WITH_QUERY.sub(r"\1?[signature redacted]", text)


class JoggError(Exception):
    """Base class for every error the JoggAI client raises."""

    retryable: bool = False
    refused_before_processing: bool = False

    def __init__(
        self,
        message: str,
        *,
        code: int | None = None,
        http_status: int | None = None,
        rid: str | None = None,
    ) -> None:
        self.message = redact(message)
        self.code = code
        self.http_status = http_status
        self.rid = rid
        super().__init__(self.message)

    def __str__(self) -> str:
        suffix = f" (JoggAI request id {self.rid})" if self.rid else ""
        return f"{self.message}{suffix}"


class AuthenticationError(JoggError):
    """10105: the API key is missing or wrong."""

    refused_before_processing = True


class PermissionDeniedError(JoggError):
    """18025: the account's plan has no API access."""

    refused_before_processing = True


class InsufficientCreditsError(JoggError):
    """18020: not enough credits for the request."""

    refused_before_processing = True


class InvalidParametersError(JoggError):
    """40000: JoggAI rejected a field; the message carries the server's text."""

    refused_before_processing = True


class NotFoundError(JoggError):
    """10104: the id does not exist (or belongs to another account)."""

    refused_before_processing = True


class RateLimitError(JoggError):
    """429 (as HTTP status or business code): over 20 POSTs a minute for this key."""

    retryable = True
    refused_before_processing = True

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: object) -> None:
        super().__init__(message, **kwargs)  # type: ignore[arg-type]
        self.retry_after = retry_after


class ThrottledError(JoggError):
    """Held back here, unsent: this key used JoggAI's 20 POSTs a minute, and waiting would take too long."""

    refused_before_processing = True

    def __init__(self, message: str, *, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ServerError(JoggError):
    """50000 or an HTTP 5xx: a fault on JoggAI's side."""

    retryable = True


class EndpointNotFoundError(JoggError):
    """HTTP 404 without JoggAI's envelope: nothing answered at that URL, so the base URL is probably wrong."""

    refused_before_processing = True


class UnexpectedResponseError(JoggError):
    """Any other non-zero code, or a 4xx with no known code."""


class TransportError(JoggError):
    """The request or its response did not make it across the network intact.

    `reached_server` says whether the request may have been received: False only when the connection was
    never established, which is what makes retrying a billable create safe.
    """

    retryable = True

    def __init__(self, message: str, *, reached_server: bool, **kwargs: object) -> None:
        super().__init__(message, **kwargs)  # type: ignore[arg-type]
        self.reached_server = reached_server
        self.refused_before_processing = not reached_server


class ConnectError(TransportError):
    """No connection could be made; nothing was sent."""

    def __init__(self, message: str, **kwargs: object) -> None:
        super().__init__(message, reached_server=False, **kwargs)


class ReadTimeoutError(TransportError):
    """The server did not answer in time; the request may have been processed."""

    def __init__(self, message: str, **kwargs: object) -> None:
        super().__init__(message, reached_server=True, **kwargs)


class BadResponseError(TransportError):
    """The connection broke mid-response, or the body was not the JSON envelope."""

    def __init__(self, message: str, **kwargs: object) -> None:
        super().__init__(message, reached_server=True, **kwargs)


class UploadError(JoggError):
    """The storage service refused the signed-URL PUT (a 4xx: the same PUT would be refused again)."""


class SignedUrlExpiredError(UploadError):
    """The signed upload URL expired (or the storage says it was already used) before the PUT; ask for a fresh
    one."""


class MediaUnavailableError(JoggError):
    """A media URL JoggAI handed out no longer serves the file (expired, or gone): ask JoggAI for a fresh one."""

    refused_before_processing = True


class OutcomeUnknownError(JoggError):
    """A billable create may have been accepted, but its answer was lost. It was not retried."""

    def __init__(self, message: str, *, cause: JoggError) -> None:
        super().__init__(message, code=cause.code, http_status=cause.http_status, rid=cause.rid)
        self.cause = cause


# JoggAI's business codes (docs/joggai-api.md, "Errors"), with the advice a user needs.
ERROR_CODES: dict[int, tuple[type[JoggError], str]] = {
    10105: (AuthenticationError, "JoggAI rejected the API key. Check JOGG_API_KEY (dashboard → avatar menu → API)."),
    18025: (PermissionDeniedError, "This JoggAI account has no API access. Upgrade the plan to one that includes API."),
    18020: (InsufficientCreditsError, "Not enough JoggAI credits for this request. Check the balance and top up."),
    40000: (InvalidParametersError, "JoggAI rejected a parameter"),
    10104: (NotFoundError, "JoggAI has no record with that id. Check the id, or list the items to find it."),
    429: (RateLimitError, "JoggAI's rate limit (20 POST requests a minute per key) was hit. Wait and try again."),
    50000: (ServerError, "JoggAI had an internal error. Try again in a moment."),
}
