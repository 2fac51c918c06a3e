export * from "./config";
export * from "./dataset";
export * from "./evaluate";
export * from "./run";
export * from "./runs";
export * from "./search";
export * from "./cross-validate";
export * from "./predict";
