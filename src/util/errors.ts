/**
 * The project's error classes, after librosa.util.exceptions.
 *
 * - {@link ParameterError}: a bad argument; the message quotes the argument's name and value.
 * - {@link FileError}: a file or folder that cannot be used; the message names the path and the problem.
 */

/** Base class of every error this library throws on purpose. */
export class SerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A bad argument: `new ParameterError("hopLength=0 must be a positive integer")`. */
export class ParameterError extends SerError {}

/** A file, folder or archive that is missing or unusable. `path` is the offending path. */
export class FileError extends SerError {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}
