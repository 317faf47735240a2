#!/usr/bin/env python3
"""PyTorch reference runs of the seed's algorithm for neuralstyle4j's regression cases.

A *case* is a folder holding config.json (neuralstyle4j's config format; content/style image paths relative to the
case folder), the content and style images as 8-bit PNGs already at the run size, and what this script writes:

  reference.json   generator, torch version, backbone sha256 (of features.onnx), width, height, evaluations,
                   losses [{evaluation, style, content, total}] weighted as the seed prints them, gradient
                   {file, shape}, final_image, and a "float64" block: the same run in float64 and how far it lies
                   from the float32 run (what float32 rounding alone does to the trajectory)
  gradient.f32     dL/dx at the start point x0 = content image (the first closure call), raw little-endian float32,
                   shape [1,3,H,W]
  gradient64.f32   the same from the float64 run, rounded to float32 (unless --no-float64)
  final.png        the final clamped image after the seed's loop, round(x*255)

The model is built by interpreting the backbone's ONNX graph (features.onnx) node by node with torch.nn.functional
on its initializers, so PyTorch's autograd, not neuralstyle4j's gradient graph, computes dL/dx. The algorithm is the
PyTorch neural-style tutorial's: gram = F.Ft/(a*b*c*d), style = style_weight * sum_l w_l mse(G_l, A_l), content =
content_weight * sum_l w_l mse(F_l, P_l), torch.optim.LBFGS with the config's settings, input_img.data.clamp_(0, 1)
first in the closure, `while run[0] <= num_steps: optimizer.step(closure)`, a final clamp.

Usage (Debian's python3-torch, python3-torchvision, python3-onnx, python3-pil; /usr/bin/python3 when another
python3 without torch comes first on PATH):

  /usr/bin/python3 tools/make_reference.py CASEDIR [--backbone DIR] [--threads N] [--no-float64]
  /usr/bin/python3 tools/make_reference.py --self-test
  /usr/bin/python3 tools/make_reference.py --case-from-config CONFIG --content IMG --style IMG [--style IMG]
                                            --size PX --out CASEDIR [--steps N] [--backbone PATH]

The second form creates a case folder: the content image resized with torchvision's Resize(size) (PIL bilinear,
antialiased), each style image resized to the content's exact size (as neuralstyle4j does), written as content.png /
style.png (style_2.png, ...), and CONFIG with those images, size = the shorter side, device cpu and no output.
--steps and --backbone replace the config's steps and backbone path (written as given).

The backbone folder is the config's `backbone`, tried relative to the case folder, the current directory and the
project root; --backbone overrides it.
"""
import argparse
import hashlib
import json
import math
import os
import re
import sys
import warnings

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import helper, numpy_helper

PROJECT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
GENERATOR = "tools/make_reference.py"
LOSS_EVALUATIONS = 20  # how many leading evaluations the float32/float64 comparison summarises


# ------------------------------------------------------------------------------------------------ ONNX interpreter

class OnnxModule:
    """Evaluates an ONNX graph with torch.nn.functional, differentiably, from the graph input to the wanted
    tensors (nodes nothing wanted depends on are skipped, as the seed trims its model after the last loss)."""

    def __init__(self, model, input_name, dtype, pooling="max"):
        graph = model.graph
        self.pooling = pooling  # "avg": every MaxPool is evaluated as an AveragePool over the same windows
        self.tie_probe = None  # a list: each MaxPool's input is counted for tied windows (count_ties)
        self.params = {}
        for t in graph.initializer:
            a = numpy_helper.to_array(t).copy()
            v = torch.from_numpy(a)
            if v.is_floating_point():
                v = v.to(dtype)
            self.params[t.name] = v
        self.nodes = list(graph.node)
        self.input_name = input_name
        self.producer = {}
        for n in self.nodes:
            for o in n.output:
                if o:
                    self.producer[o] = n
        self.dtype = dtype

    def nodes_for(self, wanted):
        needed, stack, seen = set(), list(wanted), set()
        while stack:
            t = stack.pop()
            if t in seen:
                continue
            seen.add(t)
            n = self.producer.get(t)
            if n is None:
                if t != self.input_name and t not in self.params:
                    raise SystemExit("tensor %r is neither produced by a node nor an input or initializer" % t)
                continue
            needed.add(id(n))
            stack.extend(i for i in n.input if i)
        return [n for n in self.nodes if id(n) in needed]

    def __call__(self, x, wanted):
        env = dict(self.params)
        env[self.input_name] = x
        for node in self.nodes_for(wanted):
            fn = OPS.get(node.op_type)
            if fn is None:
                raise SystemExit("operator %s (node %r) is not supported by %s; supported: %s"
                                 % (node.op_type, node.name, GENERATOR, ", ".join(sorted(OPS))))
            inputs = [env[i] if i else None for i in node.input]
            if node.op_type == "MaxPool":
                if self.tie_probe is not None:
                    self.tie_probe.append((node.name or node.output[0], count_ties(inputs[0].detach(),
                                                                                    attributes(node))))
                if self.pooling == "avg":
                    # Gatys et al. 2016: average pooling over the max pool's windows, padding left out of the mean
                    fn = op_avgpool
            outputs = fn(node, inputs, attributes(node))
            if not isinstance(outputs, (tuple, list)):
                outputs = (outputs,)
            for name, value in zip(node.output, outputs):
                if name:
                    env[name] = value
        return {w: env[w] for w in wanted}


def attributes(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def _str(v):
    return v.decode() if isinstance(v, bytes) else v


def _spatial_pads(a, x, kernel, strides, dilations):
    """ONNX pads [b1, b2, ..., e1, e2, ...] for the spatial dims, with auto_pad resolved."""
    nd = len(kernel)
    auto = _str(a.get("auto_pad", "NOTSET"))
    if auto in ("SAME_UPPER", "SAME_LOWER"):
        begins, ends = [], []
        for i in range(nd):
            size = x.shape[2 + i]
            out = -(-size // strides[i])
            total = max((out - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1 - size, 0)
            small, large = total // 2, total - total // 2
            begins.append(small if auto == "SAME_UPPER" else large)
            ends.append(large if auto == "SAME_UPPER" else small)
        return begins + ends
    if auto == "VALID":
        return [0] * (2 * nd)
    return list(a.get("pads", [0] * (2 * nd)))


def _fpad(pads):
    """ONNX spatial pads [b1, b2, e1, e2] -> F.pad's (last dim first) [b2, e2, b1, e1]."""
    nd = len(pads) // 2
    out = []
    for i in reversed(range(nd)):
        out += [pads[i], pads[nd + i]]
    return out


def _symmetric(pads):
    nd = len(pads) // 2
    return all(pads[i] == pads[nd + i] for i in range(nd))


def op_conv(node, inp, a):
    x, w = inp[0], inp[1]
    b = inp[2] if len(inp) > 2 else None
    kernel = list(a.get("kernel_shape", w.shape[2:]))
    nd = len(kernel)
    strides = list(a.get("strides", [1] * nd))
    dilations = list(a.get("dilations", [1] * nd))
    pads = _spatial_pads(a, x, kernel, strides, dilations)
    if _symmetric(pads):
        padding = pads[:nd]
    else:
        x = F.pad(x, _fpad(pads))
        padding = [0] * nd
    conv = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}[nd]
    return conv(x, w, b, stride=strides, padding=padding, dilation=dilations, groups=a.get("group", 1))


def op_maxpool(node, inp, a):
    if len(node.output) > 1 and node.output[1]:
        raise SystemExit("MaxPool %r: the Indices output is not supported" % node.name)
    x = inp[0]
    kernel = list(a["kernel_shape"])
    nd = len(kernel)
    strides = list(a.get("strides", [1] * nd))
    dilations = list(a.get("dilations", [1] * nd))
    pads = _spatial_pads(a, x, kernel, strides, dilations)
    ceil = bool(a.get("ceil_mode", 0))
    if _symmetric(pads) and all(pads[i] * 2 <= kernel[i] for i in range(nd)):
        padding = pads[:nd]
    else:
        if ceil:
            raise SystemExit("MaxPool %r: asymmetric pads with ceil_mode are not supported" % node.name)
        x = F.pad(x, _fpad(pads), value=float("-inf"))
        padding = [0] * nd
    pool = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}[nd]
    return pool(x, kernel, strides, padding, dilations, ceil_mode=ceil)


NEAR_TIE = 1e-5  # relative gap between a window's two largest values below which float32 rounding may swap them


def count_ties(x, a):
    """Max-pool windows whose largest value is positive and shared (exactly, or to NEAR_TIE relative) by another
    element: there the gradient's route depends on rounding. Windows of the floor-mode grid, pads ignored."""
    kernel = list(a["kernel_shape"])
    strides = list(a.get("strides", [1] * len(kernel)))
    if len(kernel) != 2:
        return {"windows": 0, "tied": 0, "near_tied": 0}
    cols = F.unfold(x.double(), kernel, stride=strides)  # [N, C*k*k, L]
    n, _, windows = cols.shape
    cols = cols.reshape(n, x.shape[1], kernel[0] * kernel[1], windows)
    top = cols.topk(2, dim=2).values
    gap = top[:, :, 0] - top[:, :, 1]
    positive = top[:, :, 0] > 0
    return {"windows": int(positive.numel()), "tied": int(((gap == 0) & positive).sum()),
            "near_tied": int(((gap <= NEAR_TIE * top[:, :, 0].abs()) & positive).sum())}


def op_avgpool(node, inp, a):
    x = inp[0]
    kernel = list(a["kernel_shape"])
    nd = len(kernel)
    strides = list(a.get("strides", [1] * nd))
    if any(d != 1 for d in a.get("dilations", [1] * nd)):
        raise SystemExit("AveragePool %r: dilations are not supported" % node.name)
    pads = _spatial_pads(a, x, kernel, strides, [1] * nd)
    ceil = bool(a.get("ceil_mode", 0))
    include = bool(a.get("count_include_pad", 0))  # ONNX's default is 0, torch's True
    pool = {1: F.avg_pool1d, 2: F.avg_pool2d, 3: F.avg_pool3d}[nd]
    if _symmetric(pads) and all(pads[i] * 2 <= kernel[i] for i in range(nd)):
        return pool(x, kernel, strides, pads[:nd], ceil_mode=ceil, count_include_pad=include)
    if ceil:
        raise SystemExit("AveragePool %r: asymmetric pads with ceil_mode are not supported" % node.name)
    # asymmetric pads: window sums over the zero-padded input, divided by the window size or the real-pixel count
    padded = F.pad(x, _fpad(pads))
    sums = pool(padded, kernel, strides, 0, count_include_pad=True) * float(np.prod(kernel))
    if include:
        return sums / float(np.prod(kernel))
    ones = F.pad(x.new_ones((1, 1) + tuple(x.shape[2:])), _fpad(pads))
    counts = pool(ones, kernel, strides, 0, count_include_pad=True) * float(np.prod(kernel))
    return sums / counts


def op_batchnorm(node, inp, a):
    if a.get("training_mode", 0):
        raise SystemExit("BatchNormalization %r: training_mode=1 is not supported" % node.name)
    x, scale, bias, mean, var = inp[:5]
    return F.batch_norm(x, mean, var, scale, bias, training=False, eps=a.get("epsilon", 1e-5))


def op_clip(node, inp, a):
    lo = inp[1] if len(inp) > 1 and inp[1] is not None else a.get("min")
    hi = inp[2] if len(inp) > 2 and inp[2] is not None else a.get("max")
    lo = float(lo) if lo is not None else None
    hi = float(hi) if hi is not None else None
    return torch.clamp(inp[0], lo, hi)


def op_pad(node, inp, a):
    x = inp[0]
    if len(inp) > 1 and inp[1] is not None:
        pads = [int(p) for p in inp[1].tolist()]
    else:
        pads = list(a["pads"])
    value = 0.0
    if len(inp) > 2 and inp[2] is not None:
        value = float(inp[2].reshape(-1)[0]) if inp[2].numel() else 0.0
    elif "value" in a:
        value = float(a["value"])
    rank = x.dim()
    if len(inp) > 3 and inp[3] is not None:  # opset 18 axes
        axes = [int(v) % rank for v in inp[3].tolist()]
        full = [0] * (2 * rank)
        for k, ax in enumerate(axes):
            full[ax], full[rank + ax] = pads[k], pads[len(axes) + k]
        pads = full
    mode = _str(a.get("mode", "constant"))
    # drop leading dims without padding: reflect/replicate pad only the trailing dims in torch
    first = 0
    while first < rank and pads[first] == 0 and pads[rank + first] == 0:
        first += 1
    spatial = [p for i, p in enumerate(pads) if first <= i % rank]
    fp = _fpad(spatial)
    if mode == "constant":
        return F.pad(x, fp, value=value)
    return F.pad(x, fp, mode={"reflect": "reflect", "edge": "replicate"}[mode])


def op_concat(node, inp, a):
    return torch.cat([t for t in inp if t is not None], dim=a["axis"])


def op_flatten(node, inp, a):
    x = inp[0]
    axis = a.get("axis", 1) % (x.dim() + 1) if a.get("axis", 1) < 0 else a.get("axis", 1)
    lead = int(np.prod(x.shape[:axis])) if axis > 0 else 1
    return x.reshape(lead, -1)


def op_global_avgpool(node, inp, a):
    x = inp[0]
    return x.mean(dim=tuple(range(2, x.dim())), keepdim=True)


def op_constant(node, inp, a):
    if "value" in a:
        return torch.from_numpy(numpy_helper.to_array(a["value"]).copy())
    for key, dtype in (("value_float", torch.float32), ("value_floats", torch.float32), ("value_int", torch.int64),
                       ("value_ints", torch.int64)):
        if key in a:
            return torch.tensor(a[key], dtype=dtype)
    raise SystemExit("Constant %r: unsupported value attribute %s" % (node.name, sorted(a)))


# shape arithmetic, as exporters emit it around Pad and Reshape (integer tensors, no gradient)

def op_constant_of_shape(node, inp, a):
    value = numpy_helper.to_array(a["value"]).reshape(-1) if "value" in a else np.zeros(1, np.float32)
    return torch.full([int(d) for d in inp[0].tolist()], value[0].item(),
                      dtype=torch.from_numpy(value.copy()).dtype)


def op_slice(node, inp, a):
    x = inp[0]
    starts, ends = inp[1].tolist(), inp[2].tolist()
    axes = inp[3].tolist() if len(inp) > 3 and inp[3] is not None else list(range(len(starts)))
    steps = inp[4].tolist() if len(inp) > 4 and inp[4] is not None else [1] * len(starts)
    for start, end, axis, step in zip(starts, ends, axes, steps):
        axis %= x.dim()
        # ONNX clamps like Python's slices, negative steps included; torch cannot slice backwards, so index
        index = list(range(x.shape[axis]))[slice(int(start), int(end), int(step))]
        x = x.index_select(axis, torch.tensor(index, dtype=torch.int64))
    return x


def op_cast(node, inp, a, float_dtype=None):
    to = {1: torch.float32, 6: torch.int32, 7: torch.int64, 9: torch.bool, 10: torch.float16,
          11: torch.float64}[a["to"]]
    if to.is_floating_point and inp[0].is_floating_point():
        return inp[0]  # keep the run's precision (a float64 run must not be cast down)
    return inp[0].to(to)


def op_gather(node, inp, a):
    x, index = inp[0], inp[1].long()
    axis = a.get("axis", 0) % x.dim()
    flat = x.index_select(axis, (index % x.shape[axis]).reshape(-1))
    return flat.reshape(tuple(x.shape[:axis]) + tuple(index.shape) + tuple(x.shape[axis + 1:]))


def _axes(inp, a):
    return [int(v) for v in (inp[1].tolist() if len(inp) > 1 and inp[1] is not None else a.get("axes", []))]


def op_unsqueeze(node, inp, a):
    x = inp[0]
    rank = x.dim() + len(_axes(inp, a))
    for axis in sorted(v % rank for v in _axes(inp, a)):
        x = x.unsqueeze(axis)
    return x


def op_squeeze(node, inp, a):
    x = inp[0]
    axes = _axes(inp, a) or [i for i, d in enumerate(x.shape) if d == 1]
    for axis in sorted((v % x.dim() for v in axes), reverse=True):
        x = x.squeeze(axis)
    return x


def op_reshape(node, inp, a):
    x, shape = inp[0], [int(s) for s in inp[1].tolist()]
    shape = [x.shape[i] if s == 0 and not a.get("allowzero", 0) else s for i, s in enumerate(shape)]
    return x.reshape(shape)


OPS = {
    "Sub": lambda n, i, a: i[0] - i[1],
    "Div": lambda n, i, a: i[0] / i[1],
    "Add": lambda n, i, a: i[0] + i[1],
    "Mul": lambda n, i, a: i[0] * i[1],
    "Relu": lambda n, i, a: i[0].relu(),
    "Identity": lambda n, i, a: i[0],
    "Conv": op_conv,
    "MaxPool": op_maxpool,
    "AveragePool": op_avgpool,
    "BatchNormalization": op_batchnorm,
    "Clip": op_clip,
    "Concat": op_concat,
    "Pad": op_pad,
    "Flatten": op_flatten,
    "GlobalAveragePool": op_global_avgpool,
    "Constant": op_constant,
    "Reshape": op_reshape,
    "ConstantOfShape": op_constant_of_shape,
    "Slice": op_slice,
    "Cast": op_cast,
    "Shape": lambda n, i, a: torch.tensor(list(i[0].shape), dtype=torch.int64),
    "Gather": op_gather,
    "Unsqueeze": op_unsqueeze,
    "Squeeze": op_squeeze,
    "Transpose": lambda n, i, a: i[0].permute(*(a.get("perm") or list(reversed(range(i[0].dim()))))),
}


# ------------------------------------------------------------------------------------------------ config and case

def load_json(path):
    with open(path, encoding="utf-8-sig") as f:
        return json.load(f)


# Every field of the config reference, and what this script does with it. A field that is not here, or a value this
# script does not model, refuses the config with one line naming the field: a reference that silently ignored a
# control would judge neuralstyle4j against another algorithm.
NO_EFFECT = {
    "device": "where the run happens; the case is run on the CPU here and judged by its numbers",
    "threads": "how many threads; results differ only by rounding",
    "output": "where the image is written",
    "gram_in_graph": "where the Grams are computed, not their value",
    "snapshots": "images written during the run",
    "pictures": "pictures written beside the output",
    "max_memory_mb": "a limit: the run is planned within it or refused, its numbers do not change",
}
MODELLED = ("backbone", "content", "style", "size", "steps", "init", "seed", "optimizer", "preserve_colors",
            "tv_weight", "pooling")
REFUSED = {
    "schedule": "a coarse-to-fine schedule joins several runs by resizing the float image between stages; a case is "
                "one run at one size (judge each stage's size as its own case)",
    "stop": "a stop rule ends the run where loss comparisons decide and writes the best image; not modelled yet "
            "(a case runs its whole budget)",
    "normalize_gradients": "neural-style's per-term gradient normalisation is not modelled yet",
    "optimizer.projected_gradient": "the gradient of f after the clamp (components pushing a pixel at 0 or 1 outward "
                                    "zeroed) is not modelled yet",
    "content.mask": "spatial control is not modelled in a trajectory case; tools/reference/example_losses.py judges "
                    "masked losses at evaluation 1 (ExampleConfigsTest)",
    "tiles": "a tiled stage is one run per tile joined by feathered overlaps; TiledRunTest judges tiles against the "
             "full-frame run of the same request",
    "content.crop": "a case stores its content image as the run sees it: crop it before storing",
}
SECTION_FIELDS = {
    "content": ("image", "weight", "layers"),
    "style": ("images", "weight", "layers", "scale", "normalize"),
    "optimizer": ("name", "learning_rate", "max_iter", "max_eval", "tolerance_grad", "tolerance_change",
                  "history_size", "line_search", "beta1", "beta2", "eps", "formula", "projected_gradient"),
}
OPTIMIZER_FIELDS = {
    "lbfgs": ("name", "learning_rate", "max_iter", "max_eval", "tolerance_grad", "tolerance_change", "history_size",
              "line_search"),
    "adam": ("name", "learning_rate", "beta1", "beta2", "eps"),
}


def refuse(field, why):
    raise SystemExit("%s: config field %s: %s" % (GENERATOR, field, why))


def check_fields(cfg):
    """Refuses a config that uses a field or value this script does not model; returns the controls in use."""
    for key in cfg:
        if key in REFUSED:
            refuse(key, "not modelled: " + REFUSED[key])
        if key not in MODELLED and key not in NO_EFFECT:
            refuse(key, "unknown to this script (known: %s)" % ", ".join(sorted(MODELLED + tuple(NO_EFFECT))))
    for section, fields in SECTION_FIELDS.items():
        for key in cfg.get(section, {}):
            if "%s.%s" % (section, key) in REFUSED:
                refuse("%s.%s" % (section, key), "not modelled: " + REFUSED["%s.%s" % (section, key)])
            if key not in fields:
                refuse("%s.%s" % (section, key), "unknown to this script")
    name = cfg.get("optimizer", {}).get("name", "lbfgs")
    if name == "ncg":
        refuse("optimizer.name", "ncg is not modelled: torch.optim has no non-linear conjugate gradient, and its "
                                 "evaluations are those of Commons Math's Brent line search, which a Python copy "
                                 "would translate from our Java rather than judge")
    if name not in OPTIMIZER_FIELDS:
        refuse("optimizer.name", "%r is not lbfgs, adam or ncg" % name)
    for key in cfg.get("optimizer", {}):
        if "optimizer." + key in REFUSED:
            refuse("optimizer." + key, "not modelled: " + REFUSED["optimizer." + key])
        if key not in OPTIMIZER_FIELDS[name]:
            refuse("optimizer.%s" % key, "not a setting of %s" % name)
    init = cfg.get("init", "content")
    if not (init in ("content", "noise") or isinstance(init, dict) and set(init) == {"image"}):
        refuse("init", "%r is not content, noise or {\"image\": PATH}" % (init,))
    choices = {"preserve_colors": ("none", "luminance", "histogram"), "pooling": ("max", "avg")}
    for key, allowed in choices.items():
        if cfg.get(key, allowed[0]) not in allowed:
            refuse(key, "%r is not one of %s" % (cfg[key], ", ".join(allowed)))
    if cfg.get("style", {}).get("normalize", "none") not in ("none", "gatys"):
        refuse("style.normalize", "%r is not none or gatys" % cfg["style"]["normalize"])
    used = ["optimizer " + name]
    if isinstance(init, dict) or init != "content":
        used.append("init " + ("image" if isinstance(init, dict) else init))
    for key in ("preserve_colors", "pooling"):
        if cfg.get(key, choices[key][0]) != choices[key][0]:
            used.append("%s %s" % (key, cfg[key]))
    if float(cfg.get("tv_weight", 0)) != 0:
        used.append("tv_weight")
    style = cfg["style"]
    if style.get("normalize", "none") != "none":
        used.append("style.normalize " + style["normalize"])
    if style.get("scale") is not None:
        used.append("style.scale")
    if cfg["content"].get("image") == "none" or any(isinstance(i, dict) and "mask" in i for i in style["images"]):
        refuse("content.image none / style.images[].mask", "texture synthesis and style masks are not modelled in a "
               "trajectory case; tools/reference/example_losses.py judges them at evaluation 1 (ExampleConfigsTest)")
    if len(style["images"]) > 1:
        used.append("style blend")
    return used


def run_size(cfg):
    size = cfg.get("size", {"cpu": 128, "cuda": 512})
    if isinstance(size, int):
        return size
    device = cfg.get("device", "cpu")
    return size.get("cuda", 512) if str(device).startswith("cuda") else size.get("cpu", 128)


def lbfgs_settings(o):
    max_iter = o.get("max_iter", 20)
    line_search = o.get("line_search", "none")
    if line_search not in ("none", "strong_wolfe"):
        refuse("optimizer.line_search", "%r is not none or strong_wolfe" % line_search)
    return dict(lr=o.get("learning_rate", 1), max_iter=max_iter, max_eval=o.get("max_eval", max_iter * 5 // 4),
                tolerance_grad=o.get("tolerance_grad", 1e-7), tolerance_change=o.get("tolerance_change", 1e-9),
                history_size=o.get("history_size", 100),
                line_search_fn=None if line_search == "none" else line_search)


def adam_settings(o):
    # the config reference's defaults: torch's betas and eps, learning rate 0.02 (torch's 1e-3 hardly moves an image)
    return dict(lr=o.get("learning_rate", 0.02), betas=(o.get("beta1", 0.9), o.get("beta2", 0.999)),
                eps=o.get("eps", 1e-8))


def find_backbone(spec, case_dir):
    candidates = [spec] if os.path.isabs(spec) else [os.path.join(case_dir, spec), spec, os.path.join(PROJECT, spec)]
    for c in candidates:
        if os.path.isfile(os.path.join(c, "backbone.json")):
            return os.path.abspath(c)
    raise SystemExit("backbone %r not found (tried %s); generate it first, e.g. tools/neuralstyle backbone "
                     "generate --preset vgg16 --seed 16 DIR, or pass --backbone DIR" % (spec, ", ".join(candidates)))


def layer_tensors(manifest):
    tensors = {}
    for layer in manifest["layers"]:
        tensors[layer["name"]] = layer["tensor"]
        for alias in layer.get("aliases") or []:
            tensors[alias] = layer["tensor"]
    return tensors


def read_image(path):
    """torchvision's ToTensor of PIL's convert('RGB'), in float64 (exact: bytes / 255)."""
    import torchvision.transforms as T
    from PIL import Image
    with Image.open(path) as im:
        return T.ToTensor()(im.convert("RGB")).unsqueeze(0).double()


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def style_entries(cfg):
    """(path, weight) of each style image: a string or {"image": ..., "weight": ...}."""
    out = []
    for k, e in enumerate(cfg["style"]["images"]):
        if isinstance(e, str):
            out.append((e, 1.0))
        elif isinstance(e, dict) and "image" in e and set(e) <= {"image", "weight"}:
            out.append((e["image"], float(e.get("weight", 1))))
        else:
            refuse("style.images[%d]" % k, "expected a path or {\"image\": PATH, \"weight\": W}")
    return out


def style_size(width, height, scale):
    """The style image's size: the content's, or with style.scale its shorter side scale x the content's (rounded
    half up), the longer int(shorter * long / short) as torchvision's Resize makes it."""
    if scale is None:
        return width, height
    shorter = int(math.floor(float(scale) * min(width, height) + 0.5))
    if width <= height:
        return shorter, int(shorter * height / width)
    return int(shorter * width / height), shorter


# ------------------------------------------------------------------------------------------------ the controls
# Each written from its paper or the config reference, with PyTorch ops, in float64 (the runs cast the results).

RGB_TO_YIQ = torch.tensor([[0.299, 0.587, 0.114], [0.595716, -0.274453, -0.321263],
                           [0.211456, -0.522591, 0.311135]], dtype=torch.float64)  # BT.601 Y, FCC NTSC I and Q


def to_yiq(x):
    return torch.einsum("ij,njhw->nihw", RGB_TO_YIQ, x)


def grey(x):
    """Gatys et al. 2017 §5.1: the network sees the luminance only, Y in all three channels."""
    return to_yiq(x)[:, :1].expand(-1, 3, -1, -1).clone()


def match_luminance(grey_style, grey_content):
    """The style's Y shifted and scaled to the content's Y mean and (population) standard deviation (§5.1)."""
    s, c = grey_style[:, 0], grey_content[:, 0]
    s_std = s.std(unbiased=False)
    gain = c.std(unbiased=False) / s_std if s_std > 0 else 1.0
    return (grey_style - s.mean()) * gain + c.mean()


def recombine(optimised, content):
    """The written image of a luminance run: the result's Y with the content's I and Q, back through the exact
    inverse of the YIQ matrix."""
    yiq = to_yiq(content)
    yiq[:, 0] = to_yiq(optimised)[:, 0]
    return torch.einsum("ij,njhw->nihw", torch.linalg.inv(RGB_TO_YIQ), yiq)


def match_histogram(style, content):
    """Gatys et al. 2017 §5.2, Cholesky variant: style pixels x become A(x - mu_s) + mu_c with A = L_c L_s^-1, so
    the style's RGB mean and (population) covariance become the content's; a singular covariance gets a 1e-5 ridge."""
    def moments(x):
        p = x[0].reshape(3, -1)
        mu = p.mean(dim=1, keepdim=True)
        d = p - mu
        return mu, d @ d.t() / p.shape[1]

    def cholesky(cov):
        try:
            return torch.linalg.cholesky(cov)
        except RuntimeError:
            return torch.linalg.cholesky(cov + 1e-5 * torch.eye(3, dtype=cov.dtype))

    mu_s, cov_s = moments(style)
    mu_c, cov_c = moments(content)
    a = cholesky(cov_c) @ torch.linalg.inv(cholesky(cov_s))
    p = style[0].reshape(3, -1)
    return (a @ (p - mu_s) + mu_c).reshape(style.shape)


def java_random_floats(seed, count):
    """java.util.Random(seed).nextFloat() `count` times, as the Java SE specification defines the generator (a
    48-bit linear congruential generator; nextFloat = next(24) / 2^24): the noise start, drawn in CHW order."""
    mask = (1 << 48) - 1
    state = (seed ^ 0x5DEECE66D) & mask
    out = np.empty(count, dtype=np.float64)
    for i in range(count):
        state = (state * 0x5DEECE66D + 0xB) & mask
        out[i] = (state >> 24) / float(1 << 24)
    return out


def total_variation(x):
    """The config reference's TV: squared differences of horizontal and vertical neighbours, summed over the
    channels, divided by 3*H*W (Mahendran & Vedaldi's beta = 2)."""
    _, c, h, w = x.shape
    return (((x[:, :, :, 1:] - x[:, :, :, :-1]) ** 2).sum() + ((x[:, :, 1:, :] - x[:, :, :-1, :]) ** 2).sum()) \
        / (c * h * w)


def prepare_images(cfg, case_dir, content):
    """What the network sees: (content, [(style, blend weight)], start image) in float64, and a function from the
    optimised image to the written one."""
    _, _, h, w = content.shape
    mode = cfg.get("preserve_colors", "none")
    entries = style_entries(cfg)
    total = sum(weight for _, weight in entries)
    styles = []
    want = style_size(w, h, cfg["style"].get("scale"))
    for path, weight in entries:
        s = read_image(os.path.join(case_dir, path))
        if (s.shape[3], s.shape[2]) != want:
            raise SystemExit("style image %s is %dx%d, not %dx%d (the content's size, or style.scale's): store it "
                             "at that size (use --case-from-config)" % (path, s.shape[3], s.shape[2], *want))
        if mode == "histogram":
            s = match_histogram(s, content)
        elif mode == "luminance":
            s = match_luminance(grey(s), grey(content))
        styles.append((s, weight / total))
    net_content = grey(content) if mode == "luminance" else content
    init = cfg.get("init", "content")
    if init == "content":
        start = net_content
    elif init == "noise":
        start = torch.from_numpy(java_random_floats(int(cfg.get("seed", 0)), 3 * h * w)).reshape(1, 3, h, w)
    else:
        start = read_image(os.path.join(case_dir, init["image"]))
        if start.shape != content.shape:
            raise SystemExit("init image %s is %dx%d, not the content's %dx%d (use --case-from-config --init)"
                             % (init["image"], start.shape[3], start.shape[2], w, h))
        if mode == "luminance":
            start = grey(start)
    to_output = (lambda x: recombine(x.double(), content)) if mode == "luminance" else (lambda x: x.double())
    return net_content, styles, start, to_output


# ------------------------------------------------------------------------------------------------ the run

def gram_matrix(x):
    a, b, c, d = x.size()
    features = x.view(a * b, c * d)
    return torch.mm(features, features.t()).div(a * b * c * d)


ROUNDING = 2.0 ** -23  # float32's relative rounding step near 1 (one unit in the last place)


def style_run(net, cfg, images, tensors, dtype, perturbation=None):
    """The tutorial's run_style_transfer with the config's controls; returns losses, dL/dx at the first evaluation
    and the written image (float64, unclamped in luminance mode as neuralstyle4j's, clamped otherwise).

    perturbation: a seed; the start image and, at every evaluation, the loss and each gradient element are
    multiplied by (1 + 2^-23 u), u uniform in [-1, 1]: rounding-sized changes, as another float32 implementation's
    summation orders make them at every evaluation, to show how far the algorithm carries them."""
    net_content, styles, start, to_output = images
    content = net_content.to(dtype)
    c_layers = [(tensors[k], float(v)) for k, v in cfg["content"]["layers"].items()]
    s_layers = [(tensors[k], float(v)) for k, v in cfg["style"]["layers"].items()]
    c_weight = float(cfg["content"].get("weight", 1))
    s_weight = float(cfg["style"].get("weight", 1e6))
    tv_weight = float(cfg.get("tv_weight", 0))
    gatys = cfg["style"].get("normalize", "none") == "gatys"
    wanted = list(dict.fromkeys([t for t, _ in c_layers] + [t for t, _ in s_layers]))

    with torch.no_grad():
        c_targets = [net(content, wanted)[t].detach() for t, _ in c_layers]
        s_targets = None
        for s, blend in styles:
            f = net(s.to(dtype), wanted)
            g = [blend * gram_matrix(f[t]) for t, _ in s_layers]  # Gatys et al.'s blend: sum_i w_i G_i, sum w = 1
            s_targets = g if s_targets is None else [x + y for x, y in zip(s_targets, g)]

    x0 = start.to(dtype)
    gen = torch.Generator().manual_seed(perturbation) if perturbation is not None else None

    def jitter(shape):
        return (1 + (torch.rand(shape, generator=gen, dtype=torch.float64) * 2 - 1) * ROUNDING).to(dtype)

    if gen is not None:
        x0 = (x0.double() * jitter(x0.shape).double()).to(dtype)
    x = x0.clone().requires_grad_(True)
    o = dict(cfg.get("optimizer", {}))
    name = o.get("name", "lbfgs")
    optimizer = torch.optim.LBFGS([x], **lbfgs_settings(o)) if name == "lbfgs" \
        else torch.optim.Adam([x], **adam_settings(o))
    run = [0]
    losses = []
    first_gradient = []
    steps = int(cfg.get("steps", 300))

    def closure():
        with torch.no_grad():
            x.clamp_(0, 1)
        optimizer.zero_grad()
        f = net(x, wanted)
        style_score = 0
        content_score = 0
        for (t, w), target in zip(s_layers, s_targets):
            layer = w * F.mse_loss(gram_matrix(f[t]), target)
            if gatys:  # Gatys et al. 2016 eq. 4: 1/(4 N^2 M^2) instead of the tutorial's 1/(N^4 M^2)
                layer = layer * f[t].shape[1] ** 2 / 4
            style_score = style_score + layer
        for (t, w), target in zip(c_layers, c_targets):
            content_score = content_score + w * F.mse_loss(f[t], target)
        style_score = style_score * s_weight
        content_score = content_score * c_weight
        tv_score = tv_weight * total_variation(x) if tv_weight else torch.zeros((), dtype=dtype)
        loss = style_score + content_score + tv_score
        loss.backward()
        run[0] += 1
        losses.append({"evaluation": run[0], "style": float(style_score), "content": float(content_score),
                       "tv": float(tv_score), "total": float(loss)})
        if gen is not None:  # what the optimiser sees; the losses above are the run's own
            with torch.no_grad():
                x.grad.mul_(jitter(x.grad.shape))
                loss = loss.detach() * jitter(())
        if run[0] == 1:
            first_gradient.append(x.grad.detach().clone())
        return loss

    if name == "lbfgs":
        while run[0] <= steps:  # the tutorial's loop: a step is started while at most num_steps evaluations ran
            optimizer.step(closure)
    else:
        for _ in range(steps):  # torch.optim.Adam: one evaluation per step
            optimizer.step(closure)
    with torch.no_grad():
        x.clamp_(0, 1)
    return losses, first_gradient[0], to_output(x.detach())


def to_bytes(x):
    """round(clamp(x)*255) of a [1,3,H,W] image, as an HxWx3 uint8 array."""
    return (x[0].double().clamp(0, 1) * 255).round().to(dtype=torch.uint8).permute(1, 2, 0).numpy()


def psnr(a, b):
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return float("inf") if mse == 0 else 10 * math.log10(255.0 ** 2 / mse)


def distance_ratio(image, reference, content):
    """|image - reference| / |content - reference| over the 8-bit values: how far a result lies from the float64
    result, as a fraction of how far doing nothing (writing the content image) lies from it."""
    d = np.linalg.norm(image.astype(np.float64) - reference.astype(np.float64))
    return float(d / np.linalg.norm(content.astype(np.float64) - reference.astype(np.float64)))


def loss_errors(ref_losses, other_losses):
    """Per evaluation: max(|d style|, |d content|, |d tv|, |d total|) / |total_ref|."""
    return [max(abs(r[k] - o.get(k, 0.0)) for k in ("style", "content", "tv", "total")) / abs(r["total"])
            for r, o in zip(ref_losses, other_losses)]


def compare_runs(ref_losses, other_losses, ref_grad, other_grad, ref_final, other_final):
    """How far `other` lies from `ref`, in the measures the Java regression test uses."""
    a = ref_grad.double().reshape(-1)
    b = other_grad.double().reshape(-1)
    cosine = float((a @ b) / (a.norm() * b.norm()))
    rel_l2 = float((b - a).norm() / a.norm())
    errors = loss_errors(ref_losses, other_losses)
    agree = 0
    for e in errors:
        if e > 1e-3:
            break
        agree += 1
    return {"gradient_cosine": cosine, "gradient_rel_l2": rel_l2,
            "loss_rel_max_first_%d" % LOSS_EVALUATIONS: max(errors[:LOSS_EVALUATIONS]),
            "loss_evaluations_within_1e-3": agree,
            "final_psnr": finite(psnr(to_bytes(ref_final), to_bytes(other_final)))}


def finite(v):
    """JSON has no infinity: identical images (PSNR +inf) are written as null."""
    return None if math.isinf(v) else v


FLOOR_PERTURBATIONS = (1, 2)  # the perturbed float32 runs, besides the plain one, that measure the float32 floor


def make_reference(case_dir, backbone_override, threads, with_float64):
    from PIL import Image
    torch.set_num_threads(threads)
    case_dir = os.path.abspath(case_dir)
    cfg = load_json(os.path.join(case_dir, "config.json"))
    controls = check_fields(cfg)
    backbone = backbone_override or find_backbone(cfg.get("backbone", "onnx/vgg19-random"), case_dir)
    manifest = load_json(os.path.join(backbone, "backbone.json"))
    onnx_file = os.path.join(backbone, manifest.get("model", "features.onnx"))
    tensors = layer_tensors(manifest)
    for section in ("content", "style"):
        for layer in cfg[section]["layers"]:
            if layer not in tensors:
                raise SystemExit("config %s layer %r is not in %s" % (section, layer, backbone))

    content = read_image(os.path.join(case_dir, cfg["content"]["image"]))
    _, _, h, w = content.shape
    if min(h, w) != run_size(cfg):
        raise SystemExit("the content image is %dx%d, but the config's size is %d: images must be stored at the run "
                         "size (use --case-from-config)" % (w, h, run_size(cfg)))
    images = prepare_images(cfg, case_dir, content)
    content_bytes = to_bytes(content)

    model = onnx.load(onnx_file)
    pooling = cfg.get("pooling", "max")
    input_name = manifest.get("input", "image")
    net32 = OnnxModule(model, input_name, torch.float32, pooling)
    losses, gradient, final = style_run(net32, cfg, images, tensors, torch.float32)
    reference = {
        "generator": GENERATOR,
        "torch_version": torch.__version__,
        "torch_threads": threads,
        "backbone": manifest.get("name"),
        "backbone_sha256": sha256(onnx_file),
        "controls": controls,
        "width": w,
        "height": h,
    }
    if not with_float64:
        # format 1: the float32 run is the reference (its files depend on how this machine rounds)
        gradient.contiguous().numpy().astype("<f4").tofile(os.path.join(case_dir, "gradient.f32"))
        Image.fromarray(to_bytes(final), "RGB").save(os.path.join(case_dir, "final.png"), optimize=True)
        reference.update({"format": 1, "precision": "float32", "evaluations": len(losses), "losses": losses,
                          "gradient": {"file": "gradient.f32", "shape": [1, 3, h, w]}, "final_image": "final.png"})
        write_reference(case_dir, reference)
        print("%s: %dx%d, %s, %d evaluations (float32 only)" % (case_dir, w, h, ", ".join(controls), len(losses)))
        return

    # format 2: the float64 run is the reference; float32 runs (as configured, and from starts changed by a
    # rounding-sized amount) measure the float32 floor that neuralstyle4j's bounds are multiples of
    net64 = OnnxModule(model, input_name, torch.float64, pooling)
    net64.tie_probe = [] if pooling == "max" else None  # average pools have no ties to count
    with torch.no_grad():
        net64(images[2], list(dict.fromkeys(tensors[k] for k in list(cfg["content"]["layers"])
                                            + list(cfg["style"]["layers"]))))
    probe, net64.tie_probe = net64.tie_probe or [], None
    losses64, gradient64, final64 = style_run(net64, cfg, images, tensors, torch.float64)
    gradient64.contiguous().numpy().astype("<f4").tofile(os.path.join(case_dir, "gradient64.f32"))
    final64_bytes = to_bytes(final64)
    Image.fromarray(final64_bytes, "RGB").save(os.path.join(case_dir, "final64.png"), optimize=True)
    runs = [dict(start="as configured", evaluations=len(losses), losses=losses,
                 final_distance_ratio=distance_ratio(to_bytes(final), final64_bytes, content_bytes),
                 **compare_runs(losses64, losses, gradient64, gradient, final64, final))]
    for seed in FLOOR_PERTURBATIONS:
        lp, _, fp = style_run(net32, cfg, images, tensors, torch.float32, perturbation=seed)
        runs.append({"start": "x0, each loss and each gradient element * (1 + 2^-23 u), u uniform in [-1, 1] "
                              "from torch seed %d" % seed,
                     "evaluations": len(lp), "losses": lp,
                     "final_distance_ratio": distance_ratio(to_bytes(fp), final64_bytes, content_bytes),
                     "loss_rel_max_first_%d" % LOSS_EVALUATIONS:
                         max(loss_errors(losses64, lp)[:LOSS_EVALUATIONS])})
    reference.update({
        "format": 2,
        "precision": "float64",
        "evaluations": len(losses64),
        "losses": losses64,
        "gradient": {"file": "gradient64.f32", "shape": [1, 3, h, w], "stored_as": "float32"},
        "final_image": "final64.png",
        "content_rms_distance": float(np.sqrt(np.mean(
            (content_bytes.astype(np.float64) - final64_bytes.astype(np.float64)) ** 2))),
        "ties": {
            "note": "max-pool windows at the start point (float64) whose positive maximum is shared exactly (tied) "
                    "or to %g relative (near_tied): where float32 rounding may route the gradient elsewhere"
                    % NEAR_TIE,
            "windows": sum(c["windows"] for _, c in probe), "tied": sum(c["tied"] for _, c in probe),
            "near_tied": sum(c["near_tied"] for _, c in probe),
            "per_pool": [dict(pool=name, **c) for name, c in probe]},
        "float32_floor": {
            "note": "PyTorch's float32 runs against the float64 run: what float32 rounding alone does to this "
                    "algorithm; neuralstyle4j's bounds are multiples of the worst of them",
            "runs": runs},
    })
    write_reference(case_dir, reference)
    print("%s: %dx%d, %s, %d evaluations, first loss %.8g, last %.8g" % (
        case_dir, w, h, ", ".join(controls), len(losses64), losses64[0]["total"], losses64[-1]["total"]))
    print("  ties at x0: %d of %d windows tied, %d near-tied; float32 gradient rel L2 %.2e" % (
        reference["ties"]["tied"], reference["ties"]["windows"], reference["ties"]["near_tied"],
        runs[0]["gradient_rel_l2"]))
    print("  float32 floor: evaluations %s; final distance ratio %s; worst loss error over 1-%d %s" % (
        ", ".join(str(r["evaluations"]) for r in runs),
        ", ".join("%.3g" % r["final_distance_ratio"] for r in runs), LOSS_EVALUATIONS,
        ", ".join("%.2g" % r["loss_rel_max_first_%d" % LOSS_EVALUATIONS] for r in runs)))


def write_reference(case_dir, reference):
    """reference.json, one evaluation's losses to a line."""
    text = json.dumps(reference, indent=1)
    text = re.sub(r'\{\n\s*"evaluation": ([^{}]*?)\n\s*\}',
                  lambda m: "{\"evaluation\": " + " ".join(m.group(1).split()) + "}", text)
    with open(os.path.join(case_dir, "reference.json"), "w", encoding="utf-8") as f:
        f.write(text + "\n")


def dither(im, amplitude, seed):
    """Adds seeded integer noise in [-amplitude, amplitude] to every byte (reflected at 0 and 255) so that no two
    neighbouring windows of the network see equal values: max-pool windows then hold no ties, whose gradient route
    would depend on how a machine rounds."""
    from PIL import Image
    if amplitude <= 0:
        return im
    a = np.asarray(im, dtype=np.int64)
    noise = np.random.RandomState(seed).randint(-amplitude, amplitude + 1, size=a.shape)
    b = a + noise
    b = np.where((b < 0) | (b > 255), a - noise, b)
    return Image.fromarray(b.astype(np.uint8), "RGB")


def case_from_config(config, content, styles, size, out, backbone, steps, init_image=None, amplitude=0):
    import torchvision.transforms as T
    from PIL import Image
    cfg = load_json(config)
    os.makedirs(out, exist_ok=True)
    with Image.open(content) as im:
        c = dither(T.Resize(size)(im.convert("RGB")), amplitude, 0)
    c.save(os.path.join(out, "content.png"), optimize=True)
    old = cfg["style"].get("images", [])
    names = []
    sw, sh = style_size(c.width, c.height, cfg["style"].get("scale"))
    for k, path in enumerate(styles):
        with Image.open(path) as im:
            s = dither(T.Resize((sh, sw))(im.convert("RGB")), amplitude, k + 1)
        name = "style.png" if k == 0 else "style_%d.png" % (k + 1)
        s.save(os.path.join(out, name), optimize=True)
        weight = old[k].get("weight") if k < len(old) and isinstance(old[k], dict) else None
        names.append(name if weight is None else {"image": name, "weight": weight})
    cfg["content"]["image"] = "content.png"
    cfg["style"]["images"] = names
    if init_image:
        with Image.open(init_image) as im:
            dither(T.Resize((c.height, c.width))(im.convert("RGB")), amplitude, 99).save(
                os.path.join(out, "init.png"), optimize=True)
        cfg["init"] = {"image": "init.png"}
    cfg["size"] = size
    if steps is not None:
        cfg["steps"] = steps
    cfg["device"] = "cpu"
    for key in ("output", "snapshots", "pictures"):
        cfg.pop(key, None)
    if backbone:
        cfg["backbone"] = backbone
    with open(os.path.join(out, "config.json"), "w", encoding="utf-8") as f:
        json.dump(cfg, f, indent=2)
        f.write("\n")
    print("%s: content %dx%d, %d style image(s)%s" % (out, c.width, c.height, len(names),
                                                      ", dither +-%d" % amplitude if amplitude else ""))


# float64 values and gradients, interpreter against module: different summation orders leave ~1e-12 (measured
# 1.3e-12); 1e-11 passes that and no real difference
SELF_TEST_BOUND = 1e-11


def self_test_controls():
    """The controls against answers worked out by hand or by definition (the Java SE specification's generator)."""
    # new java.util.Random(0).nextFloat(), three times: next(24) / 2^24 of the first three 48-bit LCG states
    assert np.allclose(java_random_floats(0, 3), [0.730967760086, 0.831440985203, 0.240536391735], atol=1e-9)
    # TV of a 2x2 image, each channel [[0, 1], [2, 4]]: (1 + 4) + (4 + 9) per channel, over 3*2*2
    x = torch.tensor([[0.0, 1.0], [2.0, 4.0]], dtype=torch.float64).expand(1, 3, 2, 2)
    assert abs(float(total_variation(x)) - 3 * 18 / 12) < 1e-12
    gen = torch.Generator().manual_seed(0)
    content = torch.rand(1, 3, 5, 7, generator=gen, dtype=torch.float64)
    style = torch.rand(1, 3, 6, 4, generator=gen, dtype=torch.float64) * torch.tensor([1, 0.5, 0.2]).view(1, 3, 1, 1)
    # histogram matching: the style's mean and covariance become the content's
    matched = match_histogram(style, content)
    for a, b in ((matched, content),):
        pa, pb = a[0].reshape(3, -1), b[0].reshape(3, -1)
        assert torch.allclose(pa.mean(1), pb.mean(1), atol=1e-12)
        ca, cb = (p - p.mean(1, keepdim=True) for p in (pa, pb))
        assert torch.allclose(ca @ ca.t() / ca.shape[1], cb @ cb.t() / cb.shape[1], atol=1e-12)
    # luminance: the content recombined with its own Y is itself; a matched style has the content's Y moments
    assert torch.allclose(recombine(grey(content), content), content, atol=1e-12)
    y = match_luminance(grey(style), grey(content))[:, 0]
    assert abs(float(y.mean() - grey(content)[:, 0].mean())) < 1e-12
    assert abs(float(y.std(unbiased=False) - grey(content)[:, 0].std(unbiased=False))) < 1e-12
    print("self-test: controls (Java's Random, TV, histogram and luminance matching, YIQ round trip) as defined")


def self_test():
    """Checks the ONNX interpreter against PyTorch itself: a small network using every supported operator is
    exported with torch.onnx.export, interpreted, and compared with the module in float64, values and gradients."""
    import tempfile
    import torch.nn as nn
    torch.manual_seed(0)

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.mean = nn.Parameter(torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1), requires_grad=False)
            self.std = nn.Parameter(torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1), requires_grad=False)
            self.stem = nn.Conv2d(3, 8, 7, stride=2, padding=3, bias=False)
            self.a = nn.Conv2d(8, 8, 3, padding=1)
            self.b = nn.Conv2d(8, 8, 3, padding=2, dilation=2, groups=2)
            self.bn = nn.BatchNorm2d(8)
            self.bn.running_mean.uniform_(-0.5, 0.5)
            self.bn.running_var.uniform_(0.5, 2)
            self.bn.weight.data.uniform_(0.5, 1.5)
            self.bn.bias.data.uniform_(-0.2, 0.2)

        def forward(self, x):
            x = (x - self.mean) / self.std
            stem = F.relu(self.stem(x))
            pool = F.max_pool2d(stem, 3, 2, 1)
            res = F.relu(self.bn(pool + self.b(F.relu(self.a(pool)))))
            clip = torch.clamp(res, 0, 6)
            cat = torch.cat([clip, F.avg_pool2d(clip, 3, 1, 1, count_include_pad=False)], 1)
            pad = F.pad(cat, (0, 1, 1, 0))
            ceil = F.max_pool2d(pad, 2, 2, ceil_mode=True)
            avg = F.avg_pool2d(ceil, 2, 2)
            flat = torch.flatten(F.adaptive_avg_pool2d(ceil, 1), 1)
            return stem, pool, res, cat, ceil, avg, flat

    names = ["stem", "pool", "res", "cat", "ceil", "avg", "flat"]
    net = Net().eval()
    x = torch.rand(1, 3, 37, 29)
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the exporter's notes on constant folding
        path = os.path.join(tmp, "net.onnx")
        torch.onnx.export(net, x, path, input_names=["image"], output_names=names, opset_version=13,
                          dynamic_axes={"image": {2: "h", 3: "w"}})
        model = onnx.load(path)
    ops = sorted({n.op_type for n in model.graph.node})
    interp = OnnxModule(model, "image", torch.float64)
    net = net.double()
    worst = 0.0
    for h, w in ((37, 29), (32, 45)):
        xa = torch.rand(1, 3, h, w, dtype=torch.float64, requires_grad=True)
        xb = xa.detach().clone().requires_grad_(True)
        ours = interp(xa, names)
        theirs = dict(zip(names, net(xb)))
        weights = {k: torch.randn_like(v) for k, v in theirs.items()}
        for k in names:
            assert ours[k].shape == theirs[k].shape, (k, ours[k].shape, theirs[k].shape)
            worst = max(worst, float((ours[k] - theirs[k]).abs().max()))
        sum(float(1) * (ours[k] * weights[k]).sum() for k in names).backward()
        sum((theirs[k] * weights[k]).sum() for k in names).backward()
        worst = max(worst, float((xa.grad - xb.grad).abs().max() / xb.grad.abs().max()))
    print("self-test: operators %s; worst difference %.2e (bound %g)" % (", ".join(ops), worst, SELF_TEST_BOUND))
    if worst > SELF_TEST_BOUND:
        raise SystemExit("self-test FAILED")
    self_test_controls()


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("case", nargs="?", help="case folder to write the reference into")
    p.add_argument("--backbone", help="backbone folder (overrides the config's); with --case-from-config, the "
                                      "backbone path to write into the config")
    p.add_argument("--threads", type=int, default=1, help="torch threads (default 1: reproducible sums)")
    p.add_argument("--no-float64", action="store_true", help="skip the float64 comparison run")
    p.add_argument("--case-from-config", metavar="CONFIG", help="create a case folder from a config and images")
    p.add_argument("--content", metavar="IMG")
    p.add_argument("--style", metavar="IMG", action="append")
    p.add_argument("--size", type=int, metavar="PX")
    p.add_argument("--steps", type=int, metavar="N", help="with --case-from-config: replaces the config's steps")
    p.add_argument("--out", metavar="CASEDIR")
    p.add_argument("--init", metavar="IMG", help="with --case-from-config: a start image, written as init.png")
    p.add_argument("--dither", type=int, default=0, metavar="LEVELS",
                   help="with --case-from-config: add seeded noise of +-LEVELS to every image, so that max-pool "
                        "windows hold no ties (default 0)")
    p.add_argument("--self-test", action="store_true", help="check the ONNX interpreter against PyTorch modules")
    a = p.parse_args(argv)
    if a.self_test:
        self_test()
    elif a.case_from_config:
        if not (a.content and a.style and a.size and a.out):
            p.error("--case-from-config needs --content, --style, --size and --out")
        case_from_config(a.case_from_config, a.content, a.style, a.size, a.out, a.backbone, a.steps, a.init,
                         a.dither)
    elif a.case:
        make_reference(a.case, os.path.abspath(a.backbone) if a.backbone else None, a.threads, not a.no_float64)
    else:
        p.error("give a case folder, or --case-from-config")


if __name__ == "__main__":
    main(sys.argv[1:])
