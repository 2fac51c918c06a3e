import { test } from "node:test";
import assert from "node:assert/strict";
import { powerToDb, amplitudeToDb, dbToPower, dbToAmplitude } from "../../src/dsp/db";
import { expectClose, loadFixture } from "../helpers/fixtures";

const fx = loadFixture("features/db");
const x = Float32Array.from(fx.x as number[]);
const d = Float32Array.of(-80, -3.5, 0, 6, 20.5);

test("powerToDb matches librosa.power_to_db (defaults, ref=max, ref/amin/topDb, topDb 40)", () => {
  expectClose(powerToDb(x), fx.power_to_db, { atol: 1e-5, label: fx.calls[0] });
  expectClose(powerToDb(x, { ref: "max" }), fx.power_to_db_max, { atol: 1e-5, label: fx.calls[1] });
  expectClose(powerToDb(x, { ref: 2, amin: 1e-6, topDb: null }), fx.power_to_db_ref_none, { atol: 1e-5, label: fx.calls[2] });
  expectClose(powerToDb(x, { topDb: 40 }), fx.power_to_db_top40, { atol: 1e-5, label: fx.calls[3] });
});

test("amplitudeToDb matches librosa.amplitude_to_db", () => {
  expectClose(amplitudeToDb(x), fx.amplitude_to_db, { atol: 1e-5, label: fx.calls[4] });
  expectClose(amplitudeToDb(x, { ref: "max" }), fx.amplitude_to_db_max, { atol: 1e-5, label: fx.calls[5] });
});

test("dbToPower and dbToAmplitude match librosa", () => {
  expectClose(dbToPower(d), fx.db_to_power, { rtol: 1e-6, atol: 0, label: fx.calls[6] });
  expectClose(dbToAmplitude(d, { ref: 2 }), fx.db_to_amplitude, { rtol: 1e-6, atol: 0, label: fx.calls[7] });
});

test("known answers: 10 dB per decade of power, 20 dB per decade of amplitude, round trips", () => {
  assert.deepEqual(Array.from(powerToDb(Float64Array.of(1, 10, 100, 0.01), { topDb: null })), [0, 10, 20, -20]);
  assert.deepEqual(Array.from(amplitudeToDb(Float64Array.of(1, 10, 0.1), { topDb: null })), [0, 20, -20]);
  const p = Float64Array.of(0.5, 3, 1e-4);
  expectClose(dbToPower(powerToDb(p, { topDb: null })), p, { rtol: 1e-12, atol: 0 });
  expectClose(dbToAmplitude(amplitudeToDb(p, { topDb: null })), p, { rtol: 1e-12, atol: 0 });
});

test("topDb floors at max − topDb over the whole matrix; the Matrix shape is kept", () => {
  const M = { data: Float32Array.of(1, 1e-3, 1e-9, 1e-12), rows: 2, cols: 2 };
  const out = powerToDb(M, { topDb: 50 });
  assert.equal(out.rows, 2);
  assert.equal(out.cols, 2);
  assert.deepEqual(Array.from(out.data), [0, -30, -50, -50]);
  // negative values are floored at amin like librosa's np.maximum(amin, S)
  assert.equal(powerToDb(Float64Array.of(-1), { topDb: null })[0], -100);
});

test("dB conversions reject bad arguments and name them", () => {
  assert.throws(() => powerToDb(x, { amin: 0 }), /amin=0/);
  assert.throws(() => powerToDb(x, { topDb: -1 }), /topDb=-1/);
  assert.throws(() => powerToDb(x, { ref: "min" as never }), /ref="min"/);
  assert.throws(() => dbToPower(d, { ref: Infinity }), /ref=Infinity/);
  assert.throws(() => powerToDb([1, 2] as never), /S must be/);
});
