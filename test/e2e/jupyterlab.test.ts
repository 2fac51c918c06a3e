/// <reference lib="dom" />
// The committed notebooks as a reader sees them: `npm run lab` (JupyterLab) on a loopback port,
// headless Chromium (Debian's, through playwright-core) opening each committed notebook — every
// chart output must be a rendered image that fits a 900 px column, never a `[chart: …]`
// placeholder — and running 00_environment from the browser until its chart appears.
// Copies of the notebooks are served from reports/browser-test/ (inside the project, so the kernel
// finds `ser-toolkit`), so nothing the browser does can touch notebooks/.
// On a machine without Chromium the test fails with how to get it (test/helpers/chromium.ts).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../helpers/chromium";
import { projectPath } from "../../src/util/paths";
import { NOTEBOOK_COLUMN_PX } from "../../src/notebook/commit-copy";

const TOKEN = "ser-browser-test";
const served = projectPath("reports", "browser-test");
const committed = fs
  .readdirSync(projectPath("notebooks"))
  .filter((f) => f.endsWith(".ipynb"))
  .sort();
let lab: ChildProcess | null = null;
let labLog = "";
let base = "";
let browser: Browser;
let settingsDir = "";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

async function waitForLab(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (lab?.exitCode !== null) throw new Error(`npm run lab exited (${lab?.exitCode}):\n${labLog.slice(-3000)}`);
    try {
      const r = await fetch(`${url}/api/status?token=${TOKEN}`);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`JupyterLab did not answer at ${url} within ${ms / 1000} s:\n${labLog.slice(-3000)}`);
}

/** Chart outputs (image/png or SVG) a committed notebook holds, and its `[chart…]` texts. */
function chartOutputs(file: string): number {
  const nb = JSON.parse(fs.readFileSync(path.join(served, file), "utf8"));
  let n = 0;
  for (const c of nb.cells) for (const o of c.outputs ?? []) if (o.data && (o.data["image/png"] || o.data["image/svg+xml"])) n++;
  return n;
}

async function open(page: Page, file: string): Promise<void> {
  await page.goto(`${base}/lab/tree/${encodeURIComponent(file)}?reset&token=${TOKEN}`); // reset: only this notebook open
  await page.waitForSelector(".jp-Notebook .jp-Cell", { timeout: 120_000 });
  await page.waitForLoadState("networkidle").catch(() => {});
}

before(async () => {
  fs.rmSync(served, { recursive: true, force: true });
  fs.mkdirSync(served, { recursive: true });
  for (const f of committed) fs.copyFileSync(projectPath("notebooks", f), path.join(served, f));
  fs.copyFileSync(projectPath("notebooks", "00_environment.ipynb"), path.join(served, "run_00_environment.ipynb"));
  // Every cell in the DOM (no windowing), so off-screen outputs can be checked too.
  settingsDir = fs.mkdtempSync(path.join(os.tmpdir(), "ser-lab-settings-"));
  fs.mkdirSync(path.join(settingsDir, "@jupyterlab", "notebook-extension"), { recursive: true });
  fs.writeFileSync(path.join(settingsDir, "@jupyterlab", "notebook-extension", "tracker.jupyterlab-settings"), JSON.stringify({ windowingMode: "none" }));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  lab = spawn(
    "npm",
    [
      "run",
      "lab",
      "--",
      "--no-browser",
      `--port=${port}`,
      "--ip=127.0.0.1",
      `--IdentityProvider.token=${TOKEN}`,
      `--ServerApp.root_dir=${served}`,
      "--LabApp.news_url=None",
      "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ],
    {
      cwd: projectPath(),
      env: { ...process.env, JUPYTERLAB_SETTINGS_DIR: settingsDir, JUPYTERLAB_WORKSPACES_DIR: settingsDir },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  lab.stdout!.on("data", (d) => (labLog += d));
  lab.stderr!.on("data", (d) => (labLog += d));
  await waitForLab(base, 180_000);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (lab?.pid && lab.exitCode === null) {
    process.kill(-lab.pid, "SIGTERM");
    await new Promise((r) => setTimeout(r, 1500));
    if (lab.exitCode === null) process.kill(-lab.pid, "SIGKILL");
  }
  fs.rmSync(served, { recursive: true, force: true });
  if (settingsDir) fs.rmSync(settingsDir, { recursive: true, force: true });
});

test("every committed notebook opens in JupyterLab with its charts rendered as images, none a placeholder", { timeout: 900_000 }, async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const shots = process.env.SER_SCREENSHOTS_DIR;
  try {
    for (const file of committed) {
      await open(page, file);
      const expected = chartOutputs(file);
      await page.waitForFunction((n) => document.querySelectorAll(".jp-RenderedImage img, .jp-RenderedSVG svg").length >= n, expected, { timeout: 60_000 });
      const r = await page.evaluate(() => {
        const imgs = Array.from(document.querySelectorAll<HTMLImageElement>(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedImage img"));
        const placeholders = Array.from(document.querySelectorAll(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output"))
          .map((o) => (o as HTMLElement).innerText.trim())
          .filter((t) => /^\[chart/.test(t));
        const where = imgs.map((i) => `${i.parentElement?.className} ${i.src.slice(0, 40)}`);
        return {
          where,
          n: imgs.length,
          broken: imgs.filter((i) => !(i.complete && i.naturalWidth > 0)).length,
          widths: imgs.map((i) => i.naturalWidth),
          placeholders,
        };
      });
      assert.deepEqual(r.placeholders, [], `${file}: charts shown as text`);
      assert.equal(r.n, expected, `${file}: ${expected} chart outputs, ${r.n} images (${r.where.join(" | ")})`);
      assert.equal(r.broken, 0, `${file}: ${r.broken} image(s) did not render`);
      for (const w of r.widths) assert.ok(w <= NOTEBOOK_COLUMN_PX, `${file}: a chart ${w} px wide does not fit a ${NOTEBOOK_COLUMN_PX} px column`);
      if (shots && expected > 0) {
        fs.mkdirSync(shots, { recursive: true });
        await page.locator(".jp-RenderedImage img").first().scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(shots, `jupyterlab-${file.replace(/\.ipynb$/, "")}.png`) });
      }
    }
  } finally {
    await page.close();
  }
});

test("00_environment runs from the browser and shows its chart", { timeout: 600_000 }, async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  try {
    await open(page, "run_00_environment.ipynb");
    // the kernel starts (tslab), then Run ▸ Run All Cells
    await page
      .waitForFunction(() => /Idle/.test(document.querySelector(".jp-StatusBar-Item, #jp-main-statusbar")?.textContent ?? ""), null, { timeout: 180_000 })
      .catch(() => {});
    await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Run$/ }).click();
    await page.locator(".lm-Menu-itemLabel", { hasText: /^Run All Cells$/ }).click();
    // the chart cell's output: the live Vega-Lite render (or its SVG), not the placeholder text
    await page.waitForSelector(
      ".jp-OutputArea-output .vega-embed, .jp-OutputArea-output.jp-RenderedVegaCommon5, .jp-OutputArea-output .jp-RenderedSVG, .jp-RenderedSVG",
      { timeout: 300_000 },
    );
    const text = await page.evaluate(() =>
      Array.from(document.querySelectorAll(".jp-OutputArea-output"))
        .map((o) => (o as HTMLElement).innerText)
        .join("\n"),
    );
    assert.match(text, /backend: tensorflow/, "the native TensorFlow backend printed its name");
    assert.ok(!/Error|Traceback/.test(text), text.slice(0, 2000));
  } finally {
    await page.close();
  }
});
