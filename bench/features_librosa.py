"""librosa 0.11 side of bench/features.ts.

Default mode: the seven features of each clip, timed per feature on one core (CPU time of this
process), with the same parameters and the same sharing as ser-toolkit's clipFeatures: one STFT
for the spectral features (magnitude for spectral_contrast, its square for the mel spectrogram,
MFCC and chroma_stft; HPSS for the harmonic part), tonnetz on the harmonic part as the seed
project (librosa.effects.harmonic(y) computed as istft(hpss(D)[0]) on the shared D), zcr and rms from y.
Audio loading (librosa.load at sr from offset for duration, then fix_length) is NOT timed: only
the features are, as on the TypeScript side.

--tuning mode: librosa.estimate_tuning of each clip at its native rate (librosa.load(sr=None),
mono), from y and from S = |stft(y)|², for the parity check of bench/features.ts --tuning.

Usage: python bench/features_librosa.py clips.json [--sr 22050 --offset 0.5 --duration 3 ...]
       python bench/features_librosa.py clips.json --tuning
(clips.json: a JSON list of WAV paths; prints one JSON object)
"""
import os

# one core: no BLAS / OpenMP / numba threads (set before numpy is imported)
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
    os.environ[var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

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
p.add_argument("--no-tonnetz", action="store_true")
p.add_argument("--tuning", action="store_true")
a = p.parse_args()
paths = json.load(open(a.clips))

if a.tuning:
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in paths:
            y, sr = librosa.load(path, sr=None)
            S = np.abs(librosa.stft(y)) ** 2
            out[path] = [float(librosa.estimate_tuning(y=y, sr=sr)), float(librosa.estimate_tuning(S=S, sr=sr))]
    json.dump({"librosa": librosa.__version__, "tuning": out}, sys.stdout)
    sys.exit(0)

clips = []
for path in paths:
    y, _ = librosa.load(path, sr=a.sr, offset=a.offset, duration=a.duration)
    clips.append(librosa.util.fix_length(y, size=int(round(a.duration * a.sr))))

FEATURES = ["stft", "mfcc", "chroma", "mel", "contrast", "tonnetz", "zcr", "rms"]
clock = time.process_time


def features(y, t):
    sr, n_fft, hop = a.sr, a.n_fft, a.hop
    t0 = clock()
    D = librosa.stft(y, n_fft=n_fft, hop_length=hop)
    S = np.abs(D)
    P = S ** 2
    t1 = clock(); t["stft"] += t1 - t0
    melp = librosa.feature.melspectrogram(S=P, sr=sr, n_mels=a.n_mels)
    mel_db = librosa.power_to_db(melp)
    mfcc = librosa.feature.mfcc(S=mel_db, n_mfcc=a.n_mfcc)
    t2 = clock(); t["mfcc"] += t2 - t1
    chroma = librosa.feature.chroma_stft(S=P, sr=sr)
    t3 = clock(); t["chroma"] += t3 - t2
    mel = mel_db  # computed once with the MFCC, as ours
    t4 = clock(); t["mel"] += t4 - t3
    contrast = librosa.feature.spectral_contrast(S=S, sr=sr)
    t5 = clock(); t["contrast"] += t5 - t4
    blocks = [mfcc, chroma, mel, contrast]
    if not a.no_tonnetz:
        # librosa.effects.harmonic(y) on the shared STFT: istft(hpss(D)[0], length=len(y))
        y_harm = librosa.istft(librosa.decompose.hpss(D)[0], hop_length=hop, n_fft=n_fft, length=len(y))
        blocks.append(librosa.feature.tonnetz(y=y_harm, sr=sr, hop_length=hop))
    t6 = clock(); t["tonnetz"] += t6 - t5
    zcr = librosa.feature.zero_crossing_rate(y, frame_length=n_fft, hop_length=hop)
    t7 = clock(); t["zcr"] += t7 - t6
    rms = librosa.feature.rms(y=y, frame_length=n_fft, hop_length=hop)
    t8 = clock(); t["rms"] += t8 - t7
    return np.concatenate(blocks + [zcr, rms], axis=0).mean(axis=1)


warm = {k: 0.0 for k in FEATURES}
for y in clips[: a.warmup]:
    features(y, warm)  # numba compilation and librosa's caches
t = {k: 0.0 for k in FEATURES}
w0, c0 = time.perf_counter(), clock()
for y in clips:
    v = features(y, t)
wall, cpu = time.perf_counter() - w0, clock() - c0
json.dump({
    "librosa": librosa.__version__, "numpy": np.__version__, "clips": len(clips), "cpu_seconds": cpu, "wall_seconds": wall,
    "clips_per_cpu_second": len(clips) / cpu, "ms_per_clip": {k: 1000 * v / len(clips) for k, v in t.items()},
    "columns": int(v.shape[0]),
}, sys.stdout)
