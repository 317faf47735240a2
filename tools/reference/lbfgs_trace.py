#!/usr/bin/env python3
"""Reference traces of torch.optim.LBFGS for the Java port's tests.

Runs torch.optim.LBFGS (PyTorch 1.13, default hyper-parameters) with the outer
loop of the PyTorch neural-style tutorial (clamp_(0, 1) inside the closure, keep
stepping while evaluations <= num_steps) on three small deterministic problems,
without and with line_search_fn="strong_wolfe", and writes one JSON trace per
(problem, line search) to src/test/resources/optim/:

  rosenbrock2d       Rosenbrock mapped into [0, 1]^2, clamped (chaotic after ~10 evaluations)
  quartic50          coupled least squares + quartic, n = 50, minimiser partly outside [0, 1], clamped
  illconditioned200  0.5 sum(lambda_i x_i^2), lambda from 1e-3 to 1e3, not clamped: 16 steps x 20 evaluations

The problems are defined by closed integer formulas so that the Java tests
(TorchReferenceProblems.java) build bit-identical float32 inputs without a
random generator. Each trace also holds the same run in float64, and two more
float32 runs whose start, losses and gradients are changed by rounding-sized
factors at every evaluation: how far the float32 runs lie from the float64 run
(the float32 floor) is what the Java run's distance to the float64 run is
judged against.

Usage (from the project root, with Debian's python3-torch; /usr/bin/python3 if
another python3 comes first on PATH):  python3 tools/reference/lbfgs_trace.py
"""
import json
import os
import sys
import zlib

import torch

NUM_STEPS = 300  # the tutorial's num_steps
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "..", "..", "src", "test", "resources", "optim")


# ---------------------------------------------------------------- problems

def rosenbrock_scaled_start():
    # u = 4 x0 - 2, v = 4 x1 - 2: the classic start (-1.2, 1) and the minimiser (1, 1)
    # map to (0.2, 0.75) and (0.75, 0.75), inside the box [0, 1]^2.
    return [0.2, 0.75]


def rosenbrock_scaled(x):
    u = 4.0 * x[0] - 2.0
    v = 4.0 * x[1] - 2.0
    return (1.0 - u) ** 2 + 100.0 * (v - u * u) ** 2


QUARTIC_N = 50
QUARTIC_M = 60


def quartic_coefficients():
    """A (m x n) and c (n): small dyadic rationals, exact in float32.

    c (the unconstrained minimiser) lies inside [0, 1] except c_10 = c_30 = 1.25
    and c_0 = c_20 = c_40 = -0.25, so the clamp has work to do.
    """
    a = [[(((7 * i + 13 * j + 3) % 17) - 8) / 16.0 for i in range(QUARTIC_N)]
         for j in range(QUARTIC_M)]
    c = [(((3 * i) % 7) + 1) / 8.0 if i % 10 != 0 else (1.25 if i % 20 != 0 else -0.25)
         for i in range(QUARTIC_N)]
    return a, c


def quartic_start():
    return [((5 * i) % 9 + 0.5) / 9.0 for i in range(QUARTIC_N)]


def make_quartic(dtype):
    a, c = quartic_coefficients()
    a = torch.tensor(a, dtype=dtype)
    c = torch.tensor(c, dtype=dtype)

    def f(x):
        # coupled least squares + a little ridge + a separable quartic, all centred at c
        e = x - c
        r = a.mv(e)
        return 0.5 * (r * r).sum() / QUARTIC_M + 0.05 * (e * e).sum() + 0.25 * (e ** 4).sum()

    return f


ILL_N = 200


def ill_conditioned_start():
    return [1.0] * ILL_N


def make_ill_conditioned(dtype):
    # 0.5 sum(lambda_i x_i^2) with lambda from 1e-3 to 1e3: with torch's defaults every step
    # uses all 20 iterations, so the tutorial loop makes 16 x 20 = 320 evaluations
    lam = torch.tensor([10.0 ** (-3.0 + 6.0 * i / (ILL_N - 1)) for i in range(ILL_N)], dtype=dtype)

    def f(x):
        return 0.5 * (lam * x * x).sum()

    return f


# name -> (start point, objective factory, clamp to [0, 1] in the closure)
PROBLEMS = {
    "rosenbrock2d": (rosenbrock_scaled_start, lambda dtype: rosenbrock_scaled, True),
    "quartic50": (quartic_start, make_quartic, True),
    "illconditioned200": (ill_conditioned_start, make_ill_conditioned, False),
}


# ---------------------------------------------------------------- the tutorial loop

FLOOR_PERTURBATIONS = (1, 2)  # seeds of the float32 runs from rounding-sized changes of the start


def run_tutorial_loop(start, make_f, clamp, dtype, line_search_fn, perturbation=None):
    """perturbation: a seed; the start and, at every evaluation, the loss and each gradient element the optimiser
    sees are multiplied by (1 + 2^-23 u), u uniform in [-1, 1]: changes the size of float32 rounding, as another
    implementation's summation orders make them, to show how far the run carries rounding differences."""
    f = make_f(dtype)
    gen = torch.Generator().manual_seed(perturbation) if perturbation is not None else None

    def jitter(shape):
        return 1 + (torch.rand(shape, generator=gen, dtype=torch.float64) * 2 - 1) * 2.0 ** -23

    def reseed(point):
        # rounding is a function of the point: the same point (a clamped stall) gets the same changes
        gen.manual_seed(perturbation * 1000003 + zlib.crc32(point.detach().numpy().tobytes()))

    x0 = torch.tensor(start, dtype=torch.float64)
    if gen is not None:
        x0 = x0 * jitter(x0.shape)
    x = x0.to(dtype).clone().requires_grad_(True)
    optimizer = torch.optim.LBFGS([x], line_search_fn=line_search_fn)
    losses = []
    evaluations_per_step = []
    while len(losses) <= NUM_STEPS:
        def closure():
            if clamp:
                x.data.clamp_(0, 1)
            optimizer.zero_grad()
            loss = f(x)
            loss.backward()
            losses.append(loss.item())
            if gen is not None:  # what the optimiser sees; the recorded loss is the run's own
                reseed(x)
                with torch.no_grad():
                    x.grad.mul_(jitter(x.grad.shape).to(dtype))
                    loss = loss.detach() * jitter(()).to(dtype)
            return loss
        before = len(losses)
        optimizer.step(closure)
        evaluations_per_step.append(len(losses) - before)
    if clamp:
        x.data.clamp_(0, 1)
    return {"losses": losses, "final_x": x.detach().tolist(),
            "evaluations_per_step": evaluations_per_step}


def main():
    torch.set_num_threads(1)  # deterministic reductions
    os.makedirs(OUT_DIR, exist_ok=True)
    for name, (start_fn, make_f, clamp) in PROBLEMS.items():
        for line_search in (None, "strong_wolfe"):
            f32 = run_tutorial_loop(start_fn(), make_f, clamp, torch.float32, line_search)
            f64 = run_tutorial_loop(start_fn(), make_f, clamp, torch.float64, line_search)
            trace = {
                "problem": name,
                "line_search": line_search or "none",
                "clamp": clamp,
                "torch_version": torch.__version__,
                "num_steps": NUM_STEPS,
                "evaluations": len(f32["losses"]),
                "evaluations_per_step": f32["evaluations_per_step"],
                "losses": f32["losses"],
                "final_x": f32["final_x"],
                "float64": {"evaluations": len(f64["losses"]),
                            "evaluations_per_step": f64["evaluations_per_step"],
                            "losses": f64["losses"], "final_x": f64["final_x"]},
                # float32 runs from starts changed by a rounding-sized amount: with the float32 run above, the
                # float32 floor that the Java run's distance to the float64 run is judged against
                "float32_floor": [dict(start="x0, each loss and gradient element * (1 + 2^-23 u), u uniform in "
                                             "[-1, 1] from torch seed %d" % seed,
                                       **run_tutorial_loop(start_fn(), make_f, clamp, torch.float32, line_search,
                                                           seed))
                                  for seed in FLOOR_PERTURBATIONS],
            }
            suffix = "none" if line_search is None else "strong_wolfe"
            path = os.path.join(OUT_DIR, "lbfgs_%s_%s.json" % (name, suffix))
            with open(path, "w") as out:
                # one key per line, each value on one line: readable and diff-friendly
                out.write("{\n" + ",\n".join(" %s: %s" % (json.dumps(k), json.dumps(v))
                                              for k, v in trace.items()) + "\n}\n")
            print("%-17s %-12s evals=%d steps=%d final_loss=%.9g  (float64: evals=%d final_loss=%.9g)"
                  % (name, suffix, trace["evaluations"], len(f32["evaluations_per_step"]), f32["losses"][-1],
                     len(f64["losses"]), f64["losses"][-1]), file=sys.stderr)


if __name__ == "__main__":
    main()
