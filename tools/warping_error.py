#!/usr/bin/env python3
"""The warping error of Lai et al. 2018 (Learning Blind Video Temporal Consistency, eq. 8) of a stylized clip:

    E_warp = 1/(T-1) * sum_t  sum_p M_t(p) ||O_t(p) - O_{t-1}(p + F_t(p))||^2 / sum_p M_t(p)

with O the output frames in [0, 1] (RGB, squared L2 over the channels), F_t the backward flow of the *input* frames
(t -> t-1) and M_t its non-occlusion mask, both the exact ones tools/make_video_clip.py wrote (not the flow the
method itself estimated, so the measure does not share the method's flow errors). O_{t-1} is sampled bilinearly.

    /usr/bin/python3 tools/warping_error.py CLIP_DIR STYLIZED_DIR [STYLIZED_DIR ...]
"""
import os
import sys

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_video_clip import bilinear  # noqa: E402


def warping_error(clip, stylized):
    gt = np.load(os.path.join(clip, "gt", "flow.npz"))
    flows, masks = gt["flow"], gt["mask"]
    names = sorted(f for f in os.listdir(stylized) if f.startswith("frame_") and f.endswith(".png"))
    if len(names) != len(flows) + 1:
        raise SystemExit(f"{stylized}: {len(names)} frames, the clip has {len(flows) + 1}")
    frames = [np.asarray(Image.open(os.path.join(stylized, n)).convert("RGB"), dtype=np.float64) / 255 for n in names]
    h, w = frames[0].shape[:2]
    if flows.shape[2:] != (h, w):
        raise SystemExit(f"{stylized}: frames are {w}x{h}, the flow {flows.shape[3]}x{flows.shape[2]}")
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float64)
    errors = []
    for t in range(1, len(frames)):
        f, m = flows[t - 1], masks[t - 1]
        warped = bilinear(frames[t - 1], xs + f[0], ys + f[1])
        sq = ((frames[t] - warped) ** 2).sum(axis=-1)
        errors.append(float((sq * m).sum() / m.sum()))
    return float(np.mean(errors))


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    for d in sys.argv[2:]:
        print(f"{d}\t{warping_error(sys.argv[1], d):.6f}")


if __name__ == "__main__":
    main()
