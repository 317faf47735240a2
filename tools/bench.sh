#!/usr/bin/env bash
# Side-by-side benchmark: neuralstyle4j against PyTorch with frozen weights (the primary comparison) and the seed's
# PyTorch code as written (secondary), on the same weights, images, sizes, evaluation counts and threads. Prints and
# records PyTorch's BLAS (refuses the reference BLAS), threads, oneDNN and the load average; rewrites the table in
# docs/benchmarks.md. Run it on a quiet machine: about 10 minutes on 2 cores with the defaults.
#   tools/bench.sh                                   # 256 and 512 px: 2 alternating runs of ours and frozen PyTorch, 1 seed run
#   tools/bench.sh --sizes 128:20 --repeats 1 --seed-runs 0 --out /tmp/b.md   # a quick check
# Options: see /usr/bin/python3 tools/bench/side_by_side.py --help. Needs PyTorch 1.13, torchvision and onnx for
# /usr/bin/python3 (Debian: python3-torch python3-torchvision python3-onnx) and GNU time (/usr/bin/time).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python=/usr/bin/python3
[ -x "$python" ] || python=python3
[ -x /usr/bin/time ] || { echo "bench: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
"$python" -c 'import torch, torchvision, onnx' 2>/dev/null \
  || { echo "bench: $python lacks torch, torchvision or onnx" >&2; exit 1; }
# the machine's load before this script does anything itself (the build below would count as load)
export BENCH_START_LOAD="${BENCH_START_LOAD:-$(cut -d' ' -f1 /proc/loadavg)}"
# builds the jar if stale, and generates the default backbone on first use
if [ ! -f onnx/vgg19-random/features.onnx ]; then
  tools/neuralstyle backbone generate --preset vgg19 onnx/vgg19-random
else
  tools/neuralstyle backbone info onnx/vgg19-random --size 32 >/dev/null
fi
exec "$python" tools/bench/side_by_side.py --command "tools/bench.sh${*:+ $*}" "$@"
