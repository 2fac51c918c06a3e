// The page in a real browser: Debian's Chromium driven by playwright-core against `npm run web`'s
// server on a loopback port. Two tiny models of the best recipe (attention pooling) are trained and
// exported: one globally normalised, an ensemble of two so the page averages members, and one
// speaker-normalised as the recipe is. The page scores an uploaded RAVDESS clip as the native bundle
// does (1e-4) — with the speaker-normalised model as `ser predict` scores one clip of an unknown
// speaker (its own statistics, "single-clip"), and says so —, a fake microphone fed by a WAV gives a
// prediction, the library's features and normalisation in the browser equal Node's (1e-6), longer
// audio gets a timeline of windows scored as Node scores them (a speaker-normalised model's windows
// taken as one speaker), and the controls are reachable by keyboard. A screenshot of the
// speaker-normalised model's result goes to docs/web-page.png when SER_UPDATE_DOCS=1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { projectPath } from "../../src/util/paths";
import { exportBundle } from "../../src/export";
import { loadBundle, predictProba } from "../../src/model/bundle";
import { speakerNormalize } from "../../src/model/speaker-normalize";
import { applyStandardizer } from "../../src/model/standardize";
import { predictFiles } from "../../src/experiment/predict";
import { clipFeatures, featureConfig, type FeatureConfig } from "../../src/features/clip-features";
import { loadClip } from "../../src/features/load-clip";
import { decodeWav, encodeWav } from "../../src/audio/wav";
import { parseWebBundle, segmentInputs } from "../../src/browser";
import { launchChromium } from "../helpers/chromium";
import { heldOutClips, tinyRun } from "../helpers/tiny-run";

let work: string;
let run: string;
let speakerRun: string;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let page: Page;
let clip: string;

/** The page's document, as `page.evaluate` callbacks see it (the tests compile without the DOM types; callbacks run in the page, so they name it inline). */
type Doc = { getElementById(id: string): { textContent: string | null } | null; activeElement: { id: string } | null };

async function waitForStatus(p: Page, pattern: RegExp, timeout = 120_000): Promise<string> {
  try {
    const handle = await p.waitForFunction(
      (src) => new RegExp(src).test((globalThis as unknown as { document: Doc }).document.getElementById("status")?.textContent ?? ""),
      pattern.source,
      { timeout },
    );
    await handle.dispose();
  } catch (err) {
    throw new Error(`the status never matched ${pattern}; it says ${JSON.stringify(await p.textContent("#status"))} (${(err as Error).message})`);
  }
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
  // the best recipe as it is, speaker-normalised (its clips share the feature cache)
  speakerRun = await tinyRun("best", path.join(work, "runs"), path.join(work, "cache"), { name: "tiny-speaker", normalization: "speaker" });
  await exportBundle(speakerRun, path.join(models, "tiny-speaker"));
  const { startWebServer } = (await import(pathToFileURL(projectPath("scripts", "serve-web.mjs")).href)) as {
    startWebServer: (o: { port: number; modelsDir: string; quiet: boolean }) => Promise<{ url: string; close: () => Promise<void> }>;
  };
  server = await startWebServer({ port: 0, modelsDir: models, quiet: true });
  [clip] = await heldOutClips();
  browser = await launchChromium(["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", `--use-file-for-fake-audio-capture=${clip}`]);
  page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) =>
    assert.ok(r.url().startsWith(server.url) || r.url().startsWith("data:") || r.url().startsWith("blob:"), `request off the loopback server: ${r.url()}`),
  );
  await page.goto(server.url);
  // the first model is the default, whatever its normalisation
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
  assert.equal(native.normalization, "global");
  assert.match((await page.textContent("#normalization")) ?? "", /^Globally normalised model/);
});

test(
  "the speaker-normalised model scores an uploaded clip as `ser predict` scores one clip of an unknown speaker (1e-4), and says so",
  { timeout: 180_000 },
  async () => {
    assert.equal(JSON.parse(fs.readFileSync(path.join(work, "models", "tiny-speaker", "bundle.json"), "utf8")).normalization, "speaker");
    assert.match((await page.textContent("#model option[value=tiny-speaker]")) ?? "", /\(speaker-normalised\)$/);
    await page.selectOption("#model", "tiny-speaker");
    await waitForStatus(page, /Model tiny-speaker ready/);
    assert.ok(await page.isEnabled("#file"));
    assert.ok(await page.isEnabled("#record"));
    // Node's ser predict on this one file: too few clips of the speaker, so it falls back to single-clip
    const [native] = predictFiles(await loadBundle(path.join(speakerRun, "model")), [clip]);
    assert.ok("probabilities" in native, JSON.stringify(native));
    assert.equal(native.normalization, "single-clip");
    await page.setInputFiles("#file", clip);
    await waitForStatus(page, new RegExp(`^${path.basename(clip).replace(/\./g, "\\.")}: `));
    const shown = await shownProbabilities(page);
    assert.deepEqual(Object.keys(shown), Object.keys(native.probabilities));
    for (const [label, p] of Object.entries(native.probabilities)) assert.ok(Math.abs(shown[label] - p) <= 1e-4, `${label}: page ${shown[label]}, Node ${p}`);
    assert.equal(await page.textContent("#emotion"), native.emotion);
    // the result says how it was normalised, in words
    assert.equal(
      await page.textContent("#normalization"),
      "Speaker-normalised model, scored as a single clip of an unknown speaker (its own statistics): less accurate than with several clips of the speaker.",
    );
    assert.equal(await page.getAttribute("#normalization", "data-normalization"), "single-clip");
    assert.ok(await page.isVisible("#normalization"));
    const shot = process.env.SER_UPDATE_DOCS === "1" ? projectPath("docs", "web-page.png") : path.join(work, "web-page.png");
    await page.screenshot({ path: shot, fullPage: true });
    assert.ok(fs.statSync(shot).size > 10_000);
  },
);

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
  // the single-clip normalisation and standardisation as the built browser library runs them, vs Node's (predict.ts scoreFeatures)
  const bundleJson = JSON.parse(fs.readFileSync(path.join(work, "models", "tiny-speaker", "bundle.json"), "utf8"));
  const web = parseWebBundle(bundleJson, "bundle.json");
  const f = clipFeatures(y, web.featureConfig).data;
  const node = applyStandardizer(speakerNormalize(f, web.inputShape, [0], { minClips: 1 }), web.standardizer!);
  const inPage = (await page.evaluate(
    async ([features, b]) => {
      const lib = await import("/dist/ser-browser.js" as string);
      const bundle = lib.parseWebBundle(b, "bundle.json");
      return { how: lib.clipNormalization(bundle), x: Array.from(lib.clipInput(Float32Array.from(features as number[]), bundle) as Float32Array) };
    },
    [Array.from(f), bundleJson] as const,
  )) as { how: string; x: number[] };
  assert.equal(inPage.how, "single-clip");
  let worst = 0;
  for (let i = 0; i < node.length; i++) worst = Math.max(worst, Math.abs(inPage.x[i] - node[i]) / Math.max(1, Math.abs(node[i])));
  assert.ok(worst <= 1e-6, `normalised input: largest difference ${worst}`);
});

/** The held-out clips `n` at a time one after another, as one WAV file (about 3.7 s a clip at 48 kHz). */
async function longRecording(n: number): Promise<string> {
  const parts = (await heldOutClips()).slice(0, n).map((f) => decodeWav(fs.readFileSync(f), f));
  const y = new Float32Array(parts.reduce((k, p) => k + p.samples[0].length, 0));
  let at = 0;
  for (const p of parts) {
    y.set(p.samples[0], at);
    at += p.samples[0].length;
  }
  const file = path.join(work, `long-${n}.wav`);
  fs.writeFileSync(file, encodeWav(y, parts[0].sr));
  return file;
}

test("longer audio shows a timeline: one row per window, each the native model's emotion (1e-4), its normalisation said", { timeout: 300_000 }, async () => {
  const cases = [
    { model: "tiny-best", dir: run, clips: 3, how: "global", says: /^Globally normalised model/ },
    // a speaker-normalised model: too few windows to take the recording as one speaker, so each alone
    {
      model: "tiny-speaker",
      dir: speakerRun,
      clips: 3,
      how: "single-clip",
      says: /^Speaker-normalised model: each of the \d+ windows scored as a single clip of an unknown speaker \(its own statistics\), as the recording has fewer than 8 windows/,
    },
    // enough windows: the recording is one speaker, as Node's predictTimeline takes it
    {
      model: "tiny-speaker",
      dir: speakerRun,
      clips: 5,
      how: "speaker",
      says: /^Speaker-normalised model: the \d+ windows of the recording taken as clips of one speaker and standardised with their joint statistics\.$/,
    },
  ];
  for (const c of cases) {
    await page.selectOption("#model", c.model);
    await waitForStatus(page, new RegExp(`Model ${c.model} ready`));
    const long = await longRecording(c.clips);
    const web = parseWebBundle(JSON.parse(fs.readFileSync(path.join(work, "models", c.model, "bundle.json"), "utf8")), "bundle.json");
    const wav = decodeWav(fs.readFileSync(long), long);
    const segments = segmentInputs(wav.samples, wav.sr, web);
    assert.ok(segments.length >= 5, `${segments.length} windows`);
    assert.ok(
      segments.every((s) => s.normalization === c.how),
      `${c.model}, ${c.clips} clips: ${segments[0].normalization}`,
    );
    const native = await loadBundle(path.join(c.dir, "model"));
    await page.setInputFiles("#file", long);
    await waitForStatus(page, new RegExp(`^${path.basename(long).replace(/\./g, "\\.")}: `));
    const rows = await page.$$eval("#timeline tbody tr", (trs) =>
      trs.map((tr) => (tr.textContent === null ? [] : Array.from(tr.children, (td) => (td as { textContent: string | null }).textContent ?? ""))),
    );
    assert.equal(rows.length, segments.length);
    segments.forEach((s, i) => {
      const p = Array.from(predictProba({ model: native.model, members: native.members, standardizer: null }, s.x).data);
      const k = p.indexOf(Math.max(...p));
      assert.equal(rows[i][0], `${s.start.toFixed(1)}–${s.end.toFixed(1)} s`);
      assert.equal(rows[i][1], native.labels[k]);
      assert.ok(Math.abs(Number(rows[i][2].replace("%", "")) / 100 - p[k]) <= 1e-4, `${c.model}, window ${i}: page ${rows[i][2]}, Node ${p[k]}`);
    });
    assert.ok(await page.isVisible("#timeline"));
    assert.match((await page.textContent("#timeline-normalization")) ?? "", c.says);
    assert.equal(await page.getAttribute("#timeline-normalization", "data-normalization"), c.how);
    // the whole file's result is still one clip, as ser predict scores it
    assert.equal(await page.getAttribute("#normalization", "data-normalization"), c.how === "global" ? "global" : "single-clip");
  }
  // a single clip has no timeline
  await page.setInputFiles("#file", clip);
  await waitForStatus(page, new RegExp(`^${path.basename(clip).replace(/\./g, "\\.")}: `));
  assert.ok(await page.isHidden("#timeline-box"));
});

test("every model is offered and usable, none marked unusable; controls are reachable by keyboard", { timeout: 120_000 }, async () => {
  const options = await page.$$eval("#model option", (os) => os.map((o) => o.textContent ?? ""));
  assert.equal(options.length, 2);
  assert.ok(
    options.every((o) => !/not usable/.test(o)),
    options.join(" | "),
  );
  assert.equal(await page.$$eval("#model-warning", (e) => e.length), 0);
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
