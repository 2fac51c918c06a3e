// The public surface, listed: every namespace of src/index.ts with its values and types. A change
// to it must be deliberate: re-run with UPDATE_SURFACE=1 to rewrite test/api/public-surface.json
// and commit the diff with the change that made it.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import ts from "typescript";
import * as ser from "../../src/index";
import { projectPath } from "../../src/util/paths";
import { writeFileAtomic } from "../../src/util/atomic-write";

type Surface = Record<string, { values: string[]; types: string[] }>;

function surface(): Surface {
  const entry = projectPath("src", "index.ts");
  const program = ts.createProgram([entry], { strict: true, esModuleInterop: true, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const root = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const out: Surface = {};
  for (const nsSym of checker.getExportsOfModule(root)) {
    const nsTarget = checker.getAliasedSymbol(nsSym);
    const values: string[] = [];
    const types: string[] = [];
    for (const s of checker.getExportsOfModule(nsTarget)) {
      const t = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      (t.flags & ts.SymbolFlags.Value ? values : types).push(s.name);
    }
    out[nsSym.name] = { values: values.sort(), types: types.sort() };
  }
  return out;
}

const FILE = projectPath("test", "api", "public-surface.json");

test("the public surface is the listed one (UPDATE_SURFACE=1 rewrites the list)", { timeout: 120_000 }, () => {
  const now = surface();
  if (process.env.UPDATE_SURFACE === "1") writeFileAtomic(FILE, JSON.stringify(now, null, 2) + "\n");
  const listed = JSON.parse(fs.readFileSync(FILE, "utf8")) as Surface;
  assert.deepEqual(now, listed, "the public surface changed: if deliberate, run UPDATE_SURFACE=1 npx tsx --test test/api/public-surface.test.ts");
});

test("the runtime namespaces hold exactly the listed values, each defined", () => {
  const listed = JSON.parse(fs.readFileSync(FILE, "utf8")) as Surface;
  assert.deepEqual(Object.keys(ser).sort(), Object.keys(listed).sort());
  for (const [ns, { values }] of Object.entries(listed)) {
    const mod = (ser as unknown as Record<string, Record<string, unknown>>)[ns];
    assert.deepEqual(Object.keys(mod).sort(), values, `ser.${ns}`);
    for (const v of values) assert.notEqual(mod[v], undefined, `ser.${ns}.${v} is undefined`);
  }
});

test("namespaces read as a librosa / sklearn user guesses", () => {
  const s = ser as unknown as Record<string, Record<string, unknown>>;
  for (const [ns, name] of [
    ["feature", "mfcc"],
    ["feature", "chromaStft"],
    ["effects", "pitchShift"],
    ["effects", "timeStretch"],
    ["effects", "hpss"],
    ["decompose", "hpss"],
    ["filters", "mel"],
    ["core", "stft"],
    ["audio", "load"],
    ["audio", "resample"],
    ["metrics", "f1Score"],
    ["metrics", "confusionMatrix"],
  ]) {
    assert.equal(typeof s[ns][name], "function", `ser.${ns}.${name}`);
  }
  const internals = [
    "fftDif",
    "ifftDit",
    "Pow2Fft",
    "runNativeOp",
    "int64ScalarHandle",
    "stftMagnitudeBand",
    "tempSibling",
    "hpssAudio",
    "spectrogramOf",
    "asSpectrogram",
  ];
  for (const ns of Object.values(s)) for (const name of internals) assert.ok(!(name in ns), `${name} is internal`);
});
