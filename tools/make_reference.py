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
import sys

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

    def __init__(self, model, input_name, dtype):
        graph = model.graph
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


def run_size(cfg):
    size = cfg.get("size", {"cpu": 128, "cuda": 512})
    if isinstance(size, int):
        return size
    device = cfg.get("device", "cpu")
    return size.get("cuda", 512) if str(device).startswith("cuda") else size.get("cpu", 128)


def optimizer_settings(cfg):
    o = dict(cfg.get("optimizer", {}))
    if o.get("name", "lbfgs") != "lbfgs":
        raise SystemExit("optimizer %r: only lbfgs is supported" % o.get("name"))
    max_iter = o.get("max_iter", 20)
    line_search = o.get("line_search", "none")
    if line_search not in ("none", "strong_wolfe"):
        raise SystemExit("optimizer.line_search %r: expected none or strong_wolfe" % line_search)
    return dict(lr=o.get("learning_rate", 1), max_iter=max_iter, max_eval=o.get("max_eval", max_iter * 5 // 4),
                tolerance_grad=o.get("tolerance_grad", 1e-7), tolerance_change=o.get("tolerance_change", 1e-9),
                history_size=o.get("history_size", 100),
                line_search_fn=None if line_search == "none" else line_search)


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
    import torchvision.transforms as T
    from PIL import Image
    with Image.open(path) as im:
        return T.ToTensor()(im.convert("RGB")).unsqueeze(0)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ------------------------------------------------------------------------------------------------ the seed

def gram_matrix(x):
    a, b, c, d = x.size()
    features = x.view(a * b, c * d)
    return torch.mm(features, features.t()).div(a * b * c * d)


def seed_run(net, cfg, content, styles, tensors, dtype):
    """The tutorial's run_style_transfer on `net`; returns losses, dL/dx at x0 and the final clamped image."""
    content = content.to(dtype)
    styles = [s.to(dtype) for s in styles]
    c_layers = [(tensors[k], float(w)) for k, w in cfg["content"]["layers"].items()]
    s_layers = [(tensors[k], float(w)) for k, w in cfg["style"]["layers"].items()]
    c_weight = float(cfg["content"].get("weight", 1))
    s_weight = float(cfg["style"].get("weight", 1e6))
    wanted = list(dict.fromkeys([t for t, _ in c_layers] + [t for t, _ in s_layers]))

    with torch.no_grad():
        c_targets = [net(content, wanted)[t].detach() for t, _ in c_layers]
        grams = None
        for s in styles:
            f = net(s, wanted)
            g = [gram_matrix(f[t]) for t, _ in s_layers]
            grams = g if grams is None else [x + y for x, y in zip(grams, g)]
        s_targets = [(g / len(styles)).detach() for g in grams]

    x = content.clone().requires_grad_(True)
    settings = optimizer_settings(cfg)
    optimizer = torch.optim.LBFGS([x], **settings)
    run = [0]
    losses = []
    first_gradient = []
    steps = int(cfg.get("steps", 300))
    while run[0] <= steps:
        def closure():
            with torch.no_grad():
                x.clamp_(0, 1)
            optimizer.zero_grad()
            f = net(x, wanted)
            style_score = 0
            content_score = 0
            for (t, w), target in zip(s_layers, s_targets):
                style_score = style_score + w * F.mse_loss(gram_matrix(f[t]), target)
            for (t, w), target in zip(c_layers, c_targets):
                content_score = content_score + w * F.mse_loss(f[t], target)
            style_score = style_score * s_weight
            content_score = content_score * c_weight
            loss = style_score + content_score
            loss.backward()
            run[0] += 1
            losses.append({"evaluation": run[0], "style": float(style_score), "content": float(content_score),
                           "total": float(loss)})
            if run[0] == 1:
                first_gradient.append(x.grad.detach().clone())
            return loss
        optimizer.step(closure)
    with torch.no_grad():
        x.clamp_(0, 1)
    return losses, first_gradient[0], x.detach()


def to_bytes(x):
    """round(x*255) of a clamped [1,3,H,W] image, as an HxWx3 uint8 array."""
    return (x[0].double() * 255).round().clamp(0, 255).to(dtype=torch.uint8).permute(1, 2, 0).numpy()


def psnr(a, b):
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return float("inf") if mse == 0 else 10 * math.log10(255.0 ** 2 / mse)


def compare_runs(ref_losses, other_losses, ref_grad, other_grad, ref_final, other_final):
    """How far `other` lies from `ref`, in the measures the Java regression test uses."""
    a = ref_grad.double().reshape(-1)
    b = other_grad.double().reshape(-1)
    cosine = float((a @ b) / (a.norm() * b.norm()))
    rel_l2 = float((b - a).norm() / a.norm())
    errors = []
    for r, o in zip(ref_losses, other_losses):
        diff = max(abs(r[k] - o[k]) for k in ("style", "content", "total"))
        errors.append(diff / abs(r["total"]))
    agree = 0
    for e in errors:
        if e > 1e-3:
            break
        agree += 1
    return {"gradient_cosine": cosine, "gradient_rel_l2": rel_l2,
            "loss_rel_max_first_%d" % LOSS_EVALUATIONS: max(errors[:LOSS_EVALUATIONS]),
            "loss_evaluations_within_1e-3": agree,
            "final_psnr": psnr(to_bytes(ref_final), to_bytes(other_final))}


def make_reference(case_dir, backbone_override, threads, with_float64):
    from PIL import Image
    torch.set_num_threads(threads)
    case_dir = os.path.abspath(case_dir)
    cfg = load_json(os.path.join(case_dir, "config.json"))
    if cfg.get("init", "content") != "content":
        raise SystemExit("init %r: only content is supported" % cfg.get("init"))
    backbone = backbone_override or find_backbone(cfg.get("backbone", "onnx/vgg19-random"), case_dir)
    manifest = load_json(os.path.join(backbone, "backbone.json"))
    onnx_file = os.path.join(backbone, manifest.get("model", "features.onnx"))
    tensors = layer_tensors(manifest)
    for section in ("content", "style"):
        for layer in cfg[section]["layers"]:
            if layer not in tensors:
                raise SystemExit("config %s layer %r is not in %s" % (section, layer, backbone))

    content = read_image(os.path.join(case_dir, cfg["content"]["image"]))
    styles = [read_image(os.path.join(case_dir, p)) for p in cfg["style"]["images"]]
    _, _, h, w = content.shape
    if min(h, w) != run_size(cfg):
        raise SystemExit("the content image is %dx%d, but the config's size is %d: images must be stored at the run "
                         "size (use --case-from-config)" % (w, h, run_size(cfg)))
    for p, s in zip(cfg["style"]["images"], styles):
        if s.shape != content.shape:
            raise SystemExit("style image %s is %dx%d, not the content's %dx%d" % (p, s.shape[3], s.shape[2], w, h))

    model = onnx.load(onnx_file)
    net32 = OnnxModule(model, manifest.get("input", "image"), torch.float32)
    losses, gradient, final = seed_run(net32, cfg, content, styles, tensors, torch.float32)

    gradient.contiguous().numpy().astype("<f4").tofile(os.path.join(case_dir, "gradient.f32"))
    Image.fromarray(to_bytes(final), "RGB").save(os.path.join(case_dir, "final.png"), optimize=True)
    reference = {
        "generator": GENERATOR,
        "torch_version": torch.__version__,
        "torch_threads": threads,
        "backbone": manifest.get("name"),
        "backbone_sha256": sha256(onnx_file),
        "width": w,
        "height": h,
        "evaluations": len(losses),
        "losses": losses,
        "gradient": {"file": "gradient.f32", "shape": [1, 3, h, w]},
        "final_image": "final.png",
    }
    if with_float64:
        net64 = OnnxModule(model, manifest.get("input", "image"), torch.float64)
        losses64, gradient64, final64 = seed_run(net64, cfg, content, styles, tensors, torch.float64)
        gradient64.contiguous().numpy().astype("<f4").tofile(os.path.join(case_dir, "gradient64.f32"))
        reference["float64"] = {
            "note": "the same run in float64; 'versus_float32' is how far float32 rounding alone moves the run",
            "versus_float32": compare_runs(losses, losses64, gradient, gradient64, final, final64),
            "gradient": {"file": "gradient64.f32", "shape": [1, 3, h, w], "stored_as": "float32"},
            "losses": losses64,
        }
    with open(os.path.join(case_dir, "reference.json"), "w", encoding="utf-8") as f:
        json.dump(reference, f, indent=1)
        f.write("\n")
    print("%s: %dx%d, %d evaluations, first loss %.8g, last %.8g" % (case_dir, w, h, len(losses),
                                                                     losses[0]["total"], losses[-1]["total"]))
    if with_float64:
        print("float32 vs float64:", json.dumps(reference["float64"]["versus_float32"]))


def case_from_config(config, content, styles, size, out, backbone, steps):
    import torchvision.transforms as T
    from PIL import Image
    cfg = load_json(config)
    os.makedirs(out, exist_ok=True)
    with Image.open(content) as im:
        c = T.Resize(size)(im.convert("RGB"))
    c.save(os.path.join(out, "content.png"), optimize=True)
    names = []
    for k, path in enumerate(styles):
        with Image.open(path) as im:
            s = T.Resize((c.height, c.width))(im.convert("RGB"))
        name = "style.png" if k == 0 else "style_%d.png" % (k + 1)
        s.save(os.path.join(out, name), optimize=True)
        names.append(name)
    cfg["content"]["image"] = "content.png"
    cfg["style"]["images"] = names
    cfg["size"] = size
    if steps is not None:
        cfg["steps"] = steps
    cfg["device"] = "cpu"
    cfg.pop("output", None)
    if backbone:
        cfg["backbone"] = backbone
    with open(os.path.join(out, "config.json"), "w", encoding="utf-8") as f:
        json.dump(cfg, f, indent=2)
        f.write("\n")
    print("%s: content %dx%d, %d style image(s)" % (out, c.width, c.height, len(names)))


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
    with tempfile.TemporaryDirectory() as tmp:
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
    print("self-test: operators %s; worst difference %.2e" % (", ".join(ops), worst))
    if worst > 1e-9:
        raise SystemExit("self-test FAILED")


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
    p.add_argument("--self-test", action="store_true", help="check the ONNX interpreter against PyTorch modules")
    a = p.parse_args(argv)
    if a.self_test:
        self_test()
    elif a.case_from_config:
        if not (a.content and a.style and a.size and a.out):
            p.error("--case-from-config needs --content, --style, --size and --out")
        case_from_config(a.case_from_config, a.content, a.style, a.size, a.out, a.backbone, a.steps)
    elif a.case:
        make_reference(a.case, os.path.abspath(a.backbone) if a.backbone else None, a.threads, not a.no_float64)
    else:
        p.error("give a case folder, or --case-from-config")


if __name__ == "__main__":
    main(sys.argv[1:])
