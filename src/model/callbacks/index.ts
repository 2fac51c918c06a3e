export * from "./monitor";
export * from "./early-stopping";
export * from "./reduce-lr-on-plateau";
