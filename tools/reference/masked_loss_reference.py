#!/usr/bin/env python3
"""PyTorch reference for the masked (guided) losses of neuralstyle4j's spatial control (Gatys et al. 2017, §4).

Writes src/test/resources/losses/masked-losses.json: a guidance channel at an "image" size, features F at a smaller
"layer" size, a style target computed from other features of yet another size, a content target, and what PyTorch
gives in float64 for
  - the channel at the layer's size: F.interpolate(mode="area") (= adaptive_avg_pool2d),
  - the masked style loss mean((G - A)^2) with G = (F*m)(F*m)^T / (C * sum(m^2)), A = Fs Fs^T / (C * Hs*Ws),
  - the masked content loss sum(m^2 (F - P)^2) / (C * sum(m^2)),
  - their gradients dL/dF by autograd.
The Java test (losses/MaskedLossReferenceTest) reads the inputs from the file and compares its own results.

    /usr/bin/python3 tools/reference/masked_loss_reference.py [OUT.json]
"""
import json
import os
import sys

import torch
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "src", "test", "resources", "losses", "masked-losses.json")


def main(out):
    torch.manual_seed(14)
    c, image_h, image_w, h, w, style_hw = 4, 11, 13, 6, 7, 30
    # a soft-edged region with exact zeros and ones, rounded to 8-bit steps as a mask image would be
    ys = torch.arange(image_h, dtype=torch.float64).view(-1, 1)
    xs = torch.arange(image_w, dtype=torch.float64).view(1, -1)
    mask = ((xs - 3.0) / 6.0 + 0.15 * torch.sin(ys)).clamp(0, 1)
    mask = torch.round(mask * 255) / 255
    layer_mask = F.interpolate(mask.view(1, 1, image_h, image_w), size=(h, w), mode="area").view(h * w)

    feats = torch.randn(c, h * w, dtype=torch.float64).abs()     # post-ReLU-like features
    style_feats = torch.randn(c, style_hw, dtype=torch.float64).abs()
    content_target = torch.randn(c, h * w, dtype=torch.float64).abs()
    a = style_feats @ style_feats.t() / (c * style_hw)

    f = feats.clone().requires_grad_(True)
    mass = (layer_mask ** 2).sum()
    fm = f * layer_mask
    g = fm @ fm.t() / (c * mass)
    style = ((g - a) ** 2).mean()
    style_grad, = torch.autograd.grad(style, f)

    f2 = feats.clone().requires_grad_(True)
    content = ((layer_mask ** 2) * (f2 - content_target) ** 2).sum() / (c * mass)
    content_grad, = torch.autograd.grad(content, f2)

    def flat(t):
        return [float(v) for v in t.detach().reshape(-1)]

    doc = {
        "generator": "tools/reference/masked_loss_reference.py",
        "torch": torch.__version__,
        "channels": c,
        "image": {"width": image_w, "height": image_h, "mask": flat(mask)},
        "layer": {"width": w, "height": h, "mask": flat(layer_mask)},
        "features": flat(feats),
        "style_features": {"positions": style_hw, "values": flat(style_feats)},
        "content_target": flat(content_target),
        "style_loss": float(style),
        "style_gradient": flat(style_grad),
        "content_loss": float(content),
        "content_gradient": flat(content_grad),
    }
    with open(out, "w") as fh:
        json.dump(doc, fh, indent=1)
        fh.write("\n")
    print("wrote", out, "style", float(style), "content", float(content))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else OUT)
