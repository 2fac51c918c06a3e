"""Keras side of bench/train.ts: trains one architecture of the CNN+LSTM on arrays written by the
TypeScript bench and prints one JSON line with its parameter count, seconds (wall-clock and CPU) per epoch and
single-clip inference latency.

Run by bench/train.ts (`npx tsx bench/train.ts`); by hand:
  .venv/bin/python bench/train_keras.py --x X.f32 --y Y.i32 --n 4000 --timesteps 195 --features 1 \
      --batch-size 64 --epochs 3 --warmup 1 --latency-clips 200 [--config CONFIG.json] [--expect-params N]
x is raw little-endian float32 [n, timesteps, features], y raw int32 [n] class indices.

Without --config: the seed network of test/fixtures/make_model.py (the very network the model
fixtures check ours against). With --config: a JSON file holding a resolved CnnLstmConfig of
src/model/cnn-lstm.ts (every field filled in, as resolveCnnLstmConfig returns it), built here
with the same layers in Keras 3: Conv1D/Conv2D, MaxPooling, Dropout, BatchNormalization, LSTM
(return_sequences), Bidirectional (merge "concat"), residual Add, GlobalAveragePooling1D or
AttentionPooling (below, the math of src/model/attention-pooling.ts). The seed layout is still
built by make_model.seed_network. With --expect-params, a different parameter count is an error
(exit status 3) before any training.
"""
import argparse
import json
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np  # noqa: E402
import keras  # noqa: E402
import tensorflow as tf  # noqa: E402
from keras import layers, ops  # noqa: E402


sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures"))
from make_model import seed_network  # noqa: E402  (the seed network our model is checked against)


class AttentionPooling(layers.Layer):
    """src/model/attention-pooling.ts in Keras: h [batch, T, H] -> [batch, H],
    e_t = v . tanh(W h_t + b), alpha = softmax_t(e), output sum_t alpha_t h_t.
    Weights kernel W [H, units] (glorot-uniform), bias b [units] (zeros), context v [units, 1] (glorot-uniform)."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        h = input_shape[-1]
        self.kernel = self.add_weight(name="kernel", shape=(h, self.units), initializer="glorot_uniform")
        self.bias = self.add_weight(name="bias", shape=(self.units,), initializer="zeros")
        self.context = self.add_weight(name="context", shape=(self.units, 1), initializer="glorot_uniform")

    def call(self, x):
        hidden = ops.tanh(ops.matmul(x, self.kernel) + self.bias)  # [B, T, units]
        scores = ops.squeeze(ops.matmul(hidden, self.context), -1)  # [B, T]
        alpha = ops.softmax(scores, axis=1)
        return ops.sum(x * ops.expand_dims(alpha, 2), axis=1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[2])

    def get_config(self):
        return {**super().get_config(), "units": self.units}


def is_seed_layout(c):
    """True when make_model.seed_network builds exactly this configuration."""
    return (
        c["pooling"] == "last" and not c["bidirectional"] and c["lstmLayers"] == 1 and c["frontEnd"] == "conv1d"
        and len(c["filters"]) == 2 and c["padding"] == "same" and c["poolPadding"] == "valid" and c["batchNormMomentum"] == 0.99
        and len(set(c["convDropout"] + [c["lstmDropout"], c["denseDropout"]])) == 1
    )


def network(c):
    """The CNN+LSTM of src/model/cnn-lstm.ts for a resolved config c, in Keras 3."""
    shape = tuple(c["inputShape"])
    if is_seed_layout(c):
        return seed_network(
            shape, filters=tuple(c["filters"]), kernels=tuple(c["kernelSizes"]), pools=tuple(c["poolSizes"]),
            drop=c["lstmDropout"], lstm=c["lstmUnits"], dense=c["denseUnits"], classes=c["numClasses"],
        )
    bn = lambda: layers.BatchNormalization(momentum=c["batchNormMomentum"])  # noqa: E731
    inp = keras.Input(shape=shape)
    x = inp
    if c["frontEnd"] == "conv2d":
        t, f = shape
        x = layers.Reshape((t, f, 1))(x)
        for filters, k, p, d in zip(c["filters"], c["kernelSizes"], c["poolSizes"], c["convDropout"]):
            x = layers.Conv2D(filters, k, padding=c["padding"], activation="relu")(x)
            x = layers.MaxPooling2D(p, strides=p, padding=c["poolPadding"])(x)
            x = layers.Dropout(d)(x)
        x = layers.Reshape((x.shape[1], x.shape[2] * x.shape[3]))(x)
    else:
        for filters, k, p, d in zip(c["filters"], c["kernelSizes"], c["poolSizes"], c["convDropout"]):
            x = layers.Conv1D(filters, k, padding=c["padding"], activation="relu")(x)
            x = layers.MaxPooling1D(p, strides=p, padding=c["poolPadding"])(x)
            x = layers.Dropout(d)(x)
    x = bn()(x)
    h = x
    n = c["lstmLayers"]
    for i in range(n):
        last = i == n - 1
        seq = not last or c["pooling"] != "last"
        lstm = layers.LSTM(c["lstmUnits"], return_sequences=seq)
        out = layers.Bidirectional(lstm, merge_mode="concat")(h) if c["bidirectional"] else lstm(h)
        h = layers.Add()([h, out]) if c["residual"] and i > 0 and not (last and c["pooling"] == "last") else out
    if c["pooling"] == "mean":
        h = layers.GlobalAveragePooling1D()(h)
    elif c["pooling"] == "attention":
        h = AttentionPooling(c["attentionUnits"])(h)
    h = layers.Dropout(c["lstmDropout"])(h)
    h = bn()(h)
    h = layers.Dense(c["denseUnits"], activation="relu")(h)
    h = layers.Dropout(c["denseDropout"])(h)
    out = layers.Dense(c["numClasses"], activation="softmax")(h)
    return keras.Model(inp, out, name="cnn_lstm")


class EpochTimer(keras.callbacks.Callback):
    """Wall-clock and CPU seconds (all threads of the process) of each epoch."""

    def on_train_begin(self, logs=None):
        self.times = []
        self.cpu_times = []

    def on_epoch_begin(self, epoch, logs=None):
        self.t0 = time.perf_counter()
        self.c0 = time.process_time()

    def on_epoch_end(self, epoch, logs=None):
        self.times.append(time.perf_counter() - self.t0)
        self.cpu_times.append(time.process_time() - self.c0)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--x", required=True)
    p.add_argument("--y", required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--timesteps", type=int, required=True)
    p.add_argument("--features", type=int, required=True)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--latency-clips", type=int, default=200)
    p.add_argument("--config", help="JSON file with a resolved CnnLstmConfig (default: the seed network)")
    p.add_argument("--expect-params", type=int, help="fail (exit 3) unless the Keras model has this many parameters")
    a = p.parse_args()
    x = np.fromfile(a.x, dtype="<f4").reshape(a.n, a.timesteps, a.features)
    y = keras.utils.to_categorical(np.fromfile(a.y, dtype="<i4"), 8)
    keras.utils.set_random_seed(1)
    if a.config:
        with open(a.config) as f:
            cfg = json.load(f)
        if list(cfg["inputShape"]) != [a.timesteps, a.features]:
            sys.exit(f"--config inputShape {cfg['inputShape']} does not match --timesteps {a.timesteps} --features {a.features}")
        model = network(cfg)
    else:
        model = seed_network((a.timesteps, a.features))
    params = int(model.count_params())
    if a.expect_params is not None and params != a.expect_params:
        model.summary(print_fn=lambda s, **_: print(s, file=sys.stderr))
        print(f"parameter count mismatch: Keras {params}, tfjs-node {a.expect_params}", file=sys.stderr)
        sys.exit(3)
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="categorical_crossentropy", metrics=["accuracy"])
    timer = EpochTimer()
    model.fit(x, y, batch_size=a.batch_size, epochs=a.warmup + a.epochs, shuffle=True, verbose=0, callbacks=[timer])
    epoch_seconds = timer.times[a.warmup:]
    # Single-clip inference, one at a time: a direct call (fastest Keras path) and predict().
    lat_call, lat_predict = [], []
    for i in range(a.latency_clips + 10):
        clip = x[i % a.n : i % a.n + 1]
        t0 = time.perf_counter()
        model(clip, training=False).numpy()
        t1 = time.perf_counter()
        if i < 20:
            model.predict(clip, verbose=0)
        t2 = time.perf_counter()
        if i >= 10:
            lat_call.append((t1 - t0) * 1000)
            if i < 20:
                lat_predict.append((t2 - t1) * 1000)
    print(
        json.dumps(
            {
                "impl": "keras",
                "versions": {"keras": keras.__version__, "tensorflow": tf.__version__},
                "params": params,
                "epochSeconds": epoch_seconds,
                "epochCpuSeconds": timer.cpu_times[a.warmup:],
                "warmupSeconds": timer.times[: a.warmup],
                "latencyMsCall": float(np.median(lat_call)),
                "latencyMsPredict": float(np.median(lat_predict)),
            }
        )
    )


if __name__ == "__main__":
    main()
