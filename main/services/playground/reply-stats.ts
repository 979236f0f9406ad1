/**
 * The numbers of one streamed reply, from what was timed while it came. Times are from a
 * monotonic clock (performance.now), relative to the moment the request was sent.
 */
import type { ReplyStats } from '../../../src/domain/playground.js';

export interface ReplyTiming {
  /** When the request went out. */
  readonly sentAt: number;
  /** When the first content or reasoning text arrived (null: none came). */
  readonly firstTokenAt: number | null;
  /** When the stream ended ([DONE], or the server closed it after its last chunk). */
  readonly endedAt: number;
  /** Chunks that carried text (content or reasoning): about one token each on every engine we know. */
  readonly textChunks: number;
  /** The server's own counts, from its usage chunk (null: it sent none). */
  readonly usage: { readonly promptTokens: number; readonly completionTokens: number } | null;
}

/** Decode rate as benchmarks report it: tokens after the first, over the time after the first. */
export const decodeRate = (outputTokens: number, ttftMs: number, e2eMs: number): number => {
  const decodeMs = e2eMs - ttftMs;
  return outputTokens > 1 && decodeMs > 0 ? ((outputTokens - 1) * 1000) / decodeMs : 0;
};

/** Null when no text came at all (nothing to time). */
export const replyStats = (timing: ReplyTiming): ReplyStats | null => {
  if (timing.firstTokenAt === null) return null;
  const ttftMs = timing.firstTokenAt - timing.sentAt;
  const e2eMs = timing.endedAt - timing.sentAt;
  const countedBy = timing.usage ? 'usage' : 'chunks';
  const outputTokens = timing.usage ? timing.usage.completionTokens : timing.textChunks;
  return {
    ttftMs,
    tokensPerSecond: decodeRate(outputTokens, ttftMs, e2eMs),
    outputTokens,
    promptTokens: timing.usage ? timing.usage.promptTokens : null,
    e2eMs,
    countedBy,
  };
};
