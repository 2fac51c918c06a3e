"""The Python original, trained the same way on the same actor split: the number to beat.

What "the Python original" is here (see configs/README.md for what could and could not be
confirmed about the seed project):
  * features: librosa 0.11 means over frames of, in this column order, mfcc (n_mfcc=40),
    chroma_stft(S=|stft|), melspectrogram (power, not dB), spectral_contrast(S=|stft|),
    tonnetz(y=librosa.effects.harmonic(y)), zero_crossing_rate, rms — 40+12+128+7+6+1+1 = 195 values,
    every call with librosa's defaults (sr 22050, n_fft 2048, hop 512);
  * loading: librosa.load(path, sr=22050, offset=0.5, duration=3.0), no padding (the seed's
    `np.mean(feature.T, axis=0)` works on whatever length was read);
  * augmentation, training clips only (`get_features`): one copy with white noise
    (`0.035 * uniform() * amax(y)` times standard normal samples) and one copy time-stretched at
    rate 0.8 then pitch-shifted by 0.7 semitones (`--augment seed`); `--augment seed3` makes the
    three separate copies of the toolkit's "seed" preset instead (noise, stretch, pitch);
    `--augment none` none;
  * split by actor (default train 1-12, val 13-16, test 17-20); StandardScaler fitted on the
    training rows (augmented copies included), the 195 values fed as a (195, 1) sequence;
  * the seed Keras network (Conv1D 128 k5 → MaxPool 2 → Dropout .2 → Conv1D 64 k3 → MaxPool 2 →
    Dropout .2 → BatchNorm → LSTM 64 → Dropout .2 → BatchNorm → Dense 32 relu → Dropout .2 →
    Dense 8 softmax), Adam 1e-3, batch 64, at most 60 epochs, EarlyStopping(val_loss, patience 12,
    restore_best_weights) and ReduceLROnPlateau(val_loss, factor 0.5, patience 5, min_lr 1e-5) —
    the toolkit's default training (configs/seed.json), validation actors for the callbacks only.

Features are cached per clip (and augmentation) under .cache/python-features/, so re-runs only train.
Noise draws are seeded per (seed, clip): each training seed also draws its own noise copies, like the
toolkit's augmentation plan.

Run from the project root:
  .venv/bin/python bench/accuracy_python.py                      # seeds 7,8,9, prints the table
  .venv/bin/python bench/accuracy_python.py --seeds 7,8,9,10,11 --jobs 2 --json /tmp/python-original.json
"""
import argparse
import glob
import hashlib
import json
import os
import sys
import time
import zlib

VERSION = 1  # of the feature recipe below; part of every cache key
EMOTIONS = ["neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"]


def parse_actors(s):
    out = []
    for part in s.split(","):
        part = part.strip()
        if not part:
            continue
        if "-" in part:
            a, b = part.split("-")
            out.extend(range(int(a), int(b) + 1))
        else:
            out.append(int(part))
    return sorted(set(out))


def clip_info(path):
    parts = os.path.basename(path)[:-4].split("-")
    return int(parts[2]) - 1, int(parts[6])  # emotion index (01 neutral … 08 surprised), actor


def item_key(path, aug):
    h = hashlib.sha1(json.dumps([VERSION, os.path.relpath(path), aug], sort_keys=True).encode()).hexdigest()
    return h[:20]


def features(y, sr):
    import numpy as np
    import librosa

    stft = np.abs(librosa.stft(y))
    parts = [
        librosa.feature.mfcc(y=y, sr=sr, n_mfcc=40),
        librosa.feature.chroma_stft(S=stft, sr=sr),
        librosa.feature.melspectrogram(y=y, sr=sr),
        librosa.feature.spectral_contrast(S=stft, sr=sr),
        librosa.feature.tonnetz(y=librosa.effects.harmonic(y), sr=sr),
        librosa.feature.zero_crossing_rate(y),
        librosa.feature.rms(y=y),
    ]
    return np.hstack([np.mean(p.T, axis=0) for p in parts]).astype(np.float32)


def augment(y, sr, aug, path):
    import numpy as np
    import librosa

    kind = aug["kind"]
    if kind == "noise":
        rng = np.random.default_rng([aug["seed"], zlib.crc32(os.path.relpath(path).encode())])
        noise_amp = 0.035 * rng.uniform() * np.amax(y)
        return y + noise_amp * rng.normal(size=y.shape[0])
    if kind == "stretch":
        return librosa.effects.time_stretch(y, rate=aug["rate"])
    if kind == "pitch":
        return librosa.effects.pitch_shift(y, sr=sr, n_steps=aug["semitones"])
    if kind == "stretch+pitch":
        return librosa.effects.pitch_shift(librosa.effects.time_stretch(y, rate=aug["rate"]), sr=sr, n_steps=aug["semitones"])
    raise ValueError(f"unknown augmentation {aug!r}")


def extract_one(args):
    path, aug, cache_dir = args
    import numpy as np

    out = os.path.join(cache_dir, item_key(path, aug) + ".npy")
    if os.path.exists(out):
        return np.load(out)
    import warnings
    import librosa

    # tonnetz's chroma_cqt warns about its lowest octaves on every clip ("n_fft=1024 is too large")
    warnings.filterwarnings("ignore", message="n_fft=.* is too large", category=UserWarning)
    y, sr = librosa.load(path, sr=22050, offset=0.5, duration=3.0)
    if aug is not None:
        y = augment(y, sr, aug, path)
    v = features(y, sr)
    tmp = f"{out}.tmp-{os.getpid()}.npy"
    np.save(tmp, v)
    os.replace(tmp, out)  # atomic: a crash leaves no half-written entry
    return v


def copies(policy, seed):
    if policy == "none":
        return []
    if policy == "seed":
        return [{"kind": "noise", "seed": seed}, {"kind": "stretch+pitch", "rate": 0.8, "semitones": 0.7}]
    if policy == "seed3":
        return [{"kind": "noise", "seed": seed}, {"kind": "stretch", "rate": 0.8}, {"kind": "pitch", "semitones": 0.7}]
    raise ValueError(f"--augment {policy!r} must be none, seed or seed3")


def build_keras(input_shape):
    """The seed Keras network (test/fixtures/make_model.py's, the one our model is checked against)."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures"))
    from make_model import seed_network  # imported here: TensorFlow loads only where a model is trained

    return seed_network(input_shape)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", default="data/ravdess")
    p.add_argument("--train", default="1-12")
    p.add_argument("--val", default="13-16")
    p.add_argument("--test", default="17-20")
    p.add_argument("--seeds", default="7,8,9")
    p.add_argument("--augment", default="seed", help="none | seed (noise, stretch+pitch) | seed3 (noise, stretch, pitch)")
    p.add_argument("--epochs", type=int, default=60)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--jobs", type=int, default=2, help="processes for feature extraction")
    p.add_argument("--cache", default=".cache/python-features")
    p.add_argument("--json", default=None, help="also write the per-seed results here")
    a = p.parse_args()

    os.makedirs(a.cache, exist_ok=True)
    split = {"train": parse_actors(a.train), "val": parse_actors(a.val), "test": parse_actors(a.test)}
    seen = {}
    for name, actors in split.items():
        for actor in actors:
            if actor in seen:
                sys.exit(f"actor {actor} is in both {seen[actor]} and {name}: the split must be speaker-independent")
            seen[actor] = name
    paths = sorted(glob.glob(os.path.join(a.data, "Actor_*", "*.wav")))
    if not paths:
        sys.exit(f"no RAVDESS clips under {a.data} (run `npm run data` first)")
    by_split = {name: [q for q in paths if clip_info(q)[1] in set(actors)] for name, actors in split.items()}
    seeds = [int(s) for s in a.seeds.split(",")]

    import numpy as np
    from multiprocessing import Pool

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    # every item of every seed, extracted once (originals and the deterministic copies are shared by seeds)
    jobs = {}
    for seed in seeds:
        for name in ("train", "val", "test"):
            for q in by_split[name]:
                jobs[item_key(q, None)] = (q, None, a.cache)
                if name == "train":
                    for c in copies(a.augment, seed):
                        jobs[item_key(q, c)] = (q, c, a.cache)
    todo = [j for k, j in jobs.items() if not os.path.exists(os.path.join(a.cache, k + ".npy"))]
    t0 = time.time()
    if todo:
        print(f"extracting {len(todo)} of {len(jobs)} items with {a.jobs} processes …", flush=True)
        with Pool(a.jobs) as pool:
            for i, _ in enumerate(pool.imap_unordered(extract_one, todo, chunksize=4)):
                if (i + 1) % 200 == 0:
                    print(f"  {i + 1}/{len(todo)} ({(i + 1) / (time.time() - t0):.1f} items/s)", flush=True)
    print(f"features ready ({len(jobs)} items, {time.time() - t0:.0f} s)", flush=True)

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras
    from sklearn.metrics import accuracy_score, f1_score

    def arrays(name, seed):
        xs, ys = [], []
        for q in by_split[name]:
            label = clip_info(q)[0]
            for c in [None] + (copies(a.augment, seed) if name == "train" else []):
                xs.append(extract_one((q, c, a.cache)))
                ys.append(label)
        return np.stack(xs), np.array(ys, dtype=np.int32)

    results = []
    for seed in seeds:
        (Xtr, ytr), (Xv, yv), (Xt, yt) = [arrays(n, seed) for n in ("train", "val", "test")]
        mu = Xtr.astype(np.float64).mean(0)
        sd = Xtr.astype(np.float64).std(0)
        sd[sd == 0] = 1
        f = lambda X: ((X - mu) / sd).astype(np.float32)[:, :, None]
        keras.utils.set_random_seed(seed)
        model = build_keras((Xtr.shape[1], 1))
        model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        callbacks = [
            keras.callbacks.EarlyStopping(monitor="val_loss", patience=12, restore_best_weights=True),
            keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=5, min_lr=1e-5),
        ]
        t1 = time.time()
        h = model.fit(f(Xtr), ytr, validation_data=(f(Xv), yv), epochs=a.epochs, batch_size=a.batch_size, callbacks=callbacks, verbose=0)
        r = {"seed": seed, "epochs": len(h.history["loss"]), "bestEpoch": int(np.argmin(h.history["val_loss"])), "trainRows": int(len(ytr)), "seconds": round(time.time() - t1, 1)}
        for name, X, y in (("val", Xv, yv), ("test", Xt, yt)):
            pred = model.predict(f(X), verbose=0).argmax(1)
            r[name] = {"accuracy": float(accuracy_score(y, pred)), "macroF1": float(f1_score(y, pred, average="macro", labels=list(range(8)), zero_division=0))}
        results.append(r)
        print(
            f"seed {seed}: val acc {100 * r['val']['accuracy']:.1f} F1 {100 * r['val']['macroF1']:.1f} | test acc {100 * r['test']['accuracy']:.1f} "
            f"F1 {100 * r['test']['macroF1']:.1f} | best epoch {r['bestEpoch']} of {r['epochs']}, {r['trainRows']} training rows",
            flush=True,
        )
        keras.backend.clear_session()

    def ms(split_name, metric):
        v = np.array([r[split_name][metric] for r in results]) * 100
        return f"{v.mean():.1f} ± {v.std():.1f}"

    print(f"\nPython original ({a.augment} augmentation), split train {a.train} / val {a.val} / test {a.test}, seeds {a.seeds} (mean ± population std):")
    print("| split | accuracy % | macro-F1 % |\n|---|---|---|")
    for s in ("val", "test"):
        print(f"| {s} | {ms(s, 'accuracy')} | {ms(s, 'macroF1')} |")
    if a.json:
        with open(a.json, "w") as fh:
            json.dump({"args": vars(a), "versions": versions(), "results": results}, fh, indent=1)


def versions():
    import librosa
    import keras
    import sklearn
    import numpy

    return {"librosa": librosa.__version__, "keras": keras.__version__, "sklearn": sklearn.__version__, "numpy": numpy.__version__, "python": sys.version.split()[0]}


if __name__ == "__main__":
    main()
