/**
 * Executes notebooks headless through Jupyter (nbclient) with the tslab kernel, papermill-style:
 * parameters are injected after the cell tagged `parameters`, and the executed notebook and its
 * HTML are written to an output folder (reports/ by default).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { FileError, ParameterError } from "../util/errors";
import { projectPath, venvPython } from "../util/paths";

export interface ExecuteNotebookOptions {
  /** Overrides for the notebook's `params` object (injected papermill's way). Default none. */
  params?: Record<string, unknown>;
  /** Where `<name>.ipynb` and `<name>.html` go. Default `reports/`. */
  outDir?: string;
  /** Per-cell timeout in seconds. Default 3600. */
  timeout?: number;
  /** Extra environment variables for the kernel. */
  env?: Record<string, string>;
  /** Receives the runner's progress and stream output, line by line. Default: process.stdout. */
  onOutput?: (text: string) => void;
}

export interface ExecutedNotebook {
  name: string;
  notebook: string;
  html: string;
  seconds: number;
}

/** The notebooks in `notebooks/`, by name without `.ipynb`, in order. */
export function listNotebooks(dir = projectPath("notebooks")): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .map((f) => f.slice(0, -".ipynb".length))
    .sort();
}

/**
 * Finds a notebook by name: "00_environment", "00_environment.ipynb", a unique prefix ("00"),
 * or a path. Throws a ParameterError listing the notebooks when nothing matches.
 */
export function resolveNotebook(name: string, dir = projectPath("notebooks")): string {
  if (name.endsWith(".ipynb") && fs.existsSync(name)) return path.resolve(name);
  const base = name.replace(/\.ipynb$/, "");
  const all = listNotebooks(dir);
  const exact = all.find((n) => n === base);
  const hits = exact ? [exact] : all.filter((n) => n.startsWith(base));
  if (hits.length !== 1) {
    const why = hits.length === 0 ? "no notebook matches" : `it matches ${hits.join(", ")}`;
    throw new ParameterError(`notebook=${JSON.stringify(name)}: ${why}; the notebooks are ${all.join(", ")}`);
  }
  return path.join(dir, hits[0] + ".ipynb");
}

/**
 * Executes one notebook. Resolves when every cell ran; rejects with the failing cell's error
 * (the partially executed notebook and HTML are still written, for reading the failure in context).
 */
export function executeNotebook(name: string, options: ExecuteNotebookOptions = {}): Promise<ExecutedNotebook> {
  const file = resolveNotebook(name);
  const outDir = path.resolve(options.outDir ?? projectPath("reports"));
  const python = venvPython();
  if (!fs.existsSync(python)) throw new FileError(python, "the project's Python venv is missing: run `npm install` (or `npm run setup`)");
  const args = [projectPath("scripts", "execute_notebook.py"), file, outDir, "--timeout", String(options.timeout ?? 3600)];
  if (options.params && Object.keys(options.params).length) args.push("--params", JSON.stringify(options.params));
  const write = options.onOutput ?? ((t: string) => process.stdout.write(t));
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(python, args, {
      env: {
        ...process.env,
        PATH: `${projectPath("node_modules", ".bin")}${path.delimiter}${process.env.PATH}`,
        TF_CPP_MIN_LOG_LEVEL: process.env.TF_CPP_MIN_LOG_LEVEL ?? "2",
        PYTHONUNBUFFERED: "1",
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => write(d.toString()));
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const stem = path.basename(file, ".ipynb");
      const result = {
        name: stem,
        notebook: path.join(outDir, `${stem}.ipynb`),
        html: path.join(outDir, `${stem}.html`),
        seconds: (Date.now() - t0) / 1000,
      };
      if (code === 0) resolve(result);
      else reject(new Error(`notebook ${stem} failed (exit ${code}):\n${stderr.trim().split("\n").slice(-40).join("\n")}`));
    });
  });
}
