import type { Explainer, ExplainCall } from '../explainer/Explainer';
import type { Model } from '../model/Model';
import { explanationFromJSON, explanationToJSON } from '../explanation/explanationJson';
import { GlassboxError } from '../errors/GlassboxError';
import { fromBatchFunction } from '../model/fromBatchFunction';
import { trackTensors } from './trackTensors';

/** One named check; `run` throws an Error describing the failure. */
export interface ConformanceCheck {
  name: string;
  run(): Promise<void>;
}

/** What the explainer suite needs. */
export interface ExplainerSuiteOptions {
  explainer: Explainer<any, any, any>;
  /** Makes a fresh model (disposed by the suite when it has `dispose`). */
  model: () => Model | Promise<Model>;
  /** A valid batch of at least two examples for that model. */
  inputs: () => unknown;
  call?: ExplainCall<any>;
  /** Expected attribution shape for a batch; defaults to the input shape (kind `attribution`). */
  expectedShape?: (inputShape: number[]) => number[];
  /** A model missing a capability the explainer requires (default: a black-box copy of `model`). */
  modelWithoutCapabilities?: () => Model | Promise<Model>;
}

const fail = (msg: string): never => {
  throw new Error(msg);
};

function expectCode(error: unknown, code: string, what: string): void {
  if (!(error instanceof GlassboxError) && !(error instanceof Error && (error as { code?: string }).code)) {
    fail(`${what}: expected a GlassboxError with code ${code}, got ${error === undefined ? 'no error' : String(error)}`);
  }
  const got = (error as { code: string }).code;
  if (got !== code) fail(`${what}: expected code ${code}, got ${got} (${(error as Error).message})`);
}

/**
 * The checks every explainer plugin passes: output shape and finiteness, JSON round trip,
 * determinism under a seed, zero leaked tensors (also after a throw and an abort), and typed
 * errors for bad input, bad options, out-of-range targets and missing capabilities.
 *
 * @example
 * ```ts
 * import { explainerConformance, createTinyMlp, randomInputs } from '@glassbox/core/testing';
 * for (const check of explainerConformance({ explainer: myMethod(), model: () => createTinyMlp(), inputs: () => randomInputs(3, [6]) }))
 *   it(check.name, check.run);
 * ```
 */
export function explainerConformance(options: ExplainerSuiteOptions): ConformanceCheck[] {
  const { explainer } = options;
  const call = { seed: 3, ...options.call };
  const withModel = async (fn: (m: Model) => Promise<void>) => {
    const m = await options.model();
    try {
      await fn(m);
    } finally {
      m.dispose?.();
    }
  };
  const checks: ConformanceCheck[] = [
    {
      name: `${explainer.name}: declares name, version and specVersion 1`,
      run: async () => {
        if (!explainer.name || typeof explainer.name !== 'string') fail('missing name');
        if (!/^\d+\.\d+\.\d+/.test(explainer.version)) fail(`version "${explainer.version}" is not semver`);
        if (explainer.specVersion !== 1) fail(`specVersion ${explainer.specVersion} is not 1`);
        for (const [k, spec] of Object.entries(explainer.options as Record<string, { description?: string }>)) {
          if (!spec.description) fail(`option ${k} has no description`);
        }
      },
    },
    {
      name: `${explainer.name}: output has the expected shape, finite values, and round-trips through JSON`,
      run: () =>
        withModel(async (m) => {
          const e = await explainer.explain(m, options.inputs() as never, call);
          const expected = options.expectedShape ? options.expectedShape(e.inputShape) : e.inputShape;
          if (JSON.stringify(e.attributionShape) !== JSON.stringify(expected)) {
            fail(`attribution shape ${JSON.stringify(e.attributionShape)}; expected ${JSON.stringify(expected)}`);
          }
          if (e.attributions.length !== expected.reduce((a, b) => a * b, 1)) fail('attribution values do not fill their shape');
          if (!e.attributions.every(Number.isFinite)) fail('attributions contain NaN or Infinity');
          if (e.targets.length !== e.inputShape[0]) fail('one target per example expected');
          if (e.method !== explainer.name) fail(`method "${e.method}" differs from name "${explainer.name}"`);
          const back = explanationFromJSON(JSON.parse(JSON.stringify(explanationToJSON(e))));
          if (JSON.stringify(explanationToJSON(back)) !== JSON.stringify(explanationToJSON(e))) fail('JSON round trip changed the explanation');
        }),
    },
    {
      name: `${explainer.name}: deterministic under a seed`,
      run: () =>
        withModel(async (m) => {
          const a = await explainer.explain(m, options.inputs() as never, call);
          const b = await explainer.explain(m, options.inputs() as never, call);
          for (let i = 0; i < a.attributions.length; i++) {
            if (a.attributions[i] !== b.attributions[i]) fail(`run 2 differs at element ${i}: ${a.attributions[i]} vs ${b.attributions[i]}`);
          }
        }),
    },
    {
      name: `${explainer.name}: leaks no tensors`,
      run: () =>
        withModel(async (m) => {
          await explainer.explain(m, options.inputs() as never, call); // warm-up: backends may cache constants
          const r = await trackTensors(() => explainer.explain(m, options.inputs() as never, call));
          if (r.error) throw r.error;
          if (r.leaked !== 0) fail(`leaked ${r.leaked} tensors`);
        }),
    },
    {
      name: `${explainer.name}: out-of-range target is a typed error, without leaks`,
      run: () =>
        withModel(async (m) => {
          const r = await trackTensors(() => explainer.explain(m, options.inputs() as never, { ...call, target: 10_000 }));
          expectCode(r.error, 'TARGET_OUT_OF_RANGE', 'target 10000');
          if (r.leaked !== 0) fail(`leaked ${r.leaked} tensors after the error`);
        }),
    },
    {
      name: `${explainer.name}: NaN input and wrong shapes are typed errors, without leaks`,
      run: () =>
        withModel(async (m) => {
          const bad = JSON.parse(JSON.stringify(options.inputs()));
          let cell: any = bad;
          while (Array.isArray(cell[0])) cell = cell[0];
          const withNaN = structuredClone(bad);
          let c2: any = withNaN;
          while (Array.isArray(c2[0])) c2 = c2[0];
          c2[0] = NaN;
          const r1 = await trackTensors(() => explainer.explain(m, withNaN, call));
          expectCode(r1.error, 'INVALID_INPUT', 'NaN input');
          const r2 = await trackTensors(() => explainer.explain(m, bad[0], call));
          expectCode(r2.error, 'INVALID_INPUT', 'input without a batch dimension');
          if (r1.leaked !== 0 || r2.leaked !== 0) fail(`leaked ${r1.leaked + r2.leaked} tensors after the errors`);
        }),
    },
    {
      name: `${explainer.name}: unknown or invalid options are typed errors`,
      run: () =>
        withModel(async (m) => {
          const r = await trackTensors(() => explainer.explain(m, options.inputs() as never, { ...call, options: { noSuchOption: 1 } }));
          expectCode(r.error, 'INVALID_OPTION', 'unknown option');
          if (r.leaked !== 0) fail(`leaked ${r.leaked} tensors after the error`);
        }),
    },
    {
      name: `${explainer.name}: abort mid-run is a typed error, without leaks`,
      run: () =>
        withModel(async (m) => {
          const before = new AbortController();
          before.abort();
          const r1 = await trackTensors(() => explainer.explain(m, options.inputs() as never, { ...call, signal: before.signal }));
          expectCode(r1.error, 'ABORTED', 'pre-aborted signal');
          const during = new AbortController();
          let unfinished = false;
          const r2 = await trackTensors(() =>
            explainer.explain(m, options.inputs() as never, {
              ...call,
              signal: during.signal,
              onProgress: (p) => {
                if (!during.signal.aborted && p.done < p.total) unfinished = true;
                during.abort();
              },
            }),
          );
          if (r2.error) expectCode(r2.error, 'ABORTED', 'abort from progress');
          else if (unfinished) fail('aborted while work remained (progress done < total), but the call resolved');
          if (r1.leaked !== 0 || r2.leaked !== 0) fail(`leaked ${r1.leaked + r2.leaked} tensors after abort`);
        }),
    },
  ];
  if (explainer.requires.length > 0) {
    checks.push({
      name: `${explainer.name}: a model without ${explainer.requires.join(', ')} is refused with a typed error`,
      run: async () => {
        const base = await options.model();
        try {
          const bare =
            (await options.modelWithoutCapabilities?.()) ??
            fromBatchFunction(
              async (x, n) => {
                const tf = await import('@tensorflow/tfjs-core');
                const t = tf.tensor(x, [n, ...base.inputShape]);
                const y = await base.predict(t);
                const d = (await y.data()) as Float32Array;
                tf.dispose([t, y]);
                return d;
              },
              { inputShape: base.inputShape, outputShape: base.outputShape },
            );
          const r = await trackTensors(() => explainer.explain(bare, options.inputs() as never, call));
          expectCode(r.error, 'MISSING_CAPABILITY', 'black-box model');
          if (r.leaked !== 0) fail(`leaked ${r.leaked} tensors`);
        } finally {
          base.dispose?.();
        }
      },
    });
  }
  return checks;
}
