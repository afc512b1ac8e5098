import { toRenderTree, type RenderTreeNode } from '../render/toRenderTree';
import { defineExplainer, InvalidInputError, InvalidOptionError, sizeOf, type Explainer } from '@glassbox/core';
import type { DecisionTree } from '../tree/DecisionTree';
import { fitTree } from '../tree/fitTree';
import { predictTree } from '../tree/predictTree';
import { treeRules, type TreeRule } from '../tree/treeRules';
import { treeToText } from '../tree/treeToText';
import { accuracy, r2Score } from '../metrics/fidelity';
import { featureUnits } from '../data/featureUnits';
import { augmentRows } from '../data/perturb';
import { splitRows, takeRows } from '../data/splitRows';
import { queryModel } from '../model/queryModel';
import { modelClassNames, modelFeatureNames, modelLabels, outputName } from '../model/modelLabels';
import { fitOptionsOf, treeShapeSchema, type TreeShapeOptions } from './treeShapeOptions';
import { name as packageName, version } from '../../package.json';

/** Options of {@link surrogateTree}. */
export interface SurrogateTreeOptions extends TreeShapeOptions {
  /** Fraction of the rows held out to measure fidelity (never used for fitting). */
  heldOut: number;
  /** Noisy copies of each training row added (labelled by the model); 0 fits on the data alone. */
  augment: number;
  /** Spread of those copies: numeric features move by `noise × their standard deviation`. */
  noise: number;
}

/** What a global surrogate explanation carries in `data` (JSON-safe). */
export interface SurrogateTreeData {
  tree: DecisionTree;
  /** One rule per leaf, e.g. `if worst_radius > 16.8 and … then malignant (n = 143, 97.2% agree)`. */
  rules: TreeRule[];
  /** The rules' text, one per line. */
  rulesText: string;
  /** The tree as indented text (see `treeToText`). */
  text: string;
  /** The tree as nested nodes for drawing (`toRenderTree`; what `@glassbox/viz` reads). */
  renderTree: RenderTreeNode;
  /** Held-out fidelity: accuracy (classification) or R² (regression) of the tree against the MODEL's outputs on rows it was not fitted on. */
  fidelity: number;
  fidelityMetric: 'accuracy' | 'r2';
  /** The same measure on the rows it was fitted on. */
  trainFidelity: number;
  /** Held-out accuracy of always answering the training rows' majority class (classification; what a useless tree scores). */
  majorityFidelity?: number;
  trainRows: number;
  heldOutRows: number;
  syntheticRows: number;
  leaves: number;
  depth: number;
  /** Feature importances, largest first. */
  importances: { feature: string; importance: number }[];
  /** Regression: the output index the tree mimics. */
  output?: number;
}

const DEFAULTS = { maxDepth: 4, minSamplesLeaf: 5 };

/**
 * Global surrogate: a CART tree fitted to the model's own predictions on the given rows (the
 * explain() batch, e.g. a CSV), with its held-out fidelity. Needs no gradients, so it explains
 * black-box models too. Attributions are the tree's feature importances, shape `[1, ...inputShape]`;
 * the tree, its rules and fidelity are in `data` ({@link SurrogateTreeData}).
 *
 * `task: 'classification'` mimics the predicted class (argmax; a single output is read as a
 * probability at 0.5). `task: 'regression'` mimics one output: pass one `target` for all rows.
 *
 * @example
 * ```ts
 * const table = await readCsv('patients.csv');
 * const e = await surrogateTree({ maxDepth: 3 }).explain(model, table);
 * e.data.fidelity;  // 0.95: the tree agrees with the model on 95% of held-out patients
 * console.log(e.data.rulesText);
 * ```
 */
export function surrogateTree(defaults: Partial<SurrogateTreeOptions> = {}): Explainer<SurrogateTreeOptions, 'surrogate', SurrogateTreeData> {
  const name = 'surrogate-tree';
  return defineExplainer<SurrogateTreeOptions, 'surrogate', SurrogateTreeData>({
    name,
    kind: 'surrogate',
    package: { name: packageName, version },
    description: "Global decision-tree surrogate of the model's predictions, with held-out fidelity and readable rules",
    requires: [],
    options: {
      ...treeShapeSchema(DEFAULTS),
      heldOut: { type: 'number', min: 0, exclusiveMin: true, max: 0.9, default: 0.25, description: 'Fraction of rows held out to measure fidelity' },
      augment: { type: 'number', integer: true, min: 0, max: 100, default: 0, description: 'Noisy copies of each training row to add (labelled by the model)' },
      noise: { type: 'number', min: 0, exclusiveMin: true, default: 0.1, description: 'Spread of the copies, in standard deviations of each numeric feature' },
    },
    defaults,
    async run({ model, inputs, targets, options, context, outputs }) {
      const fit = fitOptionsOf(options, `method "${name}"`);
      const n = inputs.shape[0]!; // inputs are [batch, ...inputShape]
      const p = sizeOf(model.inputShape);
      const outSize = sizeOf(model.outputShape);
      if (n < 2) throw new InvalidInputError(`${name} needs at least 2 rows (some to fit the tree, some to measure its fidelity); got ${n}`, { received: n });
      let output: number | undefined;
      if (options.task === 'regression') {
        output = targets[0];
        if (targets.some((t) => t !== output)) {
          throw new InvalidOptionError(`${name} with task regression mimics one output: pass one target for all rows (e.g. target: ${output})`, {
            option: 'target',
            received: [...new Set(targets)],
          });
        }
      }
      const reference = (out: Float32Array) =>
        output === undefined ? modelLabels(out, outSize) : Float64Array.from({ length: out.length / outSize }, (_, i) => out[i * outSize + output!]!);
      const values = Float32Array.from((await inputs.data()) as Float32Array);
      const featureNames = modelFeatureNames(model, p);
      const classNames = output === undefined ? modelClassNames(model, outSize) : undefined;
      const y = reference(outputs);
      const { train, test } = splitRows(n, options.heldOut, context.random.fork('held-out'));
      let X = takeRows(values, p, train);
      let yTrain: ArrayLike<number> = Array.from(train, (i) => y[i]!);
      let synthetic = 0;
      if (options.augment > 0) {
        const units = featureUnits(featureNames, X, train.length, p);
        const extra = augmentRows(X, train.length, p, units, options.augment, options.noise, context.random.fork('augment'));
        synthetic = train.length * options.augment;
        const yExtra = reference(await queryModel(model, extra, synthetic, context, 'query model on perturbed rows'));
        const merged = new Float32Array(X.length + extra.length);
        merged.set(X);
        merged.set(extra, X.length);
        X = merged;
        yTrain = [...Array.from(yTrain), ...Array.from(yExtra)];
      }
      context.progress({ stage: 'fit tree', done: 0, total: 1 });
      context.throwIfAborted();
      const tree = fitTree({ values: X, shape: [X.length / p, p] }, yTrain, {
        ...fit,
        featureNames,
        classNames,
        targetName: output === undefined ? undefined : outputName(model, output, outputs),
      });
      context.progress({ stage: 'fit tree', done: 1, total: 1 });
      const score = output === undefined ? accuracy : r2Score;
      const testX = { values: takeRows(values, p, test), shape: [test.length, p] };
      const testY = Array.from(test, (i) => y[i]!);
      const fidelity = score(testY, predictTree(tree, testX));
      const trainFidelity = score(Array.from(train, (i) => y[i]!), predictTree(tree, { values: takeRows(values, p, train), shape: [train.length, p] }));
      const rules = treeRules(tree);
      const importances = tree.featureImportances
        .map((importance, j) => ({ feature: featureNames[j]!, importance }))
        .sort((a, b) => b.importance - a.importance);
      return {
        attributions: { values: Float32Array.from(tree.featureImportances), shape: [1, ...model.inputShape] },
        diagnostics: { fidelity, trainFidelity, leaves: tree.leaves, depth: tree.depth, trainRows: train.length, heldOutRows: test.length, syntheticRows: synthetic },
        data: {
          tree,
          rules,
          rulesText: rules.map((r) => r.text).join('\n'),
          text: treeToText(tree),
          renderTree: toRenderTree(tree),
          fidelity,
          fidelityMetric: output === undefined ? 'accuracy' : 'r2',
          trainFidelity,
          ...(output === undefined ? { majorityFidelity: accuracy(testY, testY.map(() => tree.nodes[0]!.prediction)) } : { output }),
          trainRows: train.length,
          heldOutRows: test.length,
          syntheticRows: synthetic,
          leaves: tree.leaves,
          depth: tree.depth,
          importances,
        },
      };
    },
  });
}
