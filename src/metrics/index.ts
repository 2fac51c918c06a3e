/**
 * Classification metrics with scikit-learn 1.9's numbers and warnings: accuracy, balanced
 * accuracy, precision/recall/F-score/support, the confusion matrix, Cohen's kappa and the
 * classification report, plus DataFrame views.
 */
export { uniqueLabels, type ClassLabel, type ClassLabels } from "./labels";
export { consoleWarning, type MetricWarningCategory, type MetricWarningHandler, type MetricWarningOptions } from "./warnings";
export * from "./accuracy-score";
export * from "./balanced-accuracy-score";
export {
  precisionRecallFscoreSupport,
  precisionScore,
  recallScore,
  fbetaScore,
  f1Score,
  type MetricAverage,
  type ZeroDivision,
  type PrecisionRecallFscoreSupportOptions,
  type PrecisionRecallFscoreSupportPerClass,
  type PrecisionRecallFscoreSupportAverage,
  type ScoreOptions,
} from "./precision-recall-fscore-support";
export * from "./confusion-matrix";
export * from "./cohen-kappa-score";
export {
  classificationReport,
  type ClassificationReport,
  type ClassificationReportClass,
  type ClassificationReportDict,
  type ClassificationReportOptions,
  type ClassificationReportRow,
} from "./classification-report";
export * from "./data-frame";
export * from "./most-confused";
