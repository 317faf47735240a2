#!/usr/bin/env python3
"""The side-by-side benchmark behind tools/bench.sh: neuralstyle4j against the seed's PyTorch code.

Same backbone (features.onnx of --backbone), same PNG images, same sizes, evaluation counts and thread count; runs
alternate (ours, PyTorch, ours, PyTorch, ...) so that a drift in the machine's load hits both. Per size it reports
seconds per evaluation (the optimisation loop only, as each side times it), their ratio, the peak RSS of each
process (/usr/bin/time -v, "Maximum resident set size"), and the achieved FLOP/s of the useful work of one
evaluation (convolutions forward and input gradient, Gram matrices and their gradients) against a measured SGEMM peak.
It rewrites the part of docs/benchmarks.md between <!-- bench:begin --> and <!-- bench:end -->.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

PROJECT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
PYTHON = sys.executable


def log(msg):
    print("[bench %s] %s" % (time.strftime("%H:%M:%S"), msg), flush=True)


LOADS = []  # the 1-minute load average before each run: other work on the machine skews both sides


def timed(cmd, env=None):
    """Runs cmd under /usr/bin/time -v; returns (peak RSS in bytes, wall seconds). Fails loudly."""
    LOADS.append(os.getloadavg()[0])
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        start = time.time()
        p = subprocess.run(["/usr/bin/time", "-v", "-o", t.name] + cmd, cwd=PROJECT, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        wall = time.time() - start
        if p.returncode != 0:
            sys.stderr.write(p.stdout)
            raise SystemExit("bench: failed (exit %d): %s" % (p.returncode, " ".join(map(shlex.quote, cmd))))
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", t.read())
        return int(m.group(1)) * 1024, wall


def run_ours(a, size, steps, images, report):
    cmd = [os.path.join(PROJECT, "tools", "neuralstyle"), "stylize", "--config", a.config,
           "--backbone", a.backbone, "--content", images[0], "--style", images[1], "--size", str(size),
           "--steps", str(steps), "--threads", str(a.threads), "--quiet", "--output", report + ".png",
           "--report", report]
    rss, wall = timed(cmd)
    with open(report) as f:
        r = json.load(f)
    return dict(spe=r["seconds_per_evaluation"], evals=r["evaluations"], rss=rss, wall=wall,
                w=r["width"], h=r["height"])


def run_torch(a, size, steps, images, report, frozen=False):
    cmd = [PYTHON, os.path.join(PROJECT, "tools", "bench", "seed_pytorch.py"), "--backbone", a.backbone,
           "--config", a.config, "--content", images[0], "--style", images[1], "--size", str(size),
           "--steps", str(steps), "--threads", str(a.threads), "--report", report] + (["--frozen"] if frozen else [])
    rss, wall = timed(cmd)
    with open(report) as f:
        r = json.load(f)
    return dict(spe=r["seconds_per_evaluation"], evals=r["evaluations"], rss=rss, wall=wall,
                w=r["width"], h=r["height"])


def useful_flops(a, height, width):
    """FLOPs of one evaluation's useful work: every convolution up to the last loss layer forward and its input
    gradient (2·Cout·Cin·k²·Ho·Wo each), and per style layer F·Fᵀ plus (G−A)·F (2·C²·HW each); the seed's weight
    gradients (another pass of the convolutions' size) are returned separately."""
    sys.path.insert(0, os.path.join(PROJECT, "tools", "bench"))
    import torch
    from seed_pytorch import seed_model
    with open(a.config) as f:
        cfg = json.load(f)
    layers = list(cfg["content"]["layers"]) + list(cfg["style"]["layers"])
    model = seed_model(a.backbone, max(layers, key=lambda n: int(n.split("_")[1])))
    conv, gram = 0, 0
    x = torch.zeros(1, 3, height, width)
    with torch.no_grad():
        for name, m in model.named_children():
            x = m(x)
            if isinstance(m, torch.nn.Conv2d):
                k = m.kernel_size[0] * m.kernel_size[1]
                conv += 2 * m.out_channels * m.in_channels * k * x.shape[2] * x.shape[3]
            if name in cfg["style"]["layers"]:
                c, hw = x.shape[1], x.shape[2] * x.shape[3]
                gram += 2 * (2 * c * c * hw)
    return dict(useful=2 * conv + gram, weight_gradients=conv)


def sgemm_peak(threads, n=4096, reps=5):
    """Best float32 n×n×n matrix-product FLOP/s at the benchmark's thread count, per library: PyTorch (torch.mm,
    OpenBLAS here), ONNX Runtime (MatMul, MLAS: the convolutions' kernels) and ND4J (OpenBLAS: the Gram matrices)."""
    import torch
    torch.set_num_threads(threads)
    x, y = torch.rand(n, n), torch.rand(n, n)
    torch.mm(x, y)
    best = 0
    for _ in range(reps):
        t = time.perf_counter()
        torch.mm(x, y)
        best = max(best, 2 * n ** 3 / (time.perf_counter() - t))
    peaks = {"torch.mm": best}
    out = subprocess.run(["java", "-cp", "target/neuralstyle4j.jar:target/lib/*",
                          os.path.join("tools", "bench", "SgemmPeak.java"), str(threads), str(n)], cwd=PROJECT,
                         check=True, text=True, stdout=subprocess.PIPE).stdout
    names = {"ort": "ONNX Runtime MatMul", "nd4j": "ND4J gemm"}
    for line in out.split("\n"):
        if line.strip():
            key, value = line.split()
            peaks[names[key]] = float(value) * 1e9
    return peaks


def machine():
    model, cores = platform.processor(), os.cpu_count()
    try:
        with open("/proc/cpuinfo") as f:
            m = re.search(r"model name\s*:\s*(.+)", f.read())
            model = m.group(1).strip() if m else model
        with open("/proc/meminfo") as f:
            mem = int(re.search(r"MemTotal:\s*(\d+)", f.read()).group(1)) / 2 ** 20
    except OSError:
        mem = float("nan")
    return "%s, %d cores, %.0f GiB RAM, %s" % (model, cores, mem, platform.platform())


def gb(b):
    return "%.2f GB" % (b / 1e9)


def spread(values):
    mean = sum(values) / len(values)
    return "%.3f" % mean if len(values) == 1 else "%.3f (%.3f–%.3f)" % (mean, min(values), max(values))


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="128:60,256:20,512:1",
                   help="SIZE:STEPS pairs; the seed's loop makes 20·⌈(STEPS+1)/20⌉ evaluations (default %(default)s)")
    p.add_argument("--repeats", type=int, default=2, help="alternating runs of each side per size")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--no-frozen", action="store_true", help="skip the extra PyTorch run without weight gradients")
    p.add_argument("--backbone", default="onnx/vgg19-random")
    p.add_argument("--config", default="config/seed.json")
    p.add_argument("--out", default="docs/benchmarks.md")
    p.add_argument("--command", default="tools/bench.sh", help="the command line to record")
    a = p.parse_args(argv)
    a.backbone = os.path.abspath(os.path.join(PROJECT, a.backbone))
    a.config = os.path.abspath(os.path.join(PROJECT, a.config))
    sizes = [tuple(int(v) for v in s.split(":")) for s in a.sizes.split(",")]

    work = tempfile.mkdtemp(prefix="neuralstyle-bench-")
    try:
        bench(a, sizes, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench(a, sizes, work):
    subprocess.run(["java", "-cp", "target/neuralstyle4j.jar:target/lib/*",
                    os.path.join("tools", "bench", "ExportBuiltins.java"), work], cwd=PROJECT, check=True,
                   stdout=subprocess.DEVNULL)
    images = [os.path.join(work, "landscape.png"), os.path.join(work, "brushstrokes.png")]

    log("SGEMM peak (4096³, %d threads) ..." % a.threads)
    peaks = sgemm_peak(a.threads)
    peak = max(peaks.values())
    log("SGEMM peak %.1f GFLOP/s (%s)" % (peak / 1e9, ", ".join("%s %.1f" % (k, v / 1e9) for k, v in peaks.items())))
    rows = []
    for size, steps in sizes:
        ours, torch_, frozen = [], [], []
        for r in range(a.repeats):
            log("%d px, run %d/%d: neuralstyle4j ..." % (size, r + 1, a.repeats))
            ours.append(run_ours(a, size, steps, images, os.path.join(work, "ours-%d-%d.json" % (size, r))))
            log("  %.4f s/evaluation, %d evaluations, peak RSS %s" % (ours[-1]["spe"], ours[-1]["evals"],
                                                                        gb(ours[-1]["rss"])))
            log("%d px, run %d/%d: PyTorch seed ..." % (size, r + 1, a.repeats))
            torch_.append(run_torch(a, size, steps, images, os.path.join(work, "torch-%d-%d.json" % (size, r))))
            log("  %.4f s/evaluation, %d evaluations, peak RSS %s" % (torch_[-1]["spe"], torch_[-1]["evals"],
                                                                        gb(torch_[-1]["rss"])))
        if not a.no_frozen:
            log("%d px: PyTorch, weights frozen ..." % size)
            frozen.append(run_torch(a, size, steps, images, os.path.join(work, "frozen-%d.json" % size), True))
            log("  %.4f s/evaluation" % frozen[-1]["spe"])
        if {o["evals"] for o in ours + torch_ + frozen} != {ours[0]["evals"]}:
            raise SystemExit("bench: evaluation counts differ at %d px: %s" % (
                size, [o["evals"] for o in ours + torch_ + frozen]))
        rows.append(dict(size=size, ours=ours, torch=torch_, frozen=frozen,
                         flops=useful_flops(a, ours[0]["h"], ours[0]["w"])))

    mean = lambda runs: sum(o["spe"] for o in runs) / len(runs)
    table = ["| size | evaluations | neuralstyle4j s/eval | PyTorch seed s/eval | ratio | "
             + ("PyTorch, frozen weights, s/eval | ratio | " if not a.no_frozen else "")
             + "peak RSS neuralstyle4j | peak RSS PyTorch | GFLOP/s neuralstyle4j | GFLOP/s PyTorch |",
             "|---" * (11 if not a.no_frozen else 9) + "|"]
    for row in rows:
        o, t = mean(row["ours"]), mean(row["torch"])
        cells = ["%d×%d" % (row["ours"][0]["w"], row["ours"][0]["h"]), str(row["ours"][0]["evals"]),
                 spread([x["spe"] for x in row["ours"]]), spread([x["spe"] for x in row["torch"]]), "%.2f" % (o / t)]
        if not a.no_frozen:
            f = mean(row["frozen"])
            cells += ["%.3f" % f, "%.2f" % (o / f)]
        cells += [gb(max(x["rss"] for x in row["ours"])), gb(max(x["rss"] for x in row["torch"])),
                  "%.1f" % (row["flops"]["useful"] / o / 1e9), "%.1f" % (row["flops"]["useful"] / t / 1e9)]
        table.append("| " + " | ".join(cells) + " |")
    flops = ["| size | useful GFLOP / evaluation | + seed's weight gradients | neuralstyle4j % of SGEMM peak "
             "| PyTorch % of SGEMM peak |", "|---|---|---|---|---|"]
    for row in rows:
        u = row["flops"]["useful"]
        flops.append("| %d×%d | %.2f | %.2f | %.0f %% | %.0f %% |" % (
            row["ours"][0]["w"], row["ours"][0]["h"], u / 1e9, row["flops"]["weight_gradients"] / 1e9,
            100 * u / mean(row["ours"]) / peak, 100 * u / mean(row["torch"]) / peak))

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=PROJECT, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.strip()
    import torch
    section = "\n".join([
        "<!-- bench:begin (written by tools/bench.sh; edits here are overwritten) -->",
        "**Machine:** %s.  " % machine(),
        "**Date:** %s.  " % datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "**Command:** `%s` (commit %s%s; %d alternating runs per side and size, %d threads; PyTorch %s).  "
        % (a.command, commit or "?", ", uncommitted changes" if dirty else "", a.repeats, a.threads,
           torch.__version__),
        "**Load average (1 min) before the runs:** %.1f–%.1f%s.  " % (
            min(LOADS), max(LOADS), " — the machine was busy with other work: rerun on a quiet machine for "
            "representative figures" if max(LOADS) > a.threads + 1 else ""),
        "**Measured SGEMM peak:** %.1f GFLOP/s, the best 4096×4096×4096 float32 product at %d threads (best of 5 "
        "each: %s)." % (peak / 1e9, a.threads, ", ".join("%s %.1f" % (k, v / 1e9) for k, v in peaks.items())),
        "",
        *table,
        "",
        "s/eval is the mean over the runs (range in brackets); ratio = neuralstyle4j / PyTorch (below 1: we are "
        "faster). Peak RSS is the largest over the runs. GFLOP/s counts the useful work of one evaluation (below).",
        "",
        *flops,
        "<!-- bench:end -->",
    ])
    path = os.path.join(PROJECT, a.out)
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else (
        "# Benchmarks\n\n<!-- bench:begin -->\n<!-- bench:end -->\n")
    begin, end = text.find("<!-- bench:begin"), text.find("<!-- bench:end -->")
    if begin < 0 or end < 0:
        raise SystemExit("bench: %s has no <!-- bench:begin --> ... <!-- bench:end --> markers" % path)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text[:begin] + section + text[end + len("<!-- bench:end -->"):])
    print()
    print(section)
    log("wrote %s" % os.path.relpath(path, PROJECT))


if __name__ == "__main__":
    main(sys.argv[1:])
