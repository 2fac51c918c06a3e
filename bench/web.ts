/**
 * The page's latency and the exported bundle's size: one 3 s RAVDESS clip at a time, WAV bytes →
 * probabilities inside the page (`window.serPage.analyseBytes`: decode, resample 48 → 22.05 kHz,
 * the best recipe's features, standardisation, the network on the page's TensorFlow.js backend,
 * WebAssembly unless it cannot start), in headless Debian Chromium, timed with the page's own
 * `performance.now()` (the clips are fetched from the loopback server first, then scored one after
 * another). Goal: under 50 ms per clip (the page's JavaScript and the WebAssembly backend run on
 * one thread), bundle under 2 MB.
 *
 *   npm run bench:web [-- --clips 20]
 *
 * The network is the best recipe's (configs/best.json; its attention pooling is exported as the
 * portable `PortableAttentionPooling` layer) with fresh weights (the weights do not change the
 * time) and global standardisation fitted on the timed clips: the page refuses the recipe's
 * speaker normalisation for single clips. Reference in the same run: the same steps in
 * Node (`wavInput` + the native bundle's model on tfjs-node). The first calls of each side
 * (JIT warm-up, model set-up) are printed on their own and left out of the statistics.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as tf from "@tensorflow/tfjs-node";
import { projectPath } from "../src/util/paths";
import { featureConfig, clipFeatures, type FeatureConfig } from "../src/features/clip-features";
import { loadClip } from "../src/features/load-clip";
import { fitStandardizer } from "../src/model/standardize";
import { buildCnnLstm, type CnnLstmConfig } from "../src/model/cnn-lstm";
import { loadBundle, predictProba, saveBundle } from "../src/model/bundle";
import { EMOTIONS } from "../src/data/ravdess";
import { exportBundle } from "../src/export";
import { parseWebBundle, wavInput } from "../src/browser";
import { launchChromium } from "../test/helpers/chromium";
import { ravdessRoot } from "../test/helpers/ravdess";
import { allClips, pick } from "./ravdess-clips";

interface Timing {
  total: number;
  features: number;
  model: number;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const nClips = Number(args[args.indexOf("--clips") + 1] ?? 20) || 20;
  const recipe = JSON.parse(fs.readFileSync(projectPath("configs", "best.json"), "utf8")) as {
    features: Partial<FeatureConfig>;
    model: Omit<CnnLstmConfig, "inputShape">;
  };
  const cfg = featureConfig(recipe.features);
  const WARM = 3;
  const files = pick(allClips(await ravdessRoot()), nClips + WARM, 7);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "ser-bench-web-"));
  try {
    // the best recipe's network, standardised globally on these clips, exported
    const feats = files.map((f) => clipFeatures(loadClip(f, cfg), cfg));
    const shape: [number, number] = [feats[0].rows, feats[0].cols];
    const x = new Float32Array(feats.length * shape[0] * shape[1]);
    feats.forEach((f, i) => x.set(f.data, i * f.data.length));
    const model = buildCnnLstm({ ...recipe.model, inputShape: shape, seed: 7 });
    const trained = path.join(work, "trained");
    await saveBundle(trained, {
      model,
      featureConfig: cfg,
      standardizer: fitStandardizer(x, shape),
      labels: [...EMOTIONS],
      trainingConfig: { normalization: "global" },
      card: { title: "best recipe (fresh weights, benchmark)" },
    });
    const exported = path.join(work, "models", "best");
    const r = await exportBundle(trained, exported);

    // Node reference: the same steps on tfjs-node
    const bundle = await loadBundle(trained);
    const web = parseWebBundle(JSON.parse(fs.readFileSync(path.join(exported, "bundle.json"), "utf8")), "bundle.json");
    const bytes = files.map((f) => fs.readFileSync(f));
    const nodeTimes: Timing[] = bytes.map((b, i) => {
      const t0 = performance.now();
      const xi = wavInput(b, web, files[i]);
      const t1 = performance.now();
      predictProba({ model: bundle.model, standardizer: null }, xi);
      const t2 = performance.now();
      return { total: t2 - t0, features: t1 - t0, model: t2 - t1 };
    });

    // the page in headless Chromium
    const { startWebServer } = (await import(pathToFileURL(projectPath("scripts", "serve-web.mjs")).href)) as {
      startWebServer: (o: { port: number; modelsDir: string; quiet: boolean }) => Promise<{ url: string; close: () => Promise<void> }>;
    };
    // the clips are served beside the models (a folder without bundle.json is not listed as a model)
    fs.mkdirSync(path.join(work, "models", "_clips"));
    files.forEach((f, i) => fs.copyFileSync(f, path.join(work, "models", "_clips", `${i}.wav`)));
    const server = await startWebServer({ port: 0, modelsDir: path.join(work, "models"), quiet: true });
    const browser = await launchChromium();
    let pageTimes: Timing[];
    let version = "";
    let backend = "";
    try {
      const page = await browser.newPage();
      version = browser.version();
      await page.goto(server.url);
      await page.waitForFunction(() => (globalThis as unknown as { serPage?: { ready: Promise<void> } }).serPage !== undefined);
      await page.evaluate(() => (globalThis as unknown as { serPage: { ready: Promise<void> } }).serPage.ready);
      backend = await page.evaluate(() => (globalThis as unknown as { serPage: { backend(): string } }).serPage.backend());
      pageTimes = await page.evaluate(async (n) => {
        const api = (globalThis as unknown as { serPage: { analyseBytes(b: Uint8Array, n: string): Promise<{ featuresMs: number; modelMs: number }> } })
          .serPage;
        const clips = await Promise.all(Array.from({ length: n }, async (_, i) => new Uint8Array(await (await fetch(`models/_clips/${i}.wav`)).arrayBuffer())));
        const out: { total: number; features: number; model: number }[] = [];
        for (const [i, b] of clips.entries()) {
          const t0 = performance.now();
          const a = await api.analyseBytes(b, `${i}.wav`);
          out.push({ total: performance.now() - t0, features: a.featuresMs, model: a.modelMs });
        }
        return out;
      }, files.length);
    } finally {
      await browser.close();
      await server.close();
    }

    console.log(
      `web bench: ${nClips} RAVDESS clips (+${WARM} warm-up), one at a time, WAV bytes → probabilities; best recipe (${cfg.representation} ${shape[0]} × ${shape[1]}: ${cfg.features.join(", ")})`,
    );
    console.log(
      `machine: ${os.cpus()[0].model}, ${os.availableParallelism()} cores, load average ${os
        .loadavg()
        .map((v) => v.toFixed(2))
        .join(" ")}; Chromium ${version}, tfjs ${tf.version.tfjs} (page: ${backend} backend; Node: ${tf.getBackend()})`,
    );
    console.log(
      `exported bundle: ${(r.bytes / 1024).toFixed(0)} KiB (${Object.entries(r.files)
        .map(([f, b]) => `${f} ${(b / 1024).toFixed(1)} KiB`)
        .join(", ")}); goal < 2 MB: ${r.bytes < 2e6 ? "met" : "NOT met"}`,
    );
    const first = (t: Timing[]) =>
      t
        .slice(0, WARM)
        .map((v) => v.total.toFixed(0))
        .join(", ");
    console.log(`first ${WARM} calls (not counted): page ${first(pageTimes)} ms, Node ${first(nodeTimes)} ms`);
    console.log(
      `${"ms per clip".padEnd(26)} ${"page median".padStart(12)} ${"p90".padStart(8)}   ${"Node median".padStart(12)} ${"p90".padStart(8)}   page / Node`,
    );
    for (const k of ["total", "features", "model"] as const) {
      const p = pageTimes.slice(WARM).map((t) => t[k]);
      const n = nodeTimes.slice(WARM).map((t) => t[k]);
      const label = k === "total" ? "total (decode → probs)" : k === "features" ? "  decode + features" : "  network";
      console.log(
        `${label.padEnd(26)} ${quantile(p, 0.5).toFixed(1).padStart(12)} ${quantile(p, 0.9).toFixed(1).padStart(8)}   ${quantile(n, 0.5).toFixed(1).padStart(12)} ${quantile(n, 0.9).toFixed(1).padStart(8)}   ${(quantile(p, 0.5) / quantile(n, 0.5)).toFixed(2)}`,
      );
    }
    const med = quantile(
      pageTimes.slice(WARM).map((t) => t.total),
      0.5,
    );
    console.log(`goal < 50 ms per clip in the page: ${med < 50 ? "met" : "NOT met"} (median ${med.toFixed(1)} ms)`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
