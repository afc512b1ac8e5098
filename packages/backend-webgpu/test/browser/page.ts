// The browser side of browser.test.ts: integrated gradients on a backend chosen by the test,
// through the same packages a web app would bundle. esbuild bundles this file for the page.
import * as tf from '@tensorflow/tfjs-core';
import { fromFunction, registerBackend, useBackend, currentBackend } from '@glassbox/core';
import { integratedGradients } from '@glassbox/integrated-gradients';
import { wasmBackend, wasmBackendInfo, wasmPaths } from '@glassbox/backend-wasm';
import { webgpuBackend, webgpuBackendInfo } from '@glassbox/backend-webgpu';

/** What the test sends: an MLP's weights (row-major) and a batch of inputs. */
export interface IgRequest {
  backend: string;
  layers: Array<{ w: number[]; b: number[]; inputs: number; outputs: number }>;
  inputs: number[];
  batch: number;
  steps: number;
  target: number;
}

export interface IgResponse {
  backend: string;
  recorded: string;
  fellBack: boolean;
  failures: string[];
  attributions: number[];
  convergenceDelta: number[];
  info: unknown;
  crossOriginIsolated: boolean;
}

wasmPaths('/wasm/'); // the server serves the tfjs-backend-wasm binaries there
registerBackend(wasmBackend({ threads: 2 }));
registerBackend(webgpuBackend({ warmup: false }));

async function runIg(req: IgRequest): Promise<IgResponse> {
  const selection = await useBackend(req.backend);
  const weights = req.layers.map((l) => ({ w: tf.tensor2d(l.w, [l.inputs, l.outputs]), b: tf.tensor1d(l.b) }));
  const forward = (x: tf.Tensor) =>
    weights.reduce((h, l, i) => {
      const z = tf.add(tf.matMul(h as tf.Tensor2D, l.w), l.b);
      return i === weights.length - 1 ? tf.softmax(z) : tf.tanh(z);
    }, x);
  const n0 = req.layers[0]!.inputs;
  const model = fromFunction(forward, { inputShape: [n0], outputShape: [req.layers.at(-1)!.outputs], name: 'browser-mlp' });
  try {
    const e = await integratedGradients({ steps: req.steps }).explain(model, { values: Float32Array.from(req.inputs), shape: [req.batch, n0] }, { target: req.target });
    return {
      backend: currentBackend(),
      recorded: e.backend,
      fellBack: selection.fellBack,
      failures: selection.failures.map((f) => `${f.backend}: ${f.reason}`),
      attributions: Array.from(e.attributions),
      convergenceDelta: e.convergenceDelta ?? [],
      info: req.backend === 'wasm' ? wasmBackendInfo() : webgpuBackendInfo(),
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
    };
  } finally {
    tf.dispose(weights.flatMap((l) => [l.w, l.b]));
  }
}

(globalThis as { runIg?: typeof runIg }).runIg = runIg;
(globalThis as { pageReady?: boolean }).pageReady = true;
