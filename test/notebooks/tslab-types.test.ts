// tslab compiles notebook cells with its own TypeScript (@tslab/typescript-for-tslab 5.0) against
// the declarations in dist/. This checks that every .d.ts the library ships is valid for that
// compiler (tslab itself skips lib checks, so a broken declaration would silently become `any`).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { projectPath } from "../../src/util/paths";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ts = require("@tslab/typescript-for-tslab") as typeof import("typescript");

test("dist/*.d.ts type-check under tslab's TypeScript with tslab's options", { timeout: 120_000 }, () => {
  assert.ok(fs.existsSync(projectPath("dist", "index.d.ts")), "dist/ is built (npm test builds it first)");
  const dist = projectPath("dist") + path.sep;
  const dir = fs.mkdtempSync(path.join(projectPath(".cache"), "tslab-check-"));
  try {
    const file = path.join(dir, "cell.ts");
    fs.writeFileSync(
      file,
      [
        'import * as ser from "ser-toolkit";',
        "const y: Float32Array = new Float32Array(22050);",
        "const m: ser.util.Matrix = ser.feature.melspectrogram(y, { sr: 22050 });",
        "const up: Float32Array = ser.effects.pitchShift(y, { sr: 22050, nSteps: 2 });",
        "const acc: number = ser.metrics.accuracyScore([0, 1], [0, 1]);",
        "export { m, up, acc };",
      ].join("\n"),
    );
    const program = ts.createProgram([file], {
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      target: ts.ScriptTarget.ES2022,
      lib: ["lib.es2022.d.ts"],
      esModuleInterop: true,
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: ["node"],
      typeRoots: [projectPath("node_modules", "@types")],
    });
    const ours = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => !d.file || path.resolve(d.file.fileName).startsWith(dist) || d.file.fileName === file)
      .map((d) => `${d.file ? path.relative(projectPath(), d.file.fileName) : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    assert.deepEqual(ours, []);
    const declarations = program.getSourceFiles().filter((f) => path.resolve(f.fileName).startsWith(dist));
    assert.ok(declarations.length > 20, `the check saw the library's declarations (${declarations.length} files)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
