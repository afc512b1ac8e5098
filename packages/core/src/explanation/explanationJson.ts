import { InvalidInputError } from '../errors/InvalidInputError';
import { EXPLANATION_SPEC_VERSION, type Explanation } from './Explanation';
import { sizeOf } from '../util/shape';
import { nest, flatten } from '../util/nested';

/** JSON form of an {@link Explanation}: typed arrays become nested arrays in their shapes. */
export type ExplanationJSON = Omit<Explanation, 'inputs' | 'outputs' | 'attributions'> & {
  inputs: unknown;
  outputs: unknown;
  attributions: unknown;
};

/** Converts to a JSON-safe object (`JSON.stringify` it to save). */
export function explanationToJSON(e: Explanation): ExplanationJSON {
  return {
    ...e,
    inputs: nest(e.inputs, e.inputShape),
    outputs: nest(e.outputs, e.outputShape),
    attributions: nest(e.attributions, e.attributionShape),
  };
}

/** Parses an explanation saved with {@link explanationToJSON}; validates shapes. */
export function explanationFromJSON(json: unknown): Explanation {
  const j = json as ExplanationJSON;
  if (!j || typeof j !== 'object' || j.specVersion !== EXPLANATION_SPEC_VERSION) {
    throw new InvalidInputError(`Not a Glassbox explanation (expected specVersion ${EXPLANATION_SPEC_VERSION})`, {
      received: (j as { specVersion?: unknown })?.specVersion,
    });
  }
  const arr = (name: string, value: unknown, shape: number[]) => {
    const flat = flatten(value, shape, name);
    if (flat.length !== sizeOf(shape)) {
      throw new InvalidInputError(`Explanation field "${name}" has ${flat.length} values; its shape needs ${sizeOf(shape)}`);
    }
    return flat;
  };
  return {
    ...j,
    inputs: arr('inputs', j.inputs, j.inputShape),
    outputs: arr('outputs', j.outputs, j.outputShape),
    attributions: arr('attributions', j.attributions, j.attributionShape),
  } as Explanation;
}
