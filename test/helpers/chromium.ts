/**
 * Headless Chromium for browser tests: Debian's `chromium` driven by `playwright-core`.
 *
 * `.ci/run` installs the Debian package; on a machine without it, {@link launchChromium} throws an
 * error that says how to get it (`apt-get install chromium`, or `CHROMIUM_PATH=<binary>`).
 * Only loopback traffic: the flags turn off Chromium's own background connections.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, LaunchOptions } from "playwright-core";

/** The Chromium binary: `$CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

/** Flags every test browser starts with (headless, no sandbox as root, no network of its own). */
export const CHROMIUM_FLAGS: readonly string[] = Object.freeze([
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
]);

/** A reason the browser tests cannot run here, or null when Chromium is installed. */
export function chromiumProblem(): string | null {
  const bin = chromiumPath();
  if (fs.existsSync(bin)) return null;
  return `Chromium not found at ${bin}: install Debian's package (\`apt-get install chromium\`; .ci/run does) or set CHROMIUM_PATH to a Chromium binary`;
}

/**
 * Starts headless Chromium with a fresh profile (playwright makes and removes it).
 * @param extraArgs more command-line flags (e.g. the fake microphone's)
 * @throws Error naming what is missing when Chromium is not installed
 */
export async function launchChromium(extraArgs: string[] = [], options: LaunchOptions = {}): Promise<Browser> {
  const problem = chromiumProblem();
  if (problem) throw new Error(problem);
  const { chromium } = await import("playwright-core");
  // playwright's launch() gives every browser a fresh temporary profile of its own (and refuses a
  // --user-data-dir flag; that is launchPersistentContext's job).
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [...CHROMIUM_FLAGS, ...extraArgs],
    ...options,
  });
}
