"""PyTorch's side of the CPU anchor (issue 19): the original fast-kan and efficient-kan code on 2 threads, timed on
the cases of cases.json, forward + read and forward + backward. Prints one JSON object (the schema wasm_anchor.mjs
writes too). torch-vs-wasm.sh runs it pinned with taskset next to kanjs on wasm.

    OMP_NUM_THREADS=2 taskset -c 0,1 python3 tools/perf/cpu/torch_cpu_anchor.py [--out FILE] [--dry-run]

fast-kan's fastkan/ and efficient-kan's efficient_kan/ come unmodified from anchors/torch-kan-originals.tar.gz,
unpacked into a temporary folder. --dry-run unpacks it, checks the cases and prints the plan, without torch.

Method: per case and mode, `warmup` calls, then `samples` samples of N calls each (N from the fastest warm-up call,
so that a sample lasts about minSampleMs); the figure is the median ms per call over the samples (perf_counter; the upper middle one of an even count).
- forward: under torch.no_grad(), model(x) and its read, y.numpy() (y.clone() where torch has no working numpy), as kanjs
  reads its output with dataSync.
- forward-backward: gradients set to None, loss = model(x).sum(), loss.backward(), loss.item().
x is uniform on [-1, 1], float32, seeded; the models have their default options and torch.manual_seed(1).
"""
import argparse
import atexit
import json
import math
import os
import platform
import shutil
import sys
import tarfile
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ARCHIVE = os.path.join(HERE, 'anchors', 'torch-kan-originals.tar.gz')
ORIGINALS = {
    'fast-kan': 'ZiyaoLi/fast-kan@17b65401c252334fffb5e63c9852dd8316d29e69',
    'efficient-kan': 'Blealtan/efficient-kan@7b6ce1c87f18c8bc90c208f6b494042344216b11',
}


def load_plan():
    """cases.json, checked: every case names a known model and kind, and its widths fit the kind."""
    with open(os.path.join(HERE, 'cases.json')) as f:
        plan = json.load(f)
    for case in plan['cases']:
        if case['model'] not in ('fastkan', 'efficient-kan') or case['kind'] not in ('layer', 'network'):
            raise ValueError(f"cases.json: expected model fastkan or efficient-kan and kind layer or network, got {case['model']} {case['kind']} in {case['name']}.")
        if case['kind'] == 'layer' and len(case['widths']) != 2:
            raise ValueError(f"cases.json: a layer case has 2 widths, got {case['widths']} in {case['name']}.")
    return plan


def unpack_originals():
    """Unpacks the archive into a temporary folder (removed at exit) put first on sys.path."""
    work = tempfile.mkdtemp(prefix='torch-kan-originals-')
    atexit.register(shutil.rmtree, work, True)
    with tarfile.open(ARCHIVE) as archive:
        names = archive.getnames()
        if any(os.path.isabs(name) or '..' in name.split('/') for name in names):
            raise ValueError(f'{ARCHIVE}: expected relative paths inside the archive, found {names}.')
        archive.extractall(work, **({'filter': 'data'} if hasattr(tarfile, 'data_filter') else {}))
    for package in ('fastkan', 'efficient_kan'):
        if not os.path.isfile(os.path.join(work, package, '__init__.py')):
            raise FileNotFoundError(f'{ARCHIVE}: expected {package}/__init__.py at the top of the archive, found {names}.')
    sys.path.insert(0, work)


def build(case):
    """The original module of a case, with its default options."""
    from fastkan import FastKAN, FastKANLayer
    from efficient_kan import KAN, KANLinear

    widths = case['widths']
    if case['kind'] == 'layer':
        return FastKANLayer(*widths) if case['model'] == 'fastkan' else KANLinear(*widths)
    return FastKAN(widths) if case['model'] == 'fastkan' else KAN(widths)


def measure(call, warmup, samples, min_sample_ms):
    """Median ms per call over `samples` samples of N calls, after `warmup` calls; also the samples and N."""
    first = []
    for _ in range(warmup):
        start = time.perf_counter()
        call()
        first.append(time.perf_counter() - start)
    inner = max(1, math.ceil(min_sample_ms / 1000 / max(min(first), 1e-9)))
    per_call = []
    for _ in range(samples):
        start = time.perf_counter()
        for _ in range(inner):
            call()
        per_call.append((time.perf_counter() - start) / inner * 1000)
    return sorted(per_call)[len(per_call) // 2], per_call, inner  # the upper middle, as tools/perf/lib/timing.mjs


def run(plan, torch):
    try:
        torch.zeros(1).numpy()
        read, read_name = (lambda y: y.numpy()), 'y.numpy()'
    except (ImportError, RuntimeError):  # torch without a working numpy
        read, read_name = (lambda y: y.clone()), 'y.clone() (no working numpy here)'
    results = []
    for case in plan['cases']:
        torch.manual_seed(1)
        model = build(case)
        x = torch.rand(case['batch'], case['widths'][0], generator=torch.Generator().manual_seed(2)) * 2 - 1

        def forward():
            with torch.no_grad():
                read(model(x))

        def forward_backward():
            model.zero_grad(set_to_none=True)
            loss = model(x).sum()
            loss.backward()
            loss.item()

        calls = {'forward': forward, 'forward-backward': forward_backward}
        for mode in plan['modes']:
            ms, samples, inner = measure(calls[mode], plan['warmup'], plan['samples'], plan['minSampleMs'])
            results.append({'case': case['name'], 'mode': mode, 'ms': round(ms, 4), 'samples': [round(s, 4) for s in samples], 'callsPerSample': inner})
            print(f"{case['name']} {mode}: {ms:.3f} ms", file=sys.stderr)
    return results, read_name


def main():
    parser = argparse.ArgumentParser(description='PyTorch fast-kan and efficient-kan on the CPU, timed on the cases of cases.json.')
    parser.add_argument('--out', help='write the JSON here instead of stdout')
    parser.add_argument('--dry-run', action='store_true', help='unpack the originals, check the cases, print the plan; no torch')
    args = parser.parse_args()
    plan = load_plan()
    unpack_originals()
    environment = {
        'python': platform.python_version(),
        'affinity': sorted(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else None,
        'OMP_NUM_THREADS': os.environ.get('OMP_NUM_THREADS'),
        'originals': ORIGINALS,
    }
    if args.dry_run:
        result = {'runner': 'pytorch', 'dryRun': True, **environment, 'plan': plan}
    else:
        try:
            import torch
        except ImportError as error:
            sys.exit(f'torch_cpu_anchor.py: expected torch to be importable (python3 -c "import torch"), found none: {error}')
        torch.set_num_threads(plan['threads'])
        results, read_name = run(plan, torch)
        result = {
            'runner': 'pytorch',
            'torch': torch.__version__,
            'threads': torch.get_num_threads(),
            'interopThreads': torch.get_num_interop_threads(),
            'parallelInfo': torch.__config__.parallel_info().strip().splitlines(),
            'read': read_name,
            **environment,
            'method': {k: plan[k] for k in ('warmup', 'samples', 'minSampleMs')},
            'results': results,
        }
    text = json.dumps(result, indent=2, ensure_ascii=False)
    if args.out:
        with open(args.out, 'w') as f:
            f.write(text + '\n')
    else:
        print(text)


if __name__ == '__main__':
    main()
