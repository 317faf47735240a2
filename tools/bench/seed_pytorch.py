#!/usr/bin/env python3
"""Times the seed's PyTorch computation (Normalization, VGG19 trimmed after conv_5 with ReLU(inplace=False),
gram_matrix, mse style/content losses at conv_1..5 / conv_4 with weights 1e6 / 1, torch.optim.LBFGS defaults,
the clamp inside the closure and the `while run[0] <= num_steps` loop) on an untrained torchvision VGG19, for a side-by-side speed comparison with neuralstyle4j at the same image size,
evaluation count and thread count. The weights do not change the arithmetic, so random ones are fine here.

    /usr/bin/python3 tools/bench/seed_pytorch.py SIZE [STEPS] [THREADS]

SIZE is the shorter side; the longer is SIZE*512/384 like the built-in 512x384 landscape. Needs torch and
torchvision (Debian: python3-torch python3-torchvision, with libopenblas0-pthread).
"""
import sys, time, torch, torch.nn as nn, torch.nn.functional as F, torchvision.models as models
size = int(sys.argv[1]); steps = int(sys.argv[2]) if len(sys.argv) > 2 else 300
torch.set_num_threads(int(sys.argv[3]) if len(sys.argv) > 3 else 2)
torch.manual_seed(0)
cnn = models.vgg19().features.eval()
h, w = size, int(size * 512 / 384)
content = torch.rand(1, 3, h, w); style = torch.rand(1, 3, h, w)
mean = torch.tensor([0.485, 0.456, 0.406]).view(-1, 1, 1); std = torch.tensor([0.229, 0.224, 0.225]).view(-1, 1, 1)
def gram(x):
    a, b, c, d = x.size(); f = x.view(a * b, c * d); return torch.mm(f, f.t()).div(a * b * c * d)
model = nn.Sequential()
i = 0
for layer in cnn.children():
    if isinstance(layer, nn.Conv2d): i += 1; name = 'conv_%d' % i
    elif isinstance(layer, nn.ReLU): name = 'relu_%d' % i; layer = nn.ReLU(inplace=False)
    else: name = 'pool_%d' % i
    model.add_module(name, layer)
    if i == 5 and name == 'conv_5': break
def feats(x):
    out = {}; x = (x - mean) / std
    for n, m in model.named_children():
        x = m(x); out[n] = x
    return out
with torch.no_grad():
    fc = feats(content); fs = feats(style)
    targets_c = fc['conv_4'].detach(); targets_s = {k: gram(fs[k]).detach() for k in ['conv_1','conv_2','conv_3','conv_4','conv_5']}
x = content.clone().requires_grad_()
opt = torch.optim.LBFGS([x])
run = [0]
t0 = time.time()
while run[0] <= steps:
    def closure():
        x.data.clamp_(0, 1); opt.zero_grad()
        f = feats(x)
        s = sum(F.mse_loss(gram(f[k]), targets_s[k]) for k in targets_s) * 1e6
        c = F.mse_loss(f['conv_4'], targets_c)
        loss = s + c; loss.backward(); run[0] += 1
        return loss
    opt.step(closure)
dt = time.time() - t0
import resource
print("size %dx%d evals %d seconds %.2f s/eval %.4f maxrss %.0f MB" % (h, w, run[0], dt, dt / run[0], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
