#!/usr/bin/env python3
"""The warping error of Lai et al. 2018 (Learning Blind Video Temporal Consistency, eq. 8) of a stylized clip:

    E_warp = 1/(T-1) * sum_t  sum_p M_t(p) ||O_t(p) - O_{t-1}(p + F_t(p))||^2 / sum_p M_t(p)

with O the output frames in [0, 1] (RGB, squared L2 over the channels), F_t the backward flow of the *input* frames
(t -> t-1) and M_t its non-occlusion mask, both the exact ones tools/make_video_clip.py wrote (not the flow the
method itself estimated, so the measure does not share the method's flow errors). O_{t-1} is sampled bilinearly.

    /usr/bin/python3 tools/warping_error.py CLIP_DIR STYLIZED_DIR [STYLIZED_DIR ...] [--strip FILE.jpg]

--strip writes a contact strip: one row for the input and one per stylized folder, four frames each (the first,
two in between, the last), and beside each stylized frame after the first its error map |O_t - warp(O_t-1)|^2
(masked, white = 0.05 or more), so flicker shows as bright regions.
"""
import os
import sys

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_video_clip import bilinear  # noqa: E402


def load(stylized):
    names = sorted(f for f in os.listdir(stylized) if f.startswith("frame_") and f.endswith(".png"))
    return [np.asarray(Image.open(os.path.join(stylized, n)).convert("RGB"), dtype=np.float64) / 255 for n in names]


def error_maps(clip, frames):
    """Per frame t >= 1: the masked squared difference map and the mask."""
    gt = np.load(os.path.join(clip, "gt", "flow.npz"))
    flows, masks = gt["flow"], gt["mask"]
    if len(frames) != len(flows) + 1:
        raise SystemExit(f"{len(frames)} frames, the clip has {len(flows) + 1}")
    h, w = frames[0].shape[:2]
    if flows.shape[2:] != (h, w):
        raise SystemExit(f"frames are {w}x{h}, the flow {flows.shape[3]}x{flows.shape[2]}")
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float64)
    out = []
    for t in range(1, len(frames)):
        f, m = flows[t - 1], masks[t - 1]
        warped = bilinear(frames[t - 1], xs + f[0], ys + f[1])
        out.append((((frames[t] - warped) ** 2).sum(axis=-1) * m, m))
    return out


def warping_error(clip, stylized):
    return float(np.mean([sq.sum() / m.sum() for sq, m in error_maps(clip, load(stylized))]))


def strip(clip, dirs, path):
    inputs = [np.asarray(Image.open(os.path.join(clip, n)).convert("RGB"), dtype=np.float64) / 255
              for n in sorted(f for f in os.listdir(clip) if f.endswith(".png"))]
    n = len(inputs)
    picks = [0, n // 3, 2 * n // 3, n - 1]
    h, w = inputs[0].shape[:2]
    gap = 4
    rows = [[inputs[t] for t in picks] + [np.ones_like(inputs[0]) for _ in picks[1:]]]
    for d in dirs:
        frames = load(d)
        maps = error_maps(clip, frames)
        heat = [np.repeat(np.clip(maps[t - 1][0] / 0.05, 0, 1)[..., None], 3, axis=-1) for t in picks[1:]]
        rows.append([frames[t] for t in picks] + heat)
    cols = len(rows[0])
    sheet = np.ones((len(rows) * (h + gap) - gap, cols * (w + gap) - gap, 3))
    for r, row in enumerate(rows):
        for c, img in enumerate(row):
            sheet[r * (h + gap):r * (h + gap) + h, c * (w + gap):c * (w + gap) + w] = img
    Image.fromarray(np.round(sheet * 255).astype(np.uint8)).save(path, quality=85)


def main():
    args = sys.argv[1:]
    out = None
    if "--strip" in args:
        i = args.index("--strip")
        out = args[i + 1]
        del args[i:i + 2]
    if len(args) < 2:
        raise SystemExit(__doc__)
    for d in args[1:]:
        print(f"{d}\t{warping_error(args[0], d):.6f}")
    if out:
        strip(args[0], args[1:], out)
        print(f"strip: {out} ({os.path.getsize(out) // 1024} KB)")


if __name__ == "__main__":
    main()
