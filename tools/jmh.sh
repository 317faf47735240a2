#!/usr/bin/env bash
# JMH microbenchmarks of the Java-side hot spots (src/jmh/java, compiled only under the Maven profile `jmh`):
#   tools/jmh.sh                      # all benchmarks, 2 threads; writes the table in docs/benchmarks.md
#   tools/jmh.sh StyleLoss -p threads=1 --out /tmp/jmh.md   # JMH arguments pass through; --out elsewhere
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
java -cp "target/test-classes:target/classes:$(cat target/jmh.classpath)" org.openjdk.jmh.Main \
    -f 1 -wi 3 -w 2s -i 5 -r 2s -rf csv -rff "$csv" "${args[@]:-Benchmark}"
python3 - "$csv" "$out" "tools/jmh.sh${args[*]:+ ${args[*]}}" <<'PY'
import csv, datetime, os, re, sys
rows = list(csv.DictReader(open(sys.argv[1])))
cpu = re.search(r"model name\s*:\s*(.+)", open("/proc/cpuinfo").read()).group(1).strip()
lines = ["<!-- jmh:begin (written by tools/jmh.sh; edits here are overwritten) -->",
         "**Machine:** %s, %d cores. **Date:** %s. **Command:** `%s`. **Load average (1 min) after:** %.1f." % (
             cpu, os.cpu_count(), datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
             sys.argv[3], os.getloadavg()[0]), "",
         "| benchmark | parameters | ms/op | ± (99.9 %) | GFLOP/s |", "|---|---|---|---|---|"]
for r in rows:
    params = ", ".join("%s=%s" % (k[len("Param: "):], v) for k, v in r.items() if k.startswith("Param: ") and v)
    layer = r.get("Param: layer")
    # the style loss: F·Fᵀ and (G−A)·F, 2·C²·H·W flops each
    gflops = "%.1f" % (4 * int(layer.split("x")[0]) ** 2 * int(layer.split("x")[1]) ** 2 / float(r["Score"]) / 1e6) \
        if layer else ""
    lines.append("| %s | %s | %.3f | %.3f | %s |" % (
        r["Benchmark"].rsplit(".", 2)[-2] + "." + r["Benchmark"].rsplit(".", 1)[-1], params, float(r["Score"]),
        float(r["Score Error (99.9%)"] or "nan"), gflops))
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
