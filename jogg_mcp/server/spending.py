"""The one path every spending call takes (docs/architecture.md, "Spending"):

0. the user's consent, asked through the MCP client when it can ask (elicitation) and the request is not a
   repeat of one already made;
1. the caller's own ceiling (max_credits) and the key's rolling 24-hour limit (JOGG_SPEND_LIMIT), checked
   against the honest estimate before anything is sent;
2. the ledger: the request is recorded, by fingerprint, before it is sent; an identical one within
   JOGG_DEDUP_MINUTES returns the first one's project (charged: false) instead of paying again, and one sent
   in parallel waits for the first; new_take renders again on purpose;
3. the create itself, its outcome written back (accepted, refused before processing, or unknown).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import anyio
from mcp.server.mcpserver import AcceptedElicitation, Context, Elicit
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult
from pydantic import BaseModel, Field

from jogg_mcp.api import JoggClient
from jogg_mcp.api.errors import JoggError
from jogg_mcp.api.models import CreatedVideo
from jogg_mcp.api.pricing import video_credits
from jogg_mcp.api.transport import Endpoint
from jogg_mcp.api.vocabulary import ProjectKind, ProjectStatus
from jogg_mcp.ledger import LedgerError, Outcome, SpendRecord
from jogg_mcp.ledger.records import fingerprint, key_hash
from jogg_mcp.media.formats import FORMATS
from jogg_mcp.server.replies import created_reply
from jogg_mcp.server.runtime import runtime_of, state_of
from jogg_mcp.server.session import api_key_of, jogg_session

DAY_SECONDS = 24 * 3600
# What a render whose length cannot be known can cost at most: audio-driven, with the longest audio JoggAI takes.
MOST_AN_UNKNOWN_RENDER_COSTS = video_credits(max(f.max_seconds or 0 for f in FORMATS if f.kind == "audio"))
WAIT_FOR_TWIN_SECONDS = 45.0  # an identical call in flight: wait this long for its answer
STALE_SENT_SECONDS = 300.0  # a "sent" record older than this lost its process: treat the outcome as unknown

Answer = TypeVar("Answer")


def ledger_key(ctx: Context) -> str:
    """The API key's hash, with the API's origin: the same key against another JoggAI is another account."""
    return key_hash(f"{runtime_of(ctx).settings.base_url} {api_key_of(ctx)}")


async def _ledger(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    try:
        return await anyio.to_thread.run_sync(lambda: function(*args, **kwargs))
    except LedgerError as error:
        raise ToolError(f"{error} Nothing was sent to JoggAI, so nothing was charged.") from None


@dataclass(frozen=True)
class Charge:
    """One request that spends credits: what the ledger records and the user is asked about."""

    kind: ProjectKind
    endpoint: Endpoint
    body: dict[str, Any]  # the wire body, exactly as it will be sent
    what: str  # in words, for the user and list_projects
    estimate: float | None  # None: the cost cannot be known beforehand
    # How long an identical earlier request is reused instead of paying again: None, JOGG_DEDUP_MINUTES. A task
    # whose result stays valid (lip sync) is reused for as long as the ledger keeps it, unless it failed.
    reuse_seconds: float | None = None
    redo_failed: bool = False  # an identical earlier request that failed is sent again, not returned

    @classmethod
    def not_yet_known(cls, kind: ProjectKind, endpoint: Endpoint, what: str) -> Charge:
        """What a consent question asks about when the request cannot be worked out before the tool runs: a new
        request (it matches no earlier one) of unknown cost, so the user is always asked."""
        return cls(kind=kind, endpoint=endpoint, body={}, what=what, estimate=None)

    def window(self, dedup_minutes: float) -> float:
        return self.reuse_seconds if self.reuse_seconds is not None else dedup_minutes * 60


def total_estimate(charges: Sequence[Charge]) -> float | None:
    """What they all cost together; None when any one's cost cannot be known."""
    if any(charge.estimate is None for charge in charges):
        return None
    return round(sum(charge.estimate or 0.0 for charge in charges), 2)


def credits_text(credits: float | None) -> str:
    if credits is None:
        return "an unknown number of credits"
    return f"{credits:g} credit{'s' if credits != 1 else ''}"


class SpendConsent(BaseModel):
    """The user's answer when asked before credits are spent."""

    confirm: bool = Field(description="Yes: spend the credits and start it")


# What ask_consent answers without asking, told apart by identity (the SDK hands a resolver's plain answer to
# the tool as is): the client cannot ask (or asking is off), or every request repeats one already made.
CANNOT_ASK = SpendConsent(confirm=True)
NOTHING_TO_AGREE = SpendConsent(confirm=True)


async def ask_consent(
    ctx: Context, charges: Sequence[Charge], *, what: str, new_take: bool
) -> SpendConsent | Elicit[SpendConsent]:
    """A resolver's answer: ask the user, unless the client cannot ask, asking is turned off, or identical
    requests were already made (then nothing will be spent). `what` says what all the charges make."""
    settings = runtime_of(ctx).settings
    if not _could_ask(ctx):
        return CANNOT_ASK
    if not new_take:
        owner = ledger_key(ctx)
        for charge in charges:
            since = time.time() - charge.window(settings.dedup_minutes)
            fingerprinted = fingerprint(charge.endpoint.path, charge.body)
            twin = await _ledger(state_of(ctx).ledger.find_twin, owner, fingerprinted, since)
            if twin is None or (charge.redo_failed and twin.status == ProjectStatus.FAILED.value):
                break
        else:
            return NOTHING_TO_AGREE  # all will be returned, not sent
    estimate = total_estimate(charges)
    balance = ""
    try:
        async with jogg_session(ctx) as jogg:
            left = await jogg.catalog.remaining_credits()
        balance = f" You have {left:g} credits" + (
            f"; {left - estimate:g} after this." if estimate is not None else "."
        )
    except ToolError:
        pass  # the question still makes sense without the balance
    return Elicit(f"Spend {credits_text(estimate)} on JoggAI to make {what}?{balance}", SpendConsent)


def _could_ask(ctx: Context) -> bool:
    """Whether spending calls ask the user first: the client can ask (elicitation) and asking is not off."""
    capabilities = ctx.client_capabilities
    settings = runtime_of(ctx).settings
    return settings.confirm_spending != "never" and capabilities is not None and capabilities.elicitation is not None


def _check_consent(consent: object) -> None:
    answer = consent.data if isinstance(consent, AcceptedElicitation) else consent
    if isinstance(answer, SpendConsent) and answer.confirm:
        return
    raise ToolError(
        "The user did not agree to spend the credits, so nothing was sent and nothing was charged. Ask them what "
        "to change (a shorter script, another length) before trying again."
    )


async def authorize(ctx: Context, consent: object, charges: Sequence[Charge], max_credits: float | None) -> None:
    """Steps 0 and 1 for everything one tool call will spend: the user's consent, max_credits, the limit."""
    _check_consent(consent)
    estimate = total_estimate(charges)
    _check_ceiling(estimate, max_credits)
    limit = runtime_of(ctx).settings.spend_limit
    if limit is not None:
        spent = await _ledger(
            state_of(ctx).ledger.spent_since,
            ledger_key(ctx),
            time.time() - DAY_SECONDS,
            unknown_cost=MOST_AN_UNKNOWN_RENDER_COSTS,
        )
        _check_limit(spent, estimate, limit)


async def claim(ctx: Context, charge: Charge, *, new_take: bool) -> tuple[SpendRecord, bool]:
    """Step 2: record the request before it is sent. False: an identical one was made recently (its record)."""
    settings = runtime_of(ctx).settings
    record = SpendRecord(
        fingerprint=fingerprint(charge.endpoint.path, charge.body),
        key_hash=ledger_key(ctx),
        kind=charge.kind.value,
        summary=charge.what,
        created_at=time.time(),
        estimated_credits=charge.estimate,
        request=charge.body,
    )
    claimed: tuple[SpendRecord, bool] = await _ledger(
        state_of(ctx).ledger.claim, record, window_seconds=charge.window(settings.dedup_minutes), new_take=new_take
    )
    return claimed


async def send(
    ctx: Context,
    jogg: JoggClient,
    record: SpendRecord,
    create: Callable[[], Awaitable[Answer]],
    accepted: Callable[[Answer], dict[str, Any]],
) -> Answer:
    """Step 3: send a claimed request once, and write its outcome back (`accepted`: what to record of it)."""
    ledger = state_of(ctx).ledger
    sent = False  # until the create starts, a failure means nothing was sent: a later identical call may send it
    try:
        with contextlib.suppress(JoggError):  # the balance only helps reconcile a lost answer later
            record = await _ledger(ledger.update, record.id, credits_before=await jogg.catalog.remaining_credits())
        sent = True
        answer = await create()
    except JoggError as error:
        refused = error.refused_before_processing
        await _ledger(ledger.update, record.id, outcome=Outcome.REFUSED if refused else Outcome.UNKNOWN)
        raise
    except BaseException:
        with anyio.CancelScope(shield=True):  # the caller gave up: if it was sent, it may have been accepted
            await _ledger(ledger.update, record.id, outcome=Outcome.UNKNOWN if sent else Outcome.REFUSED)
        raise
    await _ledger(ledger.update, record.id, outcome=Outcome.ACCEPTED, **accepted(answer))
    return answer


async def spend(
    ctx: Context,
    jogg: JoggClient,
    charge: Charge,
    *,
    consent: object,
    create: Callable[[], Awaitable[CreatedVideo]],
    new_take: bool = False,
    max_credits: float | None = None,
    cost_note: str | None = None,
) -> CallToolResult:
    """The whole path for one render: its reply is the new render, or the identical one started earlier."""
    await authorize(ctx, consent, [charge], max_credits)
    record, is_new = await claim(ctx, charge, new_take=new_take)
    if not is_new:
        created, status = await earlier_render(ctx, jogg, record)
        if not (charge.redo_failed and status is ProjectStatus.FAILED):
            return created_reply(ctx, created, charge.what, already_note(record), charged=False, status=status)
        answer = consent.data if isinstance(consent, AcceptedElicitation) else consent
        if answer is NOTHING_TO_AGREE:
            # Not asked, as it looked like a repeat: now its failure is on record, so the next call asks first.
            raise ToolError(
                f"An identical {charge.what} made earlier failed, and nothing was sent now. Call again to make it "
                "again: the user will be asked to agree to the cost first."
            )
        record, _ = await claim(ctx, charge, new_take=True)  # it failed: this one is a new attempt
    created = await send(ctx, jogg, record, create, started_render)
    return created_reply(ctx, created, charge.what, cost_note)


def started_render(created: CreatedVideo) -> dict[str, Any]:
    return {"project_id": created.project_id, "status": "queued"}


def _check_ceiling(estimate: float | None, max_credits: float | None) -> None:
    if max_credits is None:
        return
    if estimate is None:
        raise ToolError(
            f"The cost of this cannot be known beforehand, so it cannot be held to max_credits={max_credits:g}. "
            "Nothing was sent. Drop max_credits to send it anyway (after asking the user); for audio or video, "
            "upload the file with upload_asset first, so its length, hence its cost, is known."
        )
    if estimate > max_credits:
        raise ToolError(
            f"This costs {estimate:g} credits, more than max_credits={max_credits:g}. Nothing was sent. "
            "Shorten it, or raise max_credits after asking the user."
        )


def _check_limit(spent: float, estimate: float | None, limit: float) -> None:
    cost = estimate if estimate is not None else MOST_AN_UNKNOWN_RENDER_COSTS  # unknown: the most it can cost
    if spent + cost > limit:
        what = f"{cost:g} credits" if estimate is not None else f"an unknown cost, up to {cost:g} credits"
        raise ToolError(
            f"This ({what}) would pass the spending limit: {spent:g} of {limit:g} credits already "
            "spent through this server with this API key in the last 24 hours. Nothing was sent. The limit is "
            "JOGG_SPEND_LIMIT in this server's environment: raise it there if the user agrees, or wait."
        )


async def settled(ctx: Context, record: SpendRecord) -> SpendRecord:
    """An identical earlier request's record, once its answer is in: one in flight is waited for, never resent."""
    ledger = state_of(ctx).ledger
    deadline = time.monotonic() + WAIT_FOR_TWIN_SECONDS
    while record.outcome is Outcome.SENT and time.time() - record.created_at < STALE_SENT_SECONDS:
        if time.monotonic() > deadline:
            raise ToolError(
                "An identical request is being sent to JoggAI right now and has not been answered yet; it was not "
                "sent again. Call list_projects in a minute to see its project."
            )
        await anyio.sleep(0.2)
        record = await _ledger(ledger.get, record.id) or record
    return record


def already_note(record: SpendRecord) -> str:
    when = time.strftime("%H:%M UTC", time.gmtime(record.created_at))
    return (
        f"Already made at {when}: an identical request was sent then, so nothing was sent or charged now. "
        "To make it again on purpose, call again with new_take=true (that costs credits)."
    )


async def earlier_render(ctx: Context, jogg: JoggClient, record: SpendRecord) -> tuple[CreatedVideo, ProjectStatus]:
    """The render an identical earlier request started, with its status now; a lost answer is a ToolError."""
    record = await settled(ctx, record)
    if record.outcome is not Outcome.ACCEPTED or record.project_id is None:
        raise await lost_answer(jogg, record)
    created = CreatedVideo(
        project_id=record.project_id, kind=ProjectKind(record.kind), estimated_credits=record.estimated_credits
    )
    project = await jogg.find_project(record.project_id, created.kind)
    await _ledger(state_of(ctx).ledger.update, record.id, status=project.status.value)
    return created, project.status


async def lost_answer(jogg: JoggClient, record: SpendRecord) -> ToolError:
    """An identical earlier request has no answer to give again (lost, or refused while this call waited for it):
    what JoggAI's balance tells, and how to send it again."""
    when = time.strftime("%H:%M UTC", time.gmtime(record.created_at))
    if record.outcome is Outcome.REFUSED:  # it was in flight when this call came, and JoggAI refused it
        return ToolError(
            f"An identical request sent at {when} was refused by JoggAI while this one waited for it, so nothing "
            "was charged. Call again to send it again (list_projects shows it)."
        )
    balance = await jogg.catalog.remaining_credits()
    told = ""
    if record.credits_before is not None:
        if balance < record.credits_before:
            told = (
                f" Your balance went from {record.credits_before:g} to {balance:g} credits since, so it was most "
                "likely accepted and charged: look for it in the JoggAI dashboard before making it again."
            )
        else:
            told = (
                f" Your balance is still {balance:g} credits, as before it was sent, so it was most likely not "
                "processed."
            )
    return ToolError(
        f"An identical request was sent at {when}, but its answer was lost, so what it made is unknown and it "
        f"was NOT sent again.{told} To send it again anyway, call with new_take=true."
    )


async def _quietly(ctx: Context, method: str, *args: Any, **kwargs: Any) -> Any:
    """A ledger call where the ledger is only a convenience (a shortcut, a remembered length): if the ledger
    cannot be used, the answer is None and the caller goes on without it, as JoggAI still has the facts."""
    try:
        return await anyio.to_thread.run_sync(lambda: getattr(state_of(ctx).ledger, method)(*args, **kwargs))
    except LedgerError:
        return None


async def recorded(ctx: Context, project_id: str) -> SpendRecord | None:
    """The ledger's record of a render this server started, if any."""
    found: SpendRecord | None = await _quietly(ctx, "by_project", project_id)
    return found


async def remember_status(ctx: Context, record: SpendRecord, status: str, charged: float | None = None) -> None:
    changes: dict[str, Any] = {"status": status} if record.status != status else {}
    if charged is not None and record.charged_credits != charged:
        changes["charged_credits"] = charged
    if changes:
        await _quietly(ctx, "update", record.id, **changes)


async def known_audio_seconds(ctx: Context, asset_url: str) -> float | None:
    """The measured length of audio this server uploaded or measured before (see remember_upload), else None."""
    seconds: float | None = await _quietly(ctx, "asset_duration", asset_url)
    return seconds


async def remember_upload(ctx: Context, asset_url: str, duration_seconds: float | None) -> None:
    """What upload_asset measured, so a video made from that file is priced from its real length."""
    await _quietly(ctx, "remember_asset", asset_url, duration_seconds)


async def ledger_call(ctx: Context, method: str, *args: Any, **kwargs: Any) -> Any:
    """A ledger method, off the event loop, its failure worded for the model."""
    return await _ledger(getattr(state_of(ctx).ledger, method), *args, **kwargs)
