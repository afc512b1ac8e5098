import { defineExplainer, sizeOf, type ExplainRequest, type ExplainResult, type Explainer, type ExplainerDefinition } from '@glassbox/core';
import { name, version } from '../package.json';

/** What every perturbation method reads first: the batch laid out flat. */
export interface PerturbationRequest<O> extends ExplainRequest<O> {
  /** Examples in the batch. */
  n: number;
  /** One input's shape (the batch's without its first axis). */
  shape: number[];
  /** Values in one input. */
  per: number;
  /** Outputs per example (`outputs` is `[n, outSize]` flat). */
  outSize: number;
  /** The inputs, `[n, per]` flat. */
  x: Float32Array;
}

/** A black-box attribution method of this package: its identity, options and `run` over the flat batch. */
export interface PerturbationExplainerDefinition<O, D> extends Omit<ExplainerDefinition<O, 'attribution', D>, 'kind' | 'package' | 'requires' | 'run'> {
  run(request: PerturbationRequest<O>): Promise<ExplainResult<D>>;
}

/**
 * `defineExplainer` for this package's methods: attribution kind, this package's identity, no
 * capabilities required (they only call `predict`), and `run` handed the batch as flat values.
 */
export function definePerturbationExplainer<O, D = unknown>(definition: PerturbationExplainerDefinition<O, D>): Explainer<O, 'attribution', D> {
  const { run, ...rest } = definition;
  return defineExplainer<O, 'attribution', D>({
    ...rest,
    kind: 'attribution',
    package: { name, version },
    requires: [],
    async run(request) {
      const n = request.inputs.shape[0]!;
      const shape = request.inputs.shape.slice(1);
      const x = (await request.inputs.data()) as Float32Array;
      return run({ ...request, n, shape, per: sizeOf(shape), outSize: request.outputs.length / n, x });
    },
  });
}
