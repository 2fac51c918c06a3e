// The page in a real browser: Debian's Chromium driven by playwright-core against `npm run web`'s
// server on a loopback port. A tiny model of the best recipe (attention pooling, global
// normalisation, an ensemble of two so the page averages members) is trained and exported; the
// page scores an uploaded RAVDESS clip as the native bundle does (1e-4), a fake
// microphone fed by a WAV gives a prediction, the library's features in the browser equal Node's
// (1e-6), longer audio gets a timeline of windows scored as Node scores them, a speaker-normalised model is refused with a clear message, and the controls are
// reachable by keyboard. A screenshot goes to docs/web-page.png when SER_UPDATE_DOCS=1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { projectPath } from "../../src/util/paths";
import { exportBundle } from "../../src/export";
import { loadBundle, predictProba, saveBundle } from "../../src/model/bundle";
import { buildCnnLstm } from "../../src/model/cnn-lstm";
import { predictFiles } from "../../src/experiment/predict";
import { clipFeatures, featureConfig, type FeatureConfig } from "../../src/features/clip-features";
import { loadClip } from "../../src/features/load-clip";
import { decodeWav, encodeWav } from "../../src/audio/wav";
import { parseWebBundle, segmentInputs } from "../../src/browser";
import { launchChromium } from "../helpers/chromium";
import { heldOutClips, tinyRun } from "../helpers/tiny-run";

let work: string;
let run: string;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let page: Page;
let clip: string;

/** The page's document, as `page.evaluate` callbacks see it (the tests compile without the DOM types; callbacks run in the page, so they name it inline). */
type Doc = { getElementById(id: string): { textContent: string | null } | null; activeElement: { id: string } | null };

async function waitForStatus(p: Page, pattern: RegExp, timeout = 120_000): Promise<string> {
  const handle = await p.waitForFunction((src) => new RegExp(src).test((globalThis as unknown as { document: Doc }).document.getElementById("status")?.textContent ?? ""), pattern.source, { timeout });
  await handle.dispose();
  return (await p.textContent("#status")) ?? "";
}

/** The probabilities the page shows, by label (parsed from the text "12.34 %"). */
async function shownProbabilities(p: Page): Promise<Record<string, number>> {
  const rows = await p.$$eval("#bars li", (lis) => lis.map((li) => [li.getAttribute("data-label") ?? "", li.querySelector(".value")?.textContent ?? ""]));
  return Object.fromEntries(rows.map(([label, text]) => [label, Number(text.replace("%", "").trim()) / 100]));
}

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "ser-web-"));
  run = await tinyRun("best", path.join(work, "runs"), path.join(work, "cache"), { training: { ensemble: 2 } });
  const models = path.join(work, "models");
  await exportBundle(run, path.join(models, "tiny-best"));
  // a speaker-normalised model, for the page's refusal
  const speaker = path.join(work, "speaker-model");
  const labels = ["neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"];
  const model = buildCnnLstm({ inputShape: [130, 2], seed: 1, filters: [4], kernelSizes: [3], poolSizes: [2], convDropout: [0.1], lstmUnits: 3, denseUnits: 4 });
  await saveBundle(speaker, { model, featureConfig: { representation: "sequence", features: ["zcr", "rms"] }, standardizer: null, labels, trainingConfig: { normalization: "speaker" }, card: { title: "Speaker-normalised" } });
  await exportBundle(speaker, path.join(models, "z-speaker"));
  const { startWebServer } = (await import(pathToFileURL(projectPath("scripts", "serve-web.mjs")).href)) as {
    startWebServer: (o: { port: number; modelsDir: string; quiet: boolean }) => Promise<{ url: string; close: () => Promise<void> }>;
  };
  server = await startWebServer({ port: 0, modelsDir: models, quiet: true });
  [clip] = await heldOutClips();
  browser = await launchChromium(["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", `--use-file-for-fake-audio-capture=${clip}`]);
  page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => assert.ok(r.url().startsWith(server.url) || r.url().startsWith("data:") || r.url().startsWith("blob:"), `request off the loopback server: ${r.url()}`));
  await page.goto(server.url);
  await waitForStatus(page, /Model tiny-best ready/);
  assert.deepEqual(errors, []);
});

after(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

test("an uploaded RAVDESS clip shows the native bundle's probabilities (1e-4) as 8 bars", { timeout: 180_000 }, async () => {
  // the model the page runs has the portable attention layer, and both members
  assert.match(fs.readFileSync(path.join(work, "models", "tiny-best", "model.json"), "utf8"), /"class_name":"PortableAttentionPooling"/);
  assert.match((await page.textContent("#model-info")) ?? "", /an ensemble of 2 models \(probabilities averaged\)/);
  const [native] = predictFiles(await loadBundle(path.join(run, "model")), [clip]);
  assert.ok("probabilities" in native, JSON.stringify(native));
  await page.setInputFiles("#file", clip);
  await waitForStatus(page, new RegExp(`^${path.basename(clip).replace(/\./g, "\\.")}: `));
  const shown = await shownProbabilities(page);
  assert.deepEqual(Object.keys(shown), Object.keys(native.probabilities));
  for (const [label, p] of Object.entries(native.probabilities)) assert.ok(Math.abs(shown[label] - p) <= 1e-4, `${label}: page ${shown[label]}, Node ${p}`);
  assert.equal(await page.textContent("#emotion"), native.emotion);
  assert.equal(await page.getAttribute("#bars li.top", "data-label"), native.emotion);
  const shot = process.env.SER_UPDATE_DOCS === "1" ? projectPath("docs", "web-page.png") : path.join(work, "web-page.png");
  await page.screenshot({ path: shot, fullPage: true });
  assert.ok(fs.statSync(shot).size > 10_000);
});

test("a recording from the (fake) microphone gives a prediction", { timeout: 180_000 }, async () => {
  await page.click("#record");
  await waitForStatus(page, /^Microphone recording: \w+ \(\d+\.\d\d %\)\.$/, 60_000);
  const shown = await shownProbabilities(page);
  assert.equal(Object.keys(shown).length, 8);
  const sum = Object.values(shown).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 1) < 1e-3, `probabilities sum to ${sum}`);
  assert.equal(await page.textContent("#source"), "Microphone recording");
});

test("the library's features in the browser equal Node's on the same samples (1e-6)", { timeout: 180_000 }, async () => {
  const y = loadClip(clip, featureConfig());
  for (const partial of [JSON.parse(fs.readFileSync(projectPath("configs", "best.json"), "utf8")).features, {}] as Partial<FeatureConfig>[]) {
    const cfg = featureConfig(partial);
    const node = clipFeatures(y, cfg);
    const web = (await page.evaluate(
      async ([samples, c]) => {
        const lib = await import("/dist/ser-browser.js" as string);
        const f = lib.clipFeatures(Float32Array.from(samples as number[]), c);
        return { rows: f.rows, cols: f.cols, data: Array.from(f.data as Float32Array) };
      },
      [Array.from(y), cfg] as const,
    )) as { rows: number; cols: number; data: number[] };
    assert.deepEqual([web.rows, web.cols], [node.rows, node.cols]);
    let worst = 0;
    for (let i = 0; i < node.data.length; i++) worst = Math.max(worst, Math.abs(web.data[i] - node.data[i]) / Math.max(1, Math.abs(node.data[i])));
    assert.ok(worst <= 1e-6, `${cfg.representation}: largest difference ${worst}`);
  }
});

test("longer audio shows a timeline: one row per window, each the native model's emotion (1e-4)", { timeout: 180_000 }, async () => {
  // three held-out clips one after another: about 11 s at 48 kHz
  const parts = (await heldOutClips()).slice(0, 3).map((f) => decodeWav(fs.readFileSync(f), f));
  const y = new Float32Array(parts.reduce((n, p) => n + p.samples[0].length, 0));
  let at = 0;
  for (const p of parts) {
    y.set(p.samples[0], at);
    at += p.samples[0].length;
  }
  const long = path.join(work, "long.wav");
  fs.writeFileSync(long, encodeWav(y, parts[0].sr));
  const web = parseWebBundle(JSON.parse(fs.readFileSync(path.join(work, "models", "tiny-best", "bundle.json"), "utf8")), "bundle.json");
  const wav = decodeWav(fs.readFileSync(long), long);
  const segments = segmentInputs(wav.samples, wav.sr, web);
  assert.ok(segments.length >= 5, `${segments.length} windows`);
  const native = await loadBundle(path.join(run, "model"));
  await page.setInputFiles("#file", long);
  await waitForStatus(page, /^long\.wav: /);
  const rows = await page.$$eval("#timeline tbody tr", (trs) => trs.map((tr) => (tr.textContent === null ? [] : Array.from(tr.children, (td) => (td as { textContent: string | null }).textContent ?? ""))));
  assert.equal(rows.length, segments.length);
  segments.forEach((s, i) => {
    const p = Array.from(predictProba({ model: native.model, members: native.members, standardizer: null }, s.x).data);
    const k = p.indexOf(Math.max(...p));
    assert.equal(rows[i][0], `${s.start.toFixed(1)}–${s.end.toFixed(1)} s`);
    assert.equal(rows[i][1], native.labels[k]);
    assert.ok(Math.abs(Number(rows[i][2].replace("%", "")) / 100 - p[k]) <= 1e-4, `window ${i}: page ${rows[i][2]}, Node ${p[k]}`);
  });
  assert.ok(await page.isVisible("#timeline"));
  // a single clip has no timeline
  await page.setInputFiles("#file", clip);
  await waitForStatus(page, new RegExp(`^${path.basename(clip).replace(/\./g, "\\.")}: `));
  assert.ok(await page.isHidden("#timeline-box"));
});

test("a speaker-normalised model is refused with a clear message; controls are reachable by keyboard", { timeout: 120_000 }, async () => {
  await page.selectOption("#model", "z-speaker");
  await waitForStatus(page, /needs several clips per speaker/);
  assert.ok(await page.isVisible("#model-warning"));
  assert.match((await page.textContent("#model-warning")) ?? "", /normalises each speaker.*cannot score one clip/);
  assert.ok(await page.isDisabled("#file"));
  assert.ok(await page.isDisabled("#record"));
  await page.selectOption("#model", "tiny-best");
  await waitForStatus(page, /Model tiny-best ready/);
  await page.focus("#model");
  const order: string[] = [];
  for (let i = 0; i < 2; i++) {
    await page.keyboard.press("Tab");
    order.push(await page.evaluate(() => (globalThis as unknown as { document: Doc }).document.activeElement?.id ?? ""));
  }
  assert.deepEqual(order, ["file", "record"]);
  assert.equal(await page.getAttribute("#status", "aria-live"), "polite");
  assert.equal(await page.$$eval("label[for]", (ls) => ls.map((l) => l.getAttribute("for")).join(",")), "model,file");
});
