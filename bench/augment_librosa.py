"""The librosa side of bench/augment.ts: librosa 0.11's time_stretch and pitch_shift, timed on the
clips the TS side hands over (raw little-endian float32, one clip per row).

A small line protocol so that the two sides can alternate pass by pass on a shared machine:
  stdout first line: JSON {"versions": {...}, "ops": [...]}
  stdin "time OP"       → stdout: seconds for one pass of OP over all clips
  stdin "dump OP PATH"  → writes OP(clip 0) as raw float32 to PATH, stdout "ok"
  stdin "quit"

Run by bench/augment.ts: .venv/bin/python bench/augment_librosa.py CLIPS.f32 N_SAMPLES
"""
import json
import sys
import time

import numpy as np
import librosa
import soxr

path, n = sys.argv[1], int(sys.argv[2])
clips = np.fromfile(path, dtype="<f4").reshape(-1, n)
SR = 22050

OPS = {
    "time_stretch(rate=0.8)": lambda y: librosa.effects.time_stretch(y, rate=0.8),
    "time_stretch(rate=1.25)": lambda y: librosa.effects.time_stretch(y, rate=1.25),
    "pitch_shift(n_steps=0.7)": lambda y: librosa.effects.pitch_shift(y, sr=SR, n_steps=0.7),
    "pitch_shift(n_steps=-2)": lambda y: librosa.effects.pitch_shift(y, sr=SR, n_steps=-2),
}
for op in OPS.values():
    op(clips[0])  # warm-up: numba compilation, soxr plans

print(json.dumps({"versions": {"librosa": librosa.__version__, "numpy": np.__version__, "soxr": soxr.__version__}, "ops": list(OPS)}), flush=True)
for line in sys.stdin:
    cmd = line.rstrip("\n").split(" ", 2) if line.startswith("dump ") else line.rstrip("\n").split(" ", 1)
    if cmd[0] == "quit":
        break
    if cmd[0] == "time":
        op = OPS[cmd[1]]
        t = time.perf_counter()
        for y in clips:
            op(y)
        print(time.perf_counter() - t, flush=True)
    elif cmd[0] == "dump":
        # "dump OP PATH" where OP contains no spaces
        np.asarray(OPS[cmd[1]](clips[0]), dtype="<f4").tofile(cmd[2])
        print("ok", flush=True)
