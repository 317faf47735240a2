#!/usr/bin/env python3
"""A short synthetic clip for measuring video style transfer (docs/video.md), with its exact optical flow.

The camera pans and zooms over a photo while a striped disc moves across the frame on its own path. Frames are
rendered by bilinear sampling with pixel centres at integer coordinates, so the ground-truth flow is known exactly:
for pixel p of frame t, the backward flow (frame t -> frame t-1) of the background is the camera's change, and that
of the disc is the disc's displacement. A pixel is left out of the ground-truth mask where it has no source in frame
t-1 (outside it), where background was hidden behind the disc in frame t-1 (disocclusion), and within 1.5 px of the
disc's rim in either frame (antialiased edge).

Writes DIR/00001.png ... and DIR/gt/flow.npz (backward flows [T-1, 2, H, W] and masks [T-1, H, W], entry t-1 for
frame t). The photo is not copied anywhere else.

    /usr/bin/python3 tools/make_video_clip.py --image PHOTO --out DIR [--frames 12] [--width 192] [--height 128]
"""
import argparse
import os

import numpy as np
from PIL import Image


def bilinear(img, x, y):
    """img [H, W, C] sampled at float pixel coordinates x, y (clamped)."""
    h, w = img.shape[:2]
    x = np.clip(x, 0, w - 1)
    y = np.clip(y, 0, h - 1)
    x0 = np.floor(x).astype(int)
    y0 = np.floor(y).astype(int)
    x1 = np.minimum(x0 + 1, w - 1)
    y1 = np.minimum(y0 + 1, h - 1)
    fx = (x - x0)[..., None]
    fy = (y - y0)[..., None]
    top = img[y0, x0] * (1 - fx) + img[y0, x1] * fx
    bottom = img[y1, x0] * (1 - fx) + img[y1, x1] * fx
    return top * (1 - fy) + bottom * fy


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--image", required=True, help="the photo the camera moves over")
    ap.add_argument("--out", required=True)
    ap.add_argument("--frames", type=int, default=12)
    ap.add_argument("--width", type=int, default=192)
    ap.add_argument("--height", type=int, default=128)
    a = ap.parse_args()
    W, H, T = a.width, a.height, a.frames

    photo = Image.open(a.image).convert("RGB")
    # the photo at about 1.6x the frame so the camera samples it at ~1 photo pixel per frame pixel (no aliasing)
    scale = 1.6 * W / photo.width
    photo = photo.resize((round(photo.width * scale), round(photo.height * scale)), Image.LANCZOS)
    P = np.asarray(photo, dtype=np.float64) / 255
    ph, pw = P.shape[:2]

    m = np.array([(W - 1) / 2, (H - 1) / 2])
    ys, xs = np.mgrid[0:H, 0:W].astype(np.float64)
    t_ = np.arange(T) / max(T - 1, 1)
    centres = np.stack([pw / 2 - 0.12 * W + 0.24 * W * t_, ph / 2 + 0.05 * H - 0.1 * H * t_], axis=1)  # pan
    scales = 1.0 - 0.15 * t_  # zoom in: fewer photo pixels per frame pixel
    radius = 0.16 * H
    discs = np.stack([0.8 * W - 0.55 * W * t_, 0.35 * H + 0.3 * H * t_], axis=1)  # the disc's own path

    def stripes(lx, ly):
        r = np.hypot(lx, ly)
        c = np.stack([0.5 + 0.45 * np.sin(r * 0.9), 0.5 + 0.45 * np.sin(lx * 0.5 + 1), 0.3 + 0.25 * np.cos(ly * 0.7)],
                     axis=-1)
        return np.clip(c, 0, 1)

    os.makedirs(os.path.join(a.out, "gt"), exist_ok=True)
    flows, masks = [], []
    for t in range(T):
        px = centres[t, 0] + scales[t] * (xs - m[0])
        py = centres[t, 1] + scales[t] * (ys - m[1])
        frame = bilinear(P, px, py)
        lx, ly = xs - discs[t, 0], ys - discs[t, 1]
        d = np.hypot(lx, ly)
        alpha = np.clip(radius + 0.5 - d, 0, 1)[..., None]  # 1 px antialiased rim
        frame = frame * (1 - alpha) + stripes(lx, ly) * alpha
        Image.fromarray(np.round(frame * 255).astype(np.uint8)).save(os.path.join(a.out, f"{t + 1:05d}.png"))
        if t == 0:
            continue
        # background: the same photo point in frame t-1
        qx = m[0] + (px - centres[t - 1, 0]) / scales[t - 1]
        qy = m[1] + (py - centres[t - 1, 1]) / scales[t - 1]
        inside_disc = d < radius
        move = discs[t - 1] - discs[t]
        fx = np.where(inside_disc, move[0], qx - xs)
        fy = np.where(inside_disc, move[1], qy - ys)
        sx, sy = xs + fx, ys + fy
        valid = (sx >= 0) & (sx <= W - 1) & (sy >= 0) & (sy <= H - 1)
        d_prev = np.hypot(sx - discs[t - 1, 0], sy - discs[t - 1, 1])
        valid &= inside_disc | (d_prev >= radius + 1.5)  # background hidden by the disc in t-1: disoccluded
        valid &= np.abs(d - radius) > 1.5  # the rim
        flows.append(np.stack([fx, fy]).astype(np.float32))
        masks.append(valid)
    np.savez_compressed(os.path.join(a.out, "gt", "flow.npz"), flow=np.stack(flows), mask=np.stack(masks))
    print(f"{T} frames of {W}x{H} in {a.out}; ground-truth flow in {a.out}/gt/flow.npz "
          f"(valid {np.mean(masks):.1%} of the pixels)")


if __name__ == "__main__":
    main()
