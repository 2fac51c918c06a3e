/**
 * Training loop for the CNN+LSTM (or any softmax `tf.LayersModel`): Adam, categorical
 * cross-entropy, accuracy, seeded shuffling, early stopping on `val_loss` with the best weights
 * restored, reduce-LR-on-plateau, optional balanced class weights, a per-epoch callback, and the
 * history written atomically after every epoch. Callback semantics follow Keras 3's
 * `EarlyStopping` and `ReduceLROnPlateau`.
 */
import { randomInt } from "node:crypto";
import * as tf from "@tensorflow/tfjs-node";
import { Rng } from "../util/rng";
import { ParameterError } from "../util/errors";
import { writeFileAtomic } from "../util/atomic-write";
import { assertFiniteLoss } from "../util/finite";
import { yieldToEventLoop } from "../util/temp-dir";
import { assertInOpenRange, assertNonNegativeInt, assertPositive, assertPositiveInt } from "../util/validate";
import { nativeTf } from "./backend";
import { FlatAdam } from "./flat-adam";
import { useFastMaxPoolGrad, useNativeReluGrad } from "./native-gradients";
import { resolveSpecAugment, specAugment, type ResolvedSpecAugment, type SpecAugmentOptions } from "../augment/spec-augment";
import { mixupBatch } from "../augment/mixup";

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

/** Keras's `EarlyStopping`, monitoring a loss (mode "min"). */
export interface EarlyStoppingOptions {
  /** Quantity to watch. Default "valLoss". */
  monitor?: "valLoss" | "loss";
  /** Epochs without improvement before stopping, integer ≥ 0. Default 0 (Keras's). */
  patience?: number;
  /** An improvement must lower the monitored value by more than this, ≥ 0. Default 0. */
  minDelta?: number;
  /**
   * Put back the weights of the best epoch when training ends (stopped early or not).
   * Default true (Keras's default is false; the issue asks for the best weights).
   */
  restoreBestWeights?: boolean;
}

/** Keras's `ReduceLROnPlateau` (mode "min"). */
export interface ReduceLrOnPlateauOptions {
  /** Quantity to watch. Default "valLoss". */
  monitor?: "valLoss" | "loss";
  /** New rate = rate × factor, in (0, 1). Default 0.1. */
  factor?: number;
  /** Epochs without improvement before reducing, integer ≥ 0. Default 10. */
  patience?: number;
  /** Threshold of a significant improvement, ≥ 0. Default 1e-4. */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again, integer ≥ 0. Default 0. */
  cooldown?: number;
  /** Lower bound of the rate, ≥ 0. Default 0. */
  minLr?: number;
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
  /** Early stopping; off when absent or false. */
  earlyStopping?: EarlyStoppingOptions | false;
  /** Reduce-LR-on-plateau; off when absent or false. */
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

function resolveOptions(options: TrainOptions, data: TrainingData, numClasses: number): ResolvedTrainOptions {
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
  let classWeight: number[] | null = null;
  if (options.classWeight === "balanced") classWeight = balancedClassWeight(data.yTrain, numClasses);
  else if (Array.isArray(options.classWeight)) {
    if (options.classWeight.length !== numClasses) {
      throw new ParameterError(`classWeight has ${options.classWeight.length} entries, but the model has ${numClasses} classes`);
    }
    options.classWeight.forEach((w, i) => {
      if (!(Number.isFinite(w) && w >= 0)) throw new ParameterError(`classWeight[${i}]=${w} must be a finite number ≥ 0`);
    });
    classWeight = [...options.classWeight];
  } else if (options.classWeight != null) {
    throw new ParameterError(`classWeight=${JSON.stringify(options.classWeight)} must be "balanced", an array or null`);
  }
  const hasVal = data.xVal !== undefined && data.yVal !== undefined && data.yVal.length > 0;
  let earlyStopping: Required<EarlyStoppingOptions> | null = null;
  if (options.earlyStopping) {
    const e = options.earlyStopping;
    earlyStopping = { monitor: e.monitor ?? "valLoss", patience: e.patience ?? 0, minDelta: e.minDelta ?? 0, restoreBestWeights: e.restoreBestWeights ?? true };
    assertNonNegativeInt("earlyStopping.patience", earlyStopping.patience);
    if (!(earlyStopping.minDelta >= 0)) throw new ParameterError(`earlyStopping.minDelta=${earlyStopping.minDelta} must be ≥ 0`);
    if (earlyStopping.monitor === "valLoss" && !hasVal) throw new ParameterError("earlyStopping monitors valLoss, but no xVal/yVal were given");
  }
  let reduceLrOnPlateau: Required<ReduceLrOnPlateauOptions> | null = null;
  if (options.reduceLrOnPlateau) {
    const r = options.reduceLrOnPlateau;
    reduceLrOnPlateau = {
      monitor: r.monitor ?? "valLoss",
      factor: r.factor ?? 0.1,
      patience: r.patience ?? 10,
      minDelta: r.minDelta ?? 1e-4,
      cooldown: r.cooldown ?? 0,
      minLr: r.minLr ?? 0,
    };
    assertInOpenRange("reduceLrOnPlateau.factor", reduceLrOnPlateau.factor, 0, 1);
    assertNonNegativeInt("reduceLrOnPlateau.patience", reduceLrOnPlateau.patience);
    assertNonNegativeInt("reduceLrOnPlateau.cooldown", reduceLrOnPlateau.cooldown);
    if (!(reduceLrOnPlateau.minDelta >= 0)) throw new ParameterError(`reduceLrOnPlateau.minDelta=${reduceLrOnPlateau.minDelta} must be ≥ 0`);
    if (!(reduceLrOnPlateau.minLr >= 0)) throw new ParameterError(`reduceLrOnPlateau.minLr=${reduceLrOnPlateau.minLr} must be ≥ 0`);
    if (reduceLrOnPlateau.monitor === "valLoss" && !hasVal) throw new ParameterError("reduceLrOnPlateau monitors valLoss, but no xVal/yVal were given");
  }
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
    epochs, batchSize, learningRate, shuffle: options.shuffle ?? true, seed, classWeight, earlyStopping, reduceLrOnPlateau, validationBatchSize,
    labelSmoothing, mixupAlpha, specAugment, schedule, weightDecay,
  };
}

function checkData(model: tf.LayersModel, data: TrainingData): { T: number; F: number; numClasses: number } {
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

/** Loss and accuracy of `model` on clips, in batches, without dropout (Keras's `evaluate`). */
function evaluateLossAccuracy(model: tf.LayersModel, x: Float32Array, y: Int32Array, T: number, F: number, numClasses: number, batchSize: number): { loss: number; accuracy: number } {
  let lossSum = 0;
  let correct = 0;
  const n = y.length;
  for (let start = 0; start < n; start += batchSize) {
    const b = Math.min(batchSize, n - start);
    const [l, c] = tf.tidy(() => {
      const xb = tf.tensor3d(x.subarray(start * T * F, (start + b) * T * F), [b, T, F]);
      const labels = tf.tensor1d(y.subarray(start, start + b), "int32");
      const p = model.apply(xb, { training: false }) as tf.Tensor;
      const ce = crossEntropy(p, tf.oneHot(labels, numClasses));
      const ok = tf.sum(tf.cast(tf.equal(tf.argMax(p, 1), labels), "float32"));
      return [tf.sum(ce).dataSync()[0], ok.dataSync()[0]];
    });
    lossSum += l;
    correct += c;
  }
  return { loss: lossSum / n, accuracy: correct / n };
}

/** Per-clip categorical cross-entropy of probabilities `p` [b, C] (Keras: clip to [ε, 1−ε], ε = 1e-7). */
function crossEntropy(p: tf.Tensor, yOneHot: tf.Tensor): tf.Tensor {
  const eps = 1e-7;
  return tf.neg(tf.sum(tf.mul(yOneHot, tf.log(tf.clipByValue(p, eps, 1 - eps))), -1));
}

/** Snapshot of every weight of `model` (trainable and not), kept out of any tidy scope. */
function snapshot(model: tf.LayersModel): tf.Tensor[] {
  return model.getWeights().map((w) => tf.keep(w.clone()));
}

/**
 * Trains `model` in place and returns its history. The model must output softmax probabilities
 * [batch, numClasses] and take inputs [batch, timesteps, features] equal to `data.shape`.
 *
 * Each batch runs `model.apply(x, { training: true })` (dropout on, BatchNormalization in batch
 * mode) and one Adam step ({@link FlatAdam}) on the (class-weighted) categorical cross-entropy.
 * Repeatable runs need the same `seed` here and a model built with a fixed seed: measured on this
 * machine, two such runs give bit-identical histories and weights, in one process or two, as long
 * as TensorFlow uses the same number of threads (`TF_NUM_INTRAOP_THREADS`; 1 thread vs the
 * default 2 changed losses by ~1e-5 after 3 epochs). Registers the native ReLU and max-pool
 * gradients (`native-gradients.ts`) on first use.
 *
 * @param model a `tf.LayersModel`, e.g. from `buildCnnLstm`
 * @param data training (and validation) clips and labels
 * @param options epochs, batch size, learning rate, callbacks… (all optional)
 * @returns the {@link TrainingHistory}
 * @example
 * const model = buildCnnLstm({ inputShape: [193, 1], seed: 7 });
 * const h = await trainModel(model, { xTrain, yTrain, xVal, yVal, shape: [193, 1] },
 *   { epochs: 50, batchSize: 64, seed: 7, earlyStopping: { patience: 10 }, reduceLrOnPlateau: { patience: 5, factor: 0.5 } });
 * h.history.valAccuracy.at(-1);
 */
export async function trainModel(model: tf.LayersModel, data: TrainingData, options: TrainOptions = {}): Promise<TrainingHistory> {
  nativeTf();
  useNativeReluGrad();
  useFastMaxPoolGrad();
  const { T, F, numClasses } = checkData(model, data);
  const opts = resolveOptions(options, data, numClasses);
  const optimizer = options.optimizer ?? new FlatAdam({ learningRate: opts.learningRate });
  const ownOptimizer = options.optimizer === undefined;
  const rng = new Rng(opts.seed);
  const nTrain = data.yTrain.length;
  const clip = T * F;
  const hasVal = data.xVal !== undefined && data.yVal !== undefined && data.yVal.length > 0;
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const classWeight = opts.classWeight ? Float32Array.from(opts.classWeight) : null;

  const history: TrainingHistory = {
    epoch: [],
    history: { loss: [], accuracy: [], valLoss: [], valAccuracy: [], learningRate: [], seconds: [] },
    bestEpoch: null,
    stoppedEpoch: null,
    restoredBestWeights: false,
    options: opts,
  };
  // Early stopping and reduce-LR state (Keras 3 semantics, mode "min").
  let esBest = Infinity;
  let esWait = 0;
  let bestWeights: tf.Tensor[] | null = null;
  let rlBest = Infinity;
  let rlWait = 0;
  let rlCooldown = 0;

  const order = Array.from({ length: nTrain }, (_, i) => i);
  const xBatch = new Float32Array(opts.batchSize * clip);
  const yBatch = new Int32Array(opts.batchSize);
  const wBatch = new Float32Array(opts.batchSize);
  const tBatch = new Float32Array(opts.batchSize * numClasses);
  const augRng = rng.fork("batch-augmentation");
  const decayed = opts.weightDecay > 0 ? vars.filter((v) => v.shape.length >= 2) : [];
  try {
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      const t0 = performance.now();
      if (opts.schedule === "cosine") optimizer.learningRate = 0.5 * opts.learningRate * (1 + Math.cos((Math.PI * epoch) / opts.epochs));
      const learningRate = optimizer.learningRate;
      if (opts.shuffle) rng.shuffle(order);
      let lossSum = 0;
      let correct = 0;
      for (let start = 0; start < nTrain; start += opts.batchSize) {
        const b = Math.min(opts.batchSize, nTrain - start);
        for (let k = 0; k < b; k++) {
          const i = order[start + k];
          xBatch.set(data.xTrain.subarray(i * clip, (i + 1) * clip), k * clip);
          yBatch[k] = data.yTrain[i];
          if (classWeight) wBatch[k] = classWeight[yBatch[k]];
          if (opts.specAugment) specAugment(xBatch.subarray(k * clip, (k + 1) * clip), [T, F], opts.specAugment, augRng);
          // targets: one-hot, smoothed as Keras's label_smoothing (y·(1 − ε) + ε / C)
          const off = opts.labelSmoothing / numClasses;
          tBatch.fill(off, k * numClasses, (k + 1) * numClasses);
          tBatch[k * numClasses + yBatch[k]] += 1 - opts.labelSmoothing;
        }
        if (opts.mixupAlpha > 0) mixupBatch(xBatch, tBatch, b, clip, numClasses, opts.mixupAlpha, augRng);
        const [batchLoss, batchCorrect] = tf.tidy(() => {
          const xb = tf.tensor3d(xBatch.subarray(0, b * clip), [b, T, F]);
          const labels = tf.tensor1d(yBatch.subarray(0, b), "int32");
          const yb = tf.tensor2d(tBatch.subarray(0, b * numClasses), [b, numClasses]);
          const wb = classWeight ? tf.tensor1d(wBatch.subarray(0, b)) : null;
          const held: { ok?: tf.Tensor } = {};
          const cost = optimizer.minimize(
            () => {
              const p = model.apply(xb, { training: true }) as tf.Tensor;
              held.ok = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(p, 1), labels), "float32")));
              const ce = crossEntropy(p, yb);
              // Keras's "sum_over_batch_size": weighted sum divided by the batch size.
              return (wb ? tf.div(tf.sum(tf.mul(ce, wb)), b) : tf.mean(ce)) as tf.Scalar;
            },
            true,
            vars,
          ) as tf.Scalar;
          const ok = held.ok as tf.Tensor;
          // AdamW: w ← w − lr · λ · w, decoupled from the gradient step
          const shrink = 1 - optimizer.learningRate * opts.weightDecay;
          for (const v of decayed) v.assign(tf.mul(v, shrink));
          const out: [number, number] = [cost.dataSync()[0], ok.dataSync()[0]];
          ok.dispose();
          return out;
        });
        assertFiniteLoss(batchLoss, `epoch ${epoch + 1}, batch ${start / opts.batchSize + 1}`, learningRate);
        lossSum += batchLoss * b;
        correct += batchCorrect;
        await yieldToEventLoop(); // lets SIGINT/SIGTERM handlers (temporary-folder cleanup) run
      }
      const val = hasVal
        ? evaluateLossAccuracy(model, data.xVal as Float32Array, data.yVal as Int32Array, T, F, numClasses, opts.validationBatchSize)
        : null;
      const log: EpochLog = {
        epoch,
        loss: lossSum / nTrain,
        accuracy: correct / nTrain,
        valLoss: val ? val.loss : null,
        valAccuracy: val ? val.accuracy : null,
        learningRate,
        seconds: (performance.now() - t0) / 1000,
      };
      history.epoch.push(epoch);
      history.history.loss.push(log.loss);
      history.history.accuracy.push(log.accuracy);
      history.history.valLoss.push(log.valLoss);
      history.history.valAccuracy.push(log.valAccuracy);
      history.history.learningRate.push(log.learningRate);
      history.history.seconds.push(log.seconds);

      let stop = false;
      if (opts.earlyStopping) {
        const es = opts.earlyStopping;
        const current = es.monitor === "valLoss" ? (log.valLoss as number) : log.loss;
        esWait += 1;
        if (current < esBest - es.minDelta || history.bestEpoch === null) {
          // Keras records the first epoch as best even when its value is not finite.
          if (current < esBest - es.minDelta) esBest = current;
          history.bestEpoch = epoch;
          if (es.restoreBestWeights) {
            bestWeights?.forEach((t) => t.dispose());
            bestWeights = snapshot(model);
          }
          esWait = 0;
        } else if (esWait >= es.patience && epoch > 0) {
          history.stoppedEpoch = epoch;
          stop = true;
        }
      }
      if (opts.reduceLrOnPlateau) {
        const rl = opts.reduceLrOnPlateau;
        const current = rl.monitor === "valLoss" ? (log.valLoss as number) : log.loss;
        if (rlCooldown > 0) {
          rlCooldown -= 1;
          rlWait = 0;
        }
        if (current < rlBest - rl.minDelta) {
          rlBest = current;
          rlWait = 0;
        } else if (rlCooldown === 0) {
          rlWait += 1;
          if (rlWait >= rl.patience && optimizer.learningRate > rl.minLr) {
            optimizer.learningRate = Math.max(optimizer.learningRate * rl.factor, rl.minLr);
            rlCooldown = rl.cooldown;
            rlWait = 0;
          }
        }
      }
      if (options.historyPath) writeFileAtomic(options.historyPath, JSON.stringify(history, null, 1));
      if (options.onEpochEnd) await options.onEpochEnd(log, history);
      if (stop) break;
    }
    if (opts.earlyStopping?.restoreBestWeights && bestWeights) {
      model.setWeights(bestWeights);
      history.restoredBestWeights = true;
      if (options.historyPath) writeFileAtomic(options.historyPath, JSON.stringify(history, null, 1));
    }
  } finally {
    bestWeights?.forEach((t) => t.dispose());
    if (ownOptimizer) optimizer.dispose();
  }
  return history;
}
