#!/usr/bin/env python3
"""The side-by-side benchmark behind tools/bench.sh: neuralstyle4j against PyTorch on the same work.

Same backbone (features.onnx of --backbone), same PNG images, same sizes, evaluation counts and thread count. The
primary comparison is PyTorch with the network's weights frozen (requires_grad_(False), what a competent PyTorch user
runs); the seed's code as written, which also computes every weight's gradient, is the secondary one. Runs alternate
(ours, frozen PyTorch, ours, frozen PyTorch, ..., then the seed's) so that a drift in the machine's load hits both.
Before any run it checks and prints what PyTorch will run on: the BLAS library it really loaded (the reference BLAS
is refused), that library's threads, torch's threads, oneDNN on or off and the convolution kernel it dispatches to,
and the load average. Per size it reports seconds per evaluation (the optimisation loop only, as each side times
it), their ratios, the peak RSS of each process (/usr/bin/time -v, "Maximum resident set size"), and the achieved
FLOP/s of the useful work of one evaluation (convolutions forward and input gradient, Gram matrices and their
gradients) against a measured SGEMM peak. It rewrites the part of the benchmark page between <!-- bench:begin -->
and <!-- bench:end -->.
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


def torch_setup(threads):
    """seed_pytorch.py --describe: PyTorch's BLAS, threads and oneDNN, as the timed runs will see them."""
    p = subprocess.run([PYTHON, os.path.join(PROJECT, "tools", "bench", "seed_pytorch.py"), "--describe",
                        "--threads", str(threads)], cwd=PROJECT, text=True, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise SystemExit(p.stderr.strip().split("\n")[-1] or "bench: seed_pytorch.py --describe failed")
    return json.loads(p.stdout)


def describe_torch(t):
    blas = t["blas"]
    return "PyTorch %s; BLAS %s, %s threads (%s); torch threads %d (inter-op %d); oneDNN %s, convolutions run %s" % (
        t["torch"], blas["name"], blas["threads"] if blas["threads"] is not None else "?", blas["library"],
        t["torch_threads"], t["interop_threads"], "on" if t["mkldnn"] else "OFF",
        ", ".join(t["conv_kernels"]) or "?")


def describe_ours(threads):
    """The libraries of our side, from the pom: ORT runs the graphs, ND4J's bundled OpenBLAS the Gram matrices."""
    with open(os.path.join(PROJECT, "pom.xml")) as f:
        pom = f.read()
    v = lambda key: (re.search(r"<%s>([^<]+)</%s>" % (key, key), pom) or [None, "?"])[1]
    return "neuralstyle4j: ONNX Runtime %s (MLAS) for the graphs, ND4J %s with OpenBLAS %s for the losses; %d threads" % (
        v("onnxruntime.version"), v("nd4j.version"), v("openblas.version").split("-")[0], threads)


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="256:20,512:1",
                   help="SIZE:STEPS pairs; the seed's loop makes 20·⌈(STEPS+1)/20⌉ evaluations (default %(default)s)")
    p.add_argument("--repeats", type=int, default=2,
                   help="alternating runs of neuralstyle4j and frozen-weights PyTorch per size (default %(default)s)")
    p.add_argument("--seed-runs", type=int, default=1,
                   help="runs of the seed's code as written (weight gradients on) per size; 0 skips (default %(default)s)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--backbone", default="onnx/vgg19-random")
    p.add_argument("--config", default="config/seed.json")
    p.add_argument("--out", default="docs/benchmarks.md", help="the page whose table is rewritten")
    p.add_argument("--command", default="tools/bench.sh", help="the command line to record")
    a = p.parse_args(argv)
    a.backbone = os.path.abspath(os.path.join(PROJECT, a.backbone))
    a.config = os.path.abspath(os.path.join(PROJECT, a.config))
    sizes = [tuple(int(v) for v in s.split(":")) for s in a.sizes.split(",")]

    a.torch = torch_setup(a.threads)
    log(describe_torch(a.torch))
    log(describe_ours(a.threads))
    load = os.getloadavg()
    # tools/bench.sh reads the load before its own build/backbone check, whose JVM would otherwise count as load
    if os.environ.get("BENCH_START_LOAD"):
        load = (float(os.environ["BENCH_START_LOAD"]),) + load[1:]
    a.start_load = load[0]
    log("load average %.2f %.2f %.2f (1, 5, 15 min) on %d cores" % (load + (os.cpu_count(),)))
    if load[0] > 0.5:
        log("WARNING: the machine is not quiet (1-min load %.2f): timings will be skewed; the table says so" % load[0])
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
        ours, frozen, seed = [], [], []
        for r in range(a.repeats):
            log("%d px, run %d/%d: neuralstyle4j ..." % (size, r + 1, a.repeats))
            ours.append(run_ours(a, size, steps, images, os.path.join(work, "ours-%d-%d.json" % (size, r))))
            log("  %.4f s/evaluation, %d evaluations, peak RSS %s" % (ours[-1]["spe"], ours[-1]["evals"],
                                                                        gb(ours[-1]["rss"])))
            log("%d px, run %d/%d: PyTorch, weights frozen ..." % (size, r + 1, a.repeats))
            frozen.append(run_torch(a, size, steps, images, os.path.join(work, "frozen-%d-%d.json" % (size, r)), True))
            log("  %.4f s/evaluation, %d evaluations, peak RSS %s" % (frozen[-1]["spe"], frozen[-1]["evals"],
                                                                        gb(frozen[-1]["rss"])))
        for r in range(a.seed_runs):
            log("%d px, run %d/%d: PyTorch, the seed's code as written ..." % (size, r + 1, a.seed_runs))
            seed.append(run_torch(a, size, steps, images, os.path.join(work, "seed-%d-%d.json" % (size, r))))
            log("  %.4f s/evaluation, %d evaluations, peak RSS %s" % (seed[-1]["spe"], seed[-1]["evals"],
                                                                        gb(seed[-1]["rss"])))
        if {o["evals"] for o in ours + frozen + seed} != {ours[0]["evals"]}:
            raise SystemExit("bench: evaluation counts differ at %d px: %s" % (
                size, [o["evals"] for o in ours + frozen + seed]))
        rows.append(dict(size=size, ours=ours, frozen=frozen, seed=seed,
                         flops=useful_flops(a, ours[0]["h"], ours[0]["w"])))

    mean = lambda runs: sum(o["spe"] for o in runs) / len(runs)
    table = ["| size | evaluations | neuralstyle4j s/eval | PyTorch, frozen weights, s/eval | **ratio** "
             "| PyTorch, seed as written, s/eval | ratio | peak RSS neuralstyle4j | peak RSS PyTorch frozen "
             "| peak RSS PyTorch seed | GFLOP/s neuralstyle4j | GFLOP/s PyTorch frozen |",
             "|---" * 12 + "|"]
    for row in rows:
        o, f = mean(row["ours"]), mean(row["frozen"])
        s = mean(row["seed"]) if row["seed"] else None
        table.append("| " + " | ".join([
            "%d×%d" % (row["ours"][0]["w"], row["ours"][0]["h"]), str(row["ours"][0]["evals"]),
            spread([x["spe"] for x in row["ours"]]), spread([x["spe"] for x in row["frozen"]]), "**%.2f**" % (o / f),
            spread([x["spe"] for x in row["seed"]]) if s else "–", "%.2f" % (o / s) if s else "–",
            gb(max(x["rss"] for x in row["ours"])), gb(max(x["rss"] for x in row["frozen"])),
            gb(max(x["rss"] for x in row["seed"])) if s else "–",
            "%.1f" % (row["flops"]["useful"] / o / 1e9), "%.1f" % (row["flops"]["useful"] / f / 1e9)]) + " |")
    flops = ["| size | useful GFLOP / evaluation | + seed's weight gradients | neuralstyle4j % of SGEMM peak "
             "| PyTorch frozen % of SGEMM peak |", "|---|---|---|---|---|"]
    for row in rows:
        u = row["flops"]["useful"]
        flops.append("| %d×%d | %.2f | %.2f | %.0f %% | %.0f %% |" % (
            row["ours"][0]["w"], row["ours"][0]["h"], u / 1e9, row["flops"]["weight_gradients"] / 1e9,
            100 * u / mean(row["ours"]) / peak, 100 * u / mean(row["frozen"]) / peak))

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=PROJECT, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.strip()
    # the benchmark's own runs keep the 1-minute average near the thread count; more than that, or a machine that
    # was not idle when the benchmark started, means other work shared the cores
    busy = a.start_load > 0.5 or max(LOADS) > a.threads + 1
    section = "\n".join([
        "<!-- bench:begin (written by tools/bench.sh; edits here are overwritten) -->",
        "**Machine:** %s.  " % machine(),
        "**Date:** %s.  " % datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "**Command:** `%s` (commit %s%s; %d alternating runs of neuralstyle4j and frozen-weights PyTorch per size, "
        "%d of the seed's code; %d threads).  " % (a.command, commit or "?", ", uncommitted changes" if dirty else "",
                                                   a.repeats, a.seed_runs, a.threads),
        "**PyTorch:** %s.  " % describe_torch(a.torch),
        "**Ours:** %s.  " % describe_ours(a.threads),
        "**Load average (1 min):** %.2f at the start, %.2f–%.2f before each run%s.  " % (
            a.start_load, min(LOADS), max(LOADS), " — the machine was busy with other work: these timings are skewed; rerun on a "
            "quiet machine for representative figures" if busy else " (quiet)"),
        "**Measured SGEMM peak:** %.1f GFLOP/s, the best 4096×4096×4096 float32 product at %d threads (best of 5 "
        "each: %s)." % (peak / 1e9, a.threads, ", ".join("%s %.1f" % (k, v / 1e9) for k, v in peaks.items())),
        "",
        *table,
        "",
        "s/eval is the mean over the runs (range in brackets); ratio = neuralstyle4j / PyTorch (below 1: we are "
        "faster), the frozen-weights column first. Peak RSS is the largest over the runs, at the same evaluation "
        "count on every side. GFLOP/s counts the useful work of one evaluation (below).",
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
