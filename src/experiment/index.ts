export * from "./config";
export * from "./dataset";
export * from "./evaluate";
export * from "./run";
export * from "./runs";
export * from "./search";
export * from "./cross-validate";
export * from "./predict";
export * from "./predict-stream";
export * from "./timeline";
export * from "./best-run";
export * from "./held-out";
export * from "./recipe";
export * from "./extract-clip";
export {
  extractDataset,
  stackSummaries,
  formatExtractProgress,
  extractProgressPrinter,
  type ExtractProgress,
  type ExtractOptions,
  type ExtractError,
  type ExtractResult,
} from "./extract";
export {
  runProtocol,
  seedEnsemble,
  protocolFor,
  PROTOCOLS,
  PROTOCOL_NAMES,
  type Protocol,
  type ProtocolFold,
  type ProtocolName,
  type ProtocolResult,
  type ProtocolRun,
  type RunProtocolOptions,
} from "./protocol";
export * from "./recipe-settings";
export * from "./resolved-settings";
export * from "./trials-around";
export * from "./trials-table";
export * from "./setting-effects";
export * from "./feature-rows";
export * from "./prediction-report";
export * from "./demo-recording";
export * from "./timeline-truth";
export * from "./protocol-result";
export * from "./protocol-table";
export * from "./protocol-results";
export * from "./fold-table";
