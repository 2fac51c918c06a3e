export * from "./ravdess";
export * from "./scan";
export * from "./zip";
export * from "./download";
export * from "./progress";
export * from "./prepare";
export * from "./split";
export * from "./select";
