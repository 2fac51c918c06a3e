#!/usr/bin/env node
// One-command setup, run by `npm install` / `npm ci` (postinstall) and by `npm run setup`.
// Idempotent: each step checks what is already there and skips itself.
//
//   1. tfjs-node's native TensorFlow backend: its own install script unchanged where its
//      download works; otherwise libtensorflow from the tensorflow-cpu wheel (via pip) and a
//      from-source build of the binding. Never a silent fall-back to the pure-JS backend.
//   2. A project-local Python venv (.venv/) with Jupyter and the Python references, and the
//      tslab kernel spec installed into that venv (nothing global).
//   3. The library compiled to dist/ and linked as node_modules/ser-toolkit, so notebooks
//      import it by name (tslab cannot import ../src from notebooks/).
//
// Flags: --only tfjs|python|build (repeatable), --force (redo every selected step).
// Environment: SER_SKIP_PYTHON=1 skips step 2; SER_TFJS_FROM_WHEEL=1 skips the download attempt;
//              PYTHON=/path/to/python3 picks the interpreter for the venv.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TFJS = path.join(ROOT, "node_modules", "@tensorflow", "tfjs-node");
const VENV = path.join(ROOT, ".venv");
const WHEELS = path.join(ROOT, ".cache", "wheels");
const TF_WHEEL_SPEC = "tensorflow-cpu==2.21.0";
const BIN = path.join(ROOT, "node_modules", ".bin");

const args = process.argv.slice(2);
const only = args.flatMap((a, i) => (a === "--only" ? [args[i + 1]] : a.startsWith("--only=") ? [a.slice(7)] : []));
const force = args.includes("--force");
const want = (step) => only.length === 0 || only.includes(step);

const t0 = Date.now();
const elapsed = (t) => `${((Date.now() - t) / 1000).toFixed(1)} s`;
const say = (msg) => console.log(`[setup] ${msg}`);

class SetupError extends Error {}

/** Run a command, streaming its output; returns the exit status (throws only if it cannot start). */
function run(cmd, cmdArgs, opts = {}) {
  const res = spawnSync(cmd, cmdArgs, {
    stdio: opts.capture ? ["ignore", "pipe", "pipe"] : "inherit",
    encoding: "utf8",
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH}`, ...opts.env },
    timeout: opts.timeoutMs,
  });
  if (res.error && res.error.code === "ENOENT") throw new SetupError(`'${cmd}' was not found on PATH.`);
  return res;
}

function pipEnv() {
  // Without this, pip retries an unreachable index for minutes before it uses a mirror.
  return { PIP_RETRIES: process.env.PIP_RETRIES ?? "0", PIP_DISABLE_PIP_VERSION_CHECK: "1" };
}

function pythonForSetup() {
  for (const cand of [process.env.PYTHON, "python3", "python"].filter(Boolean)) {
    const r = spawnSync(cand, ["-c", "import sys; print(sys.version_info[:2] >= (3, 9))"], { encoding: "utf8" });
    if (r.status === 0 && r.stdout.trim() === "True") return cand;
  }
  throw new SetupError("Python ≥ 3.9 was not found (tried $PYTHON, python3, python). Install it, or set PYTHON=/path/to/python3.");
}

// ---------------------------------------------------------------- 1. tfjs-node native backend

/** Loads tfjs-node in a child process; returns the backend name or the error text. */
function probeTfjs() {
  const code =
    "const tf=require('@tensorflow/tfjs-node');" +
    "const a=tf.tensor2d([[1,2],[3,4]]);const s=tf.matMul(a,a).sum().dataSync()[0];" +
    "console.log(JSON.stringify({backend:tf.getBackend(),tf:tf.version['tfjs-node'],check:s}))";
  const r = run(process.execPath, ["-e", code], { capture: true, env: { TF_CPP_MIN_LOG_LEVEL: "2" } });
  if (r.status !== 0) return { ok: false, error: (r.stderr || r.stdout || "").trim().split("\n").slice(-3).join("\n") };
  const info = JSON.parse(r.stdout.trim().split("\n").pop());
  return { ok: info.backend === "tensorflow" && info.check === 54, ...info };
}

function stageFromWheel() {
  const py = pythonForSetup();
  fs.mkdirSync(WHEELS, { recursive: true });
  let wheel = fs.readdirSync(WHEELS).find((f) => /^tensorflow_cpu-2\.21\.0-.*\.whl$/.test(f));
  if (!wheel) {
    say(`downloading ${TF_WHEEL_SPEC} with pip (about 270 MB) into .cache/wheels/`);
    const t = Date.now();
    const r = run(py, ["-m", "pip", "download", "--no-deps", "--dest", WHEELS, TF_WHEEL_SPEC], { env: pipEnv() });
    wheel = fs.readdirSync(WHEELS).find((f) => /^tensorflow_cpu-2\.21\.0-.*\.whl$/.test(f));
    if (r.status !== 0 || !wheel) {
      throw new SetupError(
        `pip could not download ${TF_WHEEL_SPEC}. The native TensorFlow backend needs either tfjs-node's own download ` +
          `(storage.googleapis.com) or that wheel from a Python package index. Fix one of: network access to ` +
          `storage.googleapis.com; a pip index or mirror that serves ${TF_WHEEL_SPEC} (pip config / PIP_INDEX_URL); ` +
          `or put the wheel file into ${WHEELS}.`,
      );
    }
    say(`downloaded ${wheel} in ${elapsed(t)}`);
  }
  const deps = path.join(TFJS, "deps");
  const staging = `${deps}.staging-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(path.join(staging, "lib"), { recursive: true });
  say(`extracting libtensorflow_cc.so.2, libtensorflow_framework.so.2 and include/ from ${wheel}`);
  const t = Date.now();
  const extract = `
import sys, zipfile, os, shutil
whl, out = sys.argv[1], sys.argv[2]
libs = {"tensorflow/libtensorflow_cc.so.2": "lib/libtensorflow_cc.so.2",
        "tensorflow/libtensorflow_framework.so.2": "lib/libtensorflow_framework.so.2"}
n = 0
with zipfile.ZipFile(whl) as z:
    for info in z.infolist():
        name = info.filename
        if name in libs:
            dest = os.path.join(out, libs[name])
        elif name.startswith("tensorflow/include/") and not name.endswith("/"):
            dest = os.path.join(out, "include", name[len("tensorflow/include/"):])
        else:
            continue
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with z.open(info) as src, open(dest, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        n += 1
missing = [k for k, v in libs.items() if not os.path.exists(os.path.join(out, v))]
if missing:
    sys.exit("not in the wheel: " + ", ".join(missing))
print(n)
`;
  const r = run(py, ["-c", extract, path.join(WHEELS, wheel), staging], { capture: true });
  if (r.status !== 0) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new SetupError(`could not extract libtensorflow from ${path.join(WHEELS, wheel)}: ${r.stderr.trim()}`);
  }
  const lib = path.join(staging, "lib");
  // Names tfjs-node's install script and binding.gyp expect; the loader looks for the SONAMEs.
  fs.symlinkSync("libtensorflow_cc.so.2", path.join(lib, "libtensorflow.so.2.9.1"));
  fs.symlinkSync("libtensorflow_cc.so.2", path.join(lib, "libtensorflow.so"));
  fs.symlinkSync("libtensorflow_framework.so.2", path.join(lib, "libtensorflow_framework.so.2.9.1"));
  fs.symlinkSync("libtensorflow_framework.so.2", path.join(lib, "libtensorflow_framework.so"));
  fs.rmSync(deps, { recursive: true, force: true });
  fs.renameSync(staging, deps);
  say(`staged ${r.stdout.trim()} files into ${path.relative(ROOT, deps)}/ in ${elapsed(t)}`);
}

function runTfjsInstallScript(label, timeoutMs) {
  const t = Date.now();
  say(`${label}: running @tensorflow/tfjs-node's scripts/install.js`);
  const r = run(process.execPath, ["scripts/install.js"], {
    cwd: TFJS,
    timeoutMs,
    env: { npm_config_nodedir: process.env.npm_config_nodedir || "/usr" },
  });
  say(`${label}: install.js exited with ${r.status ?? r.signal} after ${elapsed(t)}`);
  return r.status === 0;
}

function ensureTfjs() {
  if (!fs.existsSync(TFJS)) throw new SetupError("node_modules/@tensorflow/tfjs-node is missing: run `npm install` first.");
  const before = force ? { ok: false } : probeTfjs();
  if (before.ok) {
    say(`tfjs-node ${before.tf}: native backend '${before.backend}' already works, nothing to do`);
    return;
  }
  const t = Date.now();
  let viaDownload = false;
  if (process.env.SER_TFJS_FROM_WHEEL !== "1") {
    viaDownload = runTfjsInstallScript("tfjs-node's own download", 10 * 60_000) && probeTfjs().ok;
    if (!viaDownload) say("tfjs-node's own download did not give a working native backend; building it from the tensorflow-cpu wheel");
  }
  if (!viaDownload) {
    stageFromWheel();
    if (!runTfjsInstallScript("from-source build", 20 * 60_000)) {
      throw new SetupError(
        "building tfjs-node's binding failed (see node-gyp's output above). It needs python3, make, a C++ compiler and " +
          "Node's headers (npm config nodedir, or npm_config_nodedir=/usr where they live in /usr/include/node).",
      );
    }
  }
  const after = probeTfjs();
  if (!after.ok) {
    throw new SetupError(`tfjs-node still does not load its native backend:\n${after.error ?? JSON.stringify(after)}`);
  }
  say(`tfjs-node ${after.tf}: native backend '${after.backend}' ready (${viaDownload ? "official download" : "tensorflow-cpu wheel"}) in ${elapsed(t)}`);
}

// ---------------------------------------------------------------- 2. Python venv + tslab kernel

function venvPython() {
  return path.join(VENV, process.platform === "win32" ? "Scripts/python.exe" : "bin/python");
}

function ensurePython() {
  if (process.env.SER_SKIP_PYTHON === "1") {
    say("SER_SKIP_PYTHON=1: skipping the Python venv and the Jupyter kernel");
    return;
  }
  const req = fs.readFileSync(path.join(ROOT, "requirements.txt"), "utf8");
  const stampFile = path.join(VENV, ".ser-setup-stamp");
  const tslabBin = path.join(BIN, process.platform === "win32" ? "tslab.cmd" : "tslab");
  const stamp = createHash("sha256").update(req).update(tslabBin).digest("hex");
  if (!force && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp && fs.existsSync(venvPython())) {
    say(".venv/ is up to date with requirements.txt, and the tslab kernel is installed in it");
    return;
  }
  const t = Date.now();
  if (!fs.existsSync(venvPython())) {
    const py = pythonForSetup();
    say(`creating .venv/ with ${py}`);
    if (run(py, ["-m", "venv", VENV]).status !== 0) {
      throw new SetupError(`'${py} -m venv .venv' failed. On Debian/Ubuntu install the python3-venv package.`);
    }
  }
  say("installing requirements.txt into .venv/ (Jupyter, librosa, scikit-learn, TensorFlow CPU)");
  const pipArgs = ["-m", "pip", "install", "--requirement", path.join(ROOT, "requirements.txt")];
  if (fs.existsSync(WHEELS)) pipArgs.push("--find-links", WHEELS);
  if (run(venvPython(), pipArgs, { env: pipEnv() }).status !== 0) {
    throw new SetupError("pip could not install requirements.txt into .venv/ (see pip's output above).");
  }
  say("installing the tslab kernel spec into .venv/share/jupyter/kernels/");
  // An absolute binary path: Jupyter finds the kernel whether or not node_modules/.bin is on PATH.
  if (run(tslabBin, ["install", `--python=${venvPython()}`, `--prefix=${VENV}`, `--binary=${tslabBin}`]).status !== 0) {
    throw new SetupError("`tslab install` failed (see above).");
  }
  fs.writeFileSync(stampFile, stamp);
  say(`.venv/ ready in ${elapsed(t)}`);
}

// ---------------------------------------------------------------- 3. build dist/ and self-link

function ensureBuild() {
  const t = Date.now();
  const r = run(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"]);
  if (r.status !== 0) throw new SetupError("TypeScript build of src/ into dist/ failed (see above).");
  // package.json "bin": `npx ser` runs dist/cli/ser.js directly (shebang), so it must be executable.
  const cli = path.join(ROOT, "dist", "cli", "ser.js");
  if (fs.existsSync(cli)) fs.chmodSync(cli, 0o755);
  const link = path.join(ROOT, "node_modules", "ser-toolkit");
  let ok = false;
  try {
    ok = fs.realpathSync(link) === fs.realpathSync(ROOT);
  } catch {}
  if (!ok) {
    fs.rmSync(link, { recursive: true, force: true });
    fs.symlinkSync("..", link, "dir");
  }
  say(`built dist/ and linked node_modules/ser-toolkit in ${elapsed(t)}`);
}

try {
  if (want("tfjs")) ensureTfjs();
  if (want("python")) ensurePython();
  if (want("build")) ensureBuild();
  say(`done in ${elapsed(t0)}`);
} catch (err) {
  if (err instanceof SetupError) {
    console.error(
      `\n[setup] FAILED: ${err.message}\n[setup] Nothing in the project was changed outside node_modules/, .venv/, .cache/ and dist/. Fix the above and run \`npm run setup\`.`,
    );
    process.exit(1);
  }
  throw err;
}
