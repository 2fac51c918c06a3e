/**
 * The inputs and outputs of {@link trainModel} (`train.ts`): the data it takes, its options and
 * their checked, defaulted form, and the history it returns. Defaults are Keras's unless stated.
 */
import { randomInt } from "node:crypto";
import type * as tf from "@tensorflow/tfjs-node";
import { ParameterError } from "../util/errors";
import { assertPositive, assertPositiveInt } from "../util/validate";
import { resolveSpecAugment, type ResolvedSpecAugment, type SpecAugmentOptions } from "../augment/spec-augment";
import { resolveEarlyStopping, type EarlyStoppingOptions } from "./callbacks/early-stopping";
import { resolveReduceLrOnPlateau, type ReduceLrOnPlateauOptions } from "./callbacks/reduce-lr-on-plateau";

/** Training and validation arrays, as the features pipeline produces them. */
export interface TrainingData {
  /** Training clips, flat row-major [nTrain × timesteps × features]. */
  xTrain: Float32Array;
  /** Class index of each training clip, in [0, numClasses). */
  yTrain: Int32Array;
  /** Validation clips (optional; needed for early stopping and reduce-LR on val_loss). */
  xVal?: Float32Array;
  /** Class index of each validation clip. */
  yVal?: Int32Array;
  /** [timesteps, features] of one clip; must equal the model's input shape. */
  shape: [number, number];
}

/** One epoch's numbers, as passed to `onEpochEnd` and stored in the history. */
export interface EpochLog {
  /** 0-based epoch index. */
  epoch: number;
  /** Mean training loss over the epoch (class-weighted when class weights are on), like Keras. */
  loss: number;
  /** Training accuracy over the epoch (with dropout active, like Keras). */
  accuracy: number;
  /** Validation loss (unweighted) after the epoch; null without validation data. */
  valLoss: number | null;
  /** Validation accuracy after the epoch; null without validation data. */
  valAccuracy: number | null;
  /** Learning rate used during the epoch. */
  learningRate: number;
  /** Wall-clock seconds of the epoch (training and validation). */
  seconds: number;
}

/** What {@link trainModel} returns: Keras's `History` (`epoch` + `history`) plus the outcome. */
export interface TrainingHistory {
  /** Epoch indices that ran. */
  epoch: number[];
  /** Per-epoch values, one entry per element of `epoch` (Keras's `history.history`, camelCased). */
  history: {
    loss: number[];
    accuracy: number[];
    valLoss: (number | null)[];
    valAccuracy: (number | null)[];
    learningRate: number[];
    seconds: number[];
  };
  /** Epoch with the best monitored value (early stopping), or null when early stopping is off. */
  bestEpoch: number | null;
  /** Epoch at which early stopping stopped training, or null if all epochs ran. */
  stoppedEpoch: number | null;
  /** Whether the weights of `bestEpoch` were put back at the end. */
  restoredBestWeights: boolean;
  /** The options that ran, defaults filled in (JSON; callbacks left out). */
  options: ResolvedTrainOptions;
}

/** Options of {@link trainModel}; defaults are Keras's unless stated. */
export interface TrainOptions {
  /** Number of epochs, integer ≥ 1. Default 1 (Keras `fit`'s). */
  epochs?: number;
  /** Clips per batch, integer ≥ 1. Default 32 (Keras `fit`'s). */
  batchSize?: number;
  /** Adam's learning rate, > 0. Default 0.001. */
  learningRate?: number;
  /** Shuffle the training clips before each epoch. Default true. */
  shuffle?: boolean;
  /** Seed of the shuffling. Default: random (node:crypto). The model's own seed covers initializers and dropout. */
  seed?: number;
  /**
   * Per-class loss weights: "balanced" (sklearn's `compute_class_weight("balanced")`:
   * n / (numClasses · count), over the classes present), an explicit array, or null. Default null.
   */
  classWeight?: "balanced" | number[] | null;
  /** Early stopping ({@link EarlyStopping}); off when absent or false. */
  earlyStopping?: EarlyStoppingOptions | false;
  /** Reduce-LR-on-plateau ({@link ReduceLROnPlateau}); off when absent or false. */
  reduceLrOnPlateau?: ReduceLrOnPlateauOptions | false;
  /** Called after every epoch (progress bars in notebooks and the CLI). May be async. */
  onEpochEnd?: (log: EpochLog, history: TrainingHistory) => void | Promise<void>;
  /** Written atomically (JSON of the {@link TrainingHistory}) after every epoch when set. */
  historyPath?: string;
  /** Optimizer to use instead of a new {@link FlatAdam} (e.g. to continue training). */
  optimizer?: tf.Optimizer & { learningRate: number };
  /** Clips per batch when evaluating the validation set. Default 256. */
  validationBatchSize?: number;
  /** Label smoothing of the cross-entropy targets (Keras's `label_smoothing`), in [0, 1). Default 0. */
  labelSmoothing?: number;
  /** mixup of training batches with λ ~ Beta(α, α) (see `augment/mixup.ts`); 0 turns it off. Default 0. */
  mixupAlpha?: number;
  /** SpecAugment-style time/feature masks on every training clip of every batch; off when absent or false. */
  specAugment?: SpecAugmentOptions | false;
  /**
   * Learning-rate schedule: "constant" (default; reduce-LR-on-plateau may lower it) or "cosine"
   * (cosine decay from learningRate to 0 over `epochs`, per epoch; reduce-LR is then not used).
   */
  schedule?: "constant" | "cosine";
  /** Decoupled weight decay (AdamW, Loshchilov & Hutter 2019) of the kernels (weights of rank ≥ 2), ≥ 0. Default 0. */
  weightDecay?: number;
}

/** {@link TrainOptions} as run: callbacks and the optimizer left out, defaults filled in. */
export interface ResolvedTrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  shuffle: boolean;
  seed: number;
  classWeight: number[] | null;
  earlyStopping: Required<EarlyStoppingOptions> | null;
  reduceLrOnPlateau: Required<ReduceLrOnPlateauOptions> | null;
  validationBatchSize: number;
  labelSmoothing: number;
  mixupAlpha: number;
  specAugment: ResolvedSpecAugment | null;
  schedule: "constant" | "cosine";
  weightDecay: number;
}

/**
 * Class weights as scikit-learn's `compute_class_weight("balanced", classes=0..numClasses-1, y)`:
 * `n / (k · count[c])` with k the number of classes present; absent classes get 0 (they never occur
 * in the loss).
 * @param y class indices [n]
 * @param numClasses number of classes
 * @returns weights [numClasses]
 * @example balancedClassWeight(Int32Array.of(0, 0, 1), 2)  // [0.75, 1.5]
 */
export function balancedClassWeight(y: Int32Array, numClasses: number): number[] {
  assertPositiveInt("numClasses", numClasses);
  const count = new Array<number>(numClasses).fill(0);
  for (const c of y) {
    if (!(c >= 0 && c < numClasses)) throw new ParameterError(`y contains class ${c}, outside [0, ${numClasses})`);
    count[c]++;
  }
  const present = count.filter((c) => c > 0).length;
  return count.map((c) => (c > 0 ? y.length / (present * c) : 0));
}

/** Whether `data` has a non-empty validation set. */
export function hasValidation(data: TrainingData): boolean {
  return data.xVal !== undefined && data.yVal !== undefined && data.yVal.length > 0;
}

function resolveClassWeight(classWeight: TrainOptions["classWeight"], data: TrainingData, numClasses: number): number[] | null {
  if (classWeight === "balanced") return balancedClassWeight(data.yTrain, numClasses);
  if (Array.isArray(classWeight)) {
    if (classWeight.length !== numClasses) throw new ParameterError(`classWeight has ${classWeight.length} entries, but the model has ${numClasses} classes`);
    classWeight.forEach((w, i) => {
      if (!(Number.isFinite(w) && w >= 0)) throw new ParameterError(`classWeight[${i}]=${w} must be a finite number ≥ 0`);
    });
    return [...classWeight];
  }
  if (classWeight != null) throw new ParameterError(`classWeight=${JSON.stringify(classWeight)} must be "balanced", an array or null`);
  return null;
}

/**
 * {@link TrainOptions} checked and with defaults filled in (what the history records).
 * @param data the training data (class weights, and whether valLoss can be monitored)
 * @param numClasses the model's number of classes
 * @throws ParameterError naming the bad option
 */
export function resolveTrainOptions(options: TrainOptions, data: TrainingData, numClasses: number): ResolvedTrainOptions {
  const epochs = options.epochs ?? 1;
  const batchSize = options.batchSize ?? 32;
  const learningRate = options.optimizer ? options.optimizer.learningRate : (options.learningRate ?? 0.001);
  assertPositiveInt("epochs", epochs);
  assertPositiveInt("batchSize", batchSize);
  assertPositive("learningRate", learningRate);
  const validationBatchSize = options.validationBatchSize ?? 256;
  assertPositiveInt("validationBatchSize", validationBatchSize);
  const seed = options.seed ?? randomInt(2 ** 31 - 1);
  if (!Number.isInteger(seed)) throw new ParameterError(`seed=${seed} must be an integer`);
  const classWeight = resolveClassWeight(options.classWeight, data, numClasses);
  const hasVal = hasValidation(data);
  const earlyStopping = options.earlyStopping ? resolveEarlyStopping(options.earlyStopping) : null;
  if (earlyStopping?.monitor === "valLoss" && !hasVal) throw new ParameterError("earlyStopping monitors valLoss, but no xVal/yVal were given");
  let reduceLrOnPlateau = options.reduceLrOnPlateau ? resolveReduceLrOnPlateau(options.reduceLrOnPlateau) : null;
  if (reduceLrOnPlateau?.monitor === "valLoss" && !hasVal) throw new ParameterError("reduceLrOnPlateau monitors valLoss, but no xVal/yVal were given");
  const labelSmoothing = options.labelSmoothing ?? 0;
  if (!(labelSmoothing >= 0 && labelSmoothing < 1)) throw new ParameterError(`labelSmoothing=${labelSmoothing} must lie in [0, 1)`);
  const mixupAlpha = options.mixupAlpha ?? 0;
  if (!(Number.isFinite(mixupAlpha) && mixupAlpha >= 0)) throw new ParameterError(`mixupAlpha=${mixupAlpha} must be a finite number ≥ 0 (0: off)`);
  const specAugment = options.specAugment ? resolveSpecAugment(options.specAugment) : null;
  const schedule = options.schedule ?? "constant";
  if (schedule !== "constant" && schedule !== "cosine") throw new ParameterError(`schedule=${JSON.stringify(schedule)} must be "constant" or "cosine"`);
  const weightDecay = options.weightDecay ?? 0;
  if (!(Number.isFinite(weightDecay) && weightDecay >= 0)) throw new ParameterError(`weightDecay=${weightDecay} must be a finite number ≥ 0`);
  if (schedule === "cosine") reduceLrOnPlateau = null;
  return {
    epochs,
    batchSize,
    learningRate,
    shuffle: options.shuffle ?? true,
    seed,
    classWeight,
    earlyStopping,
    reduceLrOnPlateau,
    validationBatchSize,
    labelSmoothing,
    mixupAlpha,
    specAugment,
    schedule,
    weightDecay,
  };
}

/**
 * Checks `data` against the model's input and output shapes.
 * @returns timesteps T, features F and the number of classes
 * @throws ParameterError naming the mismatched array or label
 */
export function checkTrainingData(model: tf.LayersModel, data: TrainingData): { T: number; F: number; numClasses: number } {
  const inShape = model.inputs[0].shape;
  const outShape = model.outputs[0].shape;
  const [T, F] = data.shape ?? [];
  if (inShape.length !== 3 || inShape[1] !== T || inShape[2] !== F) {
    throw new ParameterError(`data.shape=[${data.shape}] does not match the model's input [${inShape.slice(1)}]`);
  }
  const numClasses = outShape[outShape.length - 1] as number;
  const clip = T * F;
  const check = (xName: string, x: Float32Array | undefined, yName: string, y: Int32Array | undefined, required: boolean) => {
    if (x === undefined || y === undefined) {
      if (required || x !== y) throw new ParameterError(`${xName} and ${yName} must be given together${required ? "" : " (or both left out)"}`);
      return;
    }
    if (!(x instanceof Float32Array)) throw new ParameterError(`${xName} must be a Float32Array`);
    if (!(y instanceof Int32Array)) throw new ParameterError(`${yName} must be an Int32Array`);
    if (x.length !== y.length * clip) {
      throw new ParameterError(`${xName} has ${x.length} values, but ${yName} has ${y.length} labels × ${T} × ${F} = ${y.length * clip}`);
    }
    for (let i = 0; i < y.length; i++) {
      if (!(y[i] >= 0 && y[i] < numClasses)) throw new ParameterError(`${yName}[${i}]=${y[i]} is outside [0, ${numClasses})`);
    }
  };
  check("xTrain", data.xTrain, "yTrain", data.yTrain, true);
  if (data.yTrain.length === 0) throw new ParameterError("yTrain is empty");
  check("xVal", data.xVal, "yVal", data.yVal, false);
  return { T, F, numClasses };
}
