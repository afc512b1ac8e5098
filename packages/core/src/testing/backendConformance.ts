import { useBackend } from '../backend/backendRegistry';
import type { Explainer, ExplainCall } from '../explainer/Explainer';
import type { Model } from '../model/Model';
import type { ConformanceCheck } from './explainerConformance';
import { trackTensors } from './trackTensors';

/** One explainer case for the backend suite. */
export interface BackendCase {
  explainer: Explainer<any, any, any>;
  model: () => Model | Promise<Model>;
  /** Continuous, tie-free inputs (ties make argmax/max-pool choices backend-dependent). */
  inputs: () => unknown;
  call?: ExplainCall<any>;
  /** Per example: max|got − cpu| ≤ atol + rtol · max|cpu|. */
  tolerance?: { rtol: number; atol: number };
}

export interface BackendSuiteOptions {
  /** Backend under test (registered with `registerBackend`). */
  backend: string;
  cases: BackendCase[];
  /**
   * Default tolerance. float32 kernels that sum in a different order (blocked GEMM, tree
   * reductions, fused multiply-add, GPU reductions) differ from cpu by a few ulps per operation;
   * through two layers and a backward pass that is ~1e-5 relative; 1e-3 leaves a wide margin while
   * still catching a wrong kernel (which errs by O(1)).
   */
  tolerance?: { rtol: number; atol: number };
  /** Called after each case with the largest error seen, relative to the largest cpu value, to state tolerances from measurements. */
  report?: (r: BackendCaseReport) => void;
}

/** The largest deviation from cpu one case showed. */
export interface BackendCaseReport {
  backend: string;
  explainer: string;
  /** max over examples of max|got − cpu| / max|cpu| (per example). */
  relativeError: number;
  /** max over examples of max|got − cpu|. */
  absoluteError: number;
}

/**
 * Checks that every case gives the same attributions on `backend` as on `cpu` within tolerance,
 * and leaks no tensors there. Leaves the cpu backend active.
 *
 * @example
 * ```ts
 * for (const c of backendConformance({ backend: 'wasm', cases })) it(c.name, c.run);
 * ```
 */
export function backendConformance(options: BackendSuiteOptions): ConformanceCheck[] {
  const tol = options.tolerance ?? { rtol: 1e-3, atol: 1e-6 };
  return options.cases.map((c) => ({
    name: `${options.backend}: ${c.explainer.name} matches cpu and leaks nothing`,
    run: async () => {
      const model = await c.model();
      try {
        await useBackend('cpu');
        const ref = await c.explainer.explain(model, c.inputs() as never, { seed: 11, ...c.call });
        await useBackend(options.backend);
        await c.explainer.explain(model, c.inputs() as never, { seed: 11, ...c.call }); // warm-up
        const r = await trackTensors(() => c.explainer.explain(model, c.inputs() as never, { seed: 11, ...c.call }));
        if (r.error) throw r.error;
        const got = r.value!;
        if (r.leaked !== 0) throw new Error(`leaked ${r.leaked} tensors on ${options.backend}`);
        if (got.backend !== options.backend && !got.backend.startsWith(options.backend)) {
          throw new Error(`explanation records backend "${got.backend}", expected "${options.backend}"`);
        }
        const { rtol, atol } = c.tolerance ?? tol;
        const batch = ref.attributionShape[0] ?? 0;
        const per = ref.attributions.length / batch;
        if (got.attributions.length !== ref.attributions.length) {
          throw new Error(`${options.backend} returned ${got.attributions.length} attributions; cpu returned ${ref.attributions.length}`);
        }
        let relativeError = 0, absoluteError = 0;
        for (let i = 0; i < batch; i++) {
          let maxRef = 0, maxDiff = 0;
          for (let j = i * per; j < (i + 1) * per; j++) {
            maxRef = Math.max(maxRef, Math.abs(ref.attributions[j]!));
            maxDiff = Math.max(maxDiff, Math.abs(got.attributions[j]! - ref.attributions[j]!));
          }
          if (!(maxDiff <= atol + rtol * maxRef)) {
            throw new Error(`example ${i}: max|${options.backend} − cpu| = ${maxDiff.toExponential(3)} > ${atol} + ${rtol}·${maxRef.toExponential(3)}`);
          }
          absoluteError = Math.max(absoluteError, maxDiff);
          relativeError = Math.max(relativeError, maxRef > 0 ? maxDiff / maxRef : maxDiff);
        }
        options.report?.({ backend: options.backend, explainer: c.explainer.name, relativeError, absoluteError });
      } finally {
        model.dispose?.();
        await useBackend('cpu');
      }
    },
  }));
}
