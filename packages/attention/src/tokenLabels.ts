import type { AttentionAccess, ExplanationLabels } from '@glassbox/core';
import { decodeTokens } from './tokenInputs';

/**
 * The `labels` part of an explanation result: the decoded tokens per example when the model can
 * decode its ids, else nothing (spread it into the result).
 */
export function tokenLabels(access: AttentionAccess, ids: Float32Array, batch: number, tokens: number): { labels?: ExplanationLabels } {
  const names = decodeTokens(access, ids, batch, tokens);
  return names ? { labels: { tokens: names } } : {};
}
