/** Where the project's folders are, from wherever the library runs (src/ through tsx, or dist/). */
import fs from "node:fs";
import path from "node:path";

let cachedRoot: string | null = null;

/** The project root: the nearest folder above this module whose package.json is ser-toolkit's. */
export function projectRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, "utf8")).name === "ser-toolkit") return (cachedRoot = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`ser-toolkit: cannot find the project root above ${__dirname}`);
    dir = up;
  }
}

/** A path inside the project: `projectPath("data", "ravdess")`. */
export function projectPath(...parts: string[]): string {
  return path.join(projectRoot(), ...parts);
}

/** The project venv's Python interpreter (created by `npm install`). */
export function venvPython(): string {
  return projectPath(".venv", process.platform === "win32" ? "Scripts/python.exe" : "bin/python");
}
