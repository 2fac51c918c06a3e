/**
 * Real RAVDESS clips for tests: `ravdessRoot()` returns `data/ravdess` when it holds a valid
 * extraction (made by `npm run data`), else imports the shared zip into `data/ravdess` through the
 * same code path as `npm run data -- --from <zip>` and returns it.
 *
 * The zip is `$SER_RAVDESS_ZIP`, or `<project>/../shared/data/Audio_Speech_Actors_01-20.zip`.
 */
import fs from "node:fs";
import path from "node:path";
import { prepareRavdess, ravdessDirProblem } from "../../src/data/prepare";
import { projectPath, projectRoot } from "../../src/util/paths";

/** The RAVDESS speech zip tests may read: `$SER_RAVDESS_ZIP` or the shared actors 1–20 archive. */
export function ravdessZipPath(): string {
  return process.env.SER_RAVDESS_ZIP ?? path.join(projectRoot(), "..", "shared", "data", "Audio_Speech_Actors_01-20.zip");
}

let pending: Promise<string> | null = null;

/**
 * The folder of real RAVDESS clips (`<project>/data/ravdess`, official layout `Actor_NN/*.wav`),
 * importing the zip first when it is not there yet (a few seconds, once).
 * @throws Error saying what is missing when there is neither a valid `data/ravdess` nor the zip
 * @example const root = await ravdessRoot(); const clips = await scanRavdess(root);
 */
export function ravdessRoot(): Promise<string> {
  pending ??= (async () => {
    const dest = projectPath("data", "ravdess");
    const problem = await ravdessDirProblem(dest);
    if (problem === null) return dest;
    const zip = ravdessZipPath();
    if (!fs.existsSync(zip)) {
      throw new Error(
        `no RAVDESS data for tests: ${problem}, and the zip ${zip} does not exist. ` +
          `Run \`npm run data\` (or \`npm run data -- --from <Audio_Speech_Actors zip or folder>\`), or set SER_RAVDESS_ZIP.`,
      );
    }
    await prepareRavdess({ from: zip, dest, onLog: () => {} });
    return dest;
  })();
  pending.catch(() => (pending = null));
  return pending;
}
