/** How the numbers of a reply read on screen. */
import type { ReplyStats } from '../../../../src/domain/playground.js';

/** 85 ms, 1.24 s. */
export const durationText = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);

/** 66.7 (one decimal is what a decode rate can honestly claim from one reply). */
export const rateText = (tokensPerSecond: number): string => tokensPerSecond.toFixed(1);

export const statsValues = (stats: ReplyStats) => ({
  ttft: durationText(stats.ttftMs),
  rate: rateText(stats.tokensPerSecond),
  tokens: stats.outputTokens,
  seconds: (stats.e2eMs / 1000).toFixed(2),
});
