import type { RenderFormat } from './renderTable';

/** A rendered picture or document: PNG bytes, or SVG / HTML text. */
export interface Rendered {
  format: RenderFormat;
  /** `image/png`, `image/svg+xml` or `text/html`. */
  mime: string;
  data: Uint8Array | string;
}
