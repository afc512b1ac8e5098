#!/usr/bin/env python3
"""PyTorch peer for the MobileNetV2 benchmark: the same Keras layers model (model.json + uint8-quantised
shard) rebuilt in PyTorch with the same weights, layer by layer from the Keras config, then saliency
(|input gradient|) or integrated gradients (Gauss-Legendre, zero baseline, as Captum computes them:
torch autograd over the batch of path points) for one target.

  python3 keras_torch_peer.py --model model.json --input inputs.json --method saliency|ig \
      --target 2 [--steps 50] [--threads 2] [--out result.json]

Inputs: a .npy array (NHWC float32), or JSON {"inputs": [[...NHWC...]]} or a bare nested list. Prints one JSON line on stdout with the
in-process times (load, compute) and the model outputs, so a caller can check that both sides agree.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F


def load_weights(model_json_path):
    m = json.load(open(model_json_path))
    folder = os.path.dirname(model_json_path)
    out = {}
    for group in m["weightsManifest"]:
        data = b"".join(open(os.path.join(folder, p), "rb").read() for p in group["paths"])
        off = 0
        for w in group["weights"]:
            n = int(np.prod(w["shape"])) if w["shape"] else 1
            q = w.get("quantization")
            if q:
                dt = {"uint8": np.uint8, "uint16": np.uint16, "float16": np.float16}[q["dtype"]]
                raw = np.frombuffer(data, dtype=dt, count=n, offset=off)
                off += raw.nbytes
                vals = raw.astype(np.float32) if q["dtype"] == "float16" else (q["min"] + q["scale"] * raw.astype(np.float64)).astype(np.float32)
            else:
                vals = np.frombuffer(data, dtype=np.float32, count=n, offset=off)
                off += vals.nbytes
            out[w["name"]] = torch.from_numpy(np.array(vals).reshape(w["shape"]))
    topology = m["modelTopology"]
    return (topology.get("model_config") or topology)["config"], out


class KerasGraph(torch.nn.Module):
    """Runs the Keras functional graph with torch ops (NCHW inside, NHWC at the input)."""

    def __init__(self, config, weights):
        super().__init__()
        layers = config if isinstance(config, list) else config["layers"]
        if isinstance(config, dict) and "output_layers" in config:
            self.layers, self.output = layers, config["output_layers"][0][0]
        else:
            # A Sequential config has no graph: each layer takes the previous one's output.
            chain = [{"class_name": "InputLayer", "config": {"name": "__input"}, "inbound_nodes": []}]
            for layer in layers:
                chain.append({**layer, "inbound_nodes": [[[chain[-1]["config"]["name"], 0, 0, {}]]]})
            self.layers, self.output = chain, chain[-1]["config"]["name"]
        self.w = {}
        for layer in self.layers:
            c, name = layer["config"], layer["config"]["name"]
            k = layer["class_name"]
            if k == "Conv2D":
                self.w[name] = (weights[f"{name}/kernel"].permute(3, 2, 0, 1).contiguous(), weights.get(f"{name}/bias"))
            elif k == "DepthwiseConv2D":
                dk = weights[f"{name}/depthwise_kernel"]  # [h, w, in, mult]
                h, w_, cin, mult = dk.shape
                self.w[name] = (dk.permute(2, 3, 0, 1).reshape(cin * mult, 1, h, w_).contiguous(), weights.get(f"{name}/bias"))
            elif k == "BatchNormalization":
                self.w[name] = tuple(weights.get(f"{name}/{p}") for p in ("gamma", "beta", "moving_mean", "moving_variance"))
            elif k == "Dense":
                self.w[name] = (weights[f"{name}/kernel"].t().contiguous(), weights.get(f"{name}/bias"))

    def forward(self, x_nhwc):
        vals = {}
        for layer in self.layers:
            k, c = layer["class_name"], layer["config"]
            name = c["name"]
            ins = [vals[n[0]] for n in layer["inbound_nodes"][0]] if layer["inbound_nodes"] else []
            h = ins[0] if ins else None
            if k == "InputLayer":
                y = x_nhwc.permute(0, 3, 1, 2) if x_nhwc.dim() == 4 else x_nhwc
            elif k == "ZeroPadding2D":
                (t, b), (l, r) = c["padding"]
                y = F.pad(h, (l, r, t, b))
            elif k in ("Conv2D", "DepthwiseConv2D"):
                w, bias = self.w[name]
                kh, kw = w.shape[2], w.shape[3]
                pad = 0 if c["padding"] == "valid" else (kh // 2, kw // 2)
                groups = h.shape[1] if k == "DepthwiseConv2D" else 1
                y = F.conv2d(h, w, bias, stride=tuple(c["strides"]), padding=pad, dilation=tuple(c.get("dilation_rate", (1, 1))), groups=groups)
                y = act(y, c.get("activation", "linear"))
            elif k == "BatchNormalization":
                g, b, mean, var = self.w[name]
                y = F.batch_norm(h, mean, var, g, b, False, 0.0, c["epsilon"])
            elif k == "ReLU":
                y = F.relu6(h) if c.get("max_value") == 6 else (torch.clamp(F.relu(h), max=c["max_value"]) if c.get("max_value") else F.relu(h))
            elif k == "Add":
                y = ins[0]
                for o in ins[1:]:
                    y = y + o
            elif k == "MaxPooling2D":
                if c.get("padding", "valid") != "valid":
                    raise SystemExit("MaxPooling2D with padding 'same' is not supported by this peer")
                y = F.max_pool2d(h, tuple(c["pool_size"]), tuple(c["strides"] or c["pool_size"]))
            elif k == "AveragePooling2D":
                y = F.avg_pool2d(h, tuple(c["pool_size"]), tuple(c["strides"]))
            elif k == "GlobalAveragePooling2D":
                y = h.mean(dim=(2, 3))
            elif k == "Flatten":
                y = h.permute(0, 2, 3, 1).reshape(h.shape[0], -1) if h.dim() == 4 else h.reshape(h.shape[0], -1)
            elif k == "Dense":
                w, bias = self.w[name]
                y = act(F.linear(h, w, bias), c.get("activation", "linear"))
            elif k == "Dropout":
                y = h
            else:
                raise SystemExit(f"unsupported layer {k}")
            vals[name] = y
        return vals[self.output]


def act(y, a):
    return {"linear": lambda v: v, "relu": F.relu, "relu6": F.relu6, "softmax": lambda v: F.softmax(v, dim=-1), "sigmoid": torch.sigmoid}[a](y)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--input", required=True)
    p.add_argument("--method", choices=["saliency", "ig"], required=True)
    p.add_argument("--target", type=int, default=0)
    p.add_argument("--steps", type=int, default=50)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--repeat", type=int, default=1, help="compute this many times; report the best (in-process figure)")
    p.add_argument("--out")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    t0 = time.perf_counter()
    config, weights = load_weights(a.model)
    model = KerasGraph(config, weights).eval()
    if a.input.endswith(".npy"):
        x = torch.from_numpy(np.load(a.input).astype(np.float32))
    else:
        raw = json.load(open(a.input))
        x = torch.tensor(np.array(raw["inputs"] if isinstance(raw, dict) else raw, dtype=np.float32))
    t_load = time.perf_counter() - t0
    best = float("inf")
    for _ in range(a.repeat):
        t1 = time.perf_counter()
        if a.method == "saliency":
            xi = x.clone().requires_grad_(True)
            out = model(xi)
            (g,) = torch.autograd.grad(out[:, a.target].sum(), xi)
            attr = g.abs()
        else:
            nodes, wts = np.polynomial.legendre.leggauss(a.steps)
            alphas = torch.tensor((nodes + 1) / 2, dtype=torch.float32)
            weights_ = torch.tensor(wts / 2, dtype=torch.float32)
            n = x.shape[0]
            ones = [1] * x.dim()
            path = (alphas.view(-1, *ones) * x.unsqueeze(0)).reshape(-1, *x.shape[1:]).requires_grad_(True)
            out = model(path)
            (g,) = torch.autograd.grad(out[:, a.target].sum(), path)
            g = g.reshape(a.steps, n, *x.shape[1:])
            attr = x * (weights_.view(-1, *ones) * g).sum(0)
        best = min(best, time.perf_counter() - t1)
    with torch.no_grad():
        outputs = model(x)
    if a.out and a.out.endswith(".npy"):
        np.save(a.out, attr.detach().numpy())
    elif a.out:
        json.dump({"attributions": attr.detach().numpy().tolist(), "outputs": outputs.numpy().tolist()}, open(a.out, "w"))
    print(json.dumps({"loadSeconds": t_load, "computeSeconds": best, "outputs": outputs.numpy()[:, a.target].tolist(), "torch": torch.__version__, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    sys.exit(main())
