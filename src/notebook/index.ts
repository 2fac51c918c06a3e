export * from "./execute";
export * from "./display";
export * from "./table";
export * from "./environment";
export * from "./params";
