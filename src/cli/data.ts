#!/usr/bin/env node
/**
 * `npm run data [-- --from <zip-or-folder>] [--dest data/ravdess] [--cache-dir data/.cache] [--force] [--url <mirror> --md5 <hex>]`
 *
 * Puts the RAVDESS speech clips into data/ravdess/ (see data/README.md): by default downloads the
 * official Audio_Speech_Actors_01-24.zip from Zenodo (resumable, MD5-checked); `--from` takes a
 * local zip or a folder in the official layout instead. Does nothing when the data is already there
 * from the same source (`--force` redoes it); `--url`/`--md5` name a mirror. Ends with a summary:
 * clips, actors, clips per emotion.
 */
import { prepareRavdess, RAVDESS_SPEECH_ZIP } from "../data/prepare";
import { progressPrinter } from "../data/progress";
import { EMOTIONS } from "../data/ravdess";
import { SerError } from "../util/errors";
import { runCli } from "./run-cli";

const USAGE = `usage: npm run data [-- --from <zip-or-folder>] [--dest <folder>] [--cache-dir <folder>] [--force]

  (no --from)      download ${RAVDESS_SPEECH_ZIP.name} (${(RAVDESS_SPEECH_ZIP.size / 1e6).toFixed(1)} MB) from
                   ${RAVDESS_SPEECH_ZIP.record}, check its MD5, extract it
  --from <zip>     use a local archive in the official layout (Actor_NN/03-01-*.wav)
  --from <folder>  use a local folder in the official layout (clips are hard-linked, or copied)
  --dest <folder>  where the clips go (default data/ravdess)
  --cache-dir <f>  where downloads go (default data/.cache)
  --force          import again even if the data is already there
  --url <url> --md5 <hex>
                   download from a mirror of the archive instead (MD5 checked when given)`;

interface Args {
  from?: string;
  dest?: string;
  cacheDir?: string;
  url?: string;
  md5?: string;
  force: boolean;
  help: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { force: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "") throw new SerError(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    if (flag === "--from") args.from = value();
    else if (flag === "--dest") args.dest = value();
    else if (flag === "--cache-dir") args.cacheDir = value();
    else if (flag === "--url") args.url = value();
    else if (flag === "--md5") args.md5 = value();
    else if (flag === "--force") args.force = true;
    else if (flag === "-h" || flag === "--help") args.help = true;
    else throw new SerError(`unknown argument ${JSON.stringify(a)}\n${USAGE}`);
  }
  return args;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const r = await prepareRavdess({
    from: args.from,
    dest: args.dest,
    cacheDir: args.cacheDir,
    force: args.force,
    url: args.url,
    md5: args.md5,
    onLog: (m) => console.log(`[data] ${m}`),
    onProgress: progressPrinter({ label: "[data] download" }),
  });
  const m = r.manifest;
  const pad = Math.max(...EMOTIONS.map((e) => e.length));
  console.log(`[data] ${r.unchanged ? "already present" : "ready"}: ${r.dest}`);
  console.log(`  source   ${m.source.location} (${m.source.checksum}, ${m.source.method}, ${m.createdAt})`);
  console.log(`  clips    ${m.clips}`);
  console.log(
    `  actors   ${m.actorCount} (${m.actors[0]}–${m.actors[m.actors.length - 1]}; ${Object.entries(m.perGender)
      .map(([g, n]) => `${n} ${g} clips`)
      .join(", ")})`,
  );
  console.log(`  per emotion`);
  for (const e of EMOTIONS) console.log(`    ${e.padEnd(pad)}  ${m.perEmotion[e] ?? 0}`);
  console.log(`[data] ${r.seconds.toFixed(1)} s`);
  return 0;
}

runCli("[data] error: ", main);
