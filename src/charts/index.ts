export * from "./show";
