import { GlassboxError } from './GlassboxError';

/** A pipeline step failed; the message names the step and the plugin that provides it. Code: `PIPELINE_STEP_FAILED`. */
export class PipelineStepError extends GlassboxError {
  constructor(step: { index: number; name: string; plugin: string }, cause: unknown) {
    const inner = cause instanceof Error ? cause.message : String(cause);
    const innerCode = cause instanceof GlassboxError ? cause.code : undefined;
    super('PIPELINE_STEP_FAILED', `Pipeline step ${step.index} "${step.name}" (plugin ${step.plugin}) failed: ${inner}`, { ...step, causeCode: innerCode }, { cause });
  }
}
