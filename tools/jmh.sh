#!/usr/bin/env bash
# JMH microbenchmarks of the Java-side hot spots (src/jmh/java, compiled only under the Maven profile `jmh`):
#   tools/jmh.sh                      # all benchmarks, 2 threads; writes the table in docs/benchmarks.md
#   tools/jmh.sh StyleLoss -p threads=1 --out /tmp/jmh.md   # JMH arguments pass through; --out elsewhere
#   tools/jmh.sh StyleLoss -wi 2 -w 1s -i 3 -r 2s            # shorter runs (given options replace the defaults)
# The first run downloads JMH 1.37 (jmh-core, jmh-generator-annprocess) from Maven Central.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out=docs/benchmarks.md
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
echo "jmh: compiling (mvn -Pjmh test-compile) ..." >&2
mvn -q -B -Pjmh -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/jmh.classpath >&2
csv=target/jmh-result.csv
export JMH_LOAD_BEFORE="$(cut -d' ' -f1 /proc/loadavg)"
# defaults for the run-length options the caller did not give (JMH refuses an option given twice)
defaults=()
for kv in "-f 1" "-wi 3" "-w 2s" "-i 5" "-r 2s"; do
  [[ " ${args[*]:-} " == *" ${kv%% *} "* ]] || defaults+=(${kv})
done
java -cp "target/test-classes:target/classes:$(cat target/jmh.classpath)" org.openjdk.jmh.Main \
    "${defaults[@]}" -rf csv -rff "$csv" "${args[@]:-Benchmark}"
python3 - "$csv" "$out" "tools/jmh.sh${args[*]:+ ${args[*]}}" <<'PY'
import csv, datetime, os, re, sys
rows = list(csv.DictReader(open(sys.argv[1])))
cpu = re.search(r"model name\s*:\s*(.+)", open("/proc/cpuinfo").read()).group(1).strip()
params = lambda r: tuple((k[len("Param: "):], v) for k, v in r.items() if k.startswith("Param: ") and v)
# secondary metrics (the calling thread's CPU time, StyleLossBenchmark's @AuxCounters) come as "name:counter" rows
aux = {(r["Benchmark"].split(":")[0], params(r), r["Benchmark"].split(":")[1]): float(r["Score"])
       for r in rows if ":" in r["Benchmark"]}
lines = ["<!-- jmh:begin (written by tools/jmh.sh; edits here are overwritten) -->",
         "**Machine:** %s, %d cores. **Date:** %s. **Command:** `%s`. **Load average (1 min) before / after:** "
         "%s / %.1f." % (cpu, os.cpu_count(), datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                         sys.argv[3], os.environ.get("JMH_LOAD_BEFORE", "?"), os.getloadavg()[0]), "",
         "| benchmark | parameters | ms/op | ± (99.9 %) | GFLOP/s | calling thread's CPU ms/op | GFLOP per CPU-s |",
         "|---|---|---|---|---|---|---|"]
for r in rows:
    if ":" in r["Benchmark"]:
        continue
    name, p = r["Benchmark"], params(r)
    layer = dict(p).get("layer")
    # the style loss counted as GEMMs, whatever the kernels: F·Fᵀ and (G−A)·F, 2·C²·H·W flops each
    flops = 4 * int(layer.split("x")[0]) ** 2 * int(layer.split("x")[1]) if layer else None
    calls, nanos = aux.get((name, p, "calls")), aux.get((name, p, "cpuNanos"))
    cpu_ms = nanos / calls / 1e6 if calls else None
    lines.append("| %s | %s | %.3f | %.3f | %s | %s | %s |" % (
        name.rsplit(".", 2)[-2] + "." + name.rsplit(".", 1)[-1], ", ".join("%s=%s" % kv for kv in p),
        float(r["Score"]), float(r["Score Error (99.9%)"] or "nan"),
        "%.1f" % (flops / float(r["Score"]) / 1e6) if flops else "",
        "%.3f" % cpu_ms if cpu_ms else "", "%.1f" % (flops / cpu_ms / 1e6) if flops and cpu_ms else ""))
lines.append("<!-- jmh:end -->")
section = "\n".join(lines)
path = sys.argv[2]
text = open(path, encoding="utf-8").read() if os.path.exists(path) else "# Benchmarks\n\n<!-- jmh:begin -->\n<!-- jmh:end -->\n"
b, e = text.find("<!-- jmh:begin"), text.find("<!-- jmh:end -->")
if b < 0 or e < 0:
    sys.exit("jmh: %s has no <!-- jmh:begin --> ... <!-- jmh:end --> markers" % path)
open(path, "w", encoding="utf-8").write(text[:b] + section + text[e + len("<!-- jmh:end -->"):])
print(section)
PY
