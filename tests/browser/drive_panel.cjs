// Drives tests/browser/host.html in Debian's headless Chromium with playwright-core (no browser download):
// node drive_panel.cjs <playwright-core dir> <host page URL> <scenario: project|previews> <screenshot path>
// Prints one JSON line: what the panel showed, did and asked the host for.
"use strict";
const [playwrightDir, pageUrl, scenario, screenshot] = process.argv.slice(2);
const { chromium } = require(playwrightDir);

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required"],
  });
  const report = { scenario };
  try {
    const page = await browser.newPage({ viewport: { width: 920, height: 580 } });
    page.on("console", (message) => { (report.console ||= []).push(message.text()); });
    await page.goto(pageUrl);
    const panel = page.frameLocator("#panel");
    const deadline = { timeout: 45000 };
    if (scenario === "project") {
      const video = panel.locator("video");
      await video.waitFor(deadline);
      report.poster = await video.getAttribute("poster");
      report.src = await video.getAttribute("src");
      report.facts = await panel.locator(".facts").first().textContent();
      report.playback = await video.evaluate(async (element) => {
        element.muted = true;
        await element.play();
        const start = element.currentTime;
        await new Promise((resolve) => {
          const check = () => (element.currentTime > start + 0.3 ? resolve() : setTimeout(check, 50));
          check();
        });
        return { readyState: element.readyState, currentTime: element.currentTime, duration: element.duration,
                 width: element.videoWidth, height: element.videoHeight };
      });
    } else {
      const cards = panel.locator("section.card");
      await cards.nth(1).locator("video").waitFor(deadline);  // each preview followed to its video
      report.styles = await cards.locator("h2").allTextContents();
      report.videos = await panel.locator("video").count();
      await cards.nth(1).getByRole("button", { name: "Render this one" }).click();
      await panel.locator("body[data-rendered]").waitFor(deadline);
      report.button = await cards.nth(1).locator("button").textContent();
    }
    await page.screenshot({ path: screenshot });
    report.toolCalls = await page.evaluate(() => window.toolCalls);
    report.methods = await page.evaluate(() => window.hostLog.map((message) => message.method || "response"));
  } catch (error) {
    report.error = String(error && error.stack || error);
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(report));
})();
