# The strongest PyTorch small-step anchors: fused AdamW, torch.compile(mode="reduce-overhead") (CUDA graphs), and a
# hand-captured CUDA graph of the whole training step (forward, backward, optimizer).
# The original fast-kan and efficient-kan code, unpacked from tools/perf/cpu/anchors/torch-kan-originals.tar.gz.
# usage: python3 tools/perf/cuda/torch_graphs.py OUT.json
import os, sys, json, tarfile, tempfile, time, torch
HERE = os.path.dirname(os.path.abspath(__file__))
work = tempfile.mkdtemp(prefix='torch-kan-originals-')
with tarfile.open(os.path.join(HERE, '..', 'cpu', 'anchors', 'torch-kan-originals.tar.gz')) as archive:
    archive.extractall(work, **({'filter': 'data'} if hasattr(tarfile, 'data_filter') else {}))
sys.path.insert(0, work)
from fastkan import FastKAN
from efficient_kan import KAN
dev = 'cuda'; torch.backends.cuda.matmul.allow_tf32 = False
def bench(fn, iters=300, warm=30):
    for _ in range(warm): fn()
    torch.cuda.synchronize(); ts = []
    for _ in range(7):
        t0 = time.perf_counter()
        for _ in range(iters): fn()
        torch.cuda.synchronize(); ts.append((time.perf_counter() - t0) / iters * 1e3)
    ts.sort(); return round(ts[3], 4)
res = {}
for name, M in [('fastkan', FastKAN), ('effkan', KAN)]:
    for B in (64, 1024):
        torch.manual_seed(1)
        x = torch.randn(B, 784, device=dev); y = torch.randint(0, 10, (B,), device=dev); crit = torch.nn.CrossEntropyLoss()
        # eager, fused AdamW
        m = M([784, 64, 10]).to(dev); opt = torch.optim.AdamW(m.parameters(), lr=1e-3, weight_decay=1e-4, fused=True)
        def step():
            opt.zero_grad(set_to_none=False); crit(m(x), y).backward(); opt.step()
        res[f'{name} b{B} eager fused-adamw'] = bench(step)
        # whole step captured in one CUDA graph
        m = M([784, 64, 10]).to(dev); opt = torch.optim.AdamW(m.parameters(), lr=1e-3, weight_decay=1e-4, capturable=True)
        s = torch.cuda.Stream(); s.wait_stream(torch.cuda.current_stream())
        with torch.cuda.stream(s):
            for _ in range(3):
                opt.zero_grad(set_to_none=False); crit(m(x), y).backward(); opt.step()
        torch.cuda.current_stream().wait_stream(s)
        g = torch.cuda.CUDAGraph(); opt.zero_grad(set_to_none=False)
        with torch.cuda.graph(g):
            loss = crit(m(x), y); loss.backward(); opt.step()
        res[f'{name} b{B} cuda-graph step'] = bench(g.replay)
        # torch.compile reduce-overhead on the model (CUDA graphs through cudagraph trees)
        try:
            m = M([784, 64, 10]).to(dev); cm = torch.compile(m, mode='reduce-overhead'); opt = torch.optim.AdamW(m.parameters(), lr=1e-3, weight_decay=1e-4, fused=True)
            def cstep():
                opt.zero_grad(set_to_none=False); crit(cm(x), y).backward(); opt.step()
            res[f'{name} b{B} compile reduce-overhead'] = bench(cstep)
        except Exception as e: res[f'{name} b{B} compile reduce-overhead'] = f'failed: {type(e).__name__}: {str(e)[:120]}'
        print(name, B, {k: v for k, v in res.items() if k.startswith(f'{name} b{B}')}, flush=True)
json.dump(res, open(sys.argv[1], 'w'), indent=1)
