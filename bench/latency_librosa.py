"""librosa 0.11 side of bench/latency.ts: WAV path -> features, one clip at a time.

For each clip: librosa.load(path, sr, offset, duration) + fix_length, then the features of the
default FeatureConfig computed as bench/features_librosa.py does (one STFT shared by the spectral
features, tonnetz on the harmonic part). Timed per clip (wall clock and CPU time of this process),
split into load and features. One core (no BLAS/OpenMP/numba threads). The first `--warmup`
clips run once untimed first (numba compilation, librosa's caches).

Usage: python bench/latency_librosa.py clips.json [--subset] [--sr 22050 --offset 0.5 --duration 3 ...]
       --subset: only mfcc, mel, contrast, zcr, rms (no chroma, no tonnetz)
(clips.json: a JSON list of WAV paths; prints one JSON object with per-clip milliseconds)
"""
import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
    os.environ[var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import librosa  # noqa: E402

p = argparse.ArgumentParser()
p.add_argument("clips")
p.add_argument("--sr", type=int, default=22050)
p.add_argument("--offset", type=float, default=0.5)
p.add_argument("--duration", type=float, default=3.0)
p.add_argument("--n-fft", type=int, default=2048)
p.add_argument("--hop", type=int, default=512)
p.add_argument("--n-mfcc", type=int, default=40)
p.add_argument("--n-mels", type=int, default=128)
p.add_argument("--warmup", type=int, default=3)
p.add_argument("--subset", action="store_true")
a = p.parse_args()
paths = json.load(open(a.clips))


def load(path):
    y, _ = librosa.load(path, sr=a.sr, offset=a.offset, duration=a.duration)
    return librosa.util.fix_length(y, size=int(round(a.duration * a.sr)))


def features(y):
    sr, n_fft, hop = a.sr, a.n_fft, a.hop
    D = librosa.stft(y, n_fft=n_fft, hop_length=hop)
    S = np.abs(D)
    P = S ** 2
    mel_db = librosa.power_to_db(librosa.feature.melspectrogram(S=P, sr=sr, n_mels=a.n_mels))
    mfcc = librosa.feature.mfcc(S=mel_db, n_mfcc=a.n_mfcc)
    contrast = librosa.feature.spectral_contrast(S=S, sr=sr)
    blocks = [mfcc]
    if not a.subset:
        blocks.append(librosa.feature.chroma_stft(S=P, sr=sr))
    blocks += [mel_db, contrast]
    if not a.subset:
        y_harm = librosa.istft(librosa.decompose.hpss(D)[0], hop_length=hop, n_fft=n_fft, length=len(y))
        blocks.append(librosa.feature.tonnetz(y=y_harm, sr=sr, hop_length=hop))
    blocks.append(librosa.feature.zero_crossing_rate(y, frame_length=n_fft, hop_length=hop))
    blocks.append(librosa.feature.rms(y=y, frame_length=n_fft, hop_length=hop))
    return np.concatenate(blocks, axis=0).mean(axis=1)


for path in paths[: a.warmup]:
    features(load(path))

rows = []
cols = 0
for path in paths:
    w0, c0 = time.perf_counter(), time.process_time()
    y = load(path)
    w1, c1 = time.perf_counter(), time.process_time()
    v = features(y)
    w2, c2 = time.perf_counter(), time.process_time()
    cols = int(v.shape[0])
    rows.append({"load_ms": 1000 * (w1 - w0), "features_ms": 1000 * (w2 - w1), "total_ms": 1000 * (w2 - w0), "cpu_ms": 1000 * (c2 - c0)})

json.dump({"librosa": librosa.__version__, "numpy": np.__version__, "columns": cols, "clips": rows}, sys.stdout)
