/** What the notebook kernel runs on: versions of the toolkit's moving parts, as table records. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectPath, projectRoot } from "../util/paths";

export interface ComponentInfo {
  component: string;
  version: string;
  detail: string;
}

function pkgVersion(name: string): string {
  try {
    const file = require.resolve(`${name}/package.json`, { paths: [projectRoot()] });
    return JSON.parse(fs.readFileSync(file, "utf8")).version as string;
  } catch {
    return "not installed";
  }
}

/**
 * One record per component: Node, the toolkit, tfjs-node and its backend, Danfo, Vega, Vega-Lite,
 * meyda, wavefile, TypeScript inside tslab, and the machine. Loads tfjs-node.
 */
export function environmentReport(): ComponentInfo[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tf = require("@tensorflow/tfjs-node") as typeof import("@tensorflow/tfjs-node");
  const venv = projectPath(".venv");
  return [
    { component: "ser-toolkit", version: pkgVersion("ser-toolkit"), detail: projectRoot() },
    { component: "node", version: process.versions.node, detail: `${os.platform()} ${os.arch()}` },
    { component: "@tensorflow/tfjs-node", version: tf.version["tfjs-node"], detail: `backend '${tf.getBackend()}'` },
    {
      component: "libtensorflow",
      version: (tf.backend() as unknown as { binding: { TF_Version: string } }).binding.TF_Version,
      detail: "the native library behind the binding",
    },
    { component: "danfojs-node", version: pkgVersion("danfojs-node"), detail: "DataFrames" },
    { component: "vega / vega-lite", version: `${pkgVersion("vega")} / ${pkgVersion("vega-lite")}`, detail: "charts rendered to SVG in Node" },
    { component: "meyda", version: pkgVersion("meyda"), detail: "reference for RMS and ZCR" },
    { component: "wavefile", version: pkgVersion("wavefile"), detail: "WAV decoding" },
    { component: "tslab", version: pkgVersion("tslab"), detail: `TypeScript ${pkgVersion("@tslab/typescript-for-tslab")} in the kernel` },
    { component: "python venv", version: fs.existsSync(venv) ? "present" : "missing", detail: path.relative(projectRoot(), venv) },
    { component: "machine", version: `${os.cpus().length} cores`, detail: `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM` },
  ];
}
