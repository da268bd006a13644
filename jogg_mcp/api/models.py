"""Typed shapes for the JoggAI API: requests and responses, on the wire exactly as documented.

Requests are strict (`extra="forbid"`) so a typo fails here, not at JoggAI. Responses are lenient
(`extra="ignore"`) and accept the documented id aliases, because the real API adds fields over time.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_validator, model_validator

from jogg_mcp.api.vocabulary import (
    V1_STATUS,
    V2_STATUS,
    AspectRatio,
    AvatarType,
    Language,
    MediaType,
    ProjectKind,
    ProjectStatus,
    ScreenStyle,
    ScriptStyle,
    TemplateType,
    VideoLength,
    VoiceMode,
)


# defer_build: a model's validator is built when it is first used, not when the server starts (most of the
# ~60 models here are not needed by a given session; docs/architecture.md, "Start-up").
class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class _Response(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True, defer_build=True)


# --- uploads -------------------------------------------------------------------------------------------


class UploadTicket(_Response):
    """POST /v2/upload/asset: where to PUT the bytes, and the URL they will have afterwards."""

    sign_url: str
    asset_url: str


# --- products (v1 URL-to-video) ------------------------------------------------------------------------


class ProductMedia(_Response):
    type: MediaType
    url: str
    name: str = ""
    description: str = ""


class Product(_Response):
    product_id: str = Field(validation_alias=AliasChoices("product_id", "id"))
    url: str = ""
    name: str = ""
    description: str = ""
    target_audience: str = ""
    media: list[ProductMedia] = Field(default_factory=list)

    @field_validator("media", mode="before")
    @classmethod
    def _null_media(cls, value: Any) -> Any:
        return [] if value is None else value

    @field_validator("url", "name", "description", "target_audience", mode="before")
    @classmethod
    def _null_text(cls, value: Any) -> Any:
        return "" if value is None else value


class ProductInput(_Request):
    """Fields shared by create and update. `media` replaces the product's whole media list when given."""

    name: str | None = None
    description: str | None = None
    target_audience: str | None = None
    media: list[ProductMedia] | None = None

    def wire(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True, mode="json")

    def overrides(self) -> dict[str, Any]:
        """The product fields this request sets (name, description, target_audience, media)."""
        fields = ("name", "description", "target_audience", "media")
        return {name: getattr(self, name) for name in fields if getattr(self, name) is not None}


class CreateProductRequest(ProductInput):
    url: str | None = None

    @model_validator(mode="after")
    def _url_or_name(self) -> CreateProductRequest:
        if not self.url and not self.name:
            raise ValueError("give a product page url, or a name (with description and media) to build it by hand")
        return self


class UpdateProductRequest(ProductInput):
    product_id: str

    @model_validator(mode="after")
    def _something_to_change(self) -> UpdateProductRequest:
        if not self.overrides():
            raise ValueError("Nothing to update: pass at least one of name, description, target_audience, media")
        return self


class UrlVideoRequest(_Request):
    """POST /v1/create_video_from_url, in its visual-style form or its template form."""

    product_id: str
    aspect_ratio: AspectRatio
    video_length: VideoLength
    language: Language
    avatar_id: int
    avatar_type: AvatarType
    voice_id: str
    script_style: ScriptStyle
    visual_style: str | None = None
    template_id: int | None = None
    template_type: TemplateType = TemplateType.PUBLIC
    music_id: int | None = None
    caption: bool = True
    override_script: str | None = None
    video_name: str | None = None

    @model_validator(mode="after")
    def _style_or_template(self) -> UrlVideoRequest:
        if (self.visual_style is None) == (self.template_id is None):
            raise ValueError("give exactly one of visual_style (a name from the visual styles list) or template_id")
        return self

    def wire(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "product_id": self.product_id,
            "aspect_ratio": self.aspect_ratio.v1,
            "video_length": str(self.video_length),
            "language": self.language,
            "avatar_id": self.avatar_id,
            "avatar_type": int(self.avatar_type),
            "voice_id": self.voice_id,
            "script_style": self.script_style,
            "template_type": self.template_type.value,
            "caption": self.caption,
        }
        optional = {
            "visual_style": self.visual_style,
            "template_id": self.template_id,
            "music_id": self.music_id,
            "override_script": self.override_script,
            "video_name": self.video_name,
        }
        body.update({k: v for k, v in optional.items() if v is not None})
        return body

    def preview_wire(self) -> dict[str, Any]:
        """POST /v1/preview: the same body without what a preview has no use for (music, the video's name)."""
        return {k: v for k, v in self.wire().items() if k not in PREVIEW_LEAVES_OUT}

    @classmethod
    def from_wire(cls, body: dict[str, Any]) -> UrlVideoRequest:
        """The request again from a body it sent (a preview's, kept in the ledger), to render it in full."""
        return cls(
            **{
                **body,
                "aspect_ratio": AspectRatio.from_wire(body["aspect_ratio"]),
                "video_length": int(body["video_length"]),
                "avatar_type": AvatarType(body["avatar_type"]),
                "template_type": TemplateType(body["template_type"]),
            }
        )


PREVIEW_LEAVES_OUT = ("music_id", "video_name")  # the v1 preview body is create_video_from_url's without these


class AiScriptsRequest(_Request):
    """POST /v1/ai_scripts for a product JoggAI holds (its id; the name-and-description form is not used)."""

    product_id: str
    language: Language
    video_length: VideoLength
    target_audience: str | None = None

    def wire(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "product_id": self.product_id,
            "language": self.language,
            "video_length": str(self.video_length),
        }
        if self.target_audience:
            body["target_audience"] = self.target_audience
        return body


class GeneratedScript(_Response):
    """One of the scripts /v1/ai_scripts returns: v1 sends the paragraphs as one string (v2: a list)."""

    script_style: str = ""
    script_paragraphs: str = ""

    @field_validator("script_paragraphs", mode="before")
    @classmethod
    def _joined(cls, value: Any) -> Any:
        return "\n\n".join(str(p) for p in value) if isinstance(value, list) else (value or "")


class AiScriptsWire(_Response):
    generated_scripts: list[GeneratedScript] = Field(default_factory=list)


class AvatarVideoRequest(_Request):
    """POST /v2/create_video_from_avatar, built from flat friendly fields into the nested v2 schema."""

    avatar_id: int
    avatar_type: AvatarType
    voice_id: str
    script: str | None = None
    audio_url: str | None = None
    aspect_ratio: AspectRatio
    screen_style: ScreenStyle = ScreenStyle.BACKGROUND
    caption: bool = False
    video_name: str | None = None

    @model_validator(mode="after")
    def _check(self) -> AvatarVideoRequest:
        if bool(self.script) == bool(self.audio_url):
            raise ValueError("give exactly one of script (text to speak) or audio_url (an uploaded audio asset)")
        if self.screen_style is ScreenStyle.TRANSPARENT_WEBM and self.caption:
            raise ValueError(
                "a transparent screen_style (WebM with an alpha channel) needs caption=false: JoggAI cannot burn "
                "captions into it; set caption=false, or use a green screen to keep captions"
            )
        return self

    @property
    def voice_mode(self) -> VoiceMode:
        return VoiceMode.SCRIPT if self.script else VoiceMode.AUDIO

    def wire(self) -> dict[str, Any]:
        voice: dict[str, Any] = {"type": self.voice_mode.value, "voice_id": self.voice_id}
        if self.script:
            voice["script"] = self.script
        else:
            voice["audio_url"] = self.audio_url
        body: dict[str, Any] = {
            "avatar": {"avatar_id": self.avatar_id, "avatar_type": int(self.avatar_type)},
            "voice": voice,
            "aspect_ratio": self.aspect_ratio.value,
            "screen_style": int(self.screen_style),
            "caption": self.caption,
        }
        if self.video_name:
            body["video_name"] = self.video_name
        return body


# --- render status -------------------------------------------------------------------------------------


class Project(_Response):
    """A render, normalised: the same fields whichever endpoint reported it, the raw status kept."""

    project_id: str
    kind: ProjectKind
    status: ProjectStatus
    raw_status: str
    title: str | None = None
    video_url: str | None = None
    cover_url: str | None = None
    duration_seconds: float | None = None
    created_at: int | None = None
    error: str | None = None
    charged_credits: float | None = None  # only where JoggAI reports it (`deducted_credit`)
    subtitle_url: str | None = None  # translations: the translated subtitles (.srt)
    image_urls: list[str] = Field(default_factory=list)  # avatar photos: the generated images to choose from
    avatar_id: int | None = None  # a photo avatar: use it with avatar_type custom once it succeeded


class V1ProjectWire(_Response):
    id: str = Field(validation_alias=AliasChoices("id", "project_id", "video_id"))
    title: str | None = None
    video_url: str | None = None
    cover_url: str | None = None
    video_duration: float | None = None
    status_code: int
    status_desc: str | None = None
    created_at: int | None = None
    deducted_credit: float | None = None

    @field_validator("id", mode="before")
    @classmethod
    def _id_text(cls, value: Any) -> Any:
        return (
            str(value) if isinstance(value, int) else value
        )  # the v1 spec types it integer (docs/joggai-api.md, C-20)

    def normalise(self, kind: ProjectKind = ProjectKind.URL_VIDEO) -> Project:
        """`kind`: what the caller knows it asked for (/v1/project answers for videos and previews alike)."""
        status = V1_STATUS.get(self.status_code)
        if status is None:
            status = ProjectStatus.FAILED if "fail" in (self.status_desc or "").lower() else ProjectStatus.RENDERING
        return Project(
            project_id=self.id,
            kind=kind,
            status=status,
            raw_status=f"{self.status_code} {self.status_desc or ''}".strip(),
            title=self.title or None,
            video_url=self.video_url or None,
            cover_url=self.cover_url or None,
            duration_seconds=self.video_duration or None,
            created_at=self.created_at,
            error=(self.status_desc or "render failed") if status is ProjectStatus.FAILED else None,
            charged_credits=self.deducted_credit,
        )


class _ErrorDetail(_Response):
    code: int | str | None = None
    message: str | None = None


class V2AvatarVideoWire(_Response):
    video_id: str = Field(validation_alias=AliasChoices("video_id", "project_id", "id"))
    status: str
    video_url: str | None = None
    cover_url: str | None = None
    created_at: int | None = None
    duration: float | None = Field(default=None, validation_alias=AliasChoices("duration", "video_duration"))
    title: str | None = Field(default=None, validation_alias=AliasChoices("title", "video_name"))
    error: _ErrorDetail | str | None = None
    deducted_credit: float | None = None

    def normalise(self) -> Project:
        status = V2_STATUS.get(self.status.lower(), ProjectStatus.RENDERING)
        error: str | None = None
        if status is ProjectStatus.FAILED:
            detail = self.error
            error = (detail.message if isinstance(detail, _ErrorDetail) else detail) or "render failed"
        return Project(
            project_id=self.video_id,
            kind=ProjectKind.AVATAR_VIDEO,
            status=status,
            raw_status=self.status,
            title=self.title or None,
            video_url=self.video_url or None,
            cover_url=self.cover_url or None,
            duration_seconds=self.duration or None,
            created_at=self.created_at,
            error=error,
            charged_credits=self.deducted_credit,
        )


# --- templates (v2) -------------------------------------------------------------------------------------

TemplateVariableType = Literal["text", "image", "video", "script"]


class TemplateVariable(_Response):
    type: TemplateVariableType
    name: str
    required: bool = True  # the guide's `required` flag (docs/joggai-api.md, Templates); the spec omits it


class TemplateDetails(_Response):
    """GET /v2/template/custom/{id}: a custom template and its variables."""

    template_id: int = Field(validation_alias=AliasChoices("template_id", "id"))
    name: str
    cover_url: str | None = None
    preview_url: str | None = None
    aspect_ratio: AspectRatio | None = None
    variables: list[TemplateVariable] = []

    @field_validator("aspect_ratio", mode="before")
    @classmethod
    def _aspect(cls, value: Any) -> Any:
        return None if value is None or value == -1 else AspectRatio.from_wire(value)


class TemplateValue(_Request):
    """One variable's value: text for text and script, a URL for image and video."""

    type: TemplateVariableType
    name: str
    value: str

    def wire(self) -> dict[str, Any]:
        key = "content" if self.type in ("text", "script") else "url"
        return {"type": self.type, "name": self.name, "properties": {key: self.value}}


class TemplateVideoRequest(_Request):
    """POST /v2/create_video_with_template (its `template_type` is a v1 field the v2 spec does not have)."""

    template_id: int
    language: Language
    variables: tuple[TemplateValue, ...]
    avatar_id: int | None = None
    avatar_type: AvatarType | None = None
    voice_id: str | None = None
    caption: bool | None = None
    music_id: int | None = None
    video_name: str | None = None

    @property
    def scripts(self) -> list[str]:
        return [v.value for v in self.variables if v.type == "script"]

    def wire(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "template_id": self.template_id,
            "voice_language": self.language,
            "variables": [v.wire() for v in self.variables],
        }
        if self.avatar_id is not None:
            body["avatar_id"] = self.avatar_id
            body["avatar_type"] = int(self.avatar_type or AvatarType.PUBLIC)
        optional = {
            "voice_id": self.voice_id,
            "captions_enabled": self.caption,
            "background_music_id": self.music_id,
            "video_name": self.video_name,
        }
        body.update({key: value for key, value in optional.items() if value is not None})
        return body


class _TemplateVideoData(_Response):
    video_name: str | None = None
    url: str | None = None
    cover_url: str | None = None
    duration_seconds: float | None = None
    deducted_credit: float | None = None


class V2TemplateVideoWire(_Response):
    """GET /v2/template_video/{id}: the result nested in `data.data`, its link named `url` (C-15)."""

    video_id: str = Field(validation_alias=AliasChoices("video_id", "id"))
    status: str
    created_at: int | None = None
    data: _TemplateVideoData | None = None
    error: _ErrorDetail | str | None = None

    def normalise(self) -> Project:
        status = V2_STATUS.get(self.status.lower(), ProjectStatus.RENDERING)
        result = self.data or _TemplateVideoData()
        error = None
        if status is ProjectStatus.FAILED:
            detail = self.error
            error = (detail.message if isinstance(detail, _ErrorDetail) else detail) or "render failed"
        return Project(
            project_id=self.video_id,
            kind=ProjectKind.TEMPLATE_VIDEO,
            status=status,
            raw_status=self.status,
            title=result.video_name or None,
            video_url=result.url or None,
            cover_url=result.cover_url or None,
            duration_seconds=result.duration_seconds or None,
            created_at=self.created_at,
            error=error,
            charged_credits=result.deducted_credit,
        )


# --- studio (v2): lip sync and translation ---------------------------------------------------------------

PlaybackType = Literal["normal", "normal_reverse", "normal_reverse_by_audio"]


class LipSyncRequest(_Request):
    """POST /v2/create_lip_sync_video."""

    video_url: str
    audio_url: str
    playback_type: PlaybackType = "normal"

    def wire(self) -> dict[str, Any]:
        return {"video_url": self.video_url, "audio_url": self.audio_url, "playback_type": self.playback_type}


class TranslationRequest(_Request):
    """POST /v2/video_translate/ (the spec's names; a reference page uses others, C-16)."""

    video_url: str
    output_language: str  # a name from GET /v2/video_translate/target_languages, e.g. spanish
    output_voice: str | None = None
    add_subtitles: bool | None = None
    translate_audio_only: bool | None = None
    title: str | None = None

    def wire(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


class _LipSyncResult(_Response):
    result_url: str | None = None
    cover_url: str | None = None
    duration_seconds: float | None = None


class V2LipSyncWire(_Response):
    """GET /v2/lip_sync_video/{task_id}: success is `success`, the link `data.result_url`."""

    task_id: str
    status: str
    created_at: int | None = None
    data: _LipSyncResult | None = None
    error: _ErrorDetail | str | None = None

    def normalise(self) -> Project:
        status = V2_STATUS.get(self.status.lower(), ProjectStatus.RENDERING)
        result = self.data or _LipSyncResult()
        return Project(
            project_id=self.task_id,
            kind=ProjectKind.LIP_SYNC,
            status=status,
            raw_status=self.status,
            video_url=result.result_url or None,
            cover_url=result.cover_url or None,
            duration_seconds=result.duration_seconds or None,
            created_at=self.created_at,
            error=_failure(status, self.error),
        )


class V2TranslationWire(_Response):
    """GET /v2/video_translate/{id}: the link is `url`, the subtitles `subtitle_url`."""

    video_translate_id: str
    status: str
    title: str | None = None
    url: str | None = None
    subtitle_url: str | None = None

    def normalise(self) -> Project:
        status = V2_STATUS.get(self.status.lower(), ProjectStatus.RENDERING)
        return Project(
            project_id=self.video_translate_id,
            kind=ProjectKind.TRANSLATION,
            status=status,
            raw_status=self.status,
            title=self.title or None,
            video_url=self.url or None,
            subtitle_url=self.subtitle_url or None,
            error="translation failed" if status is ProjectStatus.FAILED else None,
        )


def _failure(status: ProjectStatus, detail: _ErrorDetail | str | None) -> str | None:
    if status is not ProjectStatus.FAILED:
        return None
    return (detail.message if isinstance(detail, _ErrorDetail) else detail) or "render failed"


# --- photo avatars (v2) ----------------------------------------------------------------------------------

PhotoAge = Literal["Teenager", "Young adult", "Adult", "Elderly"]
PhotoEthnicity = Literal[
    "European", "African", "South Asian", "East Asian", "Middle Eastern", "South American", "North American"
]
MotionModel = Literal["1.0", "2.0", "2.0-Pro", "3.0"]


class AvatarPhotosRequest(_Request):
    """POST /v2/photo_avatar/photo/generate: four photos of a person who does not exist (values capitalised)."""

    age: PhotoAge
    avatar_style: Literal["Professional", "Social"]
    gender: Literal["Female", "Male"]
    model: Literal["classic", "modern"]
    aspect_ratio: AspectRatio
    ethnicity: PhotoEthnicity | None = None
    background: str | None = None
    appearance: str | None = None
    image_url: str | None = None  # a reference portrait

    def wire(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


class PhotoMotionRequest(_Request):
    """POST /v2/photo_avatar/add_motion: one photo animated into an avatar that speaks."""

    image_url: str
    name: str
    voice_id: str
    model: MotionModel
    photo_id: str | None = None
    description: str | None = None
    welcome_msg: str | None = None

    def wire(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


class V2AvatarPhotosWire(_Response):
    """GET /v2/photo_avatar/photo?photo_id=: status in_progress, success or error."""

    photo_id: str
    status: str
    image_url_list: list[str] | None = None
    msg: str | None = None

    def normalise(self) -> Project:
        status = V2_STATUS.get(self.status.lower(), ProjectStatus.RENDERING)
        return Project(
            project_id=self.photo_id,
            kind=ProjectKind.AVATAR_PHOTOS,
            status=status,
            raw_status=self.status,
            image_urls=self.image_url_list or [],
            error=(self.msg or "photo generation failed") if status is ProjectStatus.FAILED else None,
        )


class PresenterSource(_Request):
    """Who holds the product: a listed avatar (id), a person in an image, or a described one."""

    type: Literal["id", "image", "description"]
    value: str | None = None
    avatar_id: int | None = None
    avatar_type: Literal["public", "photo", "custom"] | None = None


class ProductAvatarImagesRequest(_Request):
    """POST /v2/product_avatar/generation: images of a presenter holding the product."""

    product_image_url: str
    avatar_source: PresenterSource
    quality: Literal["low", "medium", "high"]
    aspect_ratio: Literal["3:2", "2:3", "1:1"]
    num_images: int = Field(ge=1, le=4)
    prompt: str | None = None

    def wire(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


class ProductAvatarMotionRequest(_Request):
    """POST /v2/product_avatar/add_motion: one generated image animated into a product avatar."""

    generation_id: str
    name: str
    voice_id: str
    description: str
    model: int | None = Field(default=None, ge=0, le=2)
    aspect_ratio: AspectRatio | None = None

    def wire(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


class _Generation(_Response):
    generation_id: str
    status: str
    url: str | None = None


class V2ProductAvatarBatchWire(_Response):
    """GET /v2/product_avatar/generation/{batch_id}: one status per image, summed up here."""

    batch_id: str
    generations: list[_Generation] = []

    def normalise(self) -> Project:
        states = [V2_STATUS.get(g.status.lower(), ProjectStatus.RENDERING) for g in self.generations]
        if states and all(state.is_final for state in states):
            done = any(state is ProjectStatus.SUCCEEDED for state in states)
            status = ProjectStatus.SUCCEEDED if done else ProjectStatus.FAILED
        else:
            status = ProjectStatus.QUEUED if all(s is ProjectStatus.QUEUED for s in states) else ProjectStatus.RENDERING
        finished = [g.url for g, state in zip(self.generations, states, strict=True) if state.is_final and g.url]
        return Project(
            project_id=self.batch_id,
            kind=ProjectKind.PRODUCT_AVATAR_IMAGES,
            status=status,
            raw_status=", ".join(f"{g.status}" for g in self.generations) or "pending",
            image_urls=finished,
            error="every image failed" if status is ProjectStatus.FAILED else None,
        )

    def generation_for(self, image_url: str) -> str | None:
        return next((g.generation_id for g in self.generations if g.url == image_url), None)


class V2PhotoAvatarWire(_Response):
    """GET /v2/photo_avatar?motion_id=: the animated avatar, its preview and its avatar_id."""

    motion_id: str
    avatar_id: int | None = None
    name: str | None = None
    status: str
    motion_preview_url: str | None = None
    image_url: str | None = None
    error_msg: str | None = None

    def normalise(self, kind: ProjectKind = ProjectKind.PHOTO_AVATAR) -> Project:
        """`kind`: photo and product avatars answer their motion's status in the same shape."""
        status = V2_STATUS.get(self.status.lower(), ProjectStatus.RENDERING)
        return Project(
            project_id=self.motion_id,
            kind=kind,
            status=status,
            raw_status=self.status,
            title=self.name or None,
            video_url=self.motion_preview_url or None,
            cover_url=self.image_url or None,
            avatar_id=self.avatar_id,
            error=(self.error_msg or "animation failed") if status is ProjectStatus.FAILED else None,
        )


# --- history (v2 lists of past renders) ----------------------------------------------------------------


class HistoryItem(_Response):
    """One past render, the same fields whichever list it came from (template videos name them differently)."""

    id: str = Field(validation_alias=AliasChoices("id", "video_id"))
    title: str | None = Field(default=None, validation_alias=AliasChoices("title", "video_name"))
    status: str
    video_url: str | None = Field(default=None, validation_alias=AliasChoices("video_url", "url"))
    cover_url: str | None = None
    duration_seconds: float | None = Field(
        default=None, validation_alias=AliasChoices("video_duration", "duration_seconds")
    )
    created_at: int | None = None
    error: _ErrorDetail | None = None

    @property
    def normalised_status(self) -> ProjectStatus:
        return V2_STATUS.get(self.status.lower(), ProjectStatus.RENDERING)


class HistoryPage(_Response):
    items: list[HistoryItem]
    total: int
    page: int
    page_size: int


class CreatedVideo(_Response):
    """What a create call returns: the id to poll, and the credits we expect it to cost."""

    project_id: str
    kind: ProjectKind
    estimated_credits: float | None  # None: not knowable beforehand (audio of unknown length)


# --- catalogues ----------------------------------------------------------------------------------------


class _HasAspect(_Response):
    aspect_ratio: AspectRatio | None = None

    @field_validator("aspect_ratio", mode="before")
    @classmethod
    def _aspect(cls, value: Any) -> Any:
        if value is None or value == -1:
            return None
        return AspectRatio.from_wire(value)


class Avatar(_HasAspect):
    id: int = Field(validation_alias=AliasChoices("id", "avatar_id"))
    name: str = ""
    cover_url: str | None = None
    video_url: str | None = None
    style: str | None = None
    gender: str | None = None
    age: str | None = None
    # custom (instant) avatars only
    avatar_status: str | None = None
    fail_msg: str | None = None


class Voice(_Response):
    voice_id: str = Field(validation_alias=AliasChoices("voice_id", "id"))
    name: str = ""
    audio_url: str | None = Field(default=None, validation_alias=AliasChoices("audio_url", "audition_url"))
    language: str | None = None
    gender: str | None = None
    age: str | None = None
    accent: str | None = None
    use_case: str | None = None


class VoicePage(_Response):
    voices: list[Voice]
    has_more: bool = False


class VisualStyle(_Response):
    id: int | None = None
    name: str


class Template(_HasAspect):
    id: int = Field(validation_alias=AliasChoices("id", "template_id"))
    name: str = ""
    cover_url: str | None = None
    preview_url: str | None = None


class Music(_Response):
    id: int = Field(validation_alias=AliasChoices("id", "music_id"))
    name: str = ""
    music_url: str | None = None
    duration: float | None = None


class Pagination(_Response):
    page: int
    page_size: int
    total_items: int
    total_pages: int


class MusicPage(_Response):
    music: list[Music]
    pagination: Pagination | None = None


class Quota(_Response):
    remaining_quota: float
