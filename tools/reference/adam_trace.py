#!/usr/bin/env python3
"""Reference trace of torch.optim.Adam for the Java port's test (AdamOptimizerTest).

Runs torch.optim.Adam (PyTorch 1.13, amsgrad off, no weight decay) with the tutorial's loop shape: clamp_(0, 1)
before each evaluation, one step() per evaluation, a final clamp_. The objective is a diagonal quadratic
0.5 * sum c_i (x_i - t_i)^2 with curvatures from 1e-4 to 1e3 and some targets outside [0, 1]. Its gradient is
computed in float64 and rounded to float32 before it is handed to Adam, exactly as the Java test does, so the trace
checks Adam's own float32 arithmetic and nothing else.

Usage (from the project root): /usr/bin/python3 tools/reference/adam_trace.py
"""
import json
import os

import torch

N = 8
STEPS = 60
LR, BETAS, EPS = 0.05, (0.8, 0.99), 1e-8
CURVATURE = [10.0 ** (i - 4) for i in range(N)]
TARGET = [(i - 2) / 5.0 for i in range(N)]
START = [0.5] * N


def value_and_gradient(x):
    xs = [float(v) for v in x]
    f = sum(0.5 * c * (v - t) ** 2 for c, v, t in zip(CURVATURE, xs, TARGET))
    g = [c * (v - t) for c, v, t in zip(CURVATURE, xs, TARGET)]
    return f, torch.tensor(g, dtype=torch.float64).to(torch.float32)


def main():
    x = torch.tensor(START, dtype=torch.float32, requires_grad=True)
    opt = torch.optim.Adam([x], lr=LR, betas=BETAS, eps=EPS)
    losses, points = [], []
    for _ in range(STEPS):
        with torch.no_grad():
            x.clamp_(0, 1)
        f, g = value_and_gradient(x.detach())
        losses.append(f)
        x.grad = g
        opt.step()
        points.append([float(v) for v in x.detach()])
    with torch.no_grad():
        x.clamp_(0, 1)
    trace = {"torch_version": torch.__version__, "lr": LR, "beta1": BETAS[0], "beta2": BETAS[1], "eps": EPS,
             "curvature": CURVATURE, "target": TARGET, "start": START, "losses": losses,
             "points_after_each_step": points, "final_x": [float(v) for v in x.detach()]}
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "test", "resources", "optim",
                       "adam_quadratic8.json")
    with open(out, "w") as fh:
        json.dump(trace, fh, indent=1)


if __name__ == "__main__":
    main()
