"""Keras side of bench/train.ts: trains the seed CNN+LSTM on arrays written by the TypeScript
bench and prints one JSON line with seconds per epoch and single-clip inference latency.

Run by bench/train.ts (`npx tsx bench/train.ts`); by hand:
  .venv/bin/python bench/train_keras.py --x X.f32 --y Y.i32 --n 4000 --timesteps 195 --features 1 \
      --batch-size 64 --epochs 3 --warmup 1 --latency-clips 200
x is raw little-endian float32 [n, timesteps, features], y raw int32 [n] class indices.
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


sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures"))
from make_model import seed_network as build  # noqa: E402  (the seed network our model is checked against)


class EpochTimer(keras.callbacks.Callback):
    def on_train_begin(self, logs=None):
        self.times = []

    def on_epoch_begin(self, epoch, logs=None):
        self.t0 = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.times.append(time.perf_counter() - self.t0)


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
    a = p.parse_args()
    x = np.fromfile(a.x, dtype="<f4").reshape(a.n, a.timesteps, a.features)
    y = keras.utils.to_categorical(np.fromfile(a.y, dtype="<i4"), 8)
    keras.utils.set_random_seed(1)
    model = build((a.timesteps, a.features))
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
                "epochSeconds": epoch_seconds,
                "warmupSeconds": timer.times[: a.warmup],
                "latencyMsCall": float(np.median(lat_call)),
                "latencyMsPredict": float(np.median(lat_predict)),
            }
        )
    )


if __name__ == "__main__":
    main()
