/** Export of trained models as portable web bundles (standard TensorFlow.js layers). */
export { exportBundle, standardModel, type ExportResult } from "./export-bundle";
export { exportLayer, ExportError, LAYER_EXPORTS, STANDARD_LAYERS, type LayerExport, type PyConfig, type PyLayer } from "./layer-map";
