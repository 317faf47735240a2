#!/usr/bin/env bash
# Device check for the CUDA build (needs an NVIDIA GPU, its driver, CUDA 12 and cuDNN 9; under 5 minutes):
#   tools/gpu_check.sh              CUDA against the CPU: one short style transfer (256 px, 40 evaluations) on the CPU
#                                   and on CUDA with and without the Gram matrices in the graph, plus the PyTorch
#                                   reference suite on CUDA; prints the agreement and the seconds per evaluation
#   tools/gpu_check.sh --cpu-only   dry run of the same steps without a GPU (the CPU with Grams in the graph)
# Options: --device cuda:N (default cuda), --size PX (256), --steps N (20: 40 evaluations with max_iter 20).
# Uses target/neuralstyle4j.jar and target/lib when they hold the right ONNX Runtime (onnxruntime_gpu for CUDA) and
# are newer than the sources, else builds them with Maven (-Pgpu for CUDA); without Maven a target/ built elsewhere with
# 'mvn -Pgpu -DskipTests package'. Exits 0 when every check passes, 8 when one fails, else the failing step's code.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cpu_only=0
device=cuda
size=256
steps=20
while [ $# -gt 0 ]; do
  case "$1" in
    --cpu-only) cpu_only=1 ;;
    --device) device="$2"; shift ;;
    --size) size="$2"; shift ;;
    --steps) steps="$2"; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "gpu_check: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

jar="$root/target/neuralstyle4j.jar"
lib="$root/target/lib"
if [ "$cpu_only" = 1 ]; then
  ort_pattern='onnxruntime-[0-9]*.jar'; other_ort='onnxruntime_gpu-*.jar'; profile=()
else
  ort_pattern='onnxruntime_gpu-*.jar'; other_ort='onnxruntime-[0-9]*.jar'; profile=(-Pgpu)
fi

echo "== machine"
if [ "$cpu_only" = 1 ]; then
  echo "dry run on the CPU (--cpu-only): no GPU is used"
else
  if ! command -v nvidia-smi >/dev/null || ! nvidia-smi; then
    echo "gpu_check: nvidia-smi failed: no NVIDIA driver or GPU here (use --cpu-only for a dry run)" >&2
    exit 6
  fi
fi
java -version 2>&1 | head -1

echo "== build"
stale() {
  command -v mvn >/dev/null && [ -n "$(find "$root/pom.xml" "$root/src/main" -newer "$jar" -print -quit)" ]
}
if [ -f "$jar" ] && compgen -G "$lib/$ort_pattern" >/dev/null && ! stale; then
  echo "using the existing $jar with $(basename "$(compgen -G "$lib/$ort_pattern" | head -1)")"
else
  if ! command -v mvn >/dev/null; then
    echo "gpu_check: no $jar with $ort_pattern in target/lib, and no Maven here to build it: run" \
         "'mvn ${profile[*]} -DskipTests package' on a machine with Maven and copy target/ here" >&2
    exit 6
  fi
  echo "mvn ${profile[*]} -DskipTests package"
  (cd "$root" && mvn -B -q "${profile[@]}" -DskipTests package)
fi

# The wanted ONNX Runtime goes first on the class path, before the jar, whose manifest may name the other build's
# (a CPU-built jar with the GPU runtime dropped into target/lib): both hold the same classes and native libraries,
# and the first on the path wins.
ort_jar="$(compgen -G "$lib/$ort_pattern" | head -1)"
cp="$ort_jar:$jar"
for f in "$lib"/*.jar; do
  case "$(basename "$f")" in
    $ort_pattern|$other_ort) ;;
    *) cp="$cp:$f" ;;
  esac
done
# neuralstyle SECONDS ARGS...: the command line, stopped after SECONDS so that the whole check stays under 5 minutes
neuralstyle() {
  # shellcheck disable=SC2086
  timeout "$1" java ${JAVA_OPTS:-} -Dneuralstyle.home="$root" -cp "$cp" io.github.neuralstyle4j.cli.Main "${@:2}"
}

status=0
echo "== style transfer: CPU against $([ "$cpu_only" = 1 ] && echo "the CPU with Grams in the graph" || echo "$device")"
check=(device-check --size "$size" --steps "$steps")
if [ "$cpu_only" = 1 ]; then check+=(--cpu-only); else check+=(--device "$device"); fi
neuralstyle 200 "${check[@]}" || status=$?

echo "== PyTorch reference suite on $([ "$cpu_only" = 1 ] && echo "the CPU, Grams in the graph" || echo "$device")"
suite=(regress "$root/src/test/resources/reference/suite.json" --backbones "$root/target/regress-backbones")
if [ "$cpu_only" = 1 ]; then suite+=(--gram-in-graph); else suite+=(--device "$device"); fi
rc=0
neuralstyle 90 "${suite[@]}" || rc=$?
[ "$status" = 0 ] && status=$rc

echo "== $([ "$status" = 0 ] && echo "gpu_check passed" || echo "gpu_check FAILED (exit $status)")"
exit "$status"
