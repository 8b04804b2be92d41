"""The large-layer anchor of issue 17: the original fast-kan FastKANLayer and efficient-kan KANLinear (unpacked from
tools/perf/cpu/anchors/torch-kan-originals.tar.gz) on the GPU, forward and forward + backward, fp32 and TF32
(allow_tf32 on for matmul and cuDNN), eager, and torch.compile for fp32; medians of 7 samples.

    python3 tools/perf/cuda/torch_layers.py OUT.json [--shapes 1024x1024@4096,4096x4096@8192] [--no-compile]
"""
import json
import os
import sys
import tarfile
import tempfile
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ARCHIVE = os.path.join(HERE, '..', 'cpu', 'anchors', 'torch-kan-originals.tar.gz')
work = tempfile.mkdtemp(prefix='torch-kan-originals-')
with tarfile.open(ARCHIVE) as archive:
    archive.extractall(work, **({'filter': 'data'} if hasattr(tarfile, 'data_filter') else {}))
sys.path.insert(0, work)
from fastkan import FastKANLayer  # noqa: E402
from efficient_kan import KANLinear  # noqa: E402

out = sys.argv[1]
shapes = '1024x1024@4096,4096x4096@8192'
if '--shapes' in sys.argv:
    shapes = sys.argv[sys.argv.index('--shapes') + 1]
compile_too = '--no-compile' not in sys.argv
dev = 'cuda'


def bench(fn, target_ms=40.0):
    for _ in range(3):
        fn()
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    fn()
    torch.cuda.synchronize()
    once = (time.perf_counter() - t0) * 1e3
    iters = max(1, min(200, int(target_ms / max(once, 1e-3))))
    samples = []
    for _ in range(7):
        t0 = time.perf_counter()
        for _ in range(iters):
            fn()
        torch.cuda.synchronize()
        samples.append((time.perf_counter() - t0) / iters * 1e3)
    samples.sort()
    return samples[3]


def forward_backward(m, x):
    def f():
        m.zero_grad(set_to_none=True)
        m(x).sum().backward()
    return f


def forward(m, x):
    def f():
        with torch.no_grad():
            m(x)
    return f


rows = []
for text in shapes.split(','):
    din, rest = text.split('x')
    dout, batch = rest.split('@')
    din, dout, batch = int(din), int(dout), int(batch)
    torch.manual_seed(1)
    x = torch.randn(batch, din, device=dev)
    for name, make in (('fastkan', lambda: FastKANLayer(din, dout)), ('efficient-kan', lambda: KANLinear(din, dout))):
        m = make().to(dev)
        for tf32 in (False, True):
            torch.backends.cuda.matmul.allow_tf32 = tf32
            torch.backends.cudnn.allow_tf32 = tf32
            for op, maker in (('forward', forward), ('forward-backward', forward_backward)):
                rows.append({'shape': text, 'model': name, 'precision': 'tf32' if tf32 else 'fp32', 'mode': 'eager', 'op': op, 'ms': bench(maker(m, x))})
                print(rows[-1], flush=True)
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
        if compile_too and name == 'fastkan':
            c = torch.compile(m)
            for op, maker in (('forward', forward), ('forward-backward', forward_backward)):
                rows.append({'shape': text, 'model': name, 'precision': 'fp32', 'mode': 'compile', 'op': op, 'ms': bench(maker(c, x))})
                print(rows[-1], flush=True)
        del m
        torch.cuda.empty_cache()
with open(out, 'w') as f:
    json.dump({'device': torch.cuda.get_device_name(), 'torch': torch.__version__, 'rows': rows}, f, indent=1)
