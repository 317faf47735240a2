#!/usr/bin/env python3
"""Exports a torchvision feature extractor as a neuralstyle4j backbone folder: features.onnx + backbone.json.

    /usr/bin/python3 tools/export_backbone.py vgg19 --out onnx/vgg19-imagenet
    /usr/bin/python3 tools/export_backbone.py vgg19 --out onnx/vgg19-imagenet --weights vgg19-dcbb9e9d.pth
    /usr/bin/python3 tools/export_backbone.py resnet18 --until layer1 --random-init --seed 18 --out DIR

Models: vgg16, vgg19, vgg16_bn, vgg19_bn, alexnet (their `features`), resnet18/34/50/101/152 (stem and the stages
up to --until, default layer4) and mobilenet_v2 (its `features`).

The graph takes `image`, float32 [1,3,H,W], RGB in [0,1], any H and W, and applies the ImageNet (x - mean) / std
itself (Sub and Div by [1,3,1,1] constants), as the generated default backbone does. Every conv, batch norm, relu,
pool and residual block output is a tensor with a stable name, listed in backbone.json in graph order.

Weights: torchvision's pretrained ones (default), read from the torch hub cache (where torchvision downloads them)
or from --weights FILE.pth; nothing is downloaded. --random-init --seed N gives an untrained network instead:
torch.manual_seed(N), then the torchvision constructor's own initialisation.

Batch norm: every tap is a graph output during the export, so torch cannot fold a BatchNormalization into the
convolution before it (its fusion needs the convolution's output to have one consumer): the bn taps stay. With
--fuse-bn the batch norms are folded into the convolutions in PyTorch before the export (fewer operators; a conv
tap then holds the normalised output and the bn names become its aliases).

Each export is checked: the written graph is run on a random input of another size than the one traced (so the
dynamic height and width are exercised) with onnxruntime when it is installed, otherwise by re-evaluating the ONNX
nodes with torch's functional operators, and every tap is compared with the PyTorch module's output.
Needs torch, torchvision and onnx (Debian: python3-torch python3-torchvision python3-onnx).
"""
import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile

try:
    import onnx
    import torch
    import torchvision
except ImportError as missing:
    sys.exit("export_backbone: needs torch, torchvision and onnx (%s); Debian: apt-get install python3-torch "
             "python3-torchvision python3-onnx" % missing)

MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]
VGG_LIKE = ("vgg11", "vgg13", "vgg16", "vgg19", "vgg11_bn", "vgg13_bn", "vgg16_bn", "vgg19_bn")
RESNETS = ("resnet18", "resnet34", "resnet50", "resnet101", "resnet152")
MODELS = VGG_LIKE + ("alexnet",) + RESNETS + ("mobilenet_v2",)
STAGES = ("layer1", "layer2", "layer3", "layer4")


class ExportError(Exception):
    """A user error: printed as one line, exit code 2."""


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("model", choices=MODELS)
    p.add_argument("--out", required=True, help="backbone folder to write, e.g. onnx/vgg19-imagenet")
    p.add_argument("--name", help="backbone name in the manifest (default: the folder's name)")
    p.add_argument("--until", choices=STAGES, help="resnets: last stage exported (default layer4)")
    p.add_argument("--weights", metavar="FILE.pth", help="a torchvision state dict (default: the hub cache)")
    p.add_argument("--random-init", action="store_true", help="untrained weights (torchvision's initialisation)")
    p.add_argument("--seed", type=int, default=0, help="seed for --random-init (default 0)")
    p.add_argument("--fuse-bn", action="store_true", help="fold batch norms into the convolutions before them")
    p.add_argument("--opset", type=int, default=17, help="ONNX opset (default 17)")
    p.add_argument("--check-size", type=int, nargs=2, default=(112, 144), metavar=("H", "W"),
                   help="input size of the check (default 112 144)")
    p.add_argument("--force", action="store_true", help="replace --out if it exists")
    args = p.parse_args(argv)
    try:
        export(args)
    except ExportError as e:
        print("export_backbone: " + str(e), file=sys.stderr)
        return 2
    return 0


def export(args):
    if args.until and args.model not in RESNETS:
        raise ExportError("--until applies to resnets only")
    if args.weights and args.random_init:
        raise ExportError("--weights and --random-init exclude each other")
    out = os.path.abspath(args.out)
    if os.path.basename(out) == "vgg19-random":
        raise ExportError("vgg19-random is the name of the default backbone neuralstyle4j generates; choose another --out")
    if os.path.exists(out) and not args.force:
        raise ExportError(out + " exists; pass --force to replace it")
    os.makedirs(os.path.dirname(out), exist_ok=True)

    torch.set_grad_enabled(False)
    model, provenance = load_model(args)
    model.eval()
    if args.fuse_bn:
        fuse_batch_norms(model)
        provenance["initialisation"] += "; batch norms folded into the convolutions"
    for m in model.modules():   # in-place ReLUs would overwrite the conv / bn outputs tapped before them
        if hasattr(m, "inplace"):
            m.inplace = False
    # eval() on the wrapper too: torch.onnx.export restores the wrapper's training flag, recursively, afterwards
    net = Features(model, args.model, args.until or "layer4").eval()

    traced = torch.rand(1, 3, 224, 224)
    taps = net.taps(traced)
    name = args.name or os.path.basename(out.rstrip(os.sep))
    with tempfile.TemporaryDirectory(prefix=".export-", dir=os.path.dirname(out)) as tmp:
        raw = os.path.join(tmp, "raw.onnx")
        torch.onnx.export(net, traced, raw, opset_version=args.opset, do_constant_folding=True,
                          input_names=["image"], output_names=[t.tensor for t in taps],
                          dynamic_axes=dict([("image", {2: "height", 3: "width"})]
                                            + [(t.tensor, {2: t.tensor + ".height", 3: t.tensor + ".width"})
                                               for t in taps]))
        onnx_bytes = tidy(raw, taps)
        tmp_out = os.path.join(tmp, "backbone")
        os.mkdir(tmp_out)
        with open(os.path.join(tmp_out, "features.onnx"), "wb") as f:
            f.write(onnx_bytes)
        provenance["sha256"] = hashlib.sha256(onnx_bytes).hexdigest()
        manifest = {
            "name": name, "model": "features.onnx", "input": "image",
            "normalization": {"mean": MEAN, "std": STD, "in_graph": True},
            "layers": [t.manifest() for t in taps],
            "weights": provenance,
        }
        with open(os.path.join(tmp_out, "backbone.json"), "w") as f:
            json.dump(manifest, f, indent=2)
            f.write("\n")
        worst, where, scale, checker = check(onnx_bytes, net, taps, args.check_size)
        ok = worst <= 1e-4 * max(1.0, scale)
        print("%s: %d layers, features.onnx %.1f MB, max |%s - PyTorch| %.2e (at %s; largest |tap| %.3g) at %dx%d: %s"
              % (args.model, len(taps), len(onnx_bytes) / 1e6, checker, worst, where, scale,
                 args.check_size[0], args.check_size[1], ("ok -> " + out) if ok else "MISMATCH, nothing written"))
        if not ok:
            raise ExportError("the exported graph does not reproduce the PyTorch taps")
        if os.path.exists(out):
            shutil.rmtree(out)
        os.rename(tmp_out, out)


# ---------------------------------------------------------------------------------------------------------------
# weights

def load_model(args):
    ctor = getattr(torchvision.models, args.model)
    source = "torchvision %s %s" % (torchvision.__version__, args.model)
    if args.random_init:
        torch.manual_seed(args.seed)
        return ctor(weights=None), {
            "source": source + " (random weights, not pretrained)",
            "initialisation": "torch.manual_seed(%d), then torchvision's own initialisation" % args.seed,
            "seed": args.seed}
    model = ctor(weights=None)
    if args.weights:
        path = args.weights
        if not os.path.isfile(path):
            raise ExportError("weights file not found: " + path)
        label = os.path.basename(path)
    else:
        enum = torchvision.models.get_model_weights(args.model).DEFAULT
        label = "%s (%s)" % (enum, os.path.basename(enum.url))
        path = os.path.join(torch.hub.get_dir(), "checkpoints", os.path.basename(enum.url))
        if not os.path.isfile(path):
            raise ExportError(
                "no pretrained %s weights here: looked for %s. Pass --weights FILE.pth, or on a machine with internet "
                "run `python3 -c \"import torchvision; torchvision.models.%s(weights='DEFAULT')\"` (or download %s) "
                "and copy the .pth to that path; --random-init exports untrained weights"
                % (args.model, path, args.model, enum.url))
        check_hub_hash(path)
    try:
        state = torch.load(path, map_location="cpu")
    except Exception as e:  # a truncated download, a file of another kind
        raise ExportError("cannot read %s as a PyTorch file: %s" % (path, str(e).splitlines()[0]))
    if isinstance(state, torch.nn.Module):
        state = state.state_dict()
    for key in ("state_dict", "model"):
        if isinstance(state, dict) and isinstance(state.get(key), dict):
            state = state[key]
    if not isinstance(state, dict):
        raise ExportError("%s holds a %s, not a state dict" % (path, type(state).__name__))
    missing = [k for k in model.state_dict() if k not in state]
    unexpected = [k for k in state if k not in model.state_dict()]
    if missing or unexpected:
        raise ExportError("%s does not fit torchvision's %s: %d keys missing (%s), %d unexpected (%s)"
                          % (path, args.model, len(missing), ", ".join(missing[:3]), len(unexpected),
                             ", ".join(unexpected[:3])))
    try:
        model.load_state_dict(state)
    except RuntimeError as e:   # same keys, other shapes
        raise ExportError("%s does not fit torchvision's %s: %s"
                          % (path, args.model, " ".join(str(e).split())[:240]))
    if args.weights:
        return model, {"source": "%s, weights from %s (sha256 %s)" % (source, label, file_sha256(path)),
                       "initialisation": "trained weights loaded from a file"}
    return model, {"source": source + ", pretrained weights " + label,
                   "initialisation": "pretrained (ImageNet)"}


def file_sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_hub_hash(path):
    """torch hub file names end in the first hex digits of the file's sha256: a mismatch means a broken copy."""
    stem = os.path.splitext(os.path.basename(path))[0]
    prefix = stem.rsplit("-", 1)[-1]
    if not all(c in "0123456789abcdef" for c in prefix) or len(prefix) < 8:
        return
    if not file_sha256(path).startswith(prefix):
        raise ExportError("%s is damaged: its sha256 does not start with %s (copy it again)" % (path, prefix))


def fuse_batch_norms(model):
    """Folds every BatchNorm2d that directly follows a Conv2d in a Sequential or a resnet block into that conv."""
    from torch.nn.utils.fusion import fuse_conv_bn_eval
    for parent in list(model.modules()):
        children = list(parent.named_children())
        for (cname, conv), (bname, bn) in zip(children, children[1:]):
            if isinstance(conv, torch.nn.Conv2d) and isinstance(bn, torch.nn.BatchNorm2d) \
                    and (isinstance(parent, torch.nn.Sequential) or (cname[:4] == "conv" and bname == "bn" + cname[4:])):
                setattr(parent, cname, fuse_conv_bn_eval(conv, bn))
                setattr(parent, bname, torch.nn.Identity())


# ---------------------------------------------------------------------------------------------------------------
# the feature graph and its taps

class Tap:
    def __init__(self, name, kind, seed_alias, extra=()):
        self.tensor = name
        self.name = name
        self.kind = kind
        self.aliases = [a for a in (seed_alias,) + tuple(extra) if a]

    def manifest(self):
        return {"name": self.name, "aliases": self.aliases, "tensor": self.tensor, "kind": self.kind}


class Recorder:
    """Collects the taps of one forward pass, in graph order, with the seed's names next to the canonical ones.

    The seed names a layer after the number of convolutions up to it (conv_k, bn_k, relu_k, pool_k), so a pool
    after the 8th convolution is pool_8. A tensor tapped twice (a block's output is its last relu's output) is one
    layer: a block name becomes its canonical name, any other later name an alias.
    """

    def __init__(self):
        self.taps, self.tensors, self.convs = [], [], 0

    def __call__(self, x, name, kind, extra=()):
        if kind == "conv":
            self.convs += 1
        seed = None if kind == "block" else "%s_%d" % (kind, self.convs)
        if self.tensors and self.tensors[-1] is x:
            last = self.taps[-1]
            if kind == "block":
                last.aliases = [last.name] + last.aliases
                last.name, last.tensor, last.kind = name, name, "block"
                last.aliases += list(extra)
            else:
                last.aliases += [a for a in (name, seed) + tuple(extra) if a]
            return x
        self.taps.append(Tap(name, kind, seed, extra))
        self.tensors.append(x)
        return x

    def folded(self, bn_name):
        """A batch norm folded into the conv before it (--fuse-bn): the conv's tap answers to its names."""
        self.taps[-1].aliases += [bn_name, "bn_%d" % self.convs]


class Features(torch.nn.Module):
    """Runs a torchvision model's feature part step by step, out of place, returning every tapped tensor."""

    def __init__(self, model, arch, until):
        super().__init__()
        self.model, self.arch, self.until = model, arch, until
        self.register_buffer("mean", torch.tensor(MEAN).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(STD).view(1, 3, 1, 1))
        self.recorded = None

    def forward(self, image):
        rec = Recorder()
        x = (image - self.mean) / self.std
        if self.arch in VGG_LIKE:
            vgg(self.model.features, x, rec)
        elif self.arch == "alexnet":
            alexnet(self.model.features, x, rec)
        elif self.arch in RESNETS:
            resnet(self.model, x, rec, self.until)
        else:
            walk(self.model.features, x, rec, "features")
        self.recorded = rec.taps
        return tuple(rec.tensors)

    def taps(self, image):
        self.forward(image)
        return self.recorded

    def outputs(self, image):
        """tensor name -> PyTorch value."""
        values = self.forward(image)
        return dict(zip((t.tensor for t in self.recorded), values))


def kind_of(m):
    nn = torch.nn
    if isinstance(m, nn.Conv2d):
        return "conv"
    if isinstance(m, nn.BatchNorm2d):
        return "bn"
    if isinstance(m, (nn.ReLU, nn.ReLU6)):
        return "relu"
    if isinstance(m, (nn.MaxPool2d, nn.AvgPool2d)):
        return "pool"
    if isinstance(m, nn.Identity):
        return None
    raise ExportError("no tap kind for module %s" % type(m).__name__)


def vgg(features, x, rec):
    """conv3_1 / conv_5, bn3_1 / bn_5, relu3_1 / relu_5, pool3 / pool_8, as VggBackboneGenerator names them."""
    stage, index = 1, 0
    for m in features:
        kind = kind_of(m)
        if kind is None:
            rec.folded("bn%d_%d" % (stage, index))
            continue
        if kind == "conv":
            index += 1
        x = m(x)
        if kind == "pool":
            rec(x, "pool%d" % stage, kind)
            stage, index = stage + 1, 0
        else:
            rec(x, "%s%d_%d" % (kind, stage, index), kind)


def alexnet(features, x, rec):
    """Caffe's names (conv1, relu1, pool1, ..., conv5, relu5, pool5) with the seed's conv_k, relu_k, pool_k."""
    k = 0
    for m in features:
        kind = kind_of(m)
        if kind == "conv":
            k += 1
        x = m(x)
        rec(x, "%s%d" % (kind, k), kind)


def walk(module, x, rec, path):
    """mobilenet_v2: module paths as names; an InvertedResidual's output is a block."""
    from torchvision.models.mobilenetv2 import InvertedResidual
    if isinstance(module, InvertedResidual):
        y = walk(module.conv, x, rec, path + ".conv")
        if module.use_res_connect:
            y = x + y
        return rec(y, path, "block")
    if isinstance(module, torch.nn.Sequential):
        for name, child in module.named_children():
            x = walk(child, x, rec, path + "." + name)
        if path.count(".") == 1:   # features.N: a top-level step; its output also answers to that name
            rec.taps[-1].aliases.append(path)
        return x
    kind = kind_of(module)
    if kind is None:
        rec.folded(path)
        return x
    return rec(module(x), path, kind)


def resnet(model, x, rec, until):
    """The stem (conv1, bn1, relu, maxpool) and each stage's blocks; a block's output is named layerN.i and the
    last block of a stage also answers to layerN. torchvision applies one ReLU module twice (thrice) per block:
    the tensors are layerN.i.relu_1, relu_2, (relu_3)."""
    from torchvision.models.resnet import BasicBlock, Bottleneck
    x = rec(model.conv1(x), "conv1", "conv")
    x = rec(model.bn1(x), "bn1", "bn")
    x = rec(model.relu(x), "relu", "relu")
    x = rec(model.maxpool(x), "maxpool", "pool")
    for stage in STAGES[:STAGES.index(until) + 1]:
        blocks = getattr(model, stage)
        for i, block in enumerate(blocks):
            p = "%s.%d" % (stage, i)
            convs = 3 if isinstance(block, Bottleneck) else 2
            assert isinstance(block, (BasicBlock, Bottleneck))
            y = x
            for c in range(1, convs + 1):
                y = rec(getattr(block, "conv%d" % c)(y), "%s.conv%d" % (p, c), "conv")
                y = bn_tap(rec, getattr(block, "bn%d" % c), y, "%s.bn%d" % (p, c))
                if c < convs:
                    y = rec(block.relu(y), "%s.relu_%d" % (p, c), "relu")
            identity = x
            if block.downsample is not None:
                identity = rec(block.downsample[0](x), p + ".downsample.0", "conv")
                identity = bn_tap(rec, block.downsample[1], identity, p + ".downsample.1")
            y = rec(block.relu(y + identity), "%s.relu_%d" % (p, convs), "relu")
            x = rec(y, p, "block", (stage,) if i == len(blocks) - 1 else ())


def bn_tap(rec, bn, x, name):
    if isinstance(bn, torch.nn.Identity):
        rec.folded(name)
        return x
    return rec(bn(x), name, "bn")


# ---------------------------------------------------------------------------------------------------------------
# the written graph

def tidy(raw_path, taps):
    """Keeps only the last tap as the graph output (the others stay named tensors: neuralstyle4j picks its taps
    itself), drops the wrapper's `model.` prefix from initializer names, and replaces the Identity nodes torch adds
    when it merges initializers with equal values (random batch norms) by the initializer itself, so that every
    weight is a plain initializer."""
    m = onnx.load(raw_path)
    g = m.graph
    rename = {}
    for t in g.initializer:
        if t.name.startswith("model."):
            rename[t.name] = t.name[len("model."):]
            t.name = rename[t.name]
    initializers = {t.name for t in g.initializer}
    keep = []
    for n in g.node:
        n.input[:] = [rename.get(i, i) for i in n.input]
        if n.op_type == "Identity" and n.input[0] in initializers and n.output[0] not in {t.tensor for t in taps}:
            rename[n.output[0]] = n.input[0]
            continue
        keep.append(n)
    for n in keep:
        n.input[:] = [rename.get(i, i) for i in n.input]
    del g.node[:]
    g.node.extend(keep)
    last = taps[-1].tensor
    outputs = [o for o in g.output if o.name == last]
    del g.output[:]
    g.output.extend(outputs)
    m.producer_name = "neuralstyle4j tools/export_backbone.py"
    m.producer_version = "torch " + torch.__version__
    onnx.checker.check_model(m)
    return m.SerializeToString()


def check(onnx_bytes, net, taps, size):
    """Max abs difference between every tap of the written graph and PyTorch, on a random input."""
    m = onnx.load_from_string(onnx_bytes)
    names = [t.tensor for t in taps]
    torch.manual_seed(1)
    image = torch.rand(1, 3, size[0], size[1])
    expected = net.outputs(image)
    try:
        import onnxruntime as ort
        del m.graph.output[:]
        m.graph.output.extend(onnx.helper.make_tensor_value_info(n, onnx.TensorProto.FLOAT, None) for n in names)
        sess = ort.InferenceSession(m.SerializeToString(), providers=["CPUExecutionProvider"])
        got = dict(zip(names, sess.run(names, {"image": image.numpy()})))
        checker = "onnxruntime " + ort.__version__
    except ImportError:
        got = {k: v.numpy() for k, v in TorchOnnxEvaluator(m).run(image, names).items()}
        checker = "ONNX re-evaluated in torch"
    worst, where, scale = 0.0, None, 0.0
    for n in names:
        e = expected[n].numpy()
        if got[n].shape != e.shape:
            raise ExportError("tap %s: shape %s in ONNX, %s in PyTorch" % (n, got[n].shape, e.shape))
        d = float(abs(got[n] - e).max())
        scale = max(scale, float(abs(e).max()))
        if where is None or d > worst:
            worst, where = d, n
    return worst, where, scale, checker


class TorchOnnxEvaluator:
    """Runs an ONNX graph of the operators these exports use with torch.nn.functional, for machines without
    onnxruntime. It reads the weights and attributes from the ONNX file, so it checks what was written."""

    def __init__(self, model):
        import onnx.numpy_helper as nh
        self.torch, self.F = torch, torch.nn.functional
        self.graph = model.graph
        self.values = {t.name: torch.from_numpy(nh.to_array(t).copy()) for t in model.graph.initializer}
        self.nh = nh

    def run(self, image, names):
        v = dict(self.values)
        v["image"] = image
        for n in self.graph.node:
            a = {x.name: self._attr(x) for x in n.attribute}
            ins = [v[i] if i else None for i in n.input]
            v[n.output[0]] = self._op(n.op_type, ins, a)
        return {k: v[k] for k in names}

    def _attr(self, x):
        if x.type == onnx.AttributeProto.INTS:
            return list(x.ints)
        if x.type == onnx.AttributeProto.INT:
            return x.i
        if x.type == onnx.AttributeProto.FLOAT:
            return x.f
        if x.type == onnx.AttributeProto.TENSOR:
            return self.torch.from_numpy(self.nh.to_array(x.t).copy())
        return x.s.decode() if x.type == onnx.AttributeProto.STRING else None

    def _padded(self, x, a, value=0.0):
        pads = a.get("pads", [0, 0, 0, 0])
        if a.get("auto_pad", "NOTSET") not in ("NOTSET", "VALID"):
            raise ExportError("auto_pad %s is not supported by the torch re-evaluation" % a["auto_pad"])
        # ONNX pads are (top, left, bottom, right); F.pad wants (left, right, top, bottom)
        return self.F.pad(x, (pads[1], pads[3], pads[0], pads[2]), value=value) if any(pads) else x

    def _op(self, op, i, a):
        F, torch = self.F, self.torch
        if op in ("Sub", "Div", "Add", "Mul"):
            return {"Sub": torch.sub, "Div": torch.div, "Add": torch.add, "Mul": torch.mul}[op](i[0], i[1])
        if op == "Conv":
            return F.conv2d(self._padded(i[0], a), i[1], i[2] if len(i) > 2 else None, a.get("strides", [1, 1]),
                            0, a.get("dilations", [1, 1]), a.get("group", 1))
        if op == "Relu":
            return F.relu(i[0])
        if op == "Clip":
            lo = i[1] if len(i) > 1 and i[1] is not None else None
            hi = i[2] if len(i) > 2 and i[2] is not None else None
            return torch.clamp(i[0], None if lo is None else float(lo), None if hi is None else float(hi))
        if op == "MaxPool":
            return F.max_pool2d(self._padded(i[0], a, float("-inf")), a["kernel_shape"], a.get("strides", [1, 1]),
                                0, a.get("dilations", [1, 1]), bool(a.get("ceil_mode", 0)))
        if op == "AveragePool":
            if any(a.get("pads", [0])) and not a.get("count_include_pad", 0):
                raise ExportError("padded AveragePool is not supported by the torch re-evaluation")
            return F.avg_pool2d(i[0], a["kernel_shape"], a.get("strides", [1, 1]), 0, bool(a.get("ceil_mode", 0)))
        if op == "BatchNormalization":
            return F.batch_norm(i[0], i[3], i[4], i[1], i[2], False, 0.0, a.get("epsilon", 1e-5))
        if op == "Identity":
            return i[0]
        if op == "Constant":
            return a["value"]
        raise ExportError("operator %s is not supported by the torch re-evaluation; install onnxruntime" % op)


if __name__ == "__main__":
    sys.exit(main())
