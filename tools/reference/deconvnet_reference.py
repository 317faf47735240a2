#!/usr/bin/env python3
"""Reference feature projections for `neuralstyle visualize`, each computed by its own definition in PyTorch.

A tiny network with fixed (seeded) weights:
    normalise (x - mean) / std -> conv1 3->4 3x3 pad 1 -> ReLU -> maxpool 2x2 -> conv2 4->6 3x3 pad 1 -> ReLU
    -> conv3 6->5 3x3 pad 1 (the tap: a pre-ReLU convolution output, as VGG's conv_N layers)
For a fixed input and channel c, the signal at the tap is the tap's activation with every other channel zeroed, and:
  * gradient:  torch.autograd.grad (the vector-Jacobian product);
  * guided:    torch.autograd.grad with a backward hook on every ReLU clamping its input gradient at 0;
  * deconvnet: written out layer by layer, no autograd: conv_transpose2d with each conv's weights, relu of the
               backward signal at each ReLU, max_unpool2d with the indices recorded in the forward pass, and the
               transpose of the normalisation (division by std).
Writes src/test/resources/visualize/tiny.onnx (the same weights, exported with torch.onnx) and expected.json.
Run with /usr/bin/python3 (PyTorch 1.13) from the repository root:  /usr/bin/python3 tools/reference/deconvnet_reference.py
"""
import json
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = "src/test/resources/visualize"
H, W = 8, 12
CHANNEL = 2
MEAN = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
STD = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)


class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("mean", MEAN.clone())
        self.register_buffer("std", STD.clone())
        self.conv1 = nn.Conv2d(3, 4, 3, padding=1)
        self.relu1 = nn.ReLU()
        self.conv2 = nn.Conv2d(4, 6, 3, padding=1)
        self.relu2 = nn.ReLU()
        self.conv3 = nn.Conv2d(6, 5, 3, padding=1)

    def forward(self, x):
        x = (x - self.mean) / self.std
        x = self.relu1(self.conv1(x))
        x = F.max_pool2d(x, 2)
        x = self.relu2(self.conv2(x))
        return self.conv3(x)


def seed_signal(act):
    s = torch.zeros_like(act)
    s[:, CHANNEL] = act[:, CHANNEL]
    return s


def by_autograd(net, x, guided):
    handles = []
    if guided:
        for m in (net.relu1, net.relu2):
            handles.append(m.register_full_backward_hook(lambda mod, gin, gout: (gin[0].clamp(min=0),)))
    xx = x.clone().requires_grad_(True)
    act = net(xx)
    (g,) = torch.autograd.grad(act, xx, grad_outputs=seed_signal(act.detach()))
    for h in handles:
        h.remove()
    return g


def by_deconvnet(net, x):
    with torch.no_grad():
        n = (x - net.mean) / net.std
        a1 = F.relu(net.conv1(n))
        p1, switches = F.max_pool2d(a1, 2, return_indices=True)
        a2 = F.relu(net.conv2(p1))
        act = net.conv3(a2)
        r = seed_signal(act)
        r = F.conv_transpose2d(r, net.conv3.weight, padding=1)
        r = F.relu(r)                                        # relu2, backward signal only
        r = F.conv_transpose2d(r, net.conv2.weight, padding=1)
        r = F.max_unpool2d(r, switches, 2, output_size=a1.shape[-2:])
        r = F.relu(r)                                        # relu1
        r = F.conv_transpose2d(r, net.conv1.weight, padding=1)
        return r / net.std                                   # transpose of (x - mean) / std


def main():
    torch.manual_seed(4)
    net = Tiny().eval()
    x = torch.rand(1, 3, H, W)
    expected = {
        "channel": CHANNEL,
        "shape": [1, 3, H, W],
        "input": x.flatten().numpy(),
        "gradient": by_autograd(net, x, guided=False),
        "guided": by_autograd(net, x, guided=True),
        "deconvnet": by_deconvnet(net, x),
    }
    # the three must differ on this input, or the test could not tell the modes apart
    for a, b in (("gradient", "guided"), ("gradient", "deconvnet"), ("guided", "deconvnet")):
        assert (expected[a] - expected[b]).abs().max() > 1e-3 * expected[a].abs().max(), (a, b)
    for k in ("input", "gradient", "guided", "deconvnet"):
        values = expected[k].flatten().numpy() if torch.is_tensor(expected[k]) else np.asarray(expected[k], np.float32)
        expected[k] = ["__F32__" + str(np.float32(v)) + "__F32__" for v in values]
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "tiny.onnx")
    torch.onnx.export(net, x, path, input_names=["image"], output_names=["tap"], opset_version=13,
                      dynamic_axes={"image": {2: "h", 3: "w"}})
    expected["tap"] = "tap"
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        # float32 values in their shortest round-trip form (numpy's str): exact, and half the size of 17 digits
        f.write(json.dumps(expected, separators=(",", ":"), default=str).replace('"__F32__', "").replace('__F32__"', ""))
        f.write("\n")
    print("wrote", path, "and expected.json")


if __name__ == "__main__":
    main()
