import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { soxrPlan, type DftStage, type PolyStage, type SoxrQuality } from "../../src/dsp/soxr-plan";
import { designLpf, besselI0, kaiserBeta } from "../../src/dsp/design-lpf";

interface Plan {
  quality: SoxrQuality;
  orig_sr: number;
  target_sr: number;
  half_stages: number;
  dft: { taps: number; dft_length: number; Fn: number; att: number; L: number; M: number }[];
  poly: { fir_len: number; phases: number; coef_interp: number }[];
  trace: string[];
}
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "../fixtures/resample/resample.json"), "utf8"));
const plans = fixture.plans as Plan[];

test(`stage plans equal libsoxr's own trace (${plans.length} ratio × quality pairs, soxr ${fixture.versions.libsoxr})`, () => {
  for (const p of plans) {
    const what = `${p.quality} ${p.orig_sr} → ${p.target_sr}`;
    const plan = soxrPlan(p.orig_sr / p.target_sr, p.quality);
    assert.equal(plan.stages.filter((s) => s.kind === "half").length, p.half_stages, `${what}: half-band stages`);
    const dft = plan.stages.filter((s): s is DftStage => s.kind === "dft");
    assert.deepEqual(
      dft.map((s) => ({ taps: s.g.length, L: s.L, M: s.M })),
      p.dft.map((d) => ({ taps: d.taps, L: d.L, M: d.M })),
      `${what}: FIR stages`,
    );
    for (const d of p.dft) assert.ok(Math.abs(plan.att - d.att) < 1e-3, `${what}: attenuation ${plan.att} vs ${d.att}`);
    const poly = plan.stages.filter((s): s is PolyStage => s.kind === "poly");
    assert.deepEqual(
      poly.map((s) => ({ fir_len: s.n - s.first, phases: s.rational ? s.L : 2 ** s.phaseBits, coef_interp: s.order })),
      p.poly,
      `${what}: poly-phase stage`,
    );
  }
});

test("designLpf reproduces libsoxr's lsx_design_lpf (taps, Kaiser β, cut-off) from its traced arguments", () => {
  let checked = 0;
  for (const p of plans) {
    for (let i = 0; i + 1 < p.trace.length; i++) {
      const a = /^\.\/sinctest\s+(\S+)\s+(\S+)\s+(\S+) 0 (\S+)\s+(\S+) (\S+) 50 (\S+) (\S+)/.exec(p.trace[i]);
      const b = /^make_lpf\(n=(\d+) Fc=(\S+) beta=(\S+) rho=(\S+) scale=(\S+)\)/.exec(p.trace[i + 1]);
      if (!a || !b) continue;
      const [Fp, Fs, Fn, att, n, k, beta] = a.slice(1, 8).map(Number);
      const d = designLpf(Fp, Fs, Fn, att, n, k, beta);
      assert.equal(d.numTaps, Number(b[1]), p.trace[i]);
      assert.ok(Math.abs(d.Fc / Number(b[2]) - 1) < 1e-5, `Fc ${d.Fc} vs ${b[2]}`);
      assert.ok(Math.abs(d.beta / Number(b[3]) - 1) < 1e-5, `β ${d.beta} vs ${b[3]}`);
      checked++;
    }
  }
  assert.ok(checked >= 50, `only ${checked} designs checked`);
});

test("Bessel I0 and Kaiser β known values", () => {
  assert.ok(Math.abs(besselI0(0) - 1) < 1e-15);
  assert.ok(Math.abs(besselI0(1) - 1.2660658777520082) < 1e-14);
  assert.ok(Math.abs(besselI0(10) - 2815.716628466254) < 1e-9);
  assert.ok(Math.abs(kaiserBeta(55, 0.1) - 0.1102 * (55 - 8.7)) < 1e-12);
  assert.equal(kaiserBeta(20, 0.1), 0);
});

test("plans are memoised: the same ratio and quality give the same filters", () => {
  assert.equal(soxrPlan(48000 / 22050, "soxr_hq"), soxrPlan(48000 / 22050, "soxr_hq"));
  assert.notEqual(soxrPlan(48000 / 22050, "soxr_hq"), soxrPlan(48000 / 22050, "soxr_vhq"));
});
