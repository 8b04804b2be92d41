"""pykan's headline tutorial (hellokan) with the time of each phase, on the CPU, for the comparison with kanjs
(pykan-vs-kanjs.sh runs both on the same two cores). pykan's kan/ folder comes from the fixture archive.

    taskset -c 0,1 python3 tools/perf/interpret/pykan_tutorial.py
"""
import os
import sys
import tarfile
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
FIXTURES = os.path.join(ROOT, 'packages', 'interpret', 'test', 'fixtures')
work = tempfile.mkdtemp(prefix='pykan-tutorial-')
with tarfile.open(os.path.join(FIXTURES, 'pykan-0.2.8-kan.tar.gz')) as archive:
    archive.extractall(work)
sys.path.insert(0, os.path.join(work, 'pykan'))
try:
    import tqdm  # noqa: F401
except ImportError:
    sys.path.insert(0, os.path.join(FIXTURES, 'shims'))

import torch  # noqa: E402
from kan import KAN, create_dataset  # noqa: E402

torch.set_num_threads(2)
f = lambda x: torch.exp(torch.sin(torch.pi * x[:, [0]]) + x[:, [1]] ** 2)  # noqa: E731
dataset = create_dataset(f, n_var=2, device='cpu')
phases = []


def timed(name, step):
    start = time.perf_counter()
    result = step()
    phases.append((name, time.perf_counter() - start))
    return result


os.makedirs(os.path.join(work, 'ckpt'))  # pykan appends to <ckpt_path>/history.txt on prune and refine
total = time.perf_counter()
model = KAN(width=[2, 5, 1], grid=3, k=3, seed=1, auto_save=False, ckpt_path=os.path.join(work, 'ckpt'))
timed('train', lambda: model.fit(dataset, opt='LBFGS', steps=50, lamb=0.001))
model = timed('prune', lambda: model.prune())
timed('train pruned', lambda: model.fit(dataset, opt='LBFGS', steps=50))
model = timed('refine', lambda: model.refine(10))
timed('train refined', lambda: model.fit(dataset, opt='LBFGS', steps=50))
lib = ['x', 'x^2', 'x^3', 'x^4', 'exp', 'log', 'sqrt', 'tanh', 'sin', 'abs']
timed('autoSymbolic', lambda: model.auto_symbolic(lib=lib))
timed('train symbolic', lambda: model.fit(dataset, opt='LBFGS', steps=50))
formula = timed('formula', lambda: model.symbolic_formula()[0][0])
total = time.perf_counter() - total
print(f'pykan 0.2.8 (kan/ folder), torch {torch.__version__}, {torch.get_num_threads()} threads')
print('| phase | seconds |\n| --- | --- |')
for name, seconds in phases:
    print(f'| {name} | {seconds:.2f} |')
print(f'| all | {total:.2f} |')
print(f'widths after pruning {model.width}, formula {formula}')
