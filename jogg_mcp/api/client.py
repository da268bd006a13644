"""JoggClient: the typed async JoggAI client. It knows nothing of MCP, nor of how it is configured.

async with JoggClient(api_key=key, base_url="https://api.jogg.ai") as jogg:
    product = await jogg.products.create(CreateProductRequest(url="https://shop.example/p/1"))
"""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable
from types import TracebackType

import httpx2

from jogg_mcp.api.assets import AssetsAPI
from jogg_mcp.api.avatar_videos import AvatarVideosAPI
from jogg_mcp.api.catalog import CatalogAPI
from jogg_mcp.api.errors import NotFoundError
from jogg_mcp.api.history import HistoryAPI
from jogg_mcp.api.models import Project
from jogg_mcp.api.photo_avatars import PhotoAvatarsAPI
from jogg_mcp.api.product_avatars import ProductAvatarsAPI
from jogg_mcp.api.products import ProductsAPI
from jogg_mcp.api.studio import StudioAPI
from jogg_mcp.api.templates import TemplatesAPI
from jogg_mcp.api.transport import RetrySettings, Throttle, Transport, WaitReporter, throttle_for_key
from jogg_mcp.api.vocabulary import ProjectKind


class JoggClient:
    """One API key, one shared connection pool, one module per domain."""

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str,
        connect_timeout: float = 10.0,
        read_timeout: float = 30.0,
        upload_timeout: float = 300.0,
        retry: RetrySettings | None = None,
        throttle: Throttle | None = None,
        http: httpx2.AsyncClient | None = None,
        on_throttle_wait: WaitReporter | None = None,
    ) -> None:
        self._owns_http = http is None
        self.http = http or httpx2.AsyncClient(
            limits=httpx2.Limits(max_connections=20, max_keepalive_connections=10),
            trust_env=False,
        )
        api_timeout = httpx2.Timeout(
            connect=connect_timeout, read=read_timeout, write=read_timeout, pool=connect_timeout
        )
        # An upload may sit behind a slow link: bound each stalled read or write, not the whole transfer.
        upload = httpx2.Timeout(
            connect=connect_timeout, read=upload_timeout, write=upload_timeout, pool=connect_timeout
        )
        self.transport = Transport(
            self.http,
            api_key=api_key,
            base_url=base_url,
            api_timeout=api_timeout,
            retry=retry or RetrySettings(),
            throttle=throttle or throttle_for_key(api_key),
            on_throttle_wait=on_throttle_wait,
        )
        self.assets = AssetsAPI(self.transport, upload)
        self.products = ProductsAPI(self.transport)
        self.avatar_videos = AvatarVideosAPI(self.transport)
        self.catalog = CatalogAPI(self.transport)
        self.history = HistoryAPI(self.transport)
        self.templates = TemplatesAPI(self.transport)
        self.studio = StudioAPI(self.transport)
        self.photo_avatars = PhotoAvatarsAPI(self.transport)
        self.product_avatars = ProductAvatarsAPI(self.transport)

    async def find_project(self, project_id: str, kind: ProjectKind | None = None) -> Project:
        """Status of any render id: product videos and previews at /v1/project, avatar videos at
        /v2/avatar_video, template videos at /v2/template_video, lip syncs and translations at their own.

        Without `kind` (an id from elsewhere), the endpoints are tried in the order the id's shape suggests:
        v1 project ids are 32 hex digits (docs/joggai-api.md, "Vocabularies").
        """
        lookups: dict[ProjectKind, Callable[[str], Awaitable[Project]]] = {
            ProjectKind.URL_VIDEO: self.products.get_project,
            ProjectKind.PREVIEW: functools.partial(self.products.get_project, kind=ProjectKind.PREVIEW),
            ProjectKind.AVATAR_VIDEO: self.avatar_videos.get,
            ProjectKind.TEMPLATE_VIDEO: self.templates.get_video,
            ProjectKind.LIP_SYNC: self.studio.get_lip_sync,
            ProjectKind.TRANSLATION: self.studio.get_translation,
            ProjectKind.AVATAR_PHOTOS: self.photo_avatars.photos,
            ProjectKind.PHOTO_AVATAR: self.photo_avatars.motion,
            ProjectKind.PRODUCT_AVATAR_IMAGES: self.product_avatars.images,
            ProjectKind.PRODUCT_AVATAR: self.product_avatars.motion,
        }
        if kind is not None:
            if kind not in lookups:
                raise NotFoundError(f"A {kind.value} record has no render to look up (id {project_id!r}).")
            return await lookups[kind](project_id)
        *first, last = likely_kinds(project_id)
        for guess in first:
            try:
                return await lookups[guess](project_id)
            except NotFoundError:
                pass
        try:
            return await lookups[last](project_id)
        except NotFoundError as error:
            raise NotFoundError(
                f"JoggAI has no product, avatar or template video, lip sync or translation with id {project_id!r}. "
                "Check the id: the create_* tools return it as project_id.",
                code=error.code,
                http_status=error.http_status,
                rid=error.rid,
            ) from None

    async def aclose(self) -> None:
        if self._owns_http:
            await self.http.aclose()

    async def __aenter__(self) -> JoggClient:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()


_V1_PROJECT_ID = re.compile(r"[0-9a-f]{32}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")  # lip-sync task ids


def likely_kinds(project_id: str) -> tuple[ProjectKind, ...]:
    """Which endpoints to ask, in order, for an id of unknown kind (docs/joggai-api.md, "Vocabularies")."""
    if _V1_PROJECT_ID.fullmatch(project_id):
        return ProjectKind.URL_VIDEO, ProjectKind.AVATAR_VIDEO, ProjectKind.TEMPLATE_VIDEO
    if _UUID.fullmatch(project_id):
        return (ProjectKind.LIP_SYNC,)
    if project_id.startswith("vt_"):
        return ProjectKind.TRANSLATION, ProjectKind.AVATAR_VIDEO
    if project_id.startswith("photo_"):
        return (ProjectKind.AVATAR_PHOTOS,)
    if project_id.startswith("motion_"):
        return ProjectKind.PHOTO_AVATAR, ProjectKind.PRODUCT_AVATAR
    if project_id.startswith("batch_"):
        return (ProjectKind.PRODUCT_AVATAR_IMAGES,)
    return ProjectKind.AVATAR_VIDEO, ProjectKind.TEMPLATE_VIDEO, ProjectKind.URL_VIDEO
