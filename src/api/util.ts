/** `ser.util`: the seeded random generator, the error classes, project paths, matrices. */
export { Rng, SerError, ParameterError, FileError, NonFiniteError, projectPath, projectRoot, matrix, zeros, transpose, type Matrix } from "../util";
export { formatBytes, formatDuration } from "../data";
