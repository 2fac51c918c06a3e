#!/usr/bin/env node
// `npm run lab [-- <jupyter lab args>]`: JupyterLab from the project's .venv, opened on notebooks/,
// with the TypeScript (tslab) kernel that `npm install` registered inside that venv.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const jupyter = path.join(ROOT, ".venv", "bin", "jupyter");
if (!fs.existsSync(jupyter)) {
  console.error("lab: .venv/bin/jupyter is missing. Run `npm install` (or `npm run setup -- --only python`).");
  process.exit(1);
}
// Notebooks import the compiled library (dist/): make sure it is current.
const tsc = spawn(process.execPath, [path.join(ROOT, "scripts/setup.mjs"), "--only", "build"], { cwd: ROOT, stdio: "inherit" });
tsc.on("close", (code) => {
  if (code !== 0) process.exit(code ?? 1);
  // Jupyter refuses to run as root without --allow-root (containers, CI machines).
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0 ? ["--allow-root"] : [];
  // notebooks/ unless the caller chose a folder (e.g. the browser test's copies).
  const given = process.argv.slice(2);
  const dir = given.some((a) => /^--(notebook-dir|ServerApp\.root_dir)=/.test(a)) ? [] : [`--notebook-dir=${path.join(ROOT, "notebooks")}`];
  const child = spawn(jupyter, ["lab", ...dir, ...asRoot, ...given], {
    cwd: ROOT,
    stdio: "inherit",
    env: {
      ...process.env,
      PATH: `${path.join(ROOT, "node_modules", ".bin")}${path.delimiter}${process.env.PATH}`,
      JUPYTER_PATH: path.join(ROOT, ".venv", "share", "jupyter"),
    },
  });
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
  child.on("close", (c) => process.exit(c ?? 0));
});
