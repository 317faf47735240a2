#!/usr/bin/env python3
"""Convergence study: the seed mode against the default on every photo x painting pair, written as a markdown table.

Runs `neuralstyle stylize --report` for each pair (each photo x each painting, plus the built-in pair), each size and
each mode (a config file), keeps every report, and writes a table with, per run: evaluations, seconds, the final
loss (of the written image), which evaluation was written, and for the default mode its final loss relative to the
best loss the seed mode reached in its evaluations. Evaluation counts and losses are deterministic for a given
thread count; seconds depend on the machine's load.

    python3 tools/converge_table.py --images ../shared/images --threads 1 \
        --doc docs/convergence.md --work /tmp/converge

Reports already in --work are reused (a study that was stopped continues where it was); delete them to rerun.
Only the standard library is needed (any python3).
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PHOTOS = ["tubingen", "golden_gate"]
PAINTINGS = ["starry_night", "the_scream", "picasso_selfport1907", "woman-with-hat-matisse"]
BEGIN = "<!-- converge:begin (written by tools/converge_table.py; edits here are overwritten) -->"
END = "<!-- converge:end -->"


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--images", required=True, help="folder holding the photos and paintings (.jpg)")
    p.add_argument("--sizes", default="128,256", help="shorter sides in pixels, comma-separated")
    p.add_argument("--mode", action="append", metavar="NAME=CONFIG",
                   help="a mode and its config (repeatable); default: seed=config/seed.json "
                        "default=config/default.json. The first mode is the reference.")
    p.add_argument("--pairs", default="", help="only these pairs, e.g. tubingen+starry_night,builtin (default all)")
    p.add_argument("--threads", type=int, default=1, help="--threads of every run (default 1)")
    p.add_argument("--work", default="converge-runs", help="where reports and images go")
    p.add_argument("--doc", help="markdown file whose converge:begin/end block is replaced by the table")
    p.add_argument("--cli", default=os.path.join(ROOT, "tools", "neuralstyle"),
                   help="the command that runs neuralstyle (default tools/neuralstyle)")
    p.add_argument("--cached-only", action="store_true",
                   help="run nothing: tabulate the reports already in --work and list the runs that are missing")
    p.add_argument("--tolerance", type=float, default=0.01,
                   help="the target: default's final loss at most (1 + this) x the reference's best (default 0.01)")
    return p.parse_args(argv)


def pairs(images, only):
    found = [("builtin", None, None)]
    for photo in PHOTOS:
        for painting in PAINTINGS:
            found.append((photo + "+" + painting, os.path.join(images, photo + ".jpg"),
                          os.path.join(images, painting + ".jpg")))
    wanted = [s for s in only.split(",") if s]
    if wanted:
        unknown = set(wanted) - {name for name, _, _ in found}
        if unknown:
            sys.exit("unknown pair(s): " + ", ".join(sorted(unknown)))
        found = [f for f in found if f[0] in wanted]
    for _, content, style in found:
        for image in (content, style):
            if image is not None and not os.path.isfile(image):
                sys.exit("missing image " + image)
    return found


def run(args, mode, config, name, content, style, size):
    stem = os.path.join(args.work, "%s-%s-%d" % (mode, name, size))
    report = stem + ".json"
    if os.path.isfile(report):
        return load(report)
    if args.cached_only:
        return None
    cmd = shlex.split(args.cli) + ["stylize", "--config", config, "--size", str(size), "--threads",
                                   str(args.threads), "--quiet", "--overwrite", "--output", stem + ".png",
                                   "--report", report]
    if content is not None:
        cmd += ["--content", content, "--style", style]
    print("running", " ".join(shlex.quote(c) for c in cmd), file=sys.stderr, flush=True)
    started = time.time()
    result = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit("%s failed (exit %d): %s" % (stem, result.returncode, result.stderr.strip()))
    print("  %.0f s wall" % (time.time() - started), file=sys.stderr, flush=True)
    return load(report)


def load(report):
    with open(report) as f:
        r = json.load(f)
    losses = [e["total"] for e in r["losses"]]
    written = r["image_from"]
    return {
        "evaluations": r["evaluations"],
        "seconds": r["seconds"],
        "final": r["final"]["total"],
        # the best loss the run reached: its best evaluation, or the final point when that is lower still
        "best": min(losses + [r["final"]["total"]]),
        "written": written.replace("evaluation ", "") if written.startswith("evaluation") else "last step",
    }


def table(args, modes, rows):
    ref = modes[0][0]
    head = ["pair", "px"]
    for mode, _ in modes:
        head += [mode + " evals", mode + " s", mode + " final loss", mode + " written"]
    head += [m + " / " + ref + " best" for m, _ in modes[1:]]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    failures = []
    for name, size, results in rows:
        cells = [name, str(size)]
        for mode, _ in modes:
            r = results[mode]
            cells += [str(r["evaluations"]), "%.0f" % r["seconds"], "%.6g" % r["final"], r["written"]]
        best = results[ref]["best"]
        for mode, _ in modes[1:]:
            r = results[mode]
            ratio = r["final"] / best
            ok = ratio <= 1 + args.tolerance and r["evaluations"] < results[ref]["evaluations"]
            if not ok:
                failures.append("%s %d px (%s)" % (name, size, mode))
            cells.append("%.4f%s" % (ratio, "" if ok else " ✗"))
        lines.append("| " + " | ".join(cells) + " |")
    summary = ("every run meets the target" if not failures
               else "misses the target: " + ", ".join(failures))
    return "\n".join(lines), summary


def write_doc(path, text):
    old = open(path).read() if os.path.isfile(path) else BEGIN + "\n" + END + "\n"
    if BEGIN not in old or END not in old:
        sys.exit(path + " has no converge:begin/end markers")
    head, rest = old.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    with open(path, "w") as f:
        f.write(head + BEGIN + "\n" + text + "\n" + END + tail)


def main(argv):
    args = parse_args(argv)
    modes = [tuple(m.split("=", 1)) for m in (args.mode or ["seed=config/seed.json",
                                                           "default=config/default.json"])]
    os.makedirs(args.work, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    missing = []
    for size in sizes:
        for name, content, style in pairs(args.images, args.pairs):
            results = {mode: run(args, mode, config, name, content, style, size) for mode, config in modes}
            if None in results.values():
                missing.append("%s %d px" % (name, size))
            else:
                rows.append((name, size, results))
    body, summary = table(args, modes, rows)
    ref = modes[0][0]
    text = "\n".join([
        "**Command:** `nice -n 19 python3 tools/converge_table.py --images IMAGES --threads %d --sizes %s%s`  " % (
            args.threads, args.sizes, "".join(" --mode " + m + "=" + c for m, c in modes)),
        "**Written:** %s UTC on %d cores; load average (1 min) %.1f when the table was written.  " % (
            time.strftime("%Y-%m-%d %H:%M", time.gmtime()), os.cpu_count(), os.getloadavg()[0]),
        "**Target:** final loss at most %g %% above the best loss %s reached, in fewer evaluations: %s." % (
            100 * args.tolerance, ref, summary)
        + ("  \n**Not measured** (no time left on the shared machine): %s." % ", ".join(missing) if missing else ""),
        "",
        body,
    ])
    print(text)
    if args.doc:
        write_doc(args.doc, text)


if __name__ == "__main__":
    main(sys.argv[1:])
