export * from "./execute";
export * from "./display";
export * from "./table";
export * from "./environment";
export * from "./params";
export * from "./profiles";
export * from "./results";
export * from "./strip-audio";
