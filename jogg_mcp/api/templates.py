"""Template videos (v2): a custom template's variables, a video from a template, its status."""

from __future__ import annotations

from jogg_mcp.api.models import CreatedVideo, Project, TemplateDetails, TemplateVideoRequest, V2TemplateVideoWire
from jogg_mcp.api.pricing import template_video_credits
from jogg_mcp.api.transport import Endpoint, RetryPolicy, Transport, pick_id
from jogg_mcp.api.vocabulary import ProjectKind

CUSTOM_TEMPLATE = Endpoint("GET", "/v2/template/custom/{template_id}", RetryPolicy.SAFE)
CREATE_TEMPLATE_VIDEO = Endpoint("POST", "/v2/create_video_with_template", RetryPolicy.BILLABLE)
GET_TEMPLATE_VIDEO = Endpoint("GET", "/v2/template_video/{video_id}", RetryPolicy.SAFE)


class TemplatesAPI:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def custom_template(self, template_id: int) -> TemplateDetails:
        """GET /v2/template/custom/{id} (singular `template`): JoggAI publishes variables for custom templates
        only; a library template's id is not found here (NotFoundError)."""
        data = await self._transport.call(CUSTOM_TEMPLATE, segments={"template_id": str(template_id)})
        return TemplateDetails.model_validate(data)

    async def create_video(self, request: TemplateVideoRequest) -> CreatedVideo:
        """POST /v2/create_video_with_template: spends credits, so never retried once it may have arrived."""
        data = await self._transport.call(CREATE_TEMPLATE_VIDEO, json=request.wire())
        return CreatedVideo(
            project_id=pick_id(data),
            kind=ProjectKind.TEMPLATE_VIDEO,
            estimated_credits=template_video_credits(request.scripts),
        )

    async def get_video(self, video_id: str) -> Project:
        """GET /v2/template_video/{id}, normalised."""
        data = await self._transport.call(GET_TEMPLATE_VIDEO, segments={"video_id": video_id})
        return V2TemplateVideoWire.model_validate(data).normalise()
