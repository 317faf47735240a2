#!/usr/bin/env python3
"""Times the seed's PyTorch run on the weights of a neuralstyle4j backbone, for tools/bench.sh.

The model is the seed's: its Normalization module, then nn.Conv2d / nn.ReLU(inplace=False) / nn.MaxPool2d modules
named conv_k / relu_k / pool_k, trimmed after the last loss layer, with the convolution weights read from the
backbone's features.onnx (so PyTorch and neuralstyle4j run identical weights). gram = F.Ft/(a*b*c*d), F.mse_loss,
torch.optim.LBFGS with the config's settings, input_img.data.clamp_(0, 1) first in the closure,
`while run[0] <= num_steps: optimizer.step(closure)`. As in the seed, the convolution weights keep
requires_grad=True, so every backward pass also computes their gradients; --frozen turns that off (what later
versions of the tutorial do with model.requires_grad_(False)).

    /usr/bin/python3 tools/bench/seed_pytorch.py --backbone DIR --config FILE --content PNG --style PNG
                     --size PX --steps N [--threads 2] [--frozen] [--report FILE]

    /usr/bin/python3 tools/bench/seed_pytorch.py --describe [--threads 2]   # the PyTorch set-up, as JSON

Before anything is timed the script checks its PyTorch: which BLAS library is really loaded (the reference BLAS,
Debian's libblas3, is refused: it is an order of magnitude slower than OpenBLAS and would make any comparison
meaningless), that library's thread count (set to --threads when it is OpenBLAS, whose pthread pool is separate from
torch.set_num_threads), torch's intra- and inter-op threads, whether oneDNN (mkldnn) is on, and which kernel a
convolution actually dispatches to. The report carries all of it, so a table can show what it compared against.

Timing covers the optimisation loop only (as neuralstyle4j's --report "seconds"): model building, image loading
and the style/content targets come before the clock starts. The report is JSON: evaluations, seconds,
seconds_per_evaluation, width, height, final losses. Peak memory is measured from outside (/usr/bin/time -v).
Needs python3-torch, python3-torchvision, python3-onnx and python3-pil.
"""
import argparse
import ctypes
import json
import os
import sys
import time

import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision.transforms as T
from onnx import numpy_helper
from PIL import Image


class Normalization(nn.Module):
    def __init__(self, mean, std):
        super().__init__()
        self.mean = torch.tensor(mean).view(-1, 1, 1)
        self.std = torch.tensor(std).view(-1, 1, 1)

    def forward(self, img):
        return (img - self.mean) / self.std


def seed_model(backbone_dir, last_layer):
    """The seed's nn.Sequential over the backbone's VGG stack (Conv, Relu, MaxPool after the input normalisation)."""
    with open(os.path.join(backbone_dir, "backbone.json")) as f:
        manifest = json.load(f)
    norm = manifest["normalization"]
    graph = onnx.load(os.path.join(backbone_dir, manifest.get("model", "features.onnx"))).graph
    params = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in graph.initializer}
    model = nn.Sequential(Normalization(norm["mean"], norm["std"]))
    i = 0
    for node in graph.node:
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
        if node.op_type == "Conv":
            i += 1
            w = params[node.input[1]]
            conv = nn.Conv2d(w.shape[1], w.shape[0], tuple(w.shape[2:]), padding=attrs["pads"][0],
                             bias=len(node.input) > 2)
            with torch.no_grad():
                conv.weight.copy_(w)
                if conv.bias is not None:
                    conv.bias.copy_(params[node.input[2]])
            layer, name = conv, "conv_%d" % i
        elif node.op_type == "Relu":
            layer, name = nn.ReLU(inplace=False), "relu_%d" % i
        elif node.op_type == "MaxPool":
            layer, name = nn.MaxPool2d(attrs["kernel_shape"][0], attrs["strides"][0]), "pool_%d" % i
        elif node.op_type in ("Sub", "Div"):
            continue  # the input normalisation, the seed's Normalization module above
        else:
            raise SystemExit("%s: operator %s is not part of a VGG stack" % (backbone_dir, node.op_type))
        model.add_module(name, layer)
        if name == last_layer:
            return model.eval()
    raise SystemExit("%s has no layer %s" % (backbone_dir, last_layer))


def blas_library():
    """The BLAS shared library this process really mapped (after a matrix product), resolved through symlinks."""
    torch.mm(torch.ones(8, 8), torch.ones(8, 8))
    with open("/proc/self/maps") as f:
        paths = {line.split()[-1] for line in f if len(line.split()) >= 6}
    for key in ("mkl_rt", "libmkl", "openblas", "blis", "libblas.so"):
        for path in sorted(paths):
            if key in os.path.basename(path):
                return os.path.realpath(path)
    return None


def torch_setup(threads):
    """Sets the thread counts and describes the PyTorch that will be timed; raises SystemExit on the reference BLAS."""
    torch.set_num_threads(threads)
    path = blas_library()
    blas = {"library": path, "name": "unknown", "threads": None}
    lib = ctypes.CDLL(path) if path else None
    if lib is not None and hasattr(lib, "openblas_get_config"):
        lib.openblas_get_config.restype = ctypes.c_char_p
        lib.openblas_get_corename.restype = ctypes.c_char_p
        lib.openblas_set_num_threads(threads)   # its pthread pool ignores torch.set_num_threads
        blas.update(name="%s (core %s)" % (lib.openblas_get_config().decode(), lib.openblas_get_corename().decode()),
                    threads=lib.openblas_get_num_threads())
    elif lib is not None and hasattr(lib, "mkl_get_max_threads"):
        blas.update(name="MKL", threads=lib.mkl_get_max_threads())
    elif lib is not None and hasattr(lib, "bli_info_get_version_str"):
        lib.bli_info_get_version_str.restype = ctypes.c_char_p
        blas.update(name="BLIS " + lib.bli_info_get_version_str().decode())
    elif path is None or os.path.basename(path).startswith("libblas.so"):
        raise SystemExit("seed_pytorch: PyTorch uses the reference BLAS (%s), not an optimised one: install OpenBLAS "
                         "(Debian: apt-get install libopenblas0-pthread) or point libblas.so.3 at it with "
                         "update-alternatives; a benchmark against the reference BLAS compares nothing" % path)
    # which kernel a float32 convolution and its input gradient really use (oneDNN or the im2col fallback; PyTorch
    # 1.13 picks oneDNN for a 3×3 convolution of one image above 20480 input values, as every VGG layer here is)
    x = torch.rand(1, 16, 64, 64, requires_grad=True)
    conv = nn.Conv2d(16, 16, 3, padding=1).requires_grad_(False)
    with torch.autograd.profiler.profile() as prof:
        conv(x).sum().backward()
    kernels = sorted({e.name for e in prof.function_events
                      if "conv" in e.name and e.name not in ("aten::conv2d", "aten::convolution", "aten::_convolution",
                                                             "aten::convolution_backward")})
    return {"torch": torch.__version__, "blas": blas, "torch_threads": torch.get_num_threads(),
            "interop_threads": torch.get_num_interop_threads(),
            "mkldnn": bool(torch.backends.mkldnn.is_available() and torch.backends.mkldnn.enabled),
            "conv_kernels": kernels}


def gram_matrix(x):
    a, b, c, d = x.size()
    features = x.view(a * b, c * d)
    return torch.mm(features, features.t()).div(a * b * c * d)


def load_image(path, size, like=None):
    with Image.open(path) as im:
        im = im.convert("RGB")
        resize = T.Resize(size) if like is None else T.Resize(tuple(like.shape[2:]))
        return T.ToTensor()(resize(im)).unsqueeze(0)


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--describe", action="store_true", help="print the PyTorch set-up as JSON and exit")
    p.add_argument("--backbone")
    p.add_argument("--config", help="neuralstyle4j config (layers, weights, optimizer)")
    p.add_argument("--content")
    p.add_argument("--style")
    p.add_argument("--size", type=int)
    p.add_argument("--steps", type=int)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--frozen", action="store_true", help="no gradients for the weights (not the seed)")
    p.add_argument("--report")
    a = p.parse_args(argv)
    setup = torch_setup(a.threads)
    if a.describe:
        print(json.dumps(setup, indent=1))
        return
    missing = [n for n in ("backbone", "config", "content", "style", "size", "steps") if getattr(a, n) is None]
    if missing:
        p.error("missing --" + ", --".join(missing))
    with open(a.config) as f:
        cfg = json.load(f)
    content_layers = cfg["content"]["layers"]
    style_layers = cfg["style"]["layers"]
    layers = list(content_layers) + list(style_layers)
    order = lambda n: int(n.split("_")[1])
    model = seed_model(a.backbone, max(layers, key=order))
    if a.frozen:
        model.requires_grad_(False)

    content = load_image(a.content, a.size)
    style = load_image(a.style, a.size, like=content)

    def features(x):
        out = {}
        for name, m in model.named_children():
            x = m(x)
            if name in layers:
                out[name] = x
        return out

    with torch.no_grad():
        c_targets = {k: v.detach() for k, v in features(content).items() if k in content_layers}
        s_targets = {k: gram_matrix(v).detach() for k, v in features(style).items() if k in style_layers}
    o = cfg.get("optimizer", {})
    x = content.clone().requires_grad_(True)
    optimizer = torch.optim.LBFGS([x], lr=o.get("learning_rate", 1), max_iter=o.get("max_iter", 20),
                                  max_eval=o.get("max_eval"), tolerance_grad=o.get("tolerance_grad", 1e-7),
                                  tolerance_change=o.get("tolerance_change", 1e-9),
                                  history_size=o.get("history_size", 100))
    s_weight, c_weight = float(cfg["style"]["weight"]), float(cfg["content"]["weight"])
    run = [0]
    first, last = {}, {}
    start = time.perf_counter()
    while run[0] <= a.steps:
        def closure():
            x.data.clamp_(0, 1)
            optimizer.zero_grad()
            f = features(x)
            style_score = sum(w * F.mse_loss(gram_matrix(f[k]), s_targets[k]) for k, w in style_layers.items())
            content_score = sum(w * F.mse_loss(f[k], c_targets[k]) for k, w in content_layers.items())
            loss = style_score * s_weight + content_score * c_weight
            loss.backward()
            run[0] += 1
            last.update(style=float(style_score * s_weight), content=float(content_score * c_weight))
            if run[0] == 1:
                first.update(last)
            return loss
        optimizer.step(closure)
    seconds = time.perf_counter() - start
    report = {"evaluations": run[0], "seconds": seconds, "seconds_per_evaluation": seconds / run[0],
              "width": content.shape[3], "height": content.shape[2], "threads": a.threads, "frozen": a.frozen,
              "torch": torch.__version__, "setup": setup, "first": first, "final": last}
    print("%dx%d: %d evaluations in %.2f s (%.4f s/evaluation)" % (content.shape[3], content.shape[2], run[0],
                                                                     seconds, seconds / run[0]))
    if a.report:
        with open(a.report, "w") as f:
            json.dump(report, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
