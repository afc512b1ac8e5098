import type { Explainer, ExplainCall, ExplainInput } from '../explainer/Explainer';
import type { Explanation, ExplanationKind } from '../explanation/Explanation';
import type { Model } from '../model/Model';
import { PipelineStepError } from '../errors/PipelineStepError';
import { AbortedError } from '../errors/AbortedError';
import { withBackend } from '../backend/backendRegistry';
import { createRandom } from '../random/createRandom';
import type { PipelineContext, PipelineStep } from './PipelineStep';
import type { Random } from '../random/Random';

type AnyStep = PipelineStep<unknown, unknown>;

/**
 * An explicit composition: an explainer (possibly wrapped), then steps applied in order. Each
 * `use` returns a new pipeline typed by the step's output; a step that does not accept the
 * previous output is a type error, and at run time a failure names the step and its plugin.
 *
 * @example
 * ```ts
 * const result = await pipeline(noiseTunnel(integratedGradients(), { samples: 8 }))
 *   .use(absolute())
 *   .use(normalize())
 *   .use(renderStep({ format: 'png' })) // from @glassbox/viz: a step, not a function
 *   .run(model, inputs, { target: 3 });
 * ```
 */
export class Pipeline<T> {
  private constructor(
    private readonly source: { explainer: Explainer<any, any, any>; backend?: string | undefined },
    private readonly steps: readonly AnyStep[],
  ) {}

  /** Starts a pipeline at an explainer; `backend` runs the explainer there. */
  static from<O, K extends ExplanationKind, D>(explainer: Explainer<O, K, D>, options: { backend?: string | undefined } = {}): Pipeline<Explanation<K, D>> {
    return new Pipeline<Explanation<K, D>>({ explainer, backend: options.backend }, []);
  }

  /** Appends a step. */
  use<U>(step: PipelineStep<T, U>): Pipeline<U> {
    return new Pipeline<U>(this.source, [...this.steps, step as unknown as AnyStep]);
  }

  /** The names of the steps, source first. */
  describe(): string[] {
    return [this.source.explainer.name, ...this.steps.map((s) => s.name)];
  }

  async run(model: Model, inputs: ExplainInput, call: ExplainCall<Record<string, unknown>> = {}): Promise<T> {
    const signal = call.signal ?? new AbortController().signal;
    const src = this.source.explainer;
    const random = createRandom(call.seed ?? 0).fork('pipeline');
    let value: unknown;
    try {
      value = await src.explain(model, inputs, this.onSourceBackend(call));
    } catch (e) {
      if (e instanceof AbortedError) throw e;
      throw new PipelineStepError({ index: 0, name: src.name, plugin: src.package ?? src.name }, e);
    }
    for (const [i, step] of this.steps.entries()) {
      const where = { index: i + 1, name: step.name, plugin: step.plugin };
      if (signal.aborted) throw new AbortedError('The pipeline was aborted', { step: where });
      const kind = (value as Partial<Explanation>)?.kind;
      if (step.accepts && (kind === undefined || !step.accepts.includes(kind))) {
        throw new PipelineStepError(where, new Error(`step accepts explanations of kind ${step.accepts.join(' | ')}; got ${kind ?? typeof value}`));
      }
      try {
        const context = this.contextAt(i, model, inputs, call, random);
        const input = value;
        value = await withBackend(step.backend, async () => step.run(input, context));
      } catch (e) {
        if (e instanceof AbortedError) throw e;
        throw new PipelineStepError(where, e);
      }
    }
    return value as T;
  }

  /** The call with the source's backend (explain switches under the backend lock and restores it). */
  private onSourceBackend(call: ExplainCall<Record<string, unknown>>): ExplainCall<Record<string, unknown>> {
    return this.source.backend === undefined ? call : { ...call, backend: this.source.backend };
  }

  /**
   * The context step `index` runs with (`random` is shared by the steps of one run); its
   * `explainAgain` replays the source and the transforming steps before it.
   */
  private contextAt(index: number, model: Model, inputs: ExplainInput, call: ExplainCall<Record<string, unknown>>, random: Random): PipelineContext {
    return {
      model,
      inputs,
      call,
      random,
      signal: call.signal ?? new AbortController().signal,
      progress: (p) => call.onProgress?.(p),
      source: this.source.explainer,
      explainAgain: async (m, x, c = call) => {
        let v: unknown = await this.source.explainer.explain(m, x, this.onSourceBackend(c));
        const replayRandom = createRandom(c.seed ?? 0).fork('pipeline');
        for (const [j, step] of this.steps.slice(0, index).entries()) {
          if (step.observes) continue;
          const ctx = this.contextAt(j, m, x, c, replayRandom);
          const input = v;
          v = await withBackend(step.backend, async () => step.run(input, ctx));
        }
        return v;
      },
    };
  }
}

/** Starts a {@link Pipeline} at an explainer. */
export function pipeline<O, K extends ExplanationKind, D>(explainer: Explainer<O, K, D>, options: { backend?: string | undefined } = {}): Pipeline<Explanation<K, D>> {
  return Pipeline.from(explainer, options);
}
