#!/usr/bin/env bash
# Regenerates every PyTorch reference of src/test/resources/reference from scratch into OUT (default: the committed
# folder itself), with OUT/suite.json naming them, so that `tools/neuralstyle regress OUT/suite.json` judges
# neuralstyle4j against references made on this machine:
#   tools/reference/regenerate.sh /tmp/references && tools/neuralstyle regress /tmp/references/suite.json
# THREADS (default 1) is torch's thread count: another count rounds the float32 runs differently, which the
# bounds must not care about. JOBS (default 1) cases are made at once. Needs PyTorch 1.13, torchvision, onnx and Pillow for /usr/bin/python3 (Debian:
# python3-torch python3-torchvision python3-onnx python3-pil) and a JDK (jshell).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(mkdir -p "${1:-$root/src/test/resources/reference}" && cd "${1:-$root/src/test/resources/reference}" && pwd)"
threads="${THREADS:-1}"
jobs="${JOBS:-1}"
python=/usr/bin/python3
[ -x "$python" ] || python=python3
"$python" -c 'import torch, torchvision, onnx, PIL' 2>/dev/null \
  || { echo "regenerate: $python lacks torch, torchvision, onnx or PIL" >&2; exit 1; }
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ref=(tools/make_reference.py)

"$python" "${ref[@]}" --self-test
mvn -q -B -DskipTests package
# the built-in images as 512x384 PNGs, byte for byte what neuralstyle4j draws
OUT="$work/builtins" jshell --class-path target/classes tools/reference/builtin_images.jsh >/dev/null
b="$work/builtins"
# the backbones, identical bytes on every machine (the suite's generate_backbone recipes)
committed="$root/src/test/resources/reference"
if [ "$out" = "$committed" ]; then bb="$root/target/regress-backbones"; else bb="$out/backbones"; fi
[ -f "$bb/vgg19-random/backbone.json" ] || tools/neuralstyle backbone generate --preset vgg19 "$bb/vgg19-random" >/dev/null
[ -f "$bb/vgg16-random-seed16/backbone.json" ] \
  || tools/neuralstyle backbone generate --preset vgg16 --seed 16 "$bb/vgg16-random-seed16" >/dev/null
resnet="$root/src/test/resources/backbones/resnet18-layer1-random"

# case NAME CONFIG SIZE STEPS BACKBONE [extra --case-from-config options]: the inputs (PIL's Resize, as the seed loads
# images; a +-2 level dither so that no max-pool window holds a tie) and the PyTorch runs
case_() {
  local name="$1" config="$2" size="$3" steps="$4" backbone="$5"
  shift 5
  local style=(--style "$b/brushstrokes.png")
  # a committed case's config is its definition; CONFIG only seeds a new case
  [ -f "$committed/$name/config.json" ] && cp "$committed/$name/config.json" "$work/$name.json" \
    && config="$work/$name.json"
  "$python" "${ref[@]}" --case-from-config "$config" --size "$size" --steps "$steps" --dither 2 \
      --content "$b/landscape.png" "${style[@]}" "$@" --out "$out/$name" >/dev/null
  "$python" "${ref[@]}" "$out/$name" --backbone "$backbone" --threads "$threads" 2>&1 | grep -v Warning || true
}
running=0
queue() {  # case_ "$@" in the background, at most $jobs at once
  if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
  case_ "$@" &
  running=$((running + 1))
}
vgg19="$bb/vgg19-random"
queue vgg19-random-seed config/seed.json 48 10 "$vgg19"
queue vgg16-gatys config/gatys.json 48 5 "$bb/vgg16-random-seed16"
queue resnet18-layer1 src/test/resources/reference/resnet18-layer1/config.json 48 10 "$resnet"
# the controls, on the seed's settings at 48x36
queue tv config/tv.json 36 10 "$vgg19"
queue normalize-gatys config/normalize-gatys.json 36 10 "$vgg19"
queue avgpool config/avgpool.json 36 10 "$vgg19"
queue blend config/blend.json 36 10 "$vgg19" --style "$b/mosaic.png"
queue style-scale config/style-scale.json 36 10 "$vgg19"
queue colors-luminance config/colors-luminance.json 36 10 "$vgg19"
queue colors-histogram config/colors-histogram.json 36 10 "$vgg19"
queue init-noise config/init-noise.json 36 10 "$vgg19"
queue init-image config/seed.json 36 5 "$vgg19" --init "$b/mosaic.png"
queue adam config/adam.json 36 20 "$vgg19"
wait

if [ "$out" != "$committed" ]; then
  # the committed suite's tolerances, each case on the backbone this run used
  "$python" - "$committed/suite.json" "$out/suite.json" "$bb" "$resnet" <<'PY'
import json, os, sys
suite = json.load(open(sys.argv[1]))
for c in suite["cases"]:
    c.pop("generate_backbone", None)
    c["backbone"] = sys.argv[4] if c["case"] == "resnet18-layer1" else os.path.join(
        sys.argv[3], "vgg16-random-seed16" if c["case"] == "vgg16-gatys" else "vgg19-random")
with open(sys.argv[2], "w") as f:
    json.dump(suite, f, indent=2)
PY
fi
echo "regenerate: references in $out (torch threads $threads)"
