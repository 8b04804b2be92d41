#!/usr/bin/env python3
"""PyTorch reference runner for kanjs-bench: FastKAN and efficient-KAN layers written from the definitions in
DESIGN.md (torch only), timed the way kanjs-bench times tfjs.

Protocol: the bench CLI writes one JSON spec to stdin and reads one JSON result from stdout. Progress goes to
stderr as lines `PROGRESS <steps>`. `--probe` prints what torch and device are here and exits.

Spec: {"cases": [{"id", "kind", "widths", "batch"}], "layers": ["fastkan", "kan-linear"], "bases": [{"name",
"config"}], "ops": [...], "warmup", "repeats", "minSampleMs", "compile": bool, "tf32": bool, "seed",
"slowMaxBatch", "slowMaxWork", "cudaGraph": bool}.

Method, as in kanjs-bench: contenders of one case are interleaved (every contender once per repeat, the start
rotating), warm-up is excluded, a sample runs `inner` iterations (chosen from the fastest warm-up iteration so
that it lasts about minSampleMs) and ends with torch.cuda.synchronize(); times are per iteration, fp32 (with
"tf32": true, matmuls and cuDNN may use TF32 tensor cores, as kanjs's cuda backend with --tf32). With "cudaGraph"
on CUDA, the backend torch-cuda-graph times the training step as an expert writes it: the whole step (forward,
loss, backward, AdamW with capturable=True) captured once in a torch.cuda.CUDAGraph over static inputs, each
iteration one replay and, as on every backend, the loss read back.
"""
import json
import math
import sys
import time

try:
    import torch
    import torch.nn.functional as F
except ImportError as error:  # the CLI probes first; this is for people running the script by hand
    print(f"torch is not installed: {error}", file=sys.stderr)
    sys.exit(3)


# --- bases, from DESIGN.md --------------------------------------------------------------------------------------
class BSplineBasis(torch.nn.Module):
    """Cox-de Boor on per-input uniform knots: x [batch, in] -> [batch, in, G+k]."""

    def __init__(self, in_features, gridSize=5, splineOrder=3, gridRange=(-1.0, 1.0), **_):
        super().__init__()
        self.order = splineOrder
        self.size = gridSize + splineOrder
        h = (gridRange[1] - gridRange[0]) / gridSize
        grid = (torch.arange(-splineOrder, gridSize + splineOrder + 1) * h + gridRange[0]).expand(in_features, -1).contiguous()
        self.register_buffer("grid", grid.float())

    def forward(self, x):
        grid = self.grid
        x = x.unsqueeze(-1)
        bases = ((x >= grid[:, :-1]) & (x < grid[:, 1:])).to(x.dtype)
        for k in range(1, self.order + 1):
            bases = ((x - grid[:, : -(k + 1)]) / (grid[:, k:-1] - grid[:, : -(k + 1)]) * bases[:, :, :-1]) + (
                (grid[:, k + 1:] - x) / (grid[:, k + 1:] - grid[:, 1:(-k)]) * bases[:, :, 1:])
        return bases


class GaussianBasis(torch.nn.Module):
    """exp(-((x - c_j)/h)^2), c = linspace(gridMin, gridMax, K): x [batch, in] -> [batch, in, K]."""

    def __init__(self, in_features, numCenters=8, gridMin=-2.0, gridMax=2.0, denominator=None, **_):
        super().__init__()
        self.size = numCenters
        self.register_buffer("grid", torch.linspace(gridMin, gridMax, numCenters))
        self.denominator = denominator if denominator is not None else (gridMax - gridMin) / (numCenters - 1)

    def forward(self, x):
        return torch.exp(-((x[..., None] - self.grid) / self.denominator) ** 2)


BASES = {"bspline": BSplineBasis, "gaussian": GaussianBasis}


def make_basis(spec, in_features):
    config = {k: v for k, v in spec["config"].items() if k != "name"}
    return BASES[spec["name"]](in_features, **config)


# --- layers, from DESIGN.md -------------------------------------------------------------------------------------
class KANLinear(torch.nn.Module):
    """efficient-kan: y = SiLU(x) Wb^T + flatten(B(x)) flatten(Ws * s)^T."""

    def __init__(self, in_features, out_features, basis_spec):
        super().__init__()
        self.basis = make_basis(basis_spec, in_features)
        self.out_features = out_features
        self.base_weight = torch.nn.Parameter(torch.empty(out_features, in_features))
        self.spline_weight = torch.nn.Parameter(torch.randn(out_features, in_features, self.basis.size) * 0.1)
        self.spline_scaler = torch.nn.Parameter(torch.empty(out_features, in_features))
        torch.nn.init.kaiming_uniform_(self.base_weight, a=math.sqrt(5))
        torch.nn.init.kaiming_uniform_(self.spline_scaler, a=math.sqrt(5))

    def forward(self, x):
        base = F.linear(F.silu(x), self.base_weight)
        scaled = (self.spline_weight * self.spline_scaler.unsqueeze(-1)).view(self.out_features, -1)
        return base + F.linear(self.basis(x).view(x.size(0), -1), scaled)


class FastKANLayer(torch.nn.Module):
    """fast-kan: u = LayerNorm(x); y = flatten(phi(u)) Ws^T + SiLU(x) Wb^T + bb."""

    def __init__(self, in_features, out_features, basis_spec):
        super().__init__()
        self.layernorm = torch.nn.LayerNorm(in_features) if in_features > 1 else None
        self.basis = make_basis(basis_spec, in_features)
        self.spline_linear = torch.nn.Linear(in_features * self.basis.size, out_features, bias=False)
        torch.nn.init.trunc_normal_(self.spline_linear.weight, std=0.1)
        self.base_linear = torch.nn.Linear(in_features, out_features)

    def forward(self, x):
        u = self.layernorm(x) if self.layernorm is not None else x
        phi = self.basis(u)
        return self.spline_linear(phi.view(x.size(0), -1)) + self.base_linear(F.silu(x))


LAYERS = {"kan-linear": KANLinear, "fastkan": FastKANLayer}


class KAN(torch.nn.Module):
    def __init__(self, widths, layer, basis_spec):
        super().__init__()
        self.layers = torch.nn.ModuleList(LAYERS[layer](a, b, basis_spec) for a, b in zip(widths[:-1], widths[1:]))

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x


# --- contenders -------------------------------------------------------------------------------------------------
class Contender:
    """meta: what it is; step(): one iteration, returning its output; persistent_bytes(): what it holds between
    calls; grads(): the gradients the last step produced (checked for finiteness)."""

    def __init__(self, meta, step, persistent_bytes, grads=lambda: []):
        self.meta, self.step, self.persistent_bytes, self.grads = meta, step, persistent_bytes, grads


def nbytes(tensors):
    return sum(t.numel() * t.element_size() for t in tensors)


def build_graph_group(spec, case, device):
    """The training step captured whole in one CUDA graph (torch.cuda.graphs), after warm-up on a side stream."""
    widths, batch = case["widths"], case["batch"]
    generator = torch.Generator(device="cpu").manual_seed(spec["seed"])
    x = (torch.rand(batch, widths[0], generator=generator) * 2 - 1).to(device)
    labels = torch.randint(0, widths[-1], (batch,), generator=generator).to(device)
    contenders = []
    for layer in spec["layers"]:
        for basis in spec["bases"]:
            torch.manual_seed(spec["seed"])
            model = KAN(widths, layer, basis).to(device)
            optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-4, capturable=True)

            def one_step(model=model, optimizer=optimizer):
                optimizer.zero_grad(set_to_none=False)
                loss = F.cross_entropy(model(x), labels)
                loss.backward()
                optimizer.step()
                return loss
            side = torch.cuda.Stream()
            side.wait_stream(torch.cuda.current_stream())
            with torch.cuda.stream(side):
                for _ in range(3):
                    one_step()
            torch.cuda.current_stream().wait_stream(side)
            graph = torch.cuda.CUDAGraph()
            optimizer.zero_grad(set_to_none=False)
            with torch.cuda.graph(graph):
                static_loss = one_step()

            def step(graph=graph, static_loss=static_loss):
                graph.replay()
                static_loss.item()
                return static_loss
            model_bytes = nbytes(list(model.parameters()) + list(model.buffers()))

            def persistent(m=model_bytes, optimizer=optimizer):
                slots = [t for state in optimizer.state.values() for t in state.values() if torch.is_tensor(t)]
                return m + nbytes([x, labels] + slots)
            meta = {"layer": layer, "basis": basis["name"], "basisConfig": basis["config"], "variant": "layer",
                    "params": sum(p.numel() for p in model.parameters()),
                    "nonTrainableParams": sum(b.numel() for b in model.buffers()), "op": "train-step"}
            contenders.append(Contender(meta, step, persistent))
    return contenders, []


def build_group(spec, case, device, compiled):
    widths, batch = case["widths"], case["batch"]
    generator = torch.Generator(device="cpu").manual_seed(spec["seed"])
    x = (torch.rand(batch, widths[0], generator=generator) * 2 - 1).to(device)
    labels = torch.randint(0, widths[-1], (batch,), generator=generator).to(device)
    contenders, skipped = [], []
    wrap = (lambda f: torch.compile(f)) if compiled else (lambda f: f)
    model_ops = [op for op in spec["ops"] if op in ("forward", "forward-backward", "train-step")]
    for layer in spec["layers"]:
        for basis in spec["bases"]:
            if not model_ops:
                continue
            torch.manual_seed(spec["seed"])
            model = KAN(widths, layer, basis).to(device)
            run = wrap(model)
            params = sum(p.numel() for p in model.parameters())
            non_trainable = sum(b.numel() for b in model.buffers())
            model_bytes = nbytes(list(model.parameters()) + list(model.buffers()))
            meta = {"layer": layer, "basis": basis["name"], "basisConfig": basis["config"], "variant": "layer",
                    "params": params, "nonTrainableParams": non_trainable}
            for op in model_ops:
                if op == "forward":
                    def step(run=run):
                        with torch.no_grad():
                            return run(x)
                    contenders.append(Contender({**meta, "op": op}, step, lambda m=model_bytes: m + nbytes([x])))
                elif op == "forward-backward":
                    def step(run=run, model=model):
                        for p in model.parameters():
                            p.grad = None
                        y = run(x)
                        y.sum().backward()
                        return y
                    grads = (lambda model=model: [p.grad for p in model.parameters() if p.grad is not None])
                    contenders.append(Contender({**meta, "op": op}, step, lambda m=model_bytes: m + nbytes([x]), grads))
                else:
                    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-4)

                    def step(run=run, optimizer=optimizer):
                        optimizer.zero_grad(set_to_none=True)
                        loss = F.cross_entropy(run(x), labels)
                        loss.backward()
                        optimizer.step()
                        loss.item()
                        return loss

                    def persistent(m=model_bytes, optimizer=optimizer):
                        slots = [t for state in optimizer.state.values() for t in state.values() if torch.is_tensor(t)]
                        return m + nbytes([x, labels] + slots)
                    contenders.append(Contender({**meta, "op": op}, step, persistent))

    branch_ops = [op for op in spec["ops"] if op in ("basis-linear-forward", "basis-linear-forward-backward")]
    if branch_ops and case["kind"] == "layer":
        for basis in spec["bases"]:
            module = make_basis(basis, widths[0]).to(device)
            rows = widths[0] * module.size
            weight = (torch.randn(rows, widths[1], generator=generator) / math.sqrt(rows)).to(device)

            def branch(a, w, module=module):
                return module(a).reshape(a.size(0), -1) @ w
            op_fn = wrap(branch)
            meta = {"layer": None, "basis": basis["name"], "basisConfig": basis["config"], "variant": "generic",
                    "params": weight.numel(), "nonTrainableParams": module.grid.numel()}
            persistent = (lambda weight=weight, module=module: nbytes([weight, module.grid, x]))
            for op in branch_ops:
                grads = (lambda: [])
                if op == "basis-linear-forward":
                    def step(op_fn=op_fn, weight=weight):
                        with torch.no_grad():
                            return op_fn(x, weight)
                else:
                    xg = x.clone().requires_grad_(True)
                    wg = weight.clone().requires_grad_(True)

                    def step(op_fn=op_fn, xg=xg, wg=wg):
                        xg.grad = None
                        wg.grad = None
                        y = op_fn(xg, wg)
                        y.sum().backward()
                        return y
                    grads = (lambda xg=xg, wg=wg: [xg.grad, wg.grad])
                contenders.append(Contender({**meta, "op": op}, step, persistent, grads))
    return contenders, skipped


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize()


def finite(value):
    return bool(torch.isfinite(value).all().item())


def check(contender, device):
    """One untimed call: finite output, and on CUDA the peak memory it adds."""
    memory = {"peakAddedBytes": None, "persistentBytes": None, "peakBytes": None, "method": "none", "backend": {}}
    if device.type == "cuda":
        sync(device)
        before = torch.cuda.memory_allocated()
        torch.cuda.reset_peak_memory_stats()
        out = contender.step()
        sync(device)
        peak = torch.cuda.max_memory_allocated()
        persistent = contender.persistent_bytes()
        memory = {"peakAddedBytes": max(0, peak - before), "persistentBytes": persistent,
                  "peakBytes": persistent + max(0, peak - before), "method": "torch.cuda",
                  "backend": {"maxMemoryAllocated": peak}}
    else:
        out = contender.step()
        persistent = contender.persistent_bytes()
        memory["persistentBytes"] = persistent
    ok = finite(out.detach()) and all(finite(g) for g in contender.grads())
    return ok, memory


def summarize(samples):
    s = sorted(samples)

    def q(p):
        pos = p * (len(s) - 1)
        lo, hi = math.floor(pos), math.ceil(pos)
        return s[lo] + (s[hi] - s[lo]) * (pos - lo)
    return {"median": q(0.5), "p25": q(0.25), "p75": q(0.75), "min": s[0], "max": s[-1], "mean": sum(s) / len(s)}


def progress(steps):
    print(f"PROGRESS {steps}", file=sys.stderr, flush=True)


def time_group(contenders, spec, device):
    """Warm-up rounds, then repeats, each contender once per round (start rotating); the budget trims rounds."""
    fastest = [math.inf] * len(contenders)
    warmup, repeats = spec["warmup"], spec["repeats"]
    budget = spec.get("maxGroupSeconds")
    round_index = 0
    while round_index < warmup:
        round_start = time.perf_counter()
        for i, c in enumerate(contenders):
            sync(device)
            start = time.perf_counter()
            c.step()
            sync(device)
            fastest[i] = min(fastest[i], (time.perf_counter() - start) * 1e3)
            progress(1)
        if round_index == 0 and budget is not None:
            rounds = math.floor(budget / max(time.perf_counter() - round_start, 1e-6))
            warmup = min(warmup, max(1, rounds // 5))
            repeats = min(repeats, max(min(3, repeats), rounds - warmup))
        round_index += 1
    min_ms = spec["minSampleMs"]
    inner = [max(1, min(1000, math.ceil(min_ms / max(ms, 1e-3)))) if min_ms > 0 and math.isfinite(ms) else 1 for ms in fastest]
    samples = [[] for _ in contenders]
    n = len(contenders)
    for repeat in range(repeats):
        for k in range(n):
            i = (repeat + k) % n
            sync(device)
            start = time.perf_counter()
            for _ in range(inner[i]):
                contenders[i].step()
            sync(device)
            samples[i].append((time.perf_counter() - start) * 1e3 / inner[i])
            progress(1)
    return warmup, repeats, inner, samples


def slow_skip(case, spec):
    if case["batch"] > spec["slowMaxBatch"]:
        return f"torch-cpu is too slow for batch {case['batch']} (limit {spec['slowMaxBatch']}); run it on CUDA, or pass --all"
    work = sum(a * b for a, b in zip(case["widths"][:-1], case["widths"][1:])) * case["batch"] * 8
    if work > spec["slowMaxWork"]:
        return f"torch-cpu is too slow for {'→'.join(map(str, case['widths']))} at batch {case['batch']}; run it on CUDA, or pass --all"
    return None


def probe():
    info = {"version": torch.__version__, "cuda": torch.cuda.is_available()}
    if info["cuda"]:
        info["device"] = "cuda"
        info["deviceName"] = torch.cuda.get_device_name(0)
    else:
        info["device"] = "cpu"
    return info


def main():
    if "--probe" in sys.argv:
        print(json.dumps(probe()))
        return
    spec = json.load(sys.stdin)
    info = probe()
    device = torch.device(info["device"])
    tf32 = bool(spec.get("tf32"))  # fp32, as tfjs computes, unless TF32 is compared with TF32 (--torch-tf32)
    torch.backends.cuda.matmul.allow_tf32 = tf32
    torch.backends.cudnn.allow_tf32 = tf32
    info["tf32"] = tf32
    measurements, skipped = [], []
    variants = ["eager", "compiled"] if spec.get("compile") else ["eager"]
    if spec.get("cudaGraph"):
        if device.type == "cuda" and "train-step" in spec["ops"]:
            variants.append("graph")
        else:
            skipped.append({"backend": "torch-cuda-graph", "caseId": None, "basis": None, "layer": None, "op": None, "variant": None,
                            "reason": "torch-cuda-graph times the training step on CUDA only" + ("" if device.type == "cuda" else f"; torch runs on {device.type} here")})
    for variant in variants:
        backend = f"torch-{info['device']}" + {"eager": "", "compiled": "-compiled", "graph": "-graph"}[variant]
        for case in spec["cases"]:
            reason = None if device.type == "cuda" or spec.get("all") else slow_skip(case, spec)
            if reason is None:
                try:
                    if variant == "graph":
                        contenders, group_skipped = build_graph_group(spec, case, device)
                    else:
                        contenders, group_skipped = build_group(spec, case, device, variant == "compiled")
                    warmup, repeats, inner, samples = time_group(contenders, spec, device)
                except Exception as error:  # e.g. torch.compile without a working compiler
                    reason = f"{backend} failed: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
            if reason is not None:
                skipped.append({"backend": backend, "caseId": case["id"], "basis": None, "layer": None, "op": None, "variant": None, "reason": reason})
                continue
            skipped += [{**s, "backend": backend} for s in group_skipped]
            for i, c in enumerate(contenders):
                meta = c.meta
                try:
                    ok, memory = check(c, device)
                except Exception as error:  # e.g. out of memory
                    skipped.append({"backend": backend, "caseId": case["id"], "basis": meta["basis"], "layer": meta["layer"],
                                    "op": meta["op"], "variant": meta["variant"], "reason": f"failed: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"})
                    progress(1)
                    continue
                measurements.append({
                    **meta, "backend": backend, "caseId": case["id"], "warmup": warmup, "repeats": repeats, "inner": inner[i], "samplesMs": samples[i],
                    "timeMs": summarize(samples[i]), "finite": ok, "memory": memory,
                })
                progress(1)
            del contenders
            if device.type == "cuda":
                torch.cuda.empty_cache()
    json.dump({"torch": info, "measurements": measurements, "skipped": skipped}, sys.stdout)


if __name__ == "__main__":
    main()
