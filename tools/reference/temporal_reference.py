#!/usr/bin/env python3
"""PyTorch reference for the video stack's temporal consistency (Ruder, Dosovitskiy & Brox 2016), float64.

A tiny case, each piece computed by its own definition with torch, not by porting the Java code:
  * warp:   the previous result sampled at p + w(p) with torch.nn.functional.grid_sample (bilinear, border padding,
            align_corners=True: pixel centres at integer coordinates, coordinates clamped to the frame);
  * mask:   Ruder's criteria, vectorised: outside the frame; |w + w^(p + w)|^2 > 0.01 (|w|^2 + |w^|^2) + 0.5 with
            w^ the forward flow sampled by grid_sample; |grad u|^2 + |grad v|^2 > 0.01 |w|^2 + 0.002 with forward
            differences (0 across the last row / column);
  * loss:   lambda / D * sum c (x - warped)^2, D = 3HW, and its gradient by autograd.
The flows are drawn so that no pixel lies within 2 % of a threshold (float32 in Java cannot flip a decision).
Writes src/video/resources/reference/temporal.json. Run from the repository root:
    /usr/bin/python3 tools/reference/temporal_reference.py
"""
import json
import os

import torch
import torch.nn.functional as F

OUT = "src/video/resources/reference/temporal.json"
H, W = 6, 7
LAMBDA = 2.5


def sample(img, fx, fy):
    """img [1,C,H,W] sampled at pixel coordinates (fx, fy) [H,W], bilinear, clamped to the frame."""
    gx = 2 * fx / (W - 1) - 1
    gy = 2 * fy / (H - 1) - 1
    grid = torch.stack([gx, gy], dim=-1).unsqueeze(0)
    return F.grid_sample(img, grid, mode="bilinear", padding_mode="border", align_corners=True)[0]


def criteria(bu, bv, fu, fv):
    ys, xs = torch.meshgrid(torch.arange(H, dtype=torch.float64), torch.arange(W, dtype=torch.float64),
                            indexing="ij")
    tx, ty = xs + bu, ys + bv
    inside = (tx >= 0) & (tx <= W - 1) & (ty >= 0) & (ty <= H - 1)
    fw = sample(torch.stack([fu, fv]).unsqueeze(0), tx, ty)
    su, sv = bu + fw[0], bv + fw[1]
    occ_lhs = su ** 2 + sv ** 2
    occ_rhs = 0.01 * (bu ** 2 + bv ** 2 + fw[0] ** 2 + fw[1] ** 2) + 0.5

    def grad2(a):
        gx = torch.zeros_like(a)
        gy = torch.zeros_like(a)
        gx[:, :-1] = a[:, 1:] - a[:, :-1]
        gy[:-1, :] = a[1:, :] - a[:-1, :]
        return gx ** 2 + gy ** 2
    mb_lhs = grad2(bu) + grad2(bv)
    mb_rhs = 0.01 * (bu ** 2 + bv ** 2) + 0.002
    mask = (inside & (occ_lhs <= occ_rhs) & (mb_lhs <= mb_rhs)).double()
    return mask, xs, ys, (occ_lhs, occ_rhs), (mb_lhs, mb_rhs), (tx, ty)


def safe(pairs, t):
    for lhs, rhs in pairs:
        if ((lhs - rhs).abs() < 0.02 * rhs.abs() + 1e-6).any():
            return False
    tx, ty = t
    edge = torch.cat([tx.flatten(), (W - 1 - tx).flatten(), ty.flatten(), (H - 1 - ty).flatten()])
    return bool((edge.abs() > 0.02).all())


def main():
    for seed in range(1000):
        g = torch.Generator().manual_seed(seed)
        # a smooth backward flow (a pan plus a blob moving differently), most of it consistent with the forward one
        bu = torch.full((H, W), 0.8, dtype=torch.float64) + 0.05 * torch.rand(H, W, generator=g, dtype=torch.float64)
        bv = torch.full((H, W), -0.6, dtype=torch.float64) + 0.05 * torch.rand(H, W, generator=g, dtype=torch.float64)
        bu[2:4, 2:4] += 1.7
        fu = -bu + 0.1 * torch.rand(H, W, generator=g, dtype=torch.float64)
        fv = -bv + 0.1 * torch.rand(H, W, generator=g, dtype=torch.float64)
        fu[0:2, 4:7] += 1.5  # an occlusion: the forward flow disagrees there
        mask, xs, ys, occ, mb, t = criteria(bu, bv, fu, fv)
        if safe([occ, mb], t) and 0 < mask.sum() < H * W:
            break
    else:
        raise SystemExit("no safe seed")
    prev = torch.rand(1, 3, H, W, generator=g, dtype=torch.float64)
    warped = sample(prev, xs + bu, ys + bv)
    x = torch.rand(3, H, W, generator=g, dtype=torch.float64, requires_grad=True)
    loss = LAMBDA / (3 * H * W) * (mask * (x - warped) ** 2).sum()
    loss.backward()

    def flat(t):
        return [float(v) for v in t.detach().flatten()]
    doc = {
        "generator": "tools/reference/temporal_reference.py", "torch": torch.__version__, "seed": seed,
        "width": W, "height": H, "lambda": LAMBDA,
        "backward_dx": flat(bu), "backward_dy": flat(bv), "forward_dx": flat(fu), "forward_dy": flat(fv),
        "previous": flat(prev), "image": flat(x),
        "mask": flat(mask), "warped": flat(warped), "loss": float(loss), "gradient": flat(x.grad),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"seed {seed}: {int(mask.sum())} of {H * W} pixels consistent, loss {float(loss):.6g} -> {OUT}")


if __name__ == "__main__":
    main()
