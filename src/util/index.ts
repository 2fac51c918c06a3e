export * from "./errors";
export * from "./validate";
export * from "./matrix";
export * from "./rng";
export * from "./atomic-write";
export * from "./memo";
export * from "./paths";
