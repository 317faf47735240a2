#!/usr/bin/env python3
"""Evaluation 1's losses of example configs, computed in PyTorch float64 without neuralstyle4j's code paths.

For each config: the images as PIL/torchvision prepare them (the content's shorter side at --size by
torchvision's Resize; a texture's canvas scaled the same way; styles resized to that exact size; masks resized
with PIL's bilinear, then their luma 0.299 R + 0.587 G + 0.114 B), the backbone's ONNX graph interpreted by
make_reference.OnnxModule in float64, and the losses at the start image (the content, or java.util.Random noise):

  content = w_c * sum_l w_l * sum_p m_p^2 (F - P)^2_cp / (C * sum_p m_p^2)         (m = 1 without a content mask)
  style   = w_s * sum_l w_l * [ W_plain * mean((G_l - sum_i w_i G_i / W_plain)^2)   (unmasked styles, blended)
                               + sum_{masked i} w_i * mean((G_l^{m_i} - G_l(style_i))^2) ]
  G^m     = (F m)(F m)^T / (C * sum m^2), with m the mask at the layer's size by F.interpolate(mode="area")

with blend weights w_i divided by their sum and W_plain the unmasked images' share. Writes
src/test/resources/examples/losses.json, which ExampleConfigsTest compares with the CLI's report.

  mvn -q -B compile && OUT=/tmp/builtins jshell --class-path target/classes tools/reference/builtin_images.jsh
  /usr/bin/python3 tools/reference/example_losses.py --builtins /tmp/builtins --size 48 --noise-seed 3 \
      config/masks.json config/texture.json
"""
import argparse
import json
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn.functional as F
import torchvision.transforms as T
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import make_reference as mr  # noqa: E402  (the ONNX interpreter and java.util.Random)

ROOT = mr.PROJECT
OUT = os.path.join(ROOT, "src", "test", "resources", "examples", "losses.json")


def image_path(name, builtins):
    if name.startswith("builtin:"):
        return os.path.join(builtins, name[len("builtin:"):] + ".png")
    return os.path.join(ROOT, name)


def to_tensor(im):
    return T.ToTensor()(im).unsqueeze(0).double()


def resized(name, builtins, w, h):
    with Image.open(image_path(name, builtins)) as im:
        return im.convert("RGB").resize((w, h), Image.BILINEAR)


def mask_at(name, builtins, w, h):
    rgb = to_tensor(resized(name, builtins, w, h))[0]
    return (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]).clamp(0, 1)


def output_size(w, h, size):
    """torchvision's Resize(size) on a w x h image: the shorter side becomes size, the longer int(size*long/short)."""
    if w <= h:
        return size, int(size * h / w)
    return int(size * w / h), size


def gram(f):
    _, c, h, w = f.shape
    v = f.view(c, h * w)
    return v @ v.t() / (c * h * w)


def masked_gram(f, m):
    _, c, h, w = f.shape
    ml = F.interpolate(m.view(1, 1, *m.shape), size=(h, w), mode="area").view(h * w)
    v = f.view(c, h * w) * ml
    return v @ v.t() / (c * (ml ** 2).sum())


def losses(config, builtins, size, noise_seed):
    with open(os.path.join(ROOT, config)) as fh:
        cfg = json.load(fh)
    if noise_seed is not None:
        cfg["init"], cfg["seed"] = "noise", noise_seed
    backbone = mr.find_backbone(cfg["backbone"], ROOT)
    manifest = mr.load_json(os.path.join(backbone, "backbone.json"))
    tensors = mr.layer_tensors(manifest)
    net = mr.OnnxModule(onnx.load(os.path.join(backbone, manifest.get("model", "features.onnx"))),
                        manifest.get("input", "image"), torch.float64)
    content_cfg = cfg["content"]
    texture = content_cfg["image"] == "none"
    if texture:
        w, h = output_size(content_cfg["width"], content_cfg["height"], size)
        content = None
    else:
        with Image.open(image_path(content_cfg["image"], builtins)) as im:
            content = to_tensor(T.Resize(size)(im.convert("RGB")))
        h, w = content.shape[2], content.shape[3]
    styles = []
    for entry in cfg["style"]["images"]:
        e = {"image": entry} if isinstance(entry, str) else entry
        styles.append((to_tensor(resized(e["image"], builtins, w, h)), float(e.get("weight", 1)),
                       mask_at(e["mask"], builtins, w, h) if e.get("mask") else None))
    total = sum(s[1] for s in styles)
    s_layers = [(tensors[k], float(v)) for k, v in cfg["style"]["layers"].items()]
    c_layers = [] if texture else [(tensors[k], float(v)) for k, v in content_cfg["layers"].items()]
    wanted = list(dict.fromkeys([t for t, _ in c_layers] + [t for t, _ in s_layers]))
    init = cfg.get("init", "content")
    if texture or init == "noise":
        x0 = torch.from_numpy(mr.java_random_floats(int(cfg.get("seed", 0)), 3 * h * w)).reshape(1, 3, h, w)
    else:
        x0 = content
    with torch.no_grad():
        fx = net(x0, wanted)
        style = 0.0
        plain = [(s, wt / total) for s, wt, m in styles if m is None]
        share = sum(wt for _, wt in plain)
        targets = [(net(s, wanted), wt / total, m) for s, wt, m in styles]
        for tap, lw in s_layers:
            if share > 0:
                blend = sum(wt * gram(f[tap]) for f, wt, m in targets if m is None) / share
                c = blend.shape[0]
                style += lw * share * ((gram(fx[tap]) - blend) ** 2).sum() / c ** 2
            for f, wt, m in targets:
                if m is not None and wt > 0:
                    c = f[tap].shape[1]
                    style += lw * wt * ((masked_gram(fx[tap], m) - gram(f[tap])) ** 2).sum() / c ** 2
        style *= float(cfg["style"].get("weight", 1e6))
        content_loss = 0.0
        if c_layers:
            fc = net(content, wanted)
            m = mask_at(content_cfg["mask"], builtins, w, h) if content_cfg.get("mask") else torch.ones(h, w,
                                                                                                          dtype=torch.float64)
            for tap, lw in c_layers:
                _, c, lh, lw_ = fx[tap].shape
                ml = F.interpolate(m.view(1, 1, h, w), size=(lh, lw_), mode="area").view(lh * lw_)
                d = (fx[tap] - fc[tap]).view(c, lh * lw_) * ml
                content_loss += lw * (d ** 2).sum() / (c * (ml ** 2).sum())
            content_loss *= float(content_cfg.get("weight", 1))
    return {"width": w, "height": h, "style": float(style), "content": float(content_loss)}


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--builtins", required=True, help="the built-in images as PNGs (tools/reference/builtin_images.jsh)")
    p.add_argument("--size", type=int, default=48)
    p.add_argument("--out", default=OUT)
    p.add_argument("--noise-seed", type=int, help="start from java.util.Random(SEED) noise (stylize --init noise"
                                                   " --seed SEED), so that a content term is not 0 at evaluation 1")
    p.add_argument("configs", nargs="+")
    a = p.parse_args(argv)
    doc = {"generator": "tools/reference/example_losses.py", "torch": torch.__version__, "size": a.size,
           "evaluation": 1, "configs": {}}
    for config in a.configs:
        doc["configs"][config] = losses(config, a.builtins, a.size, a.noise_seed)
        doc["configs"][config]["args"] = ["--size", str(a.size)] + (
            ["--init", "noise", "--seed", str(a.noise_seed)] if a.noise_seed is not None else [])
        print(config, doc["configs"][config])
    with open(a.out, "w") as fh:
        json.dump(doc, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
