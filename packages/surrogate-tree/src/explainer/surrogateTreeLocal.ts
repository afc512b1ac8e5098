import { defineExplainer, InvalidInputError, sizeOf, type Explainer } from '@glassbox/core';
import type { DecisionTree } from '../tree/DecisionTree';
import { treeNode } from '../tree/treeNode';
import { fitTree } from '../tree/fitTree';
import { toDense, type Matrix } from '../tree/Matrix';
import { decisionPath, predictTree } from '../tree/predictTree';
import { treeRules } from '../tree/treeRules';
import { treeToText } from '../tree/treeToText';
import { formatCondition } from '../tree/formatNode';
import { accuracy, r2Score } from '../metrics/fidelity';
import { featureUnits } from '../data/featureUnits';
import { perturbAround } from '../data/perturb';
import { splitRows } from '../data/splitRows';
import { queryModel } from '../model/queryModel';
import { modelClassNames, modelFeatureNames, modelLabels, outputName } from '../model/modelLabels';
import { fitOptionsOf, treeShapeSchema, type TreeShapeOptions } from './treeShapeOptions';
import { name as packageName, version } from '../../package.json';

/** Options of {@link surrogateTreeLocal}. */
export interface SurrogateTreeLocalOptions extends TreeShapeOptions {
  /** Perturbed samples drawn around each instance (the instance itself included). */
  samples: number;
  /** Numeric features move by `noise × their standard deviation × N(0, 1)`. */
  noise: number;
  /** Probability that a binary feature or one-hot group is replaced by a background row's value. */
  swap: number;
  /** Width of the proximity kernel `exp(−d² / width²)` on the normalised distance. */
  kernelWidth: number;
  /** Fraction of the perturbed samples held out to measure local fidelity. */
  heldOut: number;
}

/** One decision on the instance's path, with what it did to the explained score. */
export interface LocalPathStep {
  feature: number;
  name: string;
  threshold: number;
  /** The instance's value. */
  value: number;
  /** `Duration > 27`, `CheckingAccountStatus.none = 0`. */
  condition: string;
  /** Change of the explained score (class share or mean) from the node to the child taken. */
  contribution: number;
}

/** The local surrogate of one instance (JSON-safe). */
export interface LocalSurrogate {
  row: number;
  target: number;
  /** Classification: the model's class at the instance. Regression: its output for the target. */
  modelPrediction: number;
  /** The same, from the tree's leaf for the instance. */
  treePrediction: number;
  /** Classification: the tree gives the instance the model's class. */
  agrees?: boolean;
  /** Weighted accuracy or R² against the model on held-out perturbed samples. */
  fidelity: number;
  fidelityMetric: 'accuracy' | 'r2';
  samples: number;
  heldOutSamples: number;
  /** The explained score at the root and at the instance's leaf: `leafScore − rootScore` = Σ contributions. */
  rootScore: number;
  leafScore: number;
  /** What the score is: `share of bad` or `P(bad)`. */
  scoreName: string;
  path: LocalPathStep[];
  /** The leaf's rule, e.g. `if Duration > 27 and … then bad (n = 212, 91.3% agree)`. */
  rule: string;
  tree: DecisionTree;
  text: string;
}

/** What a local surrogate explanation carries in `data`. */
export interface SurrogateTreeLocalData {
  instances: LocalSurrogate[];
}

const DEFAULTS = { maxDepth: 3, minSamplesLeaf: 10 };

/**
 * Local surrogate: for each instance, `samples` perturbed neighbours labelled by the model and
 * weighted by proximity, a shallow weighted CART tree fitted to them, its local fidelity on held-out
 * neighbours, and the decision path of the instance. Attributions (shape of the input) are the
 * path's contributions: how much each split on the path moved the explained score (the share of
 * the target class, or the mean output for regression) from the root to the instance's leaf.
 * Needs no gradients.
 *
 * Feature spreads and category frequencies come from `background` (rows of data), or from the
 * explain() batch itself when none is given.
 *
 * @example
 * ```ts
 * const local = surrogateTreeLocal({ background: table, maxDepth: 3 });
 * const e = await local.explain(model, [applicant], { target: 1 });
 * e.data.instances[0].path.map((s) => s.condition); // ['CheckingAccountStatus.lt.0 = 1', 'Duration > 27']
 * e.data.instances[0].fidelity;                      // 0.93
 * ```
 */
export function surrogateTreeLocal(
  config: Partial<SurrogateTreeLocalOptions> & { background?: Matrix } = {},
): Explainer<SurrogateTreeLocalOptions, 'attribution', SurrogateTreeLocalData> {
  const name = 'surrogate-tree-local';
  const { background: backgroundInput, ...defaults } = config;
  const background = backgroundInput === undefined ? undefined : toDense(backgroundInput, 'background');
  return defineExplainer<SurrogateTreeLocalOptions, 'attribution', SurrogateTreeLocalData>({
    name,
    kind: 'attribution',
    package: { name: packageName, version },
    description: 'Local decision-tree surrogate around each instance: weighted perturbations, local fidelity and the deciding path',
    requires: [],
    options: {
      ...treeShapeSchema(DEFAULTS),
      samples: { type: 'number', integer: true, min: 20, default: 1000, description: 'Perturbed samples per instance' },
      noise: { type: 'number', min: 0, exclusiveMin: true, default: 0.5, description: 'Numeric perturbation, in standard deviations' },
      swap: { type: 'number', min: 0, max: 1, default: 0.3, description: 'Probability of resampling each binary feature or one-hot group' },
      kernelWidth: { type: 'number', min: 0, exclusiveMin: true, default: 0.75, description: 'Width of the proximity kernel' },
      heldOut: { type: 'number', min: 0, exclusiveMin: true, max: 0.9, default: 0.2, description: 'Fraction of samples held out for local fidelity' },
    },
    defaults,
    // Given the data set the explained rows come from, learn the feature spreads from all of it.
    withBackground: (rows) => surrogateTreeLocal({ ...config, background: { values: rows.values, shape: rows.shape as [number, number] } }),
    async run({ model, inputs, targets, options, context }) {
      const fit = fitOptionsOf(options, `method "${name}"`);
      const n = inputs.shape[0]!; // inputs are [batch, ...inputShape]
      const p = sizeOf(model.inputShape);
      const outSize = sizeOf(model.outputShape);
      const values = Float32Array.from((await inputs.data()) as Float32Array);
      const bg = background ?? { values, rows: n, cols: p };
      if (bg.cols !== p) throw new InvalidInputError(`background has ${bg.cols} columns; model "${model.name}" has ${p} inputs`, { expected: p, received: bg.cols });
      if (bg.rows < 2) {
        throw new InvalidInputError(`${name} learns feature spreads from a background: pass surrogateTreeLocal({ background: rows }) or explain at least 2 rows`, {
          received: bg.rows,
        });
      }
      const featureNames = modelFeatureNames(model, p);
      const units = featureUnits(featureNames, bg.values, bg.rows, p);
      const classification = options.task === 'classification';
      const attributions = new Float32Array(n * p);
      const instances: LocalSurrogate[] = [];
      for (let i = 0; i < n; i++) {
        const x = values.subarray(i * p, (i + 1) * p);
        const t = targets[i]!; // one target per row (core)
        const rng = context.random.fork(`instance ${i}`);
        const { samples, weights } = perturbAround(x, units, bg, options.samples, options, rng);
        const out = await queryModel(model, samples, options.samples, context, `query model (instance ${i + 1} of ${n})`);
        const y = classification ? modelLabels(out, outSize) : Float64Array.from({ length: options.samples }, (_, s) => out[s * outSize + t]!);
        const split = splitRows(options.samples - 1, options.heldOut, rng.fork('held-out'));
        const trainIdx = [0, ...Array.from(split.train, (s) => s + 1)];
        const testIdx = Array.from(split.test, (s) => s + 1);
        const rows = (idx: number[]) => {
          const v = new Float32Array(idx.length * p);
          idx.forEach((s, r) => v.set(samples.subarray(s * p, (s + 1) * p), r * p));
          return { values: v, shape: [idx.length, p] };
        };
        const classNames = classification ? modelClassNames(model, outSize) : undefined;
        const tree = fitTree(rows(trainIdx), trainIdx.map((s) => y[s]!), {
          ...fit,
          sampleWeight: trainIdx.map((s) => weights[s]!),
          featureNames,
          classNames,
          targetName: classification ? undefined : outputName(model, t, out),
        });
        const score = classification ? accuracy : r2Score;
        const fidelity = score(testIdx.map((s) => y[s]!), predictTree(tree, rows(testIdx)), testIdx.map((s) => weights[s]!));
        const c = outSize === 1 ? 1 : t;
        const scoreOf = (k: number) => (classification ? (treeNode(tree, k).value[c] ?? 0) : treeNode(tree, k).prediction);
        const { steps, leaf } = decisionPath(tree, x);
        const path = steps.map((s): LocalPathStep => {
          const decision = treeNode(tree, s.node);
          const child = s.left ? decision.left : decision.right;
          const contribution = scoreOf(child) - scoreOf(s.node);
          attributions[i * p + s.feature]! += contribution;
          return { feature: s.feature, name: s.name, threshold: s.threshold, value: s.value, condition: formatCondition(tree, s.feature, s.threshold, s.left), contribution };
        });
        instances.push({
          row: i,
          target: t,
          modelPrediction: y[0]!,
          treePrediction: treeNode(tree, leaf).prediction,
          ...(classification ? { agrees: treeNode(tree, leaf).prediction === y[0] } : {}),
          fidelity,
          fidelityMetric: classification ? 'accuracy' : 'r2',
          samples: options.samples,
          heldOutSamples: testIdx.length,
          rootScore: scoreOf(0),
          leafScore: scoreOf(leaf),
          scoreName: classification ? `share of ${classNames![c]!}` : tree.targetName!,
          path,
          rule: treeRules(tree).find((r) => r.leaf === leaf)!.text,
          tree,
          text: treeToText(tree),
        });
        context.progress({ stage: 'local surrogates', done: i + 1, total: n });
        context.throwIfAborted();
      }
      return {
        attributions: { values: attributions, shape: [n, ...model.inputShape] },
        diagnostics: { fidelity: instances.map((s) => s.fidelity), samples: options.samples },
        data: { instances },
      };
    },
  });
}
