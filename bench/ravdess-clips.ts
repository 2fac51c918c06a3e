/** The benchmarks' clip lists: RAVDESS WAV files under a data folder, and even samples of them. */
import fs from "node:fs";
import path from "node:path";

/** Every `Actor_NN/*.wav` under `root`, sorted by actor then file name. */
export function allClips(root: string): string[] {
  if (!fs.existsSync(root)) throw new Error(`${root} not found: run \`npm run data\` first (or pass --root)`);
  return fs
    .readdirSync(root)
    .filter((a) => a.startsWith("Actor_"))
    .sort()
    .flatMap((a) =>
      fs
        .readdirSync(path.join(root, a))
        .filter((f) => f.endsWith(".wav"))
        .sort()
        .map((f) => path.join(root, a, f)),
    );
}

/** `n` clips spread evenly over the sorted list (every actor, every emotion), starting `shift` clips in. */
export function pick(files: string[], n: number, shift = 0): string[] {
  if (n >= files.length) return files;
  return Array.from({ length: n }, (_, i) => files[(Math.floor((i * files.length) / n) + shift) % files.length]);
}
