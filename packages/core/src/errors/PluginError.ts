import { GlassboxError } from './GlassboxError';

/**
 * A plugin was refused: it would shadow a built-in method, two chosen plugins claim the same id,
 * its manifest is malformed, or it failed to load. `details.plugin` names the package or file.
 * Code: `PLUGIN_REFUSED`.
 */
export class PluginError extends GlassboxError {
  constructor(message: string, details: { plugin: string } & Record<string, unknown>, options?: { cause?: unknown }) {
    super('PLUGIN_REFUSED', message, details, options);
  }
}
