/**
 * The one error path of the command-line tools: every {@link SerError} and every file-system error
 * becomes one line, `<tool>: <message naming the thing>`, and exit status 1. A stack trace is
 * printed only with `--debug` (for any error), so a user never has to read one to learn that a
 * file is missing.
 */
import { SerError } from "../util/errors";
import { fileErrorFrom, isFsError } from "../util/fs-errors";

/** The line printed for an error (without the stack trace). */
export function cliErrorMessage(prefix: string, err: unknown): string {
  if (err instanceof SerError) return `${prefix}${err.message}`;
  if (isFsError(err)) return `${prefix}${fileErrorFrom(err).message}`;
  const msg = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return `${prefix}unexpected error: ${msg} (this is a bug; run again with --debug for the stack trace)`;
}

/**
 * Runs a command-line `main` with the shared error handling, then exits with its status.
 * `--debug` anywhere in the arguments is removed before `main` sees them and turns stack traces on.
 * @param prefix put before every error message, e.g. "ser: "
 * @param main the tool; resolves to the exit status
 * @example runCli("ser: ", main);
 */
export function runCli(prefix: string, main: (argv: string[]) => Promise<number>, argv: string[] = process.argv.slice(2)): void {
  const debug = argv.includes("--debug");
  const args = argv.filter((a) => a !== "--debug");
  main(args).then(
    (code) => process.exit(code),
    (err) => {
      console.error(cliErrorMessage(prefix, err));
      if (debug && err instanceof Error && err.stack) console.error(err.stack);
      process.exit(1);
    },
  );
}
