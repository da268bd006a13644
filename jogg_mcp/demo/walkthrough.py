"""`jogg-mcp demo`: JoggAI's URL-to-video flow, watched from the client's side.

It starts the JoggAI sandbox and jogg-mcp over stdio, connects the official MCP client, and walks the guide:
upload a sample image and audio file, create a product from a (local) product page, update it, create a
video, wait for it with progress, save it where the demo was started, and print the path, the video URL and a
summary. With --draft it drafts first, as a
user would in conversation: review the product, draft scripts, preview two styles, render the chosen preview.
With --live it does the same against the real JoggAI API, asking before it spends credits.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from jogg_mcp.demo.samples import gradient_png, product_site, tone_mp3


class DemoError(Exception):
    pass


class Console:
    """Readable steps and progress bars; redraws in place on a terminal, prints milestones otherwise."""

    WIDTH = 28

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self._last_bar = ""

    def say(self, text: str = "") -> None:
        self._end_bar()
        print(text, file=self.stream, flush=True)

    def step(self, number: int, title: str) -> None:
        self.say(f"\n{number}. {title}")

    def bar(self, done: float, total: float | None, note: str) -> None:
        fraction = min(1.0, done / total) if total else 0.0
        filled = round(fraction * self.WIDTH)
        line = f"   [{'#' * filled}{'.' * (self.WIDTH - filled)}] {fraction:4.0%}  {note}"
        if self.tty:
            print("\r" + line.ljust(100)[:100], end="", file=self.stream, flush=True)
            self._last_bar = line
        elif line.split("]")[0] != self._last_bar.split("]")[0]:
            print(line, file=self.stream, flush=True)
            self._last_bar = line

    def _end_bar(self) -> None:
        if self.tty and self._last_bar:
            print(file=self.stream)
        self._last_bar = ""


@dataclass
class Summary:
    rows: list[tuple[str, str, float, str]] = field(default_factory=list)

    def add(self, step: str, tool: str, seconds: float, result: str) -> None:
        self.rows.append((step, tool, seconds, result))

    def render(self) -> str:
        header = ("Step", "Tool", "Time", "Result")
        cells = [header, *((s, t, f"{sec:.1f} s", r) for s, t, sec, r in self.rows)]
        widths = [min(70, max(len(row[i]) for row in cells)) for i in range(4)]
        lines = []
        for index, row in enumerate(cells):
            lines.append("  " + " | ".join(cell[: widths[i]].ljust(widths[i]) for i, cell in enumerate(row)))
            if index == 0:
                lines.append("  " + "-+-".join("-" * w for w in widths))
        return "\n".join(lines)


@dataclass
class DemoOptions:
    live: bool = False
    url: str | None = None
    yes: bool = False
    draft: bool = False  # the draft conversation: scripts and previews before the render
    save_to: Path = field(default_factory=Path.cwd)  # where the finished video is saved
    render_seconds: float = 8.0


class Demo:
    def __init__(self, console: Console, options: DemoOptions) -> None:
        self.console = console
        self.options = options
        self.summary = Summary()
        self.saved_path = ""

    async def call(
        self, client: Any, step: str, tool: str, arguments: dict[str, Any], progress_note: str | None = None
    ) -> dict[str, Any]:
        started = time.monotonic()

        async def on_progress(done: float, total: float | None, message: str | None) -> None:
            self.console.bar(done, total, message or progress_note or "")

        result = await client.call_tool(tool, arguments, progress_callback=on_progress)
        if result.is_error:
            raise DemoError(f"{tool} failed: {result.content[0].text}")
        data: dict[str, Any] = result.structured_content or {}
        self.summary.add(step, tool, time.monotonic() - started, _headline(tool, data))
        return data

    async def run(self, server_env: dict[str, str], media: Path, page_url: str) -> str:
        from mcp import Client, StdioServerParameters

        params = StdioServerParameters(command=sys.executable, args=["-m", "jogg_mcp", "serve"], env=server_env)
        async with Client(params) as client:
            try:
                project_id, video_url = await self._flow(client, media, page_url)
                await self._save(client, project_id)
                return video_url
            except DemoError as error:
                failure = error  # raised outside the client, so it is not wrapped in an exception group
        raise failure

    async def _flow(self, client: Any, media: Path, page_url: str) -> tuple[str, str]:
        say, step = self.console.say, self.console.step
        tools = (await client.list_tools()).tools
        say(f"   jogg-mcp is up over stdio with {len(tools)} tools: {', '.join(t.name for t in tools)}")

        step(1, "Upload a sample image and a sample voice-over (checked locally first, then streamed)")
        image = await self.call(client, "1. upload image", "upload_asset", {"path": str(media / "banner.png")})
        say(
            f"   {image['format']} {image['width']}x{image['height']}, {image['size_bytes']} bytes -> "
            f"{image['asset_url']}"
        )
        audio = await self.call(client, "1. upload audio", "upload_asset", {"path": str(media / "voice.mp3")})
        say(f"   {audio['format']} {audio['duration_seconds']:.1f} s ({audio['codec']}) -> {audio['asset_url']}")

        step(2, f"Create a product from {page_url}")
        product = await self.call(client, "2. product", "create_product_from_url", {"url": page_url})
        say(f"   {product['product_id']}: {product['name']!r}\n   {product['description'][:110]}")

        step(3, "Update it: target audience, and our uploaded banner as its media")
        media_items = [
            {"type": "image", "url": image["asset_url"], "name": "Banner", "description": "Product banner"},
            *product["media"],
        ]
        updated = await self.call(
            client,
            "3. update",
            "update_product",
            {"product_id": product["product_id"], "target_audience": "trail runners and hikers", "media": media_items},
        )
        say(f"   audience {updated['target_audience']!r}, {len(updated['media'])} media item(s)")

        step(4, "Pick an avatar, a voice and a visual style from the catalogues")
        catalog = {"kind": "avatars", "aspect_ratio": "portrait", "page_size": 3}
        avatar = (await self.call(client, "4. avatar", "list_catalog", catalog))["items"][0]
        catalog = {"kind": "voices", "language": "english", "page_size": 3}
        voice = (await self.call(client, "4. voice", "list_catalog", catalog))["items"][0]
        catalog = {"kind": "visual_styles", "aspect_ratio": "portrait"}
        listed = (await self.call(client, "4. style", "list_catalog", catalog))["items"]
        styles = [item["visual_style"] for item in listed]
        style = styles[0]
        say(
            f"   avatar {avatar['name']} ({avatar['avatar_id']}), voice {voice['name']} ({voice['voice_id']}), "
            f"style {style}"
        )

        settings = {
            "product_id": product["product_id"],
            "aspect_ratio": "portrait",
            "video_length": 15,
            "language": "english",
            "avatar_id": avatar["avatar_id"],
            "avatar_type": avatar["avatar_type"],
            "voice_id": voice["voice_id"],
            "script_style": "Don't Worry",
            "caption": True,
        }
        if self.options.draft:
            return await self._draft(client, settings, styles[:2])

        step(5, "Create the video (this is the step that spends credits)")
        credits = await self.call(client, "5. credits", "get_credits", {})
        say(f"   {credits['remaining_credits']:g} credits available; a 15 s video costs 1")
        left = credits["remaining_credits"]
        if self.options.live and not self._confirm(f"Create the video for 1 credit (of {left:g})?"):
            raise DemoError("stopped before spending credits, as asked")
        created = await self.call(client, "5. create", "create_video", {**settings, "visual_style": style})
        say(f"   project {created['project_id']} queued; {created['cost_note']}")

        step(6, "Wait for the render (get_project waits up to 45 s per call, reporting progress)")
        return created["project_id"], await self._wait(client, "6. wait", created["project_id"])

    async def _draft(self, client: Any, settings: dict[str, Any], styles: list[str]) -> tuple[str, str]:
        """The draft conversation: review, script drafts, two previews, then the chosen one rendered in full."""
        say, step = self.console.say, self.console.step
        product_id = settings["product_id"]

        step(5, "Review the product as JoggAI holds it (free)")
        product = await self.call(client, "5. review", "get_product", {"product_id": product_id})
        say(f"   {product['name']!r} for {product['target_audience']!r}: {product['description'][:100]}")

        step(6, "Draft scripts (0.2 credit): JoggAI writes several, in different styles")
        credits = await self.call(client, "6. credits", "get_credits", {})
        left = credits["remaining_credits"]
        if self.options.live and not self._confirm(f"Draft scripts for 0.2 credit (of {left:g})?"):
            raise DemoError("stopped before spending credits, as asked")
        drafts = await self.call(
            client, "6. draft", "draft_script", {"product_id": product_id, "language": "english", "video_length": 15}
        )
        for script in drafts["scripts"]:
            first_line = script["text"].splitlines()[0]
            say(f"   [{script['script_style']}] ~{script['estimated_seconds']:.0f} s: {first_line[:80]}")
        chosen_script = drafts["scripts"][0]
        say(f"   using the {chosen_script['script_style']} draft")

        step(7, f"Preview it in two visual styles (0.5 credit each): {', '.join(styles)}")
        if self.options.live and not self._confirm(f"Make {len(styles)} previews for {0.5 * len(styles):g} credit?"):
            raise DemoError("stopped before spending credits, as asked")
        previews = await self.call(
            client,
            "7. preview",
            "preview_video",
            {**settings, "visual_styles": styles, "override_script": chosen_script["text"]},
        )
        for preview in previews["previews"]:
            if preview["project_id"] is None:
                raise DemoError(f"the {preview['visual_style']} preview did not start: {preview['error']}")
            say(f"   {preview['visual_style']}: waiting for {preview['project_id']}")
            url = await self._wait(client, "7. wait", preview["project_id"])
            say(f"   {preview['visual_style']} preview: {url}")

        chosen = previews["previews"][-1]
        step(8, f"Render the {chosen['visual_style']} preview in full (1 credit), with its own settings")
        if self.options.live and not self._confirm("Render the chosen preview for 1 credit?"):
            raise DemoError("stopped before spending credits, as asked")
        created = await self.call(client, "8. render", "create_video", {"from_preview": chosen["project_id"]})
        say(f"   project {created['project_id']} queued; {created['cost_note']}")
        url = await self._wait(client, "8. wait", created["project_id"])
        rendered: str = created["project_id"]
        listed = await self.call(client, "8. spent", "list_projects", {})
        by_kind: dict[str, float] = {}
        for item in listed["projects"]:
            by_kind[item["kind"]] = by_kind.get(item["kind"], 0) + (item["estimated_credits"] or 0)
        parts = ", ".join(f"{credits:g} on {kind}" for kind, credits in reversed(by_kind.items()))
        say(f"   spent {sum(by_kind.values()):g} credits in all: {parts}")
        return rendered, url

    async def _save(self, client: Any, project_id: str) -> None:
        """The video, saved where the demo was started (an allowed folder for this run)."""
        self.console.step(9 if self.options.draft else 7, "Save the video next to where the demo was started")
        saved = await self.call(
            client, "save", "save_video", {"project_id": project_id, "folder": str(self.options.save_to)}
        )
        seconds = f", {saved['duration_seconds']:g} s" if saved.get("duration_seconds") else ""
        self.console.say(f"   {saved['format']} {saved['codec']}{seconds} -> {saved['path']}")
        self.saved_path = saved["path"]

    async def _wait(self, client: Any, step: str, project_id: str) -> str:
        for _ in range(40):
            project = await self.call(client, step, "get_project", {"project_id": project_id, "wait_seconds": 45})
            if project["done"]:
                break
            self.console.say(f"   still {project['status']}; asking again")
        else:
            raise DemoError("the render did not finish in 30 minutes")
        if project["status"] != "succeeded":
            raise DemoError(f"the render {project['status']}: {project.get('error')}")
        return str(project["video_url"])

    def _confirm(self, question: str) -> bool:
        if self.options.yes:
            return True
        if not sys.stdin.isatty():
            self.console.say("   not a terminal, so not asking: re-run with --yes to spend the credits")
            return False
        answer = input(f"   {question} [y/N] ")
        return answer.strip().lower() in ("y", "yes")


def _headline(tool: str, data: dict[str, Any]) -> str:
    if "scripts" in data or "previews" in data:
        return f"{len(data.get('scripts') or data['previews'])} {'scripts' if 'scripts' in data else 'previews'}"
    if "projects" in data:
        return f"{len(data['projects'])} items spent on"
    for key in ("path", "asset_url", "video_url", "project_id", "product_id"):
        if data.get(key):
            return f"{key}={data[key]}"
    if tool == "get_credits":
        return f"{data.get('remaining_credits'):g} credits"
    for key in ("avatars", "voices", "visual_styles"):
        if key in data:
            return f"{len(data[key])} {key}"
    return "ok"


def run(options: DemoOptions, console: Console | None = None) -> int:
    import anyio

    console = console or Console(sys.stdout)
    demo = Demo(console, options)
    started = time.monotonic()
    with ExitStack() as stack:
        media = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="jogg-demo-")))
        gradient_png(media / "banner.png")
        tone_mp3(media / "voice.mp3")
        env = {k: v for k, v in os.environ.items() if k not in ("JOGG_BASE_URL", "JOGG_ALLOWED_DIRS")}
        env["JOGG_ALLOWED_DIRS"] = f"{media}{os.pathsep}{options.save_to}"  # samples are read, the video saved
        if options.live:
            if not env.get("JOGG_API_KEY"):
                console.say("--live needs JOGG_API_KEY set to your JoggAI API key.")
                return 2
            if not options.url:
                console.say("--live needs --url with a real product page (JoggAI cannot see pages on this machine).")
                return 2
            if os.environ.get("JOGG_BASE_URL"):
                env["JOGG_BASE_URL"] = os.environ["JOGG_BASE_URL"]
            page_url = options.url
            console.say("jogg-mcp demo against the REAL JoggAI API: it asks before spending credits.")
        else:
            from jogg_mcp.sandbox import SandboxServer

            sandbox = stack.enter_context(SandboxServer(render_seconds=options.render_seconds))
            env.update(JOGG_BASE_URL=sandbox.base_url, JOGG_API_KEY=sandbox.api_key)
            site = media / "site"
            site.mkdir()
            page_url = options.url or stack.enter_context(product_site(site))
            console.say("jogg-mcp demo: the whole flow against the embedded JoggAI sandbox (no key, no credits)")
            console.say(f"   sandbox at {sandbox.base_url}; a sample product page at {page_url}")
        try:
            video_url = anyio.run(demo.run, env, media, page_url)
        except DemoError as error:
            console.say(f"\nDemo stopped: {error}")
            return 1
    console.say(f"\nSummary ({time.monotonic() - started:.1f} s in all)\n{demo.summary.render()}")
    if not options.live:
        console.say("\n(The sandbox stops with the demo; `jogg-mcp sandbox` keeps one running.)")
    console.say(f"\nSaved to: {demo.saved_path}")
    console.say(f"\nYour video is ready: {video_url}")
    return 0
