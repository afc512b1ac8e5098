#!/usr/bin/env python3
"""Float64 PyTorch reference for a tfjs graph model: saliency and integrated gradients.

An independent re-implementation of the TensorFlow graph that `tensorflowjs_converter` wrote
(nsfwjs's `mobilenet_v2_mid`: _FusedConv2D, FusedDepthwiseConv2dNative, _FusedMatMul with BiasAdd
and Relu6, AddV2, AvgPool, Squeeze, Softmax), read straight from model.json and the uint8-quantised
shards, run in float64 on the CPU with PyTorch autograd (no TensorFlow.js involved).

Usage (Debian python3-torch 1.13, numpy):
  /usr/bin/python3 graph_reference.py <unwrapped model dir> <photos.f32.gz> <photo index> <target> <out prefix> [steps,...]
writes <out prefix>_saliency.f32 (|∂f/∂x|) and <out prefix>_ig<steps>.f32 (Gauss-Legendre IG with a
zero baseline, Captum's rule; default 50 and 4 steps) as little-endian float32 in NHWC, and prints
the outputs and each IG's delta (Σ attributions − (f(x) − f(0))).
"""
import base64, gzip, json, math, os, sys
import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
BYTES = {'uint8': 1, 'uint16': 2, 'float16': 2, 'float32': 4, 'int32': 4}


def load(model_dir):
    j = json.load(open(os.path.join(model_dir, 'model.json')))
    weights = {}
    for group in j['weightsManifest']:
        data = b''.join(open(os.path.join(model_dir, p), 'rb').read() for p in group['paths'])
        off = 0
        for w in group['weights']:
            q = w.get('quantization')
            dt = q['dtype'] if q else w['dtype']
            n = int(np.prod(w['shape'])) if w['shape'] else 1
            raw = np.frombuffer(data, dtype={'uint8': '<u1', 'uint16': '<u2', 'float16': '<f2', 'float32': '<f4', 'int32': '<i4'}[dt], count=n, offset=off)
            off += n * BYTES[dt]
            v = raw.astype(np.float64)
            if q and dt in ('uint8', 'uint16'):
                v = v * q['scale'] + q['min']
            weights[w['name']] = torch.tensor(v.reshape(w['shape']))
    return j['modelTopology']['node'], weights


def s(attr, key):
    return base64.b64decode(attr[key]['s']).decode()


def ints(attr, key):
    return [int(i) for i in attr[key]['list']['i']]


def same_pad(x, kh, kw, sh, sw):
    # TensorFlow 'SAME': total padding split with the extra pixel at the bottom/right. x is NCHW.
    def total(n, k, st):
        out = math.ceil(n / st)
        return max((out - 1) * st + k - n, 0)
    th, tw = total(x.shape[2], kh, sh), total(x.shape[3], kw, sw)
    return F.pad(x, (tw // 2, tw - tw // 2, th // 2, th - th // 2))


def fused_tail(y, attr, bias):
    ops = [base64.b64decode(o).decode() for o in attr.get('fused_ops', {}).get('list', {}).get('s', [])]
    for op in ops:
        if op == 'BiasAdd':
            y = y + (bias.view(1, -1, 1, 1) if y.dim() == 4 else bias)
        elif op == 'Relu6':
            y = torch.clamp(y, 0, 6)
        elif op == 'Relu':
            y = torch.relu(y)
        else:
            raise ValueError('unsupported fused op ' + op)
    return y


def forward(nodes, weights, x_nhwc):
    # Activations are NCHW internally; inputs and Const weights follow TensorFlow's layouts.
    vals = {}
    for n in nodes:
        op, attr = n['op'], n.get('attr', {})
        ins = [vals[i.split(':')[0]] for i in n.get('input', []) if not i.startswith('^')]
        if op == 'Placeholder':
            y = x_nhwc.permute(0, 3, 1, 2)
        elif op == 'Const':
            y = weights.get(n['name'])
        elif op in ('Mul', 'Sub', 'AddV2'):
            a, b = ins
            y = a * b if op == 'Mul' else a - b if op == 'Sub' else a + b
        elif op == '_FusedConv2D':
            x, w, b = ins
            _, sh, sw, _ = ints(attr, 'strides')
            x = same_pad(x, w.shape[0], w.shape[1], sh, sw) if s(attr, 'padding') == 'SAME' else x
            y = fused_tail(F.conv2d(x, w.permute(3, 2, 0, 1), stride=(sh, sw)), attr, b)
        elif op == 'FusedDepthwiseConv2dNative':
            x, w, b = ins
            _, sh, sw, _ = ints(attr, 'strides')
            c, m = w.shape[2], w.shape[3]
            x = same_pad(x, w.shape[0], w.shape[1], sh, sw) if s(attr, 'padding') == 'SAME' else x
            y = fused_tail(F.conv2d(x, w.permute(2, 3, 0, 1).reshape(c * m, 1, w.shape[0], w.shape[1]), stride=(sh, sw), groups=c), attr, b)
        elif op == 'AvgPool':
            _, kh, kw, _ = ints(attr, 'ksize')
            _, sh, sw, _ = ints(attr, 'strides')
            assert s(attr, 'padding') == 'VALID'
            y = F.avg_pool2d(ins[0], (kh, kw), (sh, sw))
        elif op == 'Squeeze':
            y = ins[0].reshape(ins[0].shape[0], -1)  # squeeze_dims [1, 2] of NHWC [n, 1, 1, c]
        elif op == '_FusedMatMul':
            a, w, b = ins
            y = fused_tail(a @ w, attr, b)
        elif op == 'Softmax':
            y = torch.softmax(ins[0], dim=-1)
        elif op == 'Identity':
            y = ins[0]
        else:
            raise ValueError('unsupported op ' + op)
        vals[n['name']] = y
    return vals['Identity']


def main():
    model_dir, photos_path, index, target, prefix = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    nodes, weights = load(model_dir)
    photos = np.frombuffer(gzip.decompress(open(photos_path, 'rb').read()), dtype='<f4').reshape(-1, 224, 224, 3)
    x = torch.tensor(photos[index:index + 1].astype(np.float64))
    with torch.no_grad():
        print('outputs', forward(nodes, weights, x).tolist())
    xg = x.clone().requires_grad_(True)
    forward(nodes, weights, xg)[0, target].backward()
    np.abs(xg.grad.numpy()).astype('<f4').tofile(prefix + '_saliency.f32')
    with torch.no_grad():
        fx, f0 = forward(nodes, weights, x)[0, target].item(), forward(nodes, weights, torch.zeros_like(x))[0, target].item()
    for n_steps in [int(v) for v in (sys.argv[6] if len(sys.argv) > 6 else '50,4').split(',')]:
        nodes_, w_ = np.polynomial.legendre.leggauss(n_steps)
        alphas, steps = (nodes_ + 1) / 2, w_ / 2
        total = torch.zeros_like(x)
        for k0 in range(0, n_steps, 10):
            path = (torch.tensor(alphas[k0:k0 + 10]).view(-1, 1, 1, 1) * x).requires_grad_(True)
            forward(nodes, weights, path)[:, target].sum().backward()
            total += (torch.tensor(steps[k0:k0 + 10]).view(-1, 1, 1, 1) * path.grad).sum(0, keepdim=True)
        ig = (total * x).numpy()
        ig.astype('<f4').tofile(prefix + '_ig%d.f32' % n_steps)
        print('ig steps', n_steps, 'delta', ig.sum() - (fx - f0), 'f(x) - f(0)', fx - f0)


if __name__ == '__main__':
    main()
